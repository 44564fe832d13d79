/* eigen_stationary_error: exact cases of the formula, its domain (0 < eta lambda < 2, s = 0
 * or normal), the one-fma margin where eta lambda is next to 2, and the simulator: in the
 * regime, and the exact laws of the two outside points (multiplicative and batch-shared
 * noise) that the findings quote. The conformance test checks the points, variants and
 * verdicts; tests/test_chain.c the engine. */
#include <math.h>

#include <mpfr.h>

#include "bc_test.h"
#include "bc_ulp.h"

#define ID "eigen_stationary_error"

static double th(const char *line)
{
	return bc_test_theory(ID, line, "e");
}

Test(eigen_stationary_error, theory_reduces_to_known_cases)
{
	BC_ASSERT_ULPS(th("eta=1 s=1 b=1 lambda=1"), 1.0, 0);      /* eta lambda = 1: eta^2 s/b */
	BC_ASSERT_ULPS(th("eta=0.5 s=1 b=2 lambda=2"), 0.125, 0);
	BC_ASSERT_ULPS(th("eta=1.5 s=1 b=1 lambda=1"), 3.0, 0);    /* 1.5 / (1 * 0.5) */
	BC_ASSERT_ULPS(th("eta=0.25 s=3 b=6 lambda=1"), 1.0 / 14, 2); /* 0.75 / (6 * 1.75) */
	BC_ASSERT_ULPS(th("eta=0.5 s=0 b=2 lambda=2"), 0.0, 0);    /* no noise, no error */
	/* small steps: eta s / (2 b lambda) (1 + eta lambda / 2 + ...) */
	BC_ASSERT_REL(th("eta=1e-9 s=2 b=4 lambda=1"), 1e-9 / 4 * (1 + 5e-10), 1e-15);
}

/* Proportional to s and to 1/b exactly; not monotone in lambda: least at eta lambda = 1. */
Test(eigen_stationary_error, readings_of_the_formula)
{
	BC_ASSERT_ULPS(th("eta=0.3 s=6 b=5 lambda=2"), 3 * th("eta=0.3 s=2 b=5 lambda=2"), 2);
	BC_ASSERT_ULPS(th("eta=0.3 s=2 b=15 lambda=2"), th("eta=0.3 s=2 b=5 lambda=2") / 3, 2);
	double at_one = th("eta=0.5 s=1 b=2 lambda=2");
	BC_ASSERT_LT(at_one, th("eta=0.5 s=1 b=2 lambda=1.9"));
	BC_ASSERT_LT(at_one, th("eta=0.5 s=1 b=2 lambda=2.1"));
	BC_ASSERT_LT(2.7 * at_one, th("eta=0.5 s=1 b=2 lambda=3.6")); /* sharper, 2.78 x */
}

/* Next to the stability edge the margin 2 - eta lambda is one rounding of the exact value;
 * the product rounded first would lose all of it. */
Test(eigen_stationary_error, the_margin_is_exact_next_to_the_edge)
{
	const struct bc_claim *c = bc_test_claim(ID);
	/* eta lambda = (1 + 2^-52)(2 - 2^-51) = 2 - 2^-103, which a rounded product makes 2 */
	struct bc_args in = bc_test_parse(ID, "eta=0x1.0000000000001p0 s=1 b=1 "
	                                  "lambda=0x1.ffffffffffffep0", false);
	mpfr_t ref[BC_MAX_OUT];
	for (int k = 0; k < BC_MAX_OUT; k++)
		mpfr_init2(ref[k], BC_MPFR_PREC);
	c->theory_mpfr(&in, ref);
	struct bc_outputs out;
	c->theory(&in, &out);
	BC_ASSERT_LE(bc_ulp_error(out.v[0], ref[0]), 4);
	double naive = in.x[0] * in.x[1] / (in.x[2] * in.x[3] * (2 - in.x[0] * in.x[3]));
	cr_assert(!(bc_ulp_error(naive, ref[0]) <= 1e6), "the rounded product kept %g ulp",
	          bc_ulp_error(naive, ref[0]));
	for (int k = 0; k < BC_MAX_OUT; k++)
		mpfr_clear(ref[k]);
}

Test(eigen_stationary_error, outside_the_domain_is_refused_with_the_range)
{
	bc_test_expect_refusal(ID, "eta=1 s=1 b=1 lambda=2", false, "0 < eta*lambda < 2");
	bc_test_expect_refusal(ID, "eta=3 s=1 b=1 lambda=1", false, "0 < eta*lambda < 2");
	bc_test_expect_refusal(ID, "eta=0 s=1 b=1 lambda=1", false, "'eta'");
	bc_test_expect_refusal(ID, "eta=1 s=1 b=1 lambda=0", false, "'lambda'");
	bc_test_expect_refusal(ID, "eta=1 s=-1 b=1 lambda=1", false, "'s'");
	bc_test_expect_refusal(ID, "eta=1 s=1e-101 b=1 lambda=1", false, "0 or [1e-100, 1e+100]");
	bc_test_expect_refusal(ID, "eta=1 s=1 b=0 lambda=1", false, "'b'");
	bc_test_expect_refusal(ID, "eta=1 s=1 b=1 lambda=1 k=1", false, "k");
	/* the range printed for s is accepted when pasted back */
	BC_ASSERT_ULPS(th("eta=1 s=1e-100 b=1 lambda=1"), 1e-100, 1);
}

Test(eigen_stationary_error, sim_refuses_what_it_cannot_simulate)
{
	/* eta lambda = 1e-6: burn-in beyond the engine's step limit */
	bc_test_expect_usage_error("sim " ID " eta=1e-6 s=1 b=1 lambda=1", "burn-in");
	/* the other directions (eta lambda_j up to 1.5) are unstable with k = 2 at b = 1 */
	bc_test_expect_usage_error("sim " ID " eta=0.5 s=1 b=1 lambda=2 k=2", "no stationary state");
}

static void agrees(const char *line, double want)
{
	struct bc_test_estimate e = bc_test_simulate(ID, line, "e", 20000);
	cr_assert(fabs(e.estimate - want) <= 5 * e.se, "%s: %.9g +- %.3g, want %.9g", line,
	          e.estimate, e.se, want);
}

Test(eigen_stationary_error, the_simulator_agrees_with_the_formula, .timeout = 60)
{
	agrees("eta=0.5 s=1 b=2 lambda=2", th("eta=0.5 s=1 b=2 lambda=2"));
	agrees("eta=0.5 s=3 b=3 lambda=3 d=5 rot=7 corr=0.3 law=uniform",
	       th("eta=0.5 s=3 b=3 lambda=3"));
	agrees("eta=0.5 s=1 b=1 lambda=1 d=1", th("eta=0.5 s=1 b=1 lambda=1"));
}

/* The outside points' own laws (bc_chain.h, theory/eigen_stationary_error.c): what the
 * findings quote is what the chains do. */
Test(eigen_stationary_error, outside_points_follow_their_exact_laws, .timeout = 60)
{
	double eta = 0.5, s = 1, b = 4, l = 2, k = 1, rho = 0.05;
	agrees("eta=0.5 s=1 b=4 lambda=2 k=1",
	       eta * s / (b * l * (2 - eta * l * (1 + k * k / b))));
	agrees("eta=0.5 s=1 b=4 lambda=2 rho=0.05",
	       eta * s * (rho + (1 - rho) / b) / (l * (2 - eta * l)));
}
