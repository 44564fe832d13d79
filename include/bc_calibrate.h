/*
 * bc_calibrate.h - the suite's own false-alarm rates (`batchcheck calibrate`).
 *
 * The harness's decision at a point, |estimate - theory| <= z SE, is only as good as its SE.
 * Calibration runs a point many times, once per seed, each run a fixed number of replicates
 * from the stream of the harness's decisive run (seed, claim, BC_PURPOSE_MAIN, point): with
 * an honest SE, z = (estimate - theory) / SE is close to standard normal at an in-regime
 * point, so
 *  - at a per-check level A, the point is rejected (|z| > z_{A/2}) in a fraction A of the
 *    seeds; the count is compared with Binomial(seeds, A) by an exact two-sided test;
 *  - the sum of z^2 over the seeds is chi-square with `seeds` degrees of freedom, tested
 *    two-sided: an SE too small inflates it, one too large deflates it, and a bias of the
 *    simulator inflates it too. This is far more powerful than the rejection counts (an SE
 *    wrong by 20% moves z^2 by 36% to 56%).
 * At a not_below point the theory is a bound the true value may exceed, so z is centred
 * above 0: the rejection count (one-sided, z < -z_A, as the harness decides there) is tested
 * only for being too large, and the SE by the spread of the standardised estimates around
 * their own mean, sum ((estimate_i - mean) / SE_i)^2, chi-square with seeds - 1 degrees of
 * freedom.
 * A point whose observations are constant to rounding has the harness's SE floor (2^-40 of
 * its scale) in every seed: it has no sampling error to calibrate and is listed untested.
 * All in-regime rows are also pooled into one chi-square test (sum of every z^2).
 * Every p-value of the table, the pooled one included, enters one Holm step-down procedure at
 * family-wise rate `alpha`; a rejected test flags its row.
 *
 * Skewed observations make z skewed at small replicate counts (the mean and the SE of one run
 * are correlated): its two-sided rates and E z^2 are off by O(1/replicates), its one-sided
 * rates by O(skewness / sqrt(replicates)). The replicate count is chosen so that this is far
 * below what the tests can resolve (README, "Reliability").
 *
 * Seeds run in parallel (each seed's run on one thread) and are reduced in seed order, so
 * the result depends on the seeds but not on the thread count.
 */
#ifndef BC_CALIBRATE_H
#define BC_CALIBRATE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bc_claim.h"
#include "bc_harness.h"

#define BC_CALIB_MAX_LEVELS 4

struct bc_calib_config {
	uint64_t seed;       /* first seed: the run uses seed .. seed + seeds - 1 (mod 2^64) */
	int seeds;
	uint64_t replicates; /* per point and seed */
	int n_levels;
	double level[BC_CALIB_MAX_LEVELS]; /* per-check false-alarm rates */
	double alpha;        /* family-wise rate of the table's flags (Holm) */
	double se_factor;    /* multiplies every SE: 1, except to show a wrong SE is caught */
	int threads;
	bool progress;       /* one line per point on stderr */
};

void bc_calib_config_default(struct bc_calib_config *cfg);

/* One point to calibrate: an in-regime or not_below point of a claim. */
struct bc_calib_target {
	const struct bc_claim *claim;
	int point; /* index into claim->points */
};

/* Every in-regime and not_below point of the given claims, in order, into t (room for
 * BC_MAX_POINTS per claim); returns how many. */
int bc_calib_targets(const struct bc_claim *const *claims, int n, struct bc_calib_target *t);

struct bc_calib_row {
	struct bc_calib_target target;
	double theory;
	double *estimate, *se; /* per seed, the SE unscaled (NULL when the point failed) */
	int seeds;
	int floored;   /* seeds whose SE was the harness's floor */
	bool constant; /* floored at every seed: nothing to calibrate, untested */
	int rejected[BC_CALIB_MAX_LEVELS];
	double p_rate[BC_CALIB_MAX_LEVELS]; /* exact binomial test of the rejection count */
	double mean_z, sd_z; /* sd_z: of (estimate_i - mean estimate) / SE_i */
	double chisq;        /* sum z^2 (regime) or the centred sum (not_below) */
	int df;
	double p_chisq;
	bool off_rate[BC_CALIB_MAX_LEVELS], off_chisq; /* rejected by the Holm procedure */
	bool flagged; /* a test rejected, or the point could not be run */
	char error[BC_ERR_LEN];
};

struct bc_calib_result {
	struct bc_calib_config cfg;
	int n_rows;
	struct bc_calib_row *rows;
	double pooled_chisq; /* every in-regime row's sum z^2 */
	int pooled_df;
	double pooled_p;
	bool pooled_off;
	int tests;   /* p-values in the Holm family */
	int flagged; /* rows flagged, the pooled test counting as one more when rejected */
};

/*
 * Calibrates the n targets: simulates every seed of every target, then judges them with
 * cfg->se_factor (bc_calib_judge). Returns 0 when nothing is flagged, 1 otherwise, -1 when
 * out of memory (res->rows is then NULL). Free with bc_calib_free.
 */
int bc_calib_run(const struct bc_calib_target *t, int n, const struct bc_calib_config *cfg,
                 struct bc_calib_result *res);

/* Recomputes every statistic and flag of res from its simulations with every SE multiplied
 * by se_factor (the same simulations judged again: no new draws). Returns as bc_calib_run. */
int bc_calib_judge(struct bc_calib_result *res, double se_factor);

void bc_calib_free(struct bc_calib_result *res);

/* The per-claim tables, then a summary per claim and the pooled test. */
void bc_calib_print(FILE *f, const struct bc_calib_result *res);

/* Exact binomial p-values for k successes in n trials of probability p (GSL's cdf):
 * two-sided, 2 min(P(X <= k), P(X >= k)) capped at 1, and upper, P(X >= k). */
double bc_calib_binom_two_sided(unsigned k, unsigned n, double p);
double bc_calib_binom_upper(unsigned k, unsigned n, double p);
/* Two-sided chi-square p-value, 2 min(P(X <= q), P(X >= q)) capped at 1. */
double bc_calib_chisq_two_sided(double q, double df);

#endif
