/* sqrt_lr_law: exact cases of the law and of the stationary moments, the rationalised form
 * against the seed's literal one where that cancels, domain refusals, and the simulator
 * (the constraint tight at eta, broken below it, the MSE worse above it, the first update
 * and the sqrt(b) heuristic's rate). The conformance test checks the points, variants and
 * verdicts. */
#include <math.h>

#include <mpfr.h>

#include "bc_test.h"
#include "bc_ulp.h"

#define ID "sqrt_lr_law"

static double th(const char *line, const char *output)
{
	return bc_test_theory(ID, line, output);
}

/* Inputs where the root of 2 sigma^2 eta^2 + u b h eta - 2 u b = 0 is a small dyadic. */
Test(sqrt_lr_law, theory_reduces_to_known_cases)
{
	/* sigma = h = 1, u b = 2: (-2 + sqrt(4 + 32)) / 4 = 1; mse = 1 / (2 (2 - 1)) */
	BC_ASSERT_ULPS(th("u=1 b=2 h=1 sigma=1", "eta"), 1.0, 2);
	BC_ASSERT_ULPS(th("u=1 b=2 h=1 sigma=1", "upd2"), 1.0, 0);
	BC_ASSERT_ULPS(th("u=1 b=2 h=1 sigma=1", "mse"), 0.5, 4);
	/* eta_0 sqrt(b): eta at b = 1 is (sqrt 17 - 1) / 4 */
	BC_ASSERT_ULPS(th("u=1 b=2 h=1 sigma=1", "eta_sqrtb"), (sqrt(17.0) - 1) / 4 * sqrt(2.0), 4);
	/* h = 2, sigma = 1, u b = 1/2: (-1 + sqrt(1 + 8)) / 4 = 1/2, eta h = 1 */
	BC_ASSERT_ULPS(th("u=0.25 b=2 h=2 sigma=1", "eta"), 0.5, 2);
	BC_ASSERT_ULPS(th("u=0.25 b=2 h=2 sigma=1", "mse"), 0.125, 4);
	/* at half the rate: 2 (1/4)^2 / (2 (2 - 1/2)) = 1/24 for both */
	BC_ASSERT_ULPS(th("u=0.25 b=2 h=2 sigma=1 lr=0.5", "upd2"), 1.0 / 24, 6);
	BC_ASSERT_ULPS(th("u=0.25 b=2 h=2 sigma=1 lr=0.5", "mse"), 1.0 / 24, 6);
	/* noise-dominated limit: eta h = sqrt(a) - a/4 + O(a^1.5), a = u b h^2 / sigma^2 */
	BC_ASSERT_REL(th("u=1e-20 b=1 h=1 sigma=1", "eta"), 1e-10 * (1 - 2.5e-11), 1e-15);
	/* curvature-dominated limit: eta -> 2/h from below, 2 - eta h = 8/a + O(a^-2) */
	double e = th("u=1e10 b=1 h=1 sigma=1", "eta"); /* at a > 1e17 it rounds to 2 */
	BC_ASSERT_LT(e, 2.0);
	BC_ASSERT_REL(e, 2 - 8e-10, 1e-15);
}

/* The upd2 output at lr = 1 is u itself (the constraint is tight), whatever a is. */
Test(sqrt_lr_law, the_floor_is_met_with_equality_at_eta)
{
	static const char *const lines[] = {"u=0.04 b=8 h=1 sigma=1", "u=1e-25 b=1000 h=3 sigma=7",
	                                    "u=1e25 b=65537 h=1e20 sigma=1e-20",
	                                    "u=3 b=5 h=0.1 sigma=0.2"};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		const struct bc_args in = bc_test_parse(ID, lines[i], false);
		BC_ASSERT_ULPS(th(lines[i], "upd2"), in.x[0], 1);
	}
}

/* Where u b h >> sigma the seed's literal form cancels; the rationalised one does not. */
Test(sqrt_lr_law, stable_form_stays_within_ulps_where_the_literal_form_cancels)
{
	static const char *const lines[] = {"u=1e20 b=1000 h=1 sigma=1",
	                                    "u=1 b=1000000000 h=1e30 sigma=1e-30",
	                                    "u=1e30 b=1000000000 h=1e30 sigma=1e-30"};
	const struct bc_claim *c = bc_test_claim(ID);
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		struct bc_args in = bc_test_parse(ID, lines[i], false);
		double u = in.x[0], b = in.x[1], h = in.x[2], s = in.x[3];
		mpfr_t ref[BC_MAX_OUT];
		for (int k = 0; k < BC_MAX_OUT; k++)
			mpfr_init2(ref[k], BC_MPFR_PREC);
		c->theory_mpfr(&in, ref);
		double stable = th(lines[i], "eta");
		double naive = (-u * b * h + sqrt(u * u * b * b * h * h + 16 * s * s * u * b)) / (4 * s * s);
		BC_ASSERT_LE(bc_ulp_error(stable, ref[0]), 8);
		cr_assert(!(bc_ulp_error(naive, ref[0]) <= 1e6), "%s: the literal form kept %g ulp",
		          lines[i], bc_ulp_error(naive, ref[0]));
		for (int k = 0; k < BC_MAX_OUT; k++)
			mpfr_clear(ref[k]);
	}
}

