/* The decision rule's arithmetic, against tabulated normal quantiles. */
#include <math.h>

#include "bc_stats.h"
#include "bc_test.h"

Test(stats, z_for_five_percent_two_sided_is_1_96)
{
	BC_ASSERT_REL(bc_stats_z_alarm(0.05, 1), 1.959963984540054, 1e-12);
}

Test(stats, bonferroni_splits_alpha_over_comparisons)
{
	/* alpha 0.05 over 5 comparisons: two-sided 0.01 each, z = 2.5758293035489 */
	BC_ASSERT_REL(bc_stats_z_alarm(0.05, 5), 2.5758293035489004, 1e-12);
	/* alpha 1e-6 over 1: z = 4.891638475698 */
	BC_ASSERT_REL(bc_stats_z_alarm(1e-6, 1), 4.8916384756990, 1e-10);
}

Test(stats, power_quantile_for_ninety_percent)
{
	BC_ASSERT_REL(bc_stats_z_power(0.9), 1.2815515655446004, 1e-12);
}

Test(stats, replicates_needed_known_answer)
{
	/* (1.96 + 1.28) * 2 / (0.01 * 1) = 648; squared 419904 */
	cr_assert_eq(bc_stats_replicates_needed(2.0, 1.0, 0.01, 1.96, 1.28, 1.0), 419904);
	/* margin 1.1 scales it by 1.21 (up to rounding of the product) */
	uint64_t r = bc_stats_replicates_needed(2.0, 1.0, 0.01, 1.96, 1.28, 1.1);
	cr_assert(r == 508084 || r == 508085, "got %llu", (unsigned long long)r);
	cr_assert_eq(bc_stats_replicates_needed(1.0, 0.0, 0.01, 5, 1, 1), UINT64_MAX);
	cr_assert_eq(bc_stats_replicates_needed(1e300, 1.0, 1e-6, 5, 1, 1), UINT64_MAX);
}

Test(stats, detectable_error_inverts_the_run_size)
{
	/* with exactly the replicates needed, the detectable error is the target */
	double sd = 3.0, scale = 2.0, rel = 0.02, z = 5.0, zp = 1.28;
	uint64_t n = bc_stats_replicates_needed(sd, scale, rel, z, zp, 1.0);
	double d = bc_stats_detectable(sd / sqrt((double)n), scale, z, zp);
	BC_ASSERT_LE(d, rel);
	BC_ASSERT_LT(rel * 0.9999, d);
}
