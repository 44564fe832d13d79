/* bn_bias: exact cases, the domain's edges, the simulator's exact regimes, the harness. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bc_claim.h"
#include "bc_harness.h"
#include "bc_mc.h"
#include "bc_test.h"

static const struct bc_claim *claim(void)
{
	const struct bc_claim *c = bc_claim_find("bn_bias");
	cr_assert(c);
	return c;
}

static struct bc_args parse(const char *line, bool sim)
{
	struct bc_args in;
	char err[BC_ERR_LEN];
	cr_assert_eq(bc_param_parse_line(claim(), line, sim, &in, err, sizeof err), 0, "%s", err);
	return in;
}

static double output_at(const char *line, const char *name)
{
	struct bc_args in = parse(line, false);
	struct bc_outputs out;
	claim()->theory(&in, &out);
	int k = bc_output_index(&out, name);
	cr_assert(k >= 0, "no output %s", name);
	return out.v[k];
}

Test(bn_bias, exact_values)
{
	cr_assert_eq(output_at("m=2 gamma=1 lambda=1", "bias"), -2.0); /* -6/3 */
	cr_assert_eq(output_at("m=5 gamma=2 lambda=0.5", "bias"), -4.0); /* -6 * 4 / 6 */
	cr_assert_eq(output_at("m=2 gamma=-1 lambda=1", "bias"), 2.0);   /* gamma < 0: positive */
	cr_assert_eq(output_at("m=7 gamma=0 lambda=3", "bias"), 0.0);
	cr_assert_eq(output_at("m=2 gamma=1 lambda=1", "c"), 3.0);
	cr_assert_eq(output_at("m=3 gamma=1 lambda=1", "c"), 2.0);
	cr_assert_eq(output_at("m=9 gamma=1 lambda=1", "c"), 1.25);
	cr_assert_eq(output_at("m=4 gamma=1.5 lambda=0.5", "bias_corrected"), 0.0);
	BC_ASSERT_ULPS(output_at("m=4 gamma=1.5 lambda=0.5", "bias"), -2.025, 1);
	BC_ASSERT_ULPS(output_at("m=1000000000 gamma=1 lambda=1", "c"), 1.000000002, 1);
}

/* E[g_mb] = ((m-1)/(m+1)) 3 lambda gamma^3: c(m) times it is the population gradient. */
Test(bn_bias, bias_is_the_shrinkage_that_c_undoes)
{
	for (int m = 2; m < 300; m += 7) {
		char line[128];
		snprintf(line, sizeof line, "m=%d gamma=1.7 lambda=0.3", m);
		double pop = 3 * 0.3 * 1.7 * 1.7 * 1.7;
		double bias = output_at(line, "bias"), c = output_at(line, "c");
		BC_ASSERT_REL(c * (pop + bias), pop, 1e-14);
		BC_ASSERT_LT(bias, 0);
	}
}

/* Products that would underflow or overflow one at a time stay exact or finite. */
Test(bn_bias, no_intermediate_underflow_or_overflow)
{
	/* -6 * 2^-1050 / 6: exactly the subnormal -2^-1050 */
	cr_assert_eq(output_at("m=5 gamma=0x1p-350 lambda=1", "bias"), -0x1p-1050);
	/* 2^-1000 gamma^3 with gamma = 2^100: -6 * 2^-700 / 6 */
	cr_assert_eq(output_at("m=5 gamma=0x1p100 lambda=0x1p-1000", "bias"), -0x1p-700);
	double big = output_at("m=2 gamma=1e60 lambda=1e100", "bias");
	cr_assert(isfinite(big));
	BC_ASSERT_REL(big, -2e280, 1e-15);
}

Test(bn_bias, domain_errors_name_the_parameter_and_its_range)
{
	bc_test_expect_usage_error("theory bn_bias m=1 gamma=1 lambda=1", "'m' = '1' is invalid: valid "
	                                                           "range is integer in [2, 1000000000]");
	bc_test_expect_usage_error("theory bn_bias m=4 gamma=2e60 lambda=1", "'gamma'");
	bc_test_expect_usage_error("theory bn_bias m=4 gamma=2e60 lambda=1", "[-1e+60, 1e+60]");
	bc_test_expect_usage_error("theory bn_bias m=4 gamma=1 lambda=0", "'lambda'");
	bc_test_expect_usage_error("theory bn_bias m=4 gamma=1 lambda=inf", "'lambda'");
	bc_test_expect_usage_error("theory bn_bias m=4 gamma=1", "missing parameter 'lambda'");
	bc_test_expect_usage_error("theory bn_bias m=4 gamma=1 lambda=1 var=unbiased", "simulator switch");
	bc_test_expect_usage_error("sim bn_bias m=4 gamma=1 lambda=1 law=cauchy",
	                   "gauss|uniform|laplace|exp");
	bc_test_expect_usage_error("sim bn_bias m=4 gamma=1 lambda=1 var=pop", "biased|unbiased");
	bc_test_expect_usage_error("sim bn_bias m=4 gamma=1 lambda=1 sigma=0", "'sigma'");
	bc_test_expect_usage_error("sim bn_bias m=4 gamma=1 lambda=1 eps=-1", "'eps'");
	bc_test_expect_usage_error("sim bn_bias m=2000000 gamma=1 lambda=1", "for sim");
}

