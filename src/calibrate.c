/*
 * calibrate.c - false-alarm rates of the harness's decision, measured over seeds
 * (see bc_calibrate.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "bc_calibrate.h"
#include "bc_harness.h"
#include "bc_mc.h"

void bc_calib_config_default(struct bc_calib_config *cfg)
{
	cfg->seed = 1;
	cfg->seeds = 400;
	cfg->replicates = 10000;
	cfg->n_levels = 2;
	cfg->level[0] = 0.01;
	cfg->level[1] = 0.05;
	cfg->alpha = 0.01;
	cfg->se_factor = 1;
	cfg->threads = 1;
	cfg->progress = false;
}

int bc_calib_targets(const struct bc_claim *const *claims, int n, struct bc_calib_target *t)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		for (int p = 0; p < claims[i]->n_points; p++)
			if (claims[i]->points[p].kind != BC_OUTSIDE)
				t[k++] = (struct bc_calib_target){claims[i], p};
	return k;
}

double bc_calib_binom_two_sided(unsigned k, unsigned n, double p)
{
	double lower = gsl_cdf_binomial_P(k, p, n);
	double upper = bc_calib_binom_upper(k, n, p);
	return fmin(1, 2 * fmin(lower, upper));
}

double bc_calib_binom_upper(unsigned k, unsigned n, double p)
{
	return k == 0 ? 1 : gsl_cdf_binomial_Q(k - 1, p, n);
}

double bc_calib_chisq_two_sided(double q, double df)
{
	return fmin(1, 2 * fmin(gsl_cdf_chisq_P(q, df), gsl_cdf_chisq_Q(q, df)));
}

/* Runs every seed of one row, in parallel, each seed's run on one thread; keeps each seed's
 * estimate and SE (unscaled) for bc_calib_judge. */
static void simulate_row(const struct bc_calib_config *cfg, struct bc_calib_row *row)
{
	const struct bc_claim *c = row->target.claim;
	struct bc_point_setup ps;
	row->theory = NAN;
	if (bc_harness_point_setup(c, row->target.point, &ps, row->error, sizeof row->error))
		return;
	row->theory = ps.theory;
	int n = cfg->seeds;
	double *estimate = malloc((size_t)n * sizeof *estimate);
	double *se = malloc((size_t)n * sizeof *se);
	char *errors = calloc((size_t)n, BC_ERR_LEN);
	bool *floored = calloc((size_t)n, sizeof *floored);
	if (!estimate || !se || !errors || !floored) {
		snprintf(row->error, sizeof row->error, "out of memory for %d seeds", n);
		goto out;
	}
	uint32_t claim_hash = bc_rng_claim_hash(c->id);
#pragma omp parallel for schedule(dynamic, 1) num_threads(cfg->threads)
	for (int s = 0; s < n; s++) {
		struct bc_stream_id id = {cfg->seed + (uint64_t)s, claim_hash, BC_PURPOSE_MAIN,
		                          (uint32_t)row->target.point};
		struct bc_moments m[BC_MAX_OUT];
		if (bc_mc_run(c, &ps.args, &id, cfg->replicates, 1, m, errors + (size_t)s * BC_ERR_LEN,
		              BC_ERR_LEN)) {
			estimate[s] = se[s] = NAN;
			continue;
		}
		estimate[s] = m[ps.obs].mean;
		se[s] = bc_harness_se(m[ps.obs], ps.scale);
		floored[s] = !(bc_est_se(m[ps.obs]) >= se[s]);
	}
	/* in seed order: the same row for every thread count */
	for (int s = 0; s < n; s++) {
		const char *e = errors + (size_t)s * BC_ERR_LEN;
		if (e[0] || !isfinite((estimate[s] - ps.theory) / se[s])) {
			snprintf(row->error, sizeof row->error, "seed %llu: %s",
			         (unsigned long long)(cfg->seed + (uint64_t)s),
			         e[0] ? e : "z is not finite");
			goto out;
		}
		row->floored += floored[s];
	}
	row->seeds = n;
	row->constant = row->floored == n;
	row->estimate = estimate;
	row->se = se;
	estimate = se = NULL;
out:
	free(estimate);
	free(se);
	free(errors);
	free(floored);
}

