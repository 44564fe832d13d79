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

#include <stdbool.h>

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

/*
 * Whether plain text holds ASCII mathematics, which the report must not print as it is:
 * a '^', '<', '>', "sqrt(", "!=" or " = " (an equation, "b = 4"; not an input, "b=4");
 * "sum" before a summand ("sum_k", "sum W_k", not "the sum of"); "E[" (an expectation); a
 * one-letter name with a subscript ("F_next", "n_k", not "far_start"); or the name of a
 * Greek letter as a word ("rho", "sigma_k", "Delta^2"; not "beta" inside "alphabet", nor
 * after a backslash, a LaTeX command, or an underscore, as in mse_at_eta). Deliberately
 * simple: a text it flags needs its LaTeX twin (`text_tex`, `what_tex`, `why_tex`,
 * `mechanism_tex`), even where the twin only sets a letter in italics.
 */
bool bc_text_has_ascii_math(const char *s);

/*
 * Why a LaTeX twin cannot go into the report as it is, or NULL when it can: an unmatched
 * '$' or "$$" (display math), unbalanced braces, an unescaped '%' (which would silently
 * comment out the rest of the line), '&' or '#', a line break, or, outside $...$, a '^' or
 * '_' or what bc_text_has_ascii_math calls ASCII math (math left out of the $...$).
 */
const char *bc_tex_twin_problem(const char *tex);

#endif