/* Mean and SD of the simulator's observation `k` over n replicates. */
static struct bc_moments simulate(const char *line, int k, uint64_t n)
{
	const struct bc_claim *c = claim();
	struct bc_args in = parse(line, true);
	struct bc_moments m[BC_MAX_OUT];
	struct bc_stream_id id = {7, bc_rng_claim_hash(c->id), BC_PURPOSE_CLI, 1};
	char err[BC_ERR_LEN];
	cr_assert_eq(bc_mc_run(c, &in, &id, n, 1, m, err, sizeof err), 0, "%s", err);
	return m[k];
}

/*
 * At m = 2 every r_i is +-1 and at m = 3 (1/m) sum r_i^4 = 3/2, whatever the input law:
 * every replicate's g_mb is lambda gamma^3 3(m-1)/(m+1), so the observation is a constant.
 */
Test(bn_bias, m_2_and_3_give_a_constant_gradient_for_any_law)
{
	static const struct {
		const char *law;
		double kappa;
	} laws[] = {{"gauss", 3}, {"uniform", 1.8}, {"laplace", 6}, {"exp", 9}};
	for (int m = 2; m <= 3; m++)
		for (size_t l = 0; l < sizeof laws / sizeof *laws; l++) {
			char line[128];
			snprintf(line, sizeof line, "m=%d gamma=1.5 lambda=2 law=%s", m, laws[l].law);
			double lg3 = 2 * 1.5 * 1.5 * 1.5;
			double want = lg3 * (3.0 * (m - 1) / (m + 1) - laws[l].kappa);
			struct bc_moments b = simulate(line, 0, 3000);
			BC_ASSERT_REL(b.mean, want, 1e-13);
			BC_ASSERT_LE(bc_est_sd(b), 1e-13 * lg3);
		}
	/* Gaussian, m = 2: c(2) g_mb is exactly the population gradient in every replicate. */
	struct bc_moments bc = simulate("m=2 gamma=1.5 lambda=2", 1, 3000);
	BC_ASSERT_LE(fabs(bc.mean), 1e-13);
	cr_assert_eq(simulate("m=2 gamma=1.5 lambda=2", 0, 3000).mean,
	             output_at("m=2 gamma=1.5 lambda=2", "bias"));
}

/* r_i does not change under x -> mu + sigma x: same stream, same observations. */
Test(bn_bias, input_mean_and_scale_drop_out)
{
	struct bc_moments a = simulate("m=6 gamma=0.8 lambda=2", 0, 5000);
	struct bc_moments b = simulate("m=6 gamma=0.8 lambda=2 mu=5 sigma=3", 0, 5000);
	BC_ASSERT_REL(a.mean, b.mean, 1e-12);
	BC_ASSERT_REL(bc_est_sd(a), bc_est_sd(b), 1e-10);
}

/* The whole decision rule on this claim, at a coarser detectable error so it runs fast:
 * truth accepted, every planted variant rejected, every outside point flagged. */
Test(bn_bias, harness_accepts_truth_rejects_variants_flags_outside, .timeout = 120)
{
	bc_test_claim_verdicts("bn_bias", 0.05);
}

/* The simulator applies the theory's own c: a wrong correction factor m/(m-1) in the theory
 * must make the corrected point fail, so the Monte Carlo tests c itself. */
static void theory_wrong_c(const struct bc_args *in, struct bc_outputs *out)
{
	claim()->theory(in, out);
	double m = in->x[0];
	out->v[bc_output_index(out, "c")] = m / (m - 1);
}

Test(bn_bias, a_wrong_correction_factor_fails_the_corrected_point, .timeout = 60)
{
	struct bc_claim wrong = *claim();
	const struct bc_point *corrected = NULL;
	for (int p = 0; p < wrong.n_points; p++)
		if (strcmp(wrong.points[p].name, "corrected") == 0)
			corrected = &wrong.points[p];
	cr_assert(corrected);
	cr_assert_eq(strcmp(wrong.params[0].name, "m"), 0);
	wrong.theory = theory_wrong_c;
	wrong.points = corrected;
	wrong.n_points = 1;
	wrong.n_variants = 0;
	const struct bc_claim *c = &wrong;
	struct bc_config cfg;
	bc_config_default(&cfg);
	cfg.detect = 0.05;
	struct bc_run_result res;
	bc_harness_run(&c, 1, &cfg, &res);
	cr_assert_eq(res.claims[0].points[0].verdict, BC_FAIL);
	free(res.claims);
}
