/* noise_scale_progress: exact cases of dF, eta and F_next (including u = 0, sigma = 0 and
 * the extremes of the domain against MPFR), the domain's refusals, the simulator against
 * the formula at the optimal rate and at others, and that wrong formulas fail against it.
 * The conformance test (tests/test_conformance.c) checks the points, variants and
 * verdicts; the helpers are in tests/bc_test.h. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bc_test.h"
#include "bc_ulp.h"

#define ID "noise_scale_progress"

static double th(const char *line, const char *output)
{
	return bc_test_theory(ID, line, output);
}

Test(noise_scale_progress, theory_reduces_to_known_cases)
{
	/* S = b: half the noiseless step at eta = 1/2 */
	BC_ASSERT_ULPS(th("u=1 sigma=1 b=1", "dF"), 0.25, 0);
	BC_ASSERT_ULPS(th("u=1 sigma=1 b=1", "eta"), 0.5, 0);
	BC_ASSERT_ULPS(th("u=1 sigma=1 b=1", "F_next"), 0.25, 0);
	/* u = 2, sigma = 2, b = 3: S = 1, eta = 3/4, dF = 2 * 3/4 = 3/2, F_next = 1/2 */
	BC_ASSERT_ULPS(th("u=2 sigma=2 b=3", "dF"), 1.5, 1);
	BC_ASSERT_ULPS(th("u=2 sigma=2 b=3", "eta"), 0.75, 1);
	BC_ASSERT_ULPS(th("u=2 sigma=2 b=3", "F_next"), 0.5, 1);
	/* u = 1, sigma = 3, b = 1: S = 9, eta = 1/10, dF = 1/20, F_next = 9/20 */
	BC_ASSERT_ULPS(th("u=1 sigma=3 b=1", "dF"), 0.05, 2);
	BC_ASSERT_ULPS(th("u=1 sigma=3 b=1", "F_next"), 0.45, 2);
	/* F is symmetric: the sign of u does not matter */
	cr_assert_eq(th("u=-0.7 sigma=1.3 b=5", "dF"), th("u=0.7 sigma=1.3 b=5", "dF"));
	/* sigma = 0: the noiseless step lands on the optimum */
	cr_assert_eq(th("u=3 sigma=0 b=7", "eta"), 1.0);
	cr_assert_eq(th("u=3 sigma=0 b=7", "dF"), 4.5);
	cr_assert_eq(th("u=3 sigma=0 b=7", "F_next"), 0.0);
	/* u = 0: at the optimum the best step is none */
	cr_assert_eq(th("u=0 sigma=2 b=7", "eta"), 0.0);
	cr_assert_eq(th("u=0 sigma=2 b=7", "dF"), 0.0);
	cr_assert_eq(th("u=0 sigma=2 b=7", "F_next"), 0.0);
}

/* The two asymptotes the seed reads off the formula, and dF + F_next = F(u). */
Test(noise_scale_progress, theory_has_the_seed_asymptotes)
{
	/* b << S: dF ~ b u^2 / (2S); S = 1e12, b = 4 */
	BC_ASSERT_REL(th("u=1 sigma=1e6 b=4", "dF"), 4 / 2e12, 1e-11);
	/* b >> S: dF ~ u^2 / 2; S = 1, b = 1e15 */
	BC_ASSERT_REL(th("u=1 sigma=1 b=1e15", "dF"), 0.5, 1e-14);
	const char *lines[] = {"u=1 sigma=1.7320508075688772 b=3", "u=-3 sigma=2.5 b=1",
	                       "u=1e-100 sigma=1e100 b=1e15", "u=1e150 sigma=1e150 b=1"};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		const struct bc_args in = bc_test_parse(ID, lines[i], false);
		double u = in.x[0], f = 0.5 * u * u; /* |u| <= 1e150: finite */
		BC_ASSERT_REL(th(lines[i], "dF") + th(lines[i], "F_next"), f, 1e-15);
	}
}

/* At the ends of the domain (and past where u^2, sigma^2 or their ratio would overflow or
 * underflow if formed directly) every output is finite and within the claim's bound. */
