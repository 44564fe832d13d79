/*
 * bc_check_print.h - the harness's results as a readable table or as JSON. The JSON is the
 * machine-readable record that plots and the report are built from; it holds no thread
 * count or time, so it is byte-identical for every thread count.
 */
#ifndef BC_CHECK_PRINT_H
#define BC_CHECK_PRINT_H

#include <stdio.h>

#include "bc_harness.h"

void bc_check_print_table(FILE *f, const struct bc_run_result *res);
void bc_check_print_json(FILE *f, const struct bc_run_result *res);
/* LaTeX macros (\bcclaims, \bcfindings, \bcseed, ...) that reports/report.tex inputs. */
void bc_check_print_tex(FILE *f, const struct bc_run_result *res);

#endif
