/* bn_bias: exact cases, the domain's edges, the simulator's exact regimes, the harness. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bc_claim.h"
#include "bc_harness.h"
#include "bc_mc.h"
#include "bc_test.h"

#define ID "bn_bias"

static const struct bc_claim *claim(void)
{
	return bc_test_claim(ID);
}

static struct bc_args parse(const char *line, bool sim)
{
	return bc_test_parse(ID, line, sim);
}

static double output_at(const char *line, const char *name)
{
	return bc_test_theory(ID, line, name);
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

/* Moments of both observations at `line`, seed 7; -1 (and the message) when refused. */
static int simulate_both(const char *line, uint64_t n, struct bc_moments *m, char *err,
                         size_t errlen)
{
	const struct bc_claim *c = claim();
	struct bc_args in = parse(line, true);
	struct bc_stream_id id = {7, bc_rng_claim_hash(c->id), BC_PURPOSE_CLI, 1};
	return bc_mc_run(c, &in, &id, n, 1, m, err, errlen);
}

/*
 * An estimate never travels with a wrong SE: lambda = 2^-k scales every observation by
 * exactly 2^-k, so wherever the simulator accepts the input its mean and squared deviations
 * must be those at lambda = 1 scaled bit for bit (they are while the squares stay normal).
 * Below the bound the squares underflow (SE 0 at 2^-540, about 1e-162, for m = 4; m2 off in
 * the 11th digit at 2^-460 with large eps/sigma^2): that must be refused. The switch sets
 * include the domain's smallest per-replicate SDs (m = 1e6, eps/sigma^2 = 1e9, uniform; and
 * rounding-level: m = 2, 3, and data = m with large eps/sigma^2).
 */
Test(bn_bias, every_accepted_lambda_gamma3_gets_an_exactly_scaled_se, .timeout = 60)
{
	static const struct {
		const char *sw;
		uint64_t n;
	} sw[] = {{"m=4", 3000}, {"m=2", 3000}, {"m=3 var=unbiased", 3000}, {"m=9 law=exp", 3000},
	          {"m=64 eps=1000 sigma=0.001 law=uniform", 3000},
	          {"m=4 data=4 eps=1000 sigma=0.001", 3000}, /* the smallest rounding-level SD */
	          {"m=1000000 eps=1000 sigma=0.001 law=uniform", 4}}; /* the smallest real SD */
	static const int ks[] = {100, 200, 300, 332, 333, 400, 440, 460, 470, 540};
	for (size_t s = 0; s < sizeof sw / sizeof *sw; s++) {
		char line[160], err[BC_ERR_LEN];
		struct bc_moments ref[BC_MAX_OUT], m[BC_MAX_OUT];
		snprintf(line, sizeof line, "%s gamma=1 lambda=1", sw[s].sw);
		cr_assert_eq(simulate_both(line, sw[s].n, ref, err, sizeof err), 0, "%s", err);
		for (size_t j = 0; j < sizeof ks / sizeof *ks; j++) {
			int k = ks[j];
			snprintf(line, sizeof line, "%s gamma=1 lambda=0x1p-%d", sw[s].sw, k);
			if (simulate_both(line, sw[s].n, m, err, sizeof err) != 0) {
				/* 2^-332 > 1e-100 > 2^-333 */
				cr_assert_gt(k, 332, "%s refused: %s", line, err);
				cr_assert(strstr(err, "lambda gamma^3"), "%s: %s", line, err);
				continue;
			}
			for (int o = 0; o < 2; o++) {
				cr_assert_eq(ldexp(m[o].mean, k), ref[o].mean, "%s obs %d mean", line, o);
				cr_assert_eq(ldexp(m[o].m2, 2 * k), ref[o].m2, "%s obs %d: m2 %a vs %a", line,
				             o, ldexp(m[o].m2, 2 * k), ref[o].m2);
				cr_assert_gt(bc_est_se(m[o]), 0, "%s obs %d", line, o);
			}
		}
	}
}

/* The same at decimal scales (one more rounding per observation): gamma = 1e-54 with lambda
 * = 1e100, and the lower bound itself in the smallest-SD corner. Same draws, so the SEs agree
 * to rounding, not to Monte Carlo error. */
Test(bn_bias, se_scales_with_lambda_gamma3_down_to_the_bound)
{
	static const struct {
		const char *sw, *small;
		double lg3;
	} cases[] = {{"m=4", "gamma=1e-54 lambda=1e100", 1e-62},
	             {"m=4", "gamma=-1e-54 lambda=1e100", -1e-62},
	             {"m=8 eps=1000 sigma=0.001 law=uniform", "gamma=1e-20 lambda=1e-40", 1e-100}};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char line[160], err[BC_ERR_LEN];
		struct bc_moments ref[BC_MAX_OUT], m[BC_MAX_OUT];
		snprintf(line, sizeof line, "%s gamma=1 lambda=1", cases[i].sw);
		cr_assert_eq(simulate_both(line, 4000, ref, err, sizeof err), 0, "%s", err);
		snprintf(line, sizeof line, "%s %s", cases[i].sw, cases[i].small);
		cr_assert_eq(simulate_both(line, 4000, m, err, sizeof err), 0, "%s", err);
		for (int o = 0; o < 2; o++) {
			cr_assert_gt(bc_est_se(m[o]), 0, "%s", line);
			BC_ASSERT_REL(bc_est_se(m[o]) / fabs(cases[i].lg3), bc_est_se(ref[o]), 1e-12);
			BC_ASSERT_REL(m[o].mean / cases[i].lg3, ref[o].mean, 1e-12);
		}
	}
}