Test(noise_scale_progress, extremes_are_within_the_ulp_bound_of_mpfr)
{
	const struct bc_claim *c = bc_test_claim(ID);
	const char *lines[] = {"u=1e150 sigma=1e150 b=1", "u=1e150 sigma=1e-300 b=1e15",
	                       "u=1e-300 sigma=1e150 b=1e15", "u=1e-150 sigma=1e150 b=1",
	                       "u=-1e-160 sigma=3.7 b=1e15", "u=1e-5 sigma=1e150 b=1e15",
	                       "u=1e150 sigma=0 b=1", "u=0x1p-1074 sigma=0 b=1",
	                       "u=1e-8 sigma=3.7 b=16"};
	mpfr_t ref[BC_MAX_OUT];
	for (int k = 0; k < 3; k++)
		mpfr_init2(ref[k], BC_MPFR_PREC);
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		struct bc_args in = bc_test_parse(ID, lines[i], false);
		struct bc_outputs out;
		c->theory(&in, &out);
		c->theory_mpfr(&in, ref);
		for (int k = 0; k < out.n; k++) {
			cr_assert(isfinite(out.v[k]), "%s: %s = %g", lines[i], out.name[k], out.v[k]);
			double e = bc_ulp_error(out.v[k], ref[k]);
			cr_assert(e <= c->ulp_bound, "%s: %s off by %g ulp", lines[i], out.name[k], e);
		}
	}
	for (int k = 0; k < 3; k++)
		mpfr_clear(ref[k]);
}

Test(noise_scale_progress, outside_the_domain_is_refused_with_the_range)
{
	bc_test_expect_refusal(ID, "u=0 sigma=0 b=3", false, "'u' = 0 and 'sigma' = 0");
	bc_test_expect_refusal(ID, "u=2e150 sigma=1 b=3", false, "'u'");
	bc_test_expect_refusal(ID, "u=-2e150 sigma=1 b=3", false, "'u'");
	bc_test_expect_refusal(ID, "u=1 sigma=-0.1 b=3", false, "'sigma'");
	bc_test_expect_refusal(ID, "u=1 sigma=2e150 b=3", false, "'sigma'");
	bc_test_expect_refusal(ID, "u=1 sigma=1 b=0", false, "'b'");
	bc_test_expect_refusal(ID, "u=1 sigma=1 b=2.5", false, "'b'");
	bc_test_expect_refusal(ID, "u=1 sigma=1 b=2e15", false, "'b'");
	bc_test_expect_refusal(ID, "u=1 sigma=1 b=3 lr=1", false, "lr"); /* a sim switch */
	bc_test_expect_refusal(ID, "u=1 sigma=1 b=3 lr=-1", true, "'lr'");
	bc_test_expect_refusal(ID, "u=1 sigma=1 b=3 rho=1.5", true, "'rho'");
	/* the edges themselves are accepted */
	bc_test_parse(ID, "u=-1e150 sigma=1e150 b=1e15", false);
	bc_test_parse(ID, "u=1e150 sigma=0 b=1", false);
	bc_test_parse(ID, "u=0 sigma=1e-300 b=1", false);
	/* what the simulator cannot draw */
	bc_test_expect_usage_error("sim " ID " u=1 sigma=1 b=2000000", "'b'");
	bc_test_expect_usage_error("sim " ID " u=1e100 sigma=1 b=2", "'u'");
	bc_test_expect_usage_error("sim " ID " u=1 sigma=1e-100 b=2", "'sigma'");
	bc_test_expect_usage_error("theory " ID " u=0 sigma=0 b=2", "'sigma'");
}

/* |estimate - want| <= 5 SE, and the SE small enough (5 SE below 3% of want) to mean it. */
static void agrees(const char *line, const char *output, double want)
{
	struct bc_test_estimate e = bc_test_simulate(ID, line, output, 200000);
	cr_assert(e.se > 0, "%s: SE %g", line, e.se);
	cr_assert(fabs(e.estimate - want) <= 5 * e.se, "%s: %s estimate %.6g +- %.2g, want %.6g",
	          line, output, e.estimate, e.se, want);
	BC_ASSERT_LE(5 * e.se, 0.03 * fabs(want));
}