/* A row's statistics with every SE multiplied by f. */
static void judge_row(const struct bc_calib_config *cfg, double f, struct bc_calib_row *row)
{
	const struct bc_point *pt = &row->target.claim->points[row->target.point];
	bool regime = pt->kind == BC_IN_REGIME;
	row->mean_z = row->sd_z = row->chisq = row->p_chisq = NAN;
	row->df = 0;
	row->off_chisq = false;
	for (int l = 0; l < BC_CALIB_MAX_LEVELS; l++) {
		row->rejected[l] = 0;
		row->p_rate[l] = NAN;
		row->off_rate[l] = false;
	}
	if (row->error[0])
		return;
	int n = row->seeds;
	double sum_z = 0, sum_est = 0, raw = 0, centred = 0;
	for (int s = 0; s < n; s++) {
		double se = f * row->se[s], z = (row->estimate[s] - row->theory) / se;
		sum_z += z;
		sum_est += row->estimate[s];
		raw += z * z;
		for (int l = 0; l < cfg->n_levels; l++) {
			double zl = gsl_cdf_ugaussian_Qinv(regime ? cfg->level[l] / 2 : cfg->level[l]);
			row->rejected[l] +=
			        !bc_harness_agrees(pt->kind, row->estimate[s], row->theory, se, zl);
		}
	}
	double mean_est = sum_est / n;
	for (int s = 0; s < n; s++) {
		double d = (row->estimate[s] - mean_est) / (f * row->se[s]);
		centred += d * d;
	}
	row->mean_z = sum_z / n;
	row->sd_z = sqrt(centred / (n - 1));
	row->chisq = regime ? raw : centred;
	row->df = regime ? n : n - 1;
	if (row->constant)
		return;
	row->p_chisq = bc_calib_chisq_two_sided(row->chisq, row->df);
	for (int l = 0; l < cfg->n_levels; l++)
		row->p_rate[l] = regime ? bc_calib_binom_two_sided((unsigned)row->rejected[l],
		                                                   (unsigned)n, cfg->level[l])
		                        : bc_calib_binom_upper((unsigned)row->rejected[l], (unsigned)n,
		                                               cfg->level[l]);
}

/* A p-value in the Holm family and the flag it sets when rejected. */
struct holm_entry {
	double p;
	int order; /* position of entry, to break ties the same way every time */
	bool *off;
};

