/*
 * `batchcheck calibrate`'s quick subset, run by `make check`: four in-regime points chosen
 * for the SEs most at risk (skewed strata, skewed noise, an SGD chain whose observation
 * averages a window of one chain, a quartic loss), 200 seeds each, pooled into one
 * chi-square test of sum z^2 on N = 800 degrees of freedom (bc_calibrate.h). With the
 * harness's own SE nothing may be flagged; with every SE multiplied by 0.8 or by 1.2 the
 * pooled test must be. The design is checked here from GSL's chi-square law, not assumed:
 * at the stated family-wise false-alarm rate of 1e-3 (Holm over the 13 tests the run
 * makes, so the pooled test is certainly rejected once its p falls below 1e-3 / 13), a 20%
 * error either way is missed with probability below 1e-3. Seeds are fixed, so the outcome
 * is the same on every run.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "bc_calibrate.h"
#include "bc_test.h"

#define QUICK_SEEDS 200
#define QUICK_REPLICATES 4000
#define QUICK_ALPHA 1e-3
#define QUICK_MISS 1e-3 /* largest probability of missing an SE wrong by 20% */

static const char *const quick[][2] = {
	{"neyman_allocation", "seed_example"}, /* exponential strata, skewness 4 */
	{"noise_scale_progress", "exp_noise"}, /* centred exponential noise */
	{"sqrt_lr_law", "below_exp"},          /* SGD chain, window average, skewed noise */
	{"bn_bias", "small_batch"},            /* a quartic loss of Gaussian inputs */
};
#define N_QUICK ((int)(sizeof quick / sizeof *quick))

static struct bc_calib_target target(const char *id, const char *point)
{
	const struct bc_claim *c = bc_test_claim(id);
	for (int p = 0; p < c->n_points; p++)
		if (strcmp(c->points[p].name, point) == 0) {
			cr_assert(c->points[p].kind == BC_IN_REGIME, "%s/%s is not in the regime", id,
			          point);
			return (struct bc_calib_target){c, p};
		}
	cr_assert_fail("%s has no point %s", id, point);
	return (struct bc_calib_target){c, -1};
}

static void quick_config(struct bc_calib_config *cfg, double se_factor)
{
	bc_calib_config_default(cfg);
	cfg->seeds = QUICK_SEEDS;
	cfg->replicates = QUICK_REPLICATES;
	cfg->alpha = QUICK_ALPHA;
	cfg->se_factor = se_factor;
	cfg->threads = 2;
}

static void quick_run(struct bc_calib_result *res)
{
	struct bc_calib_target t[N_QUICK];
	for (int i = 0; i < N_QUICK; i++)
		t[i] = target(quick[i][0], quick[i][1]);
	struct bc_calib_config cfg;
	quick_config(&cfg, 1);
	cr_assert(bc_calib_run(t, N_QUICK, &cfg, res) >= 0, "out of memory");
	for (int i = 0; i < N_QUICK; i++)
		cr_assert(!res->rows[i].error[0], "%s/%s: %s", quick[i][0], quick[i][1],
		          res->rows[i].error);
}

Test(calibrate, the_quick_design_catches_a_20_percent_se_error)
{
	int n = N_QUICK * QUICK_SEEDS, tests = N_QUICK * 3 + 1; /* two levels and chi2, pooled */
	double a = QUICK_ALPHA / tests; /* Holm's first threshold, the strictest */
	double lo = gsl_cdf_chisq_Pinv(a / 2, n), hi = gsl_cdf_chisq_Qinv(a / 2, n);
	/* SE x 0.8: sum z^2 is chi2(n) / 0.64; SE x 1.2: chi2(n) / 1.44 */
	BC_ASSERT_LT(gsl_cdf_chisq_P(0.64 * hi, n), QUICK_MISS);
	BC_ASSERT_LT(gsl_cdf_chisq_Q(1.44 * lo, n), QUICK_MISS);
}

