/* robust_step_bound: exact values and the strictness of the bound, the domain's edges, and
 * the simulator against the theory (every output, both batch laws). */
#include <math.h>
#include <stdio.h>

#include "bc_test.h"

#define ID "robust_step_bound"

static double th(const char *line, const char *output)
{
	return bc_test_theory(ID, line, output);
}

Test(robust_step_bound, theory_reduces_to_known_cases)
{
	/* 2b / (LH + (b-1) LL) */
	cr_assert_eq(th("b=4 N=8 LH=13 LL=1", "eta"), 0.5);
	cr_assert_eq(th("b=1 N=2 LH=4 LL=1", "eta"), 0.5);       /* b = 1: 2/LH */
	cr_assert_eq(th("b=3 N=6 LH=2 LL=2", "eta"), 1.0);       /* no outlier: 2/L */
	BC_ASSERT_ULPS(th("b=4 N=8 LH=100 LL=1", "eta"), 8.0 / 103, 1);
	/* eta_ms = 2 E[a] / E[a^2]: no outlier, it is the bound 2/L; b = N, every batch the
	 * whole set, it is the bound too */
	cr_assert_eq(th("b=3 N=6 LH=2 LL=2", "eta_ms"), 1.0);
	BC_ASSERT_ULPS(th("b=5 N=5 LH=7 LL=1", "eta_ms"), th("b=5 N=5 LH=7 LL=1", "eta"), 2);
	/* b = 1, N = 2, LH = 3, LL = 1: E a = 2, E a^2 = 5: 4/5 */
	BC_ASSERT_ULPS(th("b=1 N=2 LH=3 LL=1", "eta_ms"), 0.8, 2);
	/* at r = 1 the outlier batch's factor is -1; b = 2, N = 4, LH = 3, LL = 1: eta = 1,
	 * f_0 = 0: refused; LH = 5: eta = 2/3, f_0 = 1/3: ms = (2 + 2/9)/4, lyap = 2 log(1/3)/4 */
	BC_ASSERT_ULPS(th("b=2 N=4 LH=5 LL=1", "ms_factor"), (2 + 2.0 / 9) / 4, 2);
	BC_ASSERT_ULPS(th("b=2 N=4 LH=5 LL=1", "lyap"), -log(3.0) / 2, 4);
	/* r = 1/4: every factor in (0, 1), ms and lyap below their bound values */
	BC_ASSERT_LT(th("b=2 N=4 LH=5 LL=1 r=0.25", "ms_factor"), 1);
}

/* The strict '< 1': at eta itself the worst batch's factor is exactly -1 (no contraction);
 * every rate below contracts on every batch; the mean-square threshold is where the
 * factor reaches 1 and lies above the bound whenever the outlier is not in every batch. */
Test(robust_step_bound, bound_is_the_supremum_and_ms_threshold_is_above_it)
{
	static const char *const lines[] = {"b=4 N=8 LH=100 LL=1", "b=2 N=4 LH=3.5 LL=1",
	                                    "b=16 N=1000 LH=1e6 LL=1e-3", "b=1 N=2 LH=10 LL=9"};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		double eta = th(lines[i], "eta"), eta_ms = th(lines[i], "eta_ms");
		char line[128];
		snprintf(line, sizeof line, "%s r=1", lines[i]);
		/* r = 1: the outlier batch contributes (1-2)^2 = 1, the rest less */
		BC_ASSERT_LT(th(line, "ms_factor"), 1);
		BC_ASSERT_LT(eta, eta_ms);
		snprintf(line, sizeof line, "%s r=%.17g", lines[i], eta_ms / eta);
		BC_ASSERT_REL(th(line, "ms_factor"), 1, 1e-12);
		/* Jensen: lyap <= log(ms)/2 = 0 at eta_ms */
		BC_ASSERT_LT(th(line, "lyap"), 0);
	}
}

Test(robust_step_bound, outside_the_domain_is_refused_with_the_range)
{
	bc_test_expect_refusal(ID, "b=0 N=8 LH=2 LL=1", false, "'b'");
	bc_test_expect_refusal(ID, "b=9 N=8 LH=2 LL=1", false, "'b'");
	bc_test_expect_refusal(ID, "b=2.5 N=8 LH=2 LL=1", false, "'b'");
	bc_test_expect_refusal(ID, "b=1 N=1 LH=2 LL=1", false, "'N'");
	bc_test_expect_refusal(ID, "b=1 N=4 LH=0.5 LL=1", false, "'LH'");
	bc_test_expect_refusal(ID, "b=1 N=4 LH=2e100 LL=1", false, "'LH'");
	bc_test_expect_refusal(ID, "b=1 N=4 LH=2 LL=0", false, "'LL'");
	bc_test_expect_refusal(ID, "b=1 N=4 LH=2 LL=1e-101", false, "'LL'");
	bc_test_expect_refusal(ID, "b=1 N=4 LH=2 LL=1 r=0", false, "'r'");
	bc_test_expect_refusal(ID, "b=1 N=4 LH=2 LL=1 r=2e6", false, "'r'");
	bc_test_expect_refusal(ID, "b=1 N=4 LH=2 LL=1 r=0.5", false, "'r'");
	/* f_0 = 0 at r = (LH + (b-1) LL)/(2b LL) = 1.25 */
	bc_test_expect_refusal(ID, "b=2 N=4 LH=4 LL=1 r=1.25", false, "'r'");
	bc_test_expect_refusal(ID, "b=2 N=4 LH=4 LL=1 T=8", false, "'T'"); /* a sim switch */
	bc_test_expect_usage_error("sim " ID " b=5000 N=8000 LH=4 LL=1", "'b'"); /* sim: b <= 4096 */
	/* the edges themselves are accepted */
	cr_assert(th("b=8 N=8 LH=1 LL=1", "eta") == 2.0);
	cr_assert(isfinite(th("b=1 N=1000000000 LH=1e100 LL=1e-100 r=1e6", "lyap")));
	cr_assert(isfinite(th("b=1000000000 N=1000000000 LH=1e-100 LL=1e-100 r=4.9e-324", "lyap")));
}

