/* flat_minimum_batch: exact cases of the seed's relation and of the exact discrete one, the
 * one-fma margin next to the stability edge, the domain, the simulator's integer-batch rule,
 * and the chains: tr S = r^2 at b_exact, and the outside points' own laws (the seed's b
 * under-sizes by 2/(2 - eta tau/d); an anisotropic Hessian of the same trace explores
 * sum_j eta sigma^2 / (b lambda_j (2 - eta lambda_j))). */
#include <math.h>

#include <mpfr.h>

#include "bc_test.h"
#include "bc_ulp.h"

#define ID "flat_minimum_batch"

static double th(const char *line, const char *output)
{
	return bc_test_theory(ID, line, output);
}

Test(flat_minimum_batch, theory_reduces_to_known_cases)
{
	BC_ASSERT_ULPS(th("eta=1 sigma=1 d=4 tau=4 r=1", "b"), 2.0, 0);
	BC_ASSERT_ULPS(th("eta=1 sigma=1 d=4 tau=4 r=1", "b_exact"), 4.0, 0); /* eta tau/d = 1 */
	BC_ASSERT_ULPS(th("eta=0.5 sigma=1 d=4 tau=4 r=0.5", "b"), 4.0, 0);
	BC_ASSERT_ULPS(th("eta=0.5 sigma=1 d=4 tau=4 r=0.5", "b_exact"), 16.0 / 3, 2);
	BC_ASSERT_ULPS(th("eta=2 sigma=3 d=1 tau=0.5 r=3", "b"), 2.0, 0); /* 2*9/(2*0.5*9) */
	BC_ASSERT_ULPS(th("eta=1 sigma=1 d=4 tau=4 r=0.5", "r2"), 0.25, 0);
	/* b_exact / b = 2 / (2 - eta tau / d), and tends to 1 with small steps */
	BC_ASSERT_REL(th("eta=1e-9 sigma=1 d=3 tau=3 r=1", "b_exact") /
	                  th("eta=1e-9 sigma=1 d=3 tau=3 r=1", "b"), 1 + 5e-10, 1e-15);
}

/* b_exact is least at eta tau/d = 1: beyond it a sharper minimum needs a larger batch. */
Test(flat_minimum_batch, exact_batch_is_not_monotone_in_tau)
{
	double at_one = th("eta=1 sigma=1 d=4 tau=4 r=1", "b_exact");
	BC_ASSERT_LT(at_one, th("eta=1 sigma=1 d=4 tau=3.6 r=1", "b_exact"));
	BC_ASSERT_LT(at_one, th("eta=1 sigma=1 d=4 tau=4.4 r=1", "b_exact"));
	BC_ASSERT_LT(th("eta=1 sigma=1 d=4 tau=4.4 r=1", "b"), th("eta=1 sigma=1 d=4 tau=4 r=1", "b"));
}

Test(flat_minimum_batch, the_margin_is_exact_next_to_the_edge)
{
	/* eta tau = (1 + 2^-52)(2 - 2^-51) = 2 - 2^-103 at d = 1: a rounded product makes it 2 */
	const struct bc_claim *c = bc_test_claim(ID);
	struct bc_args in = bc_test_parse(ID, "eta=0x1.0000000000001p0 sigma=1 d=1 "
	                                  "tau=0x1.ffffffffffffep0 r=1", false);
	mpfr_t ref[BC_MAX_OUT];
	for (int k = 0; k < BC_MAX_OUT; k++)
		mpfr_init2(ref[k], BC_MPFR_PREC);
	c->theory_mpfr(&in, ref);
	struct bc_outputs out;
	c->theory(&in, &out);
	BC_ASSERT_LE(bc_ulp_error(out.v[1], ref[1]), 8);
	BC_ASSERT_LT(1e30, out.v[1]); /* b_exact = b 2 / 2^-103 */
	for (int k = 0; k < BC_MAX_OUT; k++)
		mpfr_clear(ref[k]);
}

Test(flat_minimum_batch, outside_the_domain_is_refused_with_the_range)
{
	bc_test_expect_refusal(ID, "eta=1 sigma=1 d=4 tau=8 r=1", false, "eta*tau/d < 2");
	bc_test_expect_refusal(ID, "eta=1 sigma=1 d=4 tau=9 r=1", false, "eta*tau/d < 2");
	bc_test_expect_refusal(ID, "eta=0 sigma=1 d=4 tau=1 r=1", false, "'eta'");
	bc_test_expect_refusal(ID, "eta=1 sigma=0 d=4 tau=1 r=1", false, "'sigma'");
	bc_test_expect_refusal(ID, "eta=1 sigma=1 d=0 tau=1 r=1", false, "'d'");
	bc_test_expect_refusal(ID, "eta=1 sigma=1 d=4 tau=0 r=1", false, "'tau'");
	bc_test_expect_refusal(ID, "eta=1 sigma=1 d=4 tau=1 r=0", false, "'r'");
	bc_test_expect_refusal(ID, "eta=1 sigma=1 d=4 tau=1 r=1 batch=seed", false, "batch");
}

Test(flat_minimum_batch, sim_runs_only_at_an_integer_batch)
{
	/* b_exact = 4/r^2 = 3.306 at r = 1.1 */
	bc_test_expect_usage_error("sim " ID " eta=1 sigma=1 d=4 tau=4 r=1.1", "integer");
	bc_test_expect_usage_error("sim " ID " eta=1 sigma=1 d=65 tau=65 r=1", "'d'");
	/* the same trace, eigenvalues up to 1.9 tau/d: unstable at eta tau/d = 1.5 */
	bc_test_expect_usage_error("sim " ID " eta=1 sigma=1 d=4 tau=6 r=1 bsim=4 hspread=0.9",
	                           "no stationary state");
}

static void agrees(const char *line, double want)
{
	struct bc_test_estimate e = bc_test_simulate(ID, line, "r2", 10000);
	cr_assert(fabs(e.estimate - want) <= 5 * e.se, "%s: %.9g +- %.3g, want %.9g", line,
	          e.estimate, e.se, want);
}

Test(flat_minimum_batch, chains_at_b_exact_explore_r, .timeout = 60)
{
	agrees("eta=1 sigma=1 d=4 tau=4 r=1", 1);
	agrees("eta=0.5 sigma=2 d=3 tau=1.5 r=0.6546536707079771 law=exp", 3.0 / 7); /* b = 16 */
}

Test(flat_minimum_batch, outside_points_follow_their_exact_laws, .timeout = 60)
{
	/* the seed's b = 4 at eta tau/d = 0.5: r^2 2 / 1.5 */
	agrees("eta=0.5 sigma=1 d=4 tau=4 r=0.5 batch=seed", 0.25 * 2 / 1.5);
	/* eigenvalues 1 + 0.6 {-1, -1/3, 1/3, 1} at eta = sigma = 1, b = 4 */
	double sum = 0;
	for (int j = 0; j < 4; j++) {
		double l = 1 + 0.6 * (2.0 * j / 3 - 1);
		sum += 1 / (4 * l * (2 - l));
	}
	agrees("eta=1 sigma=1 d=4 tau=4 r=1 hspread=0.6", sum);
}
