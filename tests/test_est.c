/* Estimators: exact on known data, order-fixed merging equal to one pass. */
#include <math.h>

#include "bc_est.h"
#include "bc_test.h"

Test(est, pairwise_sum_keeps_small_terms_that_naive_summation_loses)
{
	/* 1 followed by 2^20 copies of 2^-53 (exact sum 1 + 2^-33): naive summation
	 * returns exactly 1. */
	enum { N = (1 << 20) + 1 };
	static double x[N];
	x[0] = 1.0;
	for (int i = 1; i < N; i++)
		x[i] = 0x1p-53;
	double naive = 0;
	for (int i = 0; i < N; i++)
		naive += x[i];
	cr_assert_eq(naive, 1.0);
	/* pairwise loses at most what one 16-term leaf loses */
	BC_ASSERT_LE(fabs(bc_est_pairwise_sum(x, N, 1) - (1.0 + 0x1p-33)), 16 * 0x1p-53);
}

Test(est, moments_of_known_data)
{
	const double x[] = {2, 4, 4, 4, 5, 5, 7, 9};
	struct bc_moments m = bc_est_moments(x, 8, 1);
	cr_assert_eq(m.n, 8);
	cr_assert_eq(m.mean, 5);
	cr_assert_eq(m.m2, 32);
	BC_ASSERT_ULPS(bc_est_sd(m), sqrt(32.0 / 7), 1);
	BC_ASSERT_ULPS(bc_est_se(m), sqrt(32.0 / 7) / sqrt(8.0), 2);
}

Test(est, moments_are_not_fooled_by_a_large_offset)
{
	/* Sigma x^2 - (Sigma x)^2 / n would return garbage here; two-pass does not. */
	const double x[] = {1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16};
	struct bc_moments m = bc_est_moments(x, 4, 1);
	cr_assert_eq(m.m2, 90);
}

Test(est, strided_view_reads_one_column)
{
	const double x[] = {1, 100, 2, 200, 3, 300};
	struct bc_moments m = bc_est_moments(x + 1, 3, 2);
	cr_assert_eq(m.mean, 200);
	cr_assert_eq(m.m2, 20000);
}

Test(est, merging_blocks_equals_one_pass)
{
	double x[1000];
	for (int i = 0; i < 1000; i++)
		x[i] = sin(i * 0.37) * 3 + i * 1e-3;
	struct bc_moments whole = bc_est_moments(x, 1000, 1);
	struct bc_moments merged = {0, 0, 0};
	for (int b = 0; b < 1000; b += 137)
		merged = bc_est_merge(merged, bc_est_moments(x + b, b + 137 > 1000 ? 1000 - b : 137, 1));
	cr_assert_eq(merged.n, 1000);
	BC_ASSERT_REL(merged.mean, whole.mean, 1e-14);
	BC_ASSERT_REL(merged.m2, whole.m2, 1e-13);
}

Test(est, fewer_than_two_observations_have_no_spread)
{
	const double x[] = {3};
	struct bc_moments m = bc_est_moments(x, 1, 1);
	cr_assert_eq(bc_est_sd(m), 0);
	cr_assert_eq(bc_est_se(m), 0);
}