static int holm_cmp(const void *a, const void *b)
{
	const struct holm_entry *x = a, *y = b;
	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

/* Holm's step-down procedure at family-wise rate alpha (no NaN p-value is entered). */
static void holm(struct holm_entry *e, int m, double alpha)
{
	qsort(e, (size_t)m, sizeof *e, holm_cmp);
	for (int j = 0; j < m && e[j].p <= alpha / (m - j); j++)
		*e[j].off = true;
}

int bc_calib_judge(struct bc_calib_result *res, double se_factor)
{
	const struct bc_calib_config *cfg = &res->cfg;
	res->cfg.se_factor = se_factor;
	res->pooled_chisq = 0;
	res->pooled_df = 0;
	res->pooled_p = NAN;
	res->pooled_off = false;
	res->tests = res->flagged = 0;
	struct holm_entry *e =
	        malloc(((size_t)res->n_rows * (BC_CALIB_MAX_LEVELS + 1) + 1) * sizeof *e);
	if (!e)
		return -1;
	int m = 0;
	for (int i = 0; i < res->n_rows; i++) {
		struct bc_calib_row *row = &res->rows[i];
		judge_row(cfg, se_factor, row);
		if (row->error[0] || row->constant)
			continue;
		for (int l = 0; l < cfg->n_levels; l++, m++)
			e[m] = (struct holm_entry){row->p_rate[l], m, &row->off_rate[l]};
		e[m] = (struct holm_entry){row->p_chisq, m, &row->off_chisq};
		m++;
		if (row->target.claim->points[row->target.point].kind == BC_IN_REGIME) {
			res->pooled_chisq += row->chisq;
			res->pooled_df += row->df;
		}
	}
	if (res->pooled_df > 0) {
		res->pooled_p = bc_calib_chisq_two_sided(res->pooled_chisq, res->pooled_df);
		e[m] = (struct holm_entry){res->pooled_p, m, &res->pooled_off};
		m++;
	}
	res->tests = m;
	holm(e, m, cfg->alpha);
	free(e);
	for (int i = 0; i < res->n_rows; i++) {
		struct bc_calib_row *row = &res->rows[i];
		row->flagged = row->error[0] || row->off_chisq;
		for (int l = 0; l < cfg->n_levels; l++)
			row->flagged |= row->off_rate[l];
		res->flagged += row->flagged;
	}
	res->flagged += res->pooled_off;
	return res->flagged ? 1 : 0;
}

int bc_calib_run(const struct bc_calib_target *t, int n, const struct bc_calib_config *cfg,
                 struct bc_calib_result *res)
{
	memset(res, 0, sizeof *res);
	res->cfg = *cfg;
	res->n_rows = n;
	res->rows = calloc((size_t)(n > 0 ? n : 1), sizeof *res->rows);
	if (!res->rows)
		return -1;
	for (int i = 0; i < n; i++) {
		res->rows[i].target = t[i];
		if (cfg->progress)
			fprintf(stderr, "  %s/%s: %d seeds of %llu replicates...\n", t[i].claim->id,
			        t[i].claim->points[t[i].point].name, cfg->seeds,
			        (unsigned long long)cfg->replicates);
		simulate_row(cfg, &res->rows[i]);
	}
	int rc = bc_calib_judge(res, cfg->se_factor);
	if (rc < 0) {
		bc_calib_free(res);
		return -1;
	}
	return rc;
}

void bc_calib_free(struct bc_calib_result *res)
{
	for (int i = 0; res->rows && i < res->n_rows; i++) {
		free(res->rows[i].estimate);
		free(res->rows[i].se);
	}
	free(res->rows);
	res->rows = NULL;
}

static void print_row(FILE *f, const struct bc_calib_result *res, const struct bc_calib_row *row)
{
	const struct bc_point *pt = &row->target.claim->points[row->target.point];
	fprintf(f, "  %-14s %-9s", pt->name, bc_point_kind_name(pt->kind));
	if (row->error[0]) {
		fprintf(f, " error: %s  FLAGGED\n", row->error);
		return;
	}
	fprintf(f, " %6d", row->seeds);
	for (int l = 0; l < res->cfg.n_levels; l++) {
		if (row->constant)
			fprintf(f, " %7.2f%% %6s", 100.0 * row->rejected[l] / row->seeds, "-");
		else
			fprintf(f, " %7.2f%% %5.3f%s", 100.0 * row->rejected[l] / row->seeds,
			        row->p_rate[l], row->off_rate[l] ? "*" : " ");
	}
	if (row->constant) {
		fprintf(f, " %7s %6s %6s  untested: constant observations, the SE is the harness's "
		        "floor at every seed\n", "-", "-", "-");
		return;
	}
	fprintf(f, " %7.3f %6.3f %6.3f%s %s\n", row->mean_z, row->sd_z, row->p_chisq,
	        row->off_chisq ? "*" : " ", row->flagged ? "FLAGGED" : "ok");
}

void bc_calib_print(FILE *f, const struct bc_calib_result *res)
{
	const struct bc_calib_config *cfg = &res->cfg;
	fprintf(f, "batchcheck calibrate: seeds %llu..%llu (%d), %llu replicates per point and "
	        "seed%s\n",
	        (unsigned long long)cfg->seed, (unsigned long long)(cfg->seed + (uint64_t)cfg->seeds - 1),
	        cfg->seeds, (unsigned long long)cfg->replicates,
	        cfg->se_factor != 1 ? "; EVERY SE MULTIPLIED BY --se-factor" : "");
	fprintf(f, "per-check levels");
	for (int l = 0; l < cfg->n_levels; l++)
		fprintf(f, " %g%%", 100 * cfg->level[l]);
	fprintf(f, " (two-sided in the regime; one-sided, at most nominal, for not_below);\n"
	        "p: exact binomial test of the rate; chi2 p: two-sided test of sum z^2 (not_below: "
	        "centred);\n* rejected by Holm's procedure over %d tests at family-wise %g\n",
	        res->tests, cfg->alpha);
	const struct bc_claim *claim = NULL;
	for (int i = 0; i < res->n_rows; i++) {
		const struct bc_calib_row *row = &res->rows[i];
		if (row->target.claim != claim) {
			claim = row->target.claim;
			fprintf(f, "\n%s\n  %-14s %-9s %6s", claim->id, "point", "kind", "seeds");
			for (int l = 0; l < cfg->n_levels; l++) {
				char h[32];
				snprintf(h, sizeof h, "rej %g%%", 100 * cfg->level[l]);
				fprintf(f, " %8s %6s", h, "p");
			}
			fprintf(f, " %7s %6s %6s  %s\n", "mean z", "SD z", "chi2 p", "verdict");
		}
		print_row(f, res, row);
	}
	fprintf(f, "\nsummary: observed rejection rates over the tested points (constant ones "
	        "excluded)\n  %-22s %6s %6s", "claim", "points", "seeds");
	for (int l = 0; l < cfg->n_levels; l++) {
		char h[32];
		snprintf(h, sizeof h, "regime %g%%", 100 * cfg->level[l]);
		fprintf(f, " %10s", h);
	}
	for (int l = 0; l < cfg->n_levels; l++) {
		char h[32];
		snprintf(h, sizeof h, "not_below %g%%", 100 * cfg->level[l]);
		fprintf(f, " %13s", h);
	}
	fprintf(f, " %7s\n", "flagged");
	for (int i = 0; i < res->n_rows;) {
		claim = res->rows[i].target.claim;
		int points = 0, tested = 0, flagged = 0, checks[2] = {0, 0};
		long rej[2][BC_CALIB_MAX_LEVELS] = {{0}};
		for (; i < res->n_rows && res->rows[i].target.claim == claim; i++) {
			const struct bc_calib_row *row = &res->rows[i];
			points++;
			flagged += row->flagged;
			if (row->error[0] || row->constant)
				continue;
			tested++;
			int k = claim->points[row->target.point].kind == BC_IN_REGIME ? 0 : 1;
			checks[k] += row->seeds;
			for (int l = 0; l < cfg->n_levels; l++)
				rej[k][l] += row->rejected[l];
		}
		char pts[32];
		snprintf(pts, sizeof pts, tested == points ? "%d" : "%d of %d", tested, points);
		fprintf(f, "  %-22s %6s %6d", claim->id, pts, cfg->seeds);
		for (int k = 0; k < 2; k++)
			for (int l = 0; l < cfg->n_levels; l++) {
				if (checks[k])
					fprintf(f, " %*.2f%%", k ? 12 : 9, 100.0 * (double)rej[k][l] / checks[k]);
				else
					fprintf(f, " %*s", k ? 13 : 10, "-");
			}
		fprintf(f, " %7d\n", flagged);
	}
	if (res->pooled_df > 0)
		fprintf(f, "\nall in-regime points pooled: sum z^2 = %.1f on %d degrees of freedom "
		        "(ratio %.4f), p = %.3g%s\n",
		        res->pooled_chisq, res->pooled_df, res->pooled_chisq / res->pooled_df,
		        res->pooled_p, res->pooled_off ? "  FLAGGED" : "");
	fprintf(f, "%d of %d points flagged%s\n", res->flagged - res->pooled_off, res->n_rows,
	        res->pooled_off ? ", and the pooled test" : "");
}
