/*
 * bc_json.h - the few JSON writers the CLI needs. Numbers are printed with %.17g so they
 * read back to the same double; a non-finite number is printed as null, never as NaN.
 */
#ifndef BC_JSON_H
#define BC_JSON_H

#include <stdbool.h>
#include <stdio.h>

#include <mpfr.h>

#include "bc_claim.h"

/* Shortest of %.15g..%.17g that reads back to x, so inputs print as typed. */
int bc_fmt_double(char *buf, size_t n, double x);

void bc_json_string(FILE *f, const char *s);
void bc_json_number(FILE *f, double x);
/* An MPFR value as a JSON string with 45 significant digits. */
void bc_json_mpfr(FILE *f, const mpfr_t x);
/* {"name":value,...} for the claim's parameters; switches only when `with_sim`. */
void bc_json_args(FILE *f, const struct bc_claim *c, const struct bc_args *in, bool with_sim);
/* The same as "name=value" words, for tables and the report. */
void bc_args_format(const struct bc_claim *c, const struct bc_args *in, bool with_sim,
                    char *buf, size_t n);

#endif