/* One simulation, judged three times: with the harness's SE, and with every SE x0.8, x1.2. */
Test(calibrate, the_harness_se_passes_and_a_20_percent_error_fails, .timeout = 120)
{
	struct bc_calib_result res;
	quick_run(&res);
	cr_assert_eq(res.tests, N_QUICK * 3 + 1);
	cr_assert_eq(res.pooled_df, N_QUICK * QUICK_SEEDS);
	for (int i = 0; i < N_QUICK; i++)
		cr_assert(!res.rows[i].flagged, "%s/%s flagged: rates %d, %d of %d, sum z^2 %g (p %g)",
		          quick[i][0], quick[i][1], res.rows[i].rejected[0], res.rows[i].rejected[1],
		          res.rows[i].seeds, res.rows[i].chisq, res.rows[i].p_chisq);
	cr_assert(!res.pooled_off, "pooled sum z^2 = %g on %d df flagged (p %g)", res.pooled_chisq,
	          res.pooled_df, res.pooled_p);
	cr_assert_eq(res.flagged, 0);
	double honest = res.pooled_chisq;
	static const double wrong[] = {0.8, 1.2};
	for (int k = 0; k < 2; k++) {
		cr_assert_eq(bc_calib_judge(&res, wrong[k]), 1, "SE x%g: not flagged", wrong[k]);
		cr_assert(res.pooled_off, "SE x%g: pooled sum z^2 = %g on %d df not flagged (p %g)",
		          wrong[k], res.pooled_chisq, res.pooled_df, res.pooled_p);
		BC_ASSERT_REL(res.pooled_chisq, honest / (wrong[k] * wrong[k]), 1e-12);
	}
	/* judged back with the harness's SE: the same verdict as the first time */
	cr_assert_eq(bc_calib_judge(&res, 1), 0);
	cr_assert_eq(res.pooled_chisq, honest);
	bc_calib_free(&res);
}

Test(calibrate, constant_observations_are_listed_untested)
{
	/* the smallest observed rate bound is the formula at every seed: SE at the floor */
	struct bc_calib_target t = target("robust_step_bound", "eta_b4");
	struct bc_calib_config cfg;
	quick_config(&cfg, 1);
	cfg.seeds = 20;
	cfg.replicates = 200;
	struct bc_calib_result res;
	cr_assert_eq(bc_calib_run(&t, 1, &cfg, &res), 0);
	cr_assert(res.rows[0].constant && !res.rows[0].flagged);
	cr_assert_eq(res.rows[0].floored, 20);
	cr_assert_eq(res.tests, 0, "an untested row entered %d tests", res.tests);
	bc_calib_free(&res);
}

Test(calibrate, every_in_regime_and_not_below_point_is_a_target)
{
	struct bc_calib_target *t = malloc((size_t)bc_n_claims * BC_MAX_POINTS * sizeof *t);
	cr_assert(t);
	int n = bc_calib_targets(bc_claims, bc_n_claims, t), expect = 0;
	for (int i = 0; i < bc_n_claims; i++)
		for (int p = 0; p < bc_claims[i]->n_points; p++)
			expect += bc_claims[i]->points[p].kind != BC_OUTSIDE;
	cr_assert_eq(n, expect);
	for (int i = 0; i < n; i++)
		cr_assert(t[i].claim->points[t[i].point].kind != BC_OUTSIDE);
	free(t);
}

Test(calibrate, exact_binomial_and_chi_square_p_values)
{
	/* no rejection in 200 checks at 5%: P(X = 0) = 0.95^200, doubled */
	BC_ASSERT_REL(bc_calib_binom_two_sided(0, 200, 0.05), 2 * pow(0.95, 200), 1e-12);
	BC_ASSERT_REL(bc_calib_binom_upper(200, 200, 0.05), pow(0.05, 200), 1e-10);
	cr_assert_eq(bc_calib_binom_upper(0, 200, 0.05), 1);
	cr_assert_eq(bc_calib_binom_two_sided(10, 200, 0.05), 1); /* the mean itself */
	/* chi2 with 2 degrees of freedom: P(X <= q) = 1 - exp(-q/2) */
	BC_ASSERT_REL(bc_calib_chisq_two_sided(0.1, 2), 2 * (1 - exp(-0.05)), 1e-12);
	BC_ASSERT_REL(bc_calib_chisq_two_sided(20, 2), 2 * exp(-10), 1e-12);
}

