/*
 * bc_conformance.h - what every claim must have, checked for each registered claim by
 * tests/test_conformance.c (so `make check` enforces it, whatever a claim's own tests do).
 *
 * A claim conforms when it has at least three in-regime points, at least one outside
 * point, at least three planted variants, each comparable with some in-regime point; a
 * finding for every outside point, each with a one-line .brief; a claim from a seed, its
 * .seed_quote and .seed_quote_en; findings that name existing points or variants; unique
 * names that fit the tables; a plot script plots/ID.gp, a test file tests/test_ID.c and a
 * README row; and, once run, its ulp bound met, every in-regime point passed, every
 * planted variant rejected and every outside point flagged.
 */
#ifndef BC_CONFORMANCE_H
#define BC_CONFORMANCE_H

#include "bc_claim.h"
#include "bc_harness.h"

#define BC_MIN_REGIME_POINTS 3
#define BC_MIN_OUTSIDE_POINTS 1
#define BC_MIN_VARIANTS 3
#define BC_POINT_NAME_MAX 14   /* the table's point column */
#define BC_VARIANT_NAME_MAX 30 /* the table's variant column */

/* Called once per problem with one line, "ID: what is missing or wrong". */
typedef void (*bc_conformance_say)(void *ctx, const char *line);

/* The claim's own data and files, under the source tree `root` (holding README.md, plots/
 * and tests/). Returns the number of problems. */
int bc_conformance_static(const struct bc_claim *c, const char *root, bc_conformance_say say,
                          void *ctx);

/* The verdicts of a harness run on the claim: its ulp bound met (unless the run skipped the
 * sweep), every in-regime point passed, every variant rejected, every outside point flagged.
 * Returns the number of problems. */
int bc_conformance_verdicts(const struct bc_claim_result *cr, bc_conformance_say say,
                            void *ctx);

#endif
