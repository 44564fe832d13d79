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

#endif