Test(noise_scale_progress, the_simulator_agrees_with_the_formula, .timeout = 60)
{
	static const char *const lines[] = {"u=1 sigma=1.7320508075688772 b=3",
	                                    "u=2 sigma=3 b=4 law=exp", "u=-3 sigma=2.5 b=1",
	                                    "u=0.5 sigma=1 b=2 law=uniform"};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		char plain[128];
		snprintf(plain, sizeof plain, "%s", lines[i]);
		char *sw = strstr(plain, " law=");
		if (sw)
			*sw = '\0';
		agrees(lines[i], "dF", th(plain, "dF"));
		agrees(lines[i], "F_next", th(plain, "F_next"));
	}
}

/* At lr = c times the optimal rate the step keeps dF (1 - (1 - c)^2): the derivation's
 * parabola, which makes eta the argmax; lr = 2 gives no progress in expectation. */
Test(noise_scale_progress, other_rates_do_worse_as_the_parabola_says, .timeout = 60)
{
	static const double cs[] = {0.5, 0.8, 1.5};
	const char *base = "u=1 sigma=1.7320508075688772 b=3";
	double df = th(base, "dF"), f0 = 0.5;
	for (size_t i = 0; i < sizeof cs / sizeof *cs; i++) {
		char line[128];
		snprintf(line, sizeof line, "%s lr=%g", base, cs[i]);
		double keep = 1 - (1 - cs[i]) * (1 - cs[i]);
		agrees(line, "dF", df * keep);
		agrees(line, "F_next", f0 - df * keep);
	}
	struct bc_test_estimate e = bc_test_simulate(ID, "u=0.5 sigma=1 b=2 lr=2", "F_next", 200000);
	BC_ASSERT_LE(fabs(e.estimate - 0.125), 5 * e.se); /* F(u): no progress */
}

/* The planted mistakes, and a wrong optimum, are rejected by the same simulations: the
 * checks can fail. */
Test(noise_scale_progress, a_wrong_formula_fails_against_the_simulator, .timeout = 60)
{
	const char *line = "u=0.5 sigma=1.5 b=4"; /* S = 9, S/b = 2.25 */
	struct bc_test_estimate e = bc_test_simulate(ID, line, "dF", 400000);
	double u = 0.5, s = 1.5, b = 4;
	const double wrong[] = {
		0.5 * u * u / (1 + b * u * u / (s * s)), /* S/b written b/S */
		u * u / (1 + s * s / (u * u * b)),       /* the 1/2 dropped */
		0.5 * u * u / (1 + s / (u * u * b)),     /* sigma for sigma^2 */
	};
	for (size_t i = 0; i < sizeof wrong / sizeof *wrong; i++)
		cr_assert(fabs(e.estimate - wrong[i]) > 10 * e.se, "wrong formula %zu (%g) not "
		          "rejected: estimate %g +- %g", i, wrong[i], e.estimate, e.se);
	/* A not_below point can fail: had the formula put the optimum's E[F after] at the value
	 * 1.25 eta* gives (a wrong optimum), the simulation at eta* would lie significantly below
	 * it. */
	struct bc_test_estimate at_opt = bc_test_simulate(ID, line, "F_next", 400000);
	double f_at_125 = 0.125 - th(line, "dF") * (1 - 0.25 * 0.25);
	cr_assert(at_opt.estimate < f_at_125 - 5 * at_opt.se, "a non-optimal F_next %g was not "
	          "beaten: %g +- %g", f_at_125, at_opt.estimate, at_opt.se);
}

/* The outside point's mechanism: with a shared factor the batch mean's noise variance is
 * sigma^2 (1 + (b-1) rho) / b, and at the formula's rate E[dF] = eta u^2 - eta^2 (u^2 + that)
 * / 2, far below the formula at b >> S. */
Test(noise_scale_progress, correlated_batch_falls_short_of_the_formula, .timeout = 60)
{
	const char *line = "u=1 sigma=1 b=64 rho=0.25";
	struct bc_test_estimate e = bc_test_simulate(ID, line, "dF", 200000);
	double eta = th("u=1 sigma=1 b=64", "eta"), v = (1 + 63 * 0.25) / 64;
	double want = eta - 0.5 * eta * eta * (1 + v);
	BC_ASSERT_LE(fabs(e.estimate - want), 5 * e.se);
	BC_ASSERT_LT(e.estimate + 10 * e.se, th("u=1 sigma=1 b=64", "dF"));
}