static void expect_agreement(const char *line, const char *theory_line, const char *output,
                             uint64_t samples)
{
	struct bc_test_estimate e = bc_test_simulate(ID, line, output, samples);
	double want = th(theory_line, output);
	cr_assert(fabs(e.estimate - want) <= 5 * e.se + 0x1p-40 * fabs(want),
	          "%s [%s]: %.17g +- %g against %.17g", line, output, e.estimate, e.se, want);
}

Test(robust_step_bound, the_simulator_agrees_with_the_formula, .timeout = 60)
{
	/* the smallest observed 2b/s_B is the formula once the worst batch has been drawn */
	expect_agreement("b=3 N=6 LH=7 LL=2 T=100", "b=3 N=6 LH=7 LL=2", "eta", 2000);
	/* mean-square factor and Lyapunov exponent, below, past the bound and past eta_ms */
	expect_agreement("b=3 N=12 LH=9 LL=1 r=0.7 T=16", "b=3 N=12 LH=9 LL=1 r=0.7",
	                 "ms_factor", 20000);
	expect_agreement("b=3 N=12 LH=9 LL=1 r=1.8 T=16", "b=3 N=12 LH=9 LL=1 r=1.8",
	                 "ms_factor", 20000);
	expect_agreement("b=3 N=12 LH=9 LL=1 r=1.8 T=16", "b=3 N=12 LH=9 LL=1 r=1.8", "lyap",
	                 20000);
	expect_agreement("b=1 N=3 LH=4 LL=1 r=3 T=16", "b=1 N=3 LH=4 LL=1 r=3", "lyap", 20000);
}

/* At the mean-square threshold the simulated factor is 1 (within 5 SE): eta_ms is where SGD
 * stops converging in mean square. */
Test(robust_step_bound, simulated_ms_factor_is_one_at_eta_ms, .timeout = 60)
{
	const char *base = "b=2 N=10 LH=12 LL=1";
	double r = th(base, "eta_ms") / th(base, "eta");
	char line[128];
	snprintf(line, sizeof line, "%s r=%.17g T=16", base, r);
	struct bc_test_estimate e = bc_test_simulate(ID, line, "ms_factor", 40000);
	BC_ASSERT_LE(fabs(e.estimate - 1), 5 * e.se);
}

/* With replacement the worst batch is the outlier b times: once it appears in every stretch
 * the smallest observed 2b/s_B is 2/LH, not the formula. Without replacement at the same
 * point it is the formula. */
Test(robust_step_bound, with_replacement_the_bound_is_two_over_LH, .timeout = 60)
{
	struct bc_test_estimate e =
	        bc_test_simulate(ID, "b=2 N=3 LH=50 LL=1 T=200 repl=with", "eta", 1000);
	BC_ASSERT_LE(fabs(e.estimate - 2.0 / 50), 5 * e.se + 0x1p-40);
	BC_ASSERT_LT(e.estimate, th("b=2 N=3 LH=50 LL=1", "eta"));
	e = bc_test_simulate(ID, "b=2 N=3 LH=50 LL=1 T=200", "eta", 1000);
	BC_ASSERT_LE(fabs(e.estimate - th("b=2 N=3 LH=50 LL=1", "eta")), 5 * e.se + 0x1p-40);
}

/* A stretch that misses the outlier sees only 2/LL: the observed worst case approaches the
 * formula from above, never from below. */
Test(robust_step_bound, a_short_stretch_is_never_below_the_bound, .timeout = 60)
{
	struct bc_test_estimate e = bc_test_simulate(ID, "b=2 N=100 LH=50 LL=1 T=4", "eta", 4000);
	double eta = th("b=2 N=100 LH=50 LL=1", "eta");
	BC_ASSERT_LT(eta + 5 * e.se, e.estimate);
	BC_ASSERT_LE(e.estimate, 2.0 + 5 * e.se);
}