Test(sqrt_lr_law, outside_the_domain_is_refused_with_the_range)
{
	bc_test_expect_refusal(ID, "u=0 b=8 h=1 sigma=1", false, "'u'");
	bc_test_expect_refusal(ID, "u=0.04 b=0 h=1 sigma=1", false, "'b'");
	bc_test_expect_refusal(ID, "u=0.04 b=8 h=0 sigma=1", false, "'h'");
	bc_test_expect_refusal(ID, "u=0.04 b=8 h=1 sigma=0", false, "'sigma'");
	bc_test_expect_refusal(ID, "u=0.04 b=8 h=1 sigma=1 lr=0", false, "'lr'");
	bc_test_expect_refusal(ID, "u=0.04 b=8 h=1 sigma=1 lr=5", false, "'lr'");
	/* eta h = 0.49 here: lr = 3.1 would put lr eta h above 1.5 */
	bc_test_expect_refusal(ID, "u=0.04 b=8 h=1 sigma=1 lr=3.1", false, "lr*eta*h <= 1.5");
	bc_test_expect_refusal(ID, "u=0.04 b=8 h=1 sigma=1 law=exp", false, "law");
}

/* The heuristic's rate eta_0 sqrt(b) passes 2/h at large b: no stationary chain there. */
Test(sqrt_lr_law, sim_refuses_an_unstable_heuristic_rate)
{
	BC_ASSERT_LE(2.0, th("u=0.001 b=4096 h=1 sigma=1", "eta_sqrtb"));
	bc_test_expect_usage_error("sim " ID " u=0.001 b=4096 h=1 sigma=1 rate=sqrtb",
	                           "no stationary state");
}

static void agrees(const char *sim_line, const char *output, double want)
{
	struct bc_test_estimate e = bc_test_simulate(ID, sim_line, output, 40000);
	cr_assert(fabs(e.estimate - want) <= 5 * e.se, "%s %s: %.9g +- %.3g, want %.9g",
	          sim_line, output, e.estimate, e.se, want);
}

Test(sqrt_lr_law, the_simulator_agrees_with_the_formula, .timeout = 60)
{
	agrees("u=0.04 b=8 h=1 sigma=1", "upd2", 0.04);
	agrees("u=0.04 b=8 h=1 sigma=1", "mse", th("u=0.04 b=8 h=1 sigma=1", "mse"));
	agrees("u=2 b=3 h=0.5 sigma=1.5 law=laplace", "upd2", 2);
	/* eta h = 1.2 (a = 3): the chain oscillates and still settles */
	agrees("u=3 b=1 h=1 sigma=1 law=uniform", "upd2", 3);
	agrees("u=0.25 b=2 h=2 sigma=1 lr=0.5", "mse", 1.0 / 24);
}

/* The seed's optimality, from simulated numbers alone: below eta the floor fails, above it
 * the MSE is larger, each by more than 5 SE. */
Test(sqrt_lr_law, smaller_rates_break_the_floor_and_larger_ones_cost_mse, .timeout = 60)
{
	struct bc_test_estimate below = bc_test_simulate(ID, "u=0.04 b=8 h=1 sigma=1 lr=0.9",
	                                                 "upd2", 40000);
	BC_ASSERT_LT(below.estimate + 5 * below.se, 0.04);
	struct bc_test_estimate at = bc_test_simulate(ID, "u=0.04 b=8 h=1 sigma=1", "mse", 40000);
	struct bc_test_estimate above = bc_test_simulate(ID, "u=0.04 b=8 h=1 sigma=1 lr=1.1",
	                                                 "mse", 40000);
	BC_ASSERT_LT(at.estimate + 5 * hypot(at.se, above.se), above.estimate);
}

/* The first update from x0 = 0 is pure noise: E = eta^2 sigma^2 / b, not u. And the
 * heuristic's rate, simulated, gives 2 eta^2 sigma^2 / (b (2 - eta h)) at eta = eta_sqrtb:
 * above u once a = u b h^2 / sigma^2 is not small. */
Test(sqrt_lr_law, first_update_and_heuristic_rate_match_their_own_laws, .timeout = 60)
{
	const char *mid = "u=0.04 b=8 h=1 sigma=1";
	double eta = th(mid, "eta");
	agrees("u=0.04 b=8 h=1 sigma=1 at=1", "upd2", eta * eta / 8);
	double es = th("u=0.04 b=64 h=1 sigma=1", "eta_sqrtb");
	double want = 2 * es * es / (64 * (2 - es));
	BC_ASSERT_LT(0.04 * 1.2, want);
	agrees("u=0.04 b=64 h=1 sigma=1 rate=sqrtb", "upd2", want);
}