/* Refusals name both parameters and a range whose ends are themselves accepted. */
Test(bn_bias, sim_refuses_lambda_gamma3_outside_its_range)
{
	const char *range = "|lambda gamma^3| = 1e-162, invalid for sim: valid is 0 or in "
	                    "[1e-100, 1e+130]";
	bc_test_expect_usage_error("sim bn_bias m=4 gamma=1e-54 lambda=1 --samples 20000", range);
	bc_test_expect_usage_error("sim bn_bias m=4 gamma=1e-54 lambda=1", "parameters 'lambda', 'gamma'");
	bc_test_expect_usage_error("sim bn_bias m=4 gamma=1e50 lambda=1", "[1e-100, 1e+130]");
	/* gamma^3 underflows to 0: refused, not taken for gamma = 0 */
	bc_test_expect_usage_error("sim bn_bias m=4 gamma=1e-60 lambda=1e-300", "10^-480.0");
	bc_test_expect_usage_error("sim bn_bias m=4 gamma=0.99999999999e-20 lambda=1e-40",
	                           "9.9999999997e-101");
	bc_test_expect_usage_error("sweep bn_bias m=4 gamma=1,1e-54 lambda=1 --samples 100",
	                           "[1e-100, 1e+130]");
	static const char *const ok[] = {"gamma=1 lambda=1e-100", "gamma=1e-20 lambda=1e-40",
	                                 "gamma=1e10 lambda=1e100", "gamma=-1e10 lambda=1e100",
	                                 "gamma=0 lambda=1"};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		char args[160], *out, *err;
		snprintf(args, sizeof args, "sim bn_bias m=4 %s --samples 100", ok[i]);
		cr_assert_eq(bc_test_cli(args, &out, &err), 0, "%s: %s", args, err);
		free(out);
		free(err);
	}
	/* gamma = 0: the gradient is 0 in every batch, so mean and SE are exactly 0 */
	struct bc_moments m[BC_MAX_OUT];
	char err[BC_ERR_LEN];
	cr_assert_eq(simulate_both("m=4 gamma=0 lambda=1", 100, m, err, sizeof err), 0, "%s", err);
	cr_assert(m[0].mean == 0 && m[0].m2 == 0 && m[1].mean == 0 && m[1].m2 == 0);
}

/* data = m: the batch is the whole training set (shuffled), so the mini-batch gradient is
 * the full-batch one up to the order of the sum, for any law. */
Test(bn_bias, finite_data_set_of_m_is_its_own_full_batch)
{
	static const char *const lines[] = {"m=4 gamma=1.5 lambda=2 data=4",
	                                    "m=7 gamma=1.5 lambda=2 data=7 law=exp var=unbiased"};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		struct bc_moments b = simulate(lines[i], 0, 3000);
		BC_ASSERT_LE(fabs(b.mean), 1e-13);
		BC_ASSERT_LE(bc_est_sd(b), 1e-13);
	}
}

/* Against a training set of N the bias averages -6 lambda gamma^3 (N-m)/((m+1)(N+1)) (a
 * uniform m-subset of i.i.d. draws is i.i.d.): a derived value, checked at 5 SE. */
Test(bn_bias, finite_data_bias_is_the_difference_of_two_shrinkages, .timeout = 60)
{
	static const int ns[] = {5, 8, 16};
	for (size_t i = 0; i < sizeof ns / sizeof *ns; i++) {
		char line[128];
		int m = 4, n = ns[i];
		snprintf(line, sizeof line, "m=%d gamma=1 lambda=1 data=%d", m, n);
		struct bc_moments b = simulate(line, 0, 40000);
		double want = -6.0 * (n - m) / ((m + 1) * (n + 1.0));
		BC_ASSERT_LE(fabs(b.mean - want), 5 * bc_est_se(b));
	}
	bc_test_expect_usage_error("sim bn_bias m=4 gamma=1 lambda=1 data=3",
	                           "'data' = 3 is invalid for sim: valid is 0 or an integer in [4, 1000000]");
	bc_test_expect_usage_error("sim bn_bias m=4 gamma=1 lambda=1 data=1000001", "'data'");
	bc_test_expect_usage_error("theory bn_bias m=4 gamma=1 lambda=1 data=8", "simulator switch");
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
