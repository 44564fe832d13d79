/*
 * bc_test.h - assertion helpers for the Criterion tests.
 *
 * Criterion 2.4.1 as packaged by Debian has defects in its comparison macros (cr_assert_gt
 * and friends misreport, ieee_ulp_eq recurses once per ulp), so the tests compare with
 * these instead; tests/test_support.c tests them.
 */
#ifndef BC_TEST_H
#define BC_TEST_H

#include <stdbool.h>
#include <stdint.h>

#include "bc_claim.h"

#include <criterion/criterion.h>

/* |a - b| <= tol * max(|a|, |b|), false for NaN. */
bool bc_test_rel_close(double a, double b, double tol);
/* a and b at most `ulps` representable doubles apart, false for NaN. */
bool bc_test_ulps_close(double a, double b, double ulps);

#define BC_ASSERT_LE(a, b) \
	cr_assert((a) <= (b), "expected %s <= %s, got %.17g > %.17g", #a, #b, (double)(a), (double)(b))
#define BC_ASSERT_LT(a, b) \
	cr_assert((a) < (b), "expected %s < %s, got %.17g >= %.17g", #a, #b, (double)(a), (double)(b))
#define BC_ASSERT_REL(a, b, tol) \
	cr_assert(bc_test_rel_close((a), (b), (tol)), "expected %s ~ %s within %g relative, got %.17g vs %.17g", \
	          #a, #b, (double)(tol), (double)(a), (double)(b))
#define BC_ASSERT_ULPS(a, b, u) \
	cr_assert(bc_test_ulps_close((a), (b), (u)), "expected %s ~ %s within %g ulp, got %.17g vs %.17g", \
	          #a, #b, (double)(u), (double)(a), (double)(b))

/* Runs `build/batchcheck ARGS`; returns its exit status and what it printed. Free both. */
int bc_test_cli(const char *args, char **out, char **err);

/* Asserts `batchcheck ARGS` exits 2 with one line on stderr containing `fragment` and
 * nothing on stdout. */
void bc_test_expect_usage_error(const char *args, const char *fragment);

/*
 * For a claim's own tests (each fails the test, with a message, where it cannot go on):
 *   bc_test_claim(ID)                      the registered claim
 *   bc_test_parse(ID, LINE, SIM)           its parameters from "k=v ..." (SIM: switches too)
 *   bc_test_theory(ID, LINE, OUTPUT)       one output of its double-precision theory
 *   bc_test_expect_refusal(ID, LINE, SIM, FRAGMENT)
 *                                          LINE refused, in one line containing FRAGMENT
 *   bc_test_simulate(ID, LINE, OUTPUT, R)  its simulator's estimate and SE over R
 *                                          replicates (a fixed test stream, 2 threads)
 * Compare an estimate with a value as |estimate - value| <= 5 se: never with a hard-coded
 * Monte Carlo number.
 */
struct bc_test_estimate {
	double estimate, se;
};

const struct bc_claim *bc_test_claim(const char *id);
struct bc_args bc_test_parse(const char *id, const char *line, bool allow_sim);
double bc_test_theory(const char *id, const char *line, const char *output);
void bc_test_expect_refusal(const char *id, const char *line, bool allow_sim, const char *fragment);
struct bc_test_estimate bc_test_simulate(const char *id, const char *line, const char *output,
                                         uint64_t samples);

#endif