Test(calibrate, output_is_the_same_on_one_thread_and_three)
{
	char *out1, *err1, *out3, *err3;
	const char *args = "calibrate corr_batch_var/skewed_weak noise_scale_progress/lr_half "
	                   "--seeds 16 --budget 500";
	char cmd1[256], cmd3[256];
	snprintf(cmd1, sizeof cmd1, "%s --threads 1", args);
	snprintf(cmd3, sizeof cmd3, "%s --threads 3", args);
	cr_assert_eq(bc_test_cli(cmd1, &out1, &err1), 0, "%s", err1);
	cr_assert_eq(bc_test_cli(cmd3, &out3, &err3), 0, "%s", err3);
	cr_assert_str_eq(out1, out3);
	cr_assert(strstr(out1, "skewed_weak") && strstr(out1, "lr_half"));
	free(out1), free(err1), free(out3), free(err3);
}

Test(calibrate, help_exits_0_and_names_every_option)
{
	char *out, *err;
	cr_assert_eq(bc_test_cli("calibrate --help", &out, &err), 0);
	cr_assert(strstr(out, "usage: batchcheck calibrate"));
	static const char *const opts[] = {"--seeds", "--seed", "--budget", "--level", "--alpha",
	                                   "--threads", "--se-factor"};
	for (size_t i = 0; i < sizeof opts / sizeof *opts; i++)
		cr_assert(strstr(out, opts[i]), "--help does not name %s", opts[i]);
	free(out), free(err);
}

/* Each numeric option's stated range: just outside refused, both printed ends accepted. */
Test(calibrate, every_option_range_reads_back_as_accepted_ends)
{
	static const char *const opts[] = {"seeds", "seed", "budget", "alpha", "threads",
	                                   "se-factor"};
	for (size_t i = 0; i < sizeof opts / sizeof *opts; i++) {
		char args[200], *out, *err;
		snprintf(args, sizeof args, "calibrate nope --%s -1", opts[i]);
		cr_assert_eq(bc_test_cli(args, &out, &err), 2, "%s", args);
		const char *r = strstr(err, "valid range is ");
		cr_assert(r, "%s: %s", args, err);
		r += strlen("valid range is ");
		if (strncmp(r, "integer in ", 11) == 0)
			r += 11;
		char lo[64], hi[64];
		cr_assert_eq(sscanf(r, "[%63[^,], %63[^]]]", lo, hi), 2, "%s: %s", args, err);
		for (int e = 0; e < 2; e++) {
			char args2[200], *out2, *err2;
			snprintf(args2, sizeof args2, "calibrate nope --%s %s", opts[i], e ? hi : lo);
			cr_assert_eq(bc_test_cli(args2, &out2, &err2), 2, "%s", args2);
			cr_assert(strstr(err2, "unknown claim id"), "%s: %s", args2, err2);
			free(out2), free(err2);
		}
		free(out), free(err);
	}
}

Test(calibrate, bad_usage_exits_2_naming_the_parameter)
{
	bc_test_expect_usage_error("calibrate --seeds 1", "'--seeds'");
	bc_test_expect_usage_error("calibrate --budget 10", "'--budget'");
	bc_test_expect_usage_error("calibrate --level 0.7", "'--level'");
	bc_test_expect_usage_error("calibrate --level 0.01,,0.05", "'--level'");
	bc_test_expect_usage_error("calibrate --level 0.01,0.02,0.03,0.04,0.05", "'--level'");
	bc_test_expect_usage_error("calibrate --se-factor 0", "'--se-factor'");
	bc_test_expect_usage_error("calibrate --alpha 0.9", "'--alpha'");
	bc_test_expect_usage_error("calibrate no_such_claim", "unknown claim id");
	bc_test_expect_usage_error("calibrate corr_batch_var/no_such_point", "no check point");
	bc_test_expect_usage_error("calibrate corr_batch_var/ar1_batch", "outside point");
	bc_test_expect_usage_error("calibrate corr_batch_var corr_batch_var/moderate",
	                           "named twice");
}
