/*
 * harness.c - runs every check of the selected claims and decides (see bc_harness.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bc_harness.h"
#include "bc_mc.h"
#include "bc_stats.h"

void bc_config_default(struct bc_config *cfg)
{
	cfg->seed = 1;
	cfg->threads = 1;
	cfg->alpha = 1e-6;
	cfg->power = 0.9;
	bc_config_battery(cfg, "quick");
	cfg->progress = false;
	cfg->ulp_sweep = true;
	cfg->point_known = NULL;
	cfg->point_done = NULL;
	cfg->hook_ctx = NULL;
}

static const struct battery {
	const char *name;
	double detect;
	uint64_t pilot, budget;
} batteries[] = {
	{"quick", 0.01, 10000, 50000000},
	/* budgets: 10 times the largest need of quick's points (4.9e6 at seed 1), scaled */
	{"standard", 0.003, 30000, 600000000},
	{"thorough", 0.001, 100000, 5000000000},
};
const char bc_battery_names[] = "quick|standard|thorough";

int bc_config_battery(struct bc_config *cfg, const char *name)
{
	for (size_t i = 0; i < sizeof batteries / sizeof *batteries; i++)
		if (strcmp(name, batteries[i].name) == 0) {
			cfg->detect = batteries[i].detect;
			cfg->pilot = batteries[i].pilot;
			cfg->budget = batteries[i].budget;
			return 0;
		}
	return -1;
}

bool bc_verdict_ok(enum bc_verdict v)
{
	return v == BC_PASS || v == BC_REJECTED || v == BC_FLAGGED;
}

const char *bc_verdict_name(enum bc_verdict v)
{
	static const char *const names[] = {"pass",     "FAIL",         "INCONCLUSIVE", "rejected",
	                                    "NOT REJECTED", "flagged", "NOT FLAGGED"};
	return names[v];
}

static int obs_index(const struct bc_claim *c, const char *name)
{
	for (int k = 0; c->sim->obs[k]; k++)
		if (strcmp(c->sim->obs[k], name) == 0)
			return k;
	return -1;
}

int bc_harness_comparisons(const struct bc_claim *c)
{
	int n = c->n_points;
	for (int v = 0; v < c->n_variants; v++)
		for (int p = 0; p < c->n_points; p++)
			n += c->points[p].kind == BC_IN_REGIME &&
			     strcmp(c->points[p].output, c->variants[v].output) == 0;
	return n;
}

int bc_harness_point_setup(const struct bc_claim *c, int index, struct bc_point_setup *ps,
                           char *err, size_t errlen)
{
	const struct bc_point *pt = &c->points[index];
	ps->theory = ps->scale = NAN;
	ps->obs = -1;
	if (bc_param_parse_line(c, pt->args, true, &ps->args, err, errlen))
		return -1;
	struct bc_outputs th;
	if (bc_theory_checked(c, &ps->args, &th, err, errlen))
		return -1;
	int ti = bc_output_index(&th, pt->output), oi = obs_index(c, pt->output);
	if (ti < 0 || oi < 0) {
		snprintf(err, errlen, "no output '%s' to compare", pt->output);
		return -1;
	}
	ps->theory = th.v[ti];
	int si = pt->scale_output ? bc_output_index(&th, pt->scale_output) : ti;
	if (si < 0) {
		snprintf(err, errlen, "no output '%s' to scale by", pt->scale_output);
		return -1;
	}
	ps->scale = fabs(th.v[si]);
	ps->obs = oi;
	return 0;
}

double bc_harness_se(struct bc_moments m, double scale)
{
	return fmax(bc_est_se(m), BC_SE_FLOOR_REL * scale);
}

bool bc_harness_agrees(enum bc_point_kind kind, double estimate, double theory, double se,
                       double z)
{
	return kind == BC_NOT_BELOW ? estimate - theory >= -z * se
	                            : fabs(estimate - theory) <= z * se;
}

static void run_point(const struct bc_claim *c, int index, const struct bc_run_result *run,
                      struct bc_point_result *pr)
{
	const struct bc_point *pt = &c->points[index];
	const struct bc_config *cfg = &run->cfg;
	pr->point = pt;
	pr->verdict = BC_FAIL;
	pr->theory = pr->estimate = pr->se = pr->z = pr->detectable = NAN;
	struct bc_point_setup ps;
	int bad = bc_harness_point_setup(c, index, &ps, pr->error, sizeof pr->error);
	pr->args = ps.args;
	if (bad)
		return;
	pr->theory = ps.theory;
	if (cfg->point_known && cfg->point_known(cfg->hook_ctx, c, index, pr))
		return;
	int oi = ps.obs;
	double scale = ps.scale;
	struct bc_moments m[BC_MAX_OUT];
	struct bc_stream_id id = {cfg->seed, bc_rng_claim_hash(c->id), BC_PURPOSE_PILOT,
	                          (uint32_t)index};
	uint64_t pilot = cfg->pilot < cfg->budget ? cfg->pilot : cfg->budget;
	if (bc_mc_run(c, &pr->args, &id, pilot, cfg->threads, m, pr->error, sizeof pr->error))
		return;
	uint64_t need = bc_stats_replicates_needed(bc_est_sd(m[oi]), scale, cfg->detect, run->z,
	                                           run->z_power, BC_PILOT_MARGIN);
	pr->needed = need;
	/* A point the budget cannot power is decided from its pilot: a run capped at the budget
	 * would cost the whole budget and still could not pass. */
	pr->pilot_only = need > cfg->budget;
	pr->samples = pr->pilot_only ? pilot : need < pilot ? pilot : need;
	if (cfg->progress)
		fprintf(stderr, "  %s/%s: %llu replicates%s...\n", c->id, pt->name,
		        (unsigned long long)pr->samples, pr->pilot_only ? " (pilot only)" : "");
	id.purpose = BC_PURPOSE_MAIN;
	if (!pr->pilot_only && bc_mc_run(c, &pr->args, &id, pr->samples, cfg->threads, m,
	                                 pr->error, sizeof pr->error))
		return;
	if (!pr->pilot_only && bc_stats_detectable(bc_est_se(m[oi]), scale, run->z,
	                                           run->z_power) > cfg->detect) {
		/* The pilot underestimated the SD (heavy tails do that): size once more from the
		 * decisive run's own SD, and continue it with the replicates that follow. */
		uint64_t more = bc_stats_replicates_needed(bc_est_sd(m[oi]), scale, cfg->detect,
		                                           run->z, run->z_power, BC_PILOT_MARGIN);
		pr->needed = more;
		if (more > pr->samples && more <= cfg->budget) {
			struct bc_moments extra[BC_MAX_OUT];
			if (bc_mc_run_from(c, &pr->args, &id, pr->samples, more - pr->samples,
			                   cfg->threads, extra, pr->error, sizeof pr->error))
				return;
			for (int k = 0; k < bc_mc_n_obs(c); k++)
				m[k] = bc_est_merge(m[k], extra[k]);
			pr->samples = more;
			pr->resized = true;
		}
	}
	pr->estimate = m[oi].mean;
	pr->se = bc_harness_se(m[oi], scale);
	pr->z = (pr->estimate - pr->theory) / pr->se;
	pr->detectable = bc_stats_detectable(pr->se, scale, run->z, run->z_power);
	bool agrees = bc_harness_agrees(pt->kind, pr->estimate, pr->theory, pr->se, run->z);
	/* A disagreement at level alpha stands whatever the power; an agreement means something
	 * only when the run could have seen the error `detect`. */
	bool powered = !pr->pilot_only && pr->needed <= cfg->budget &&
	               pr->detectable <= cfg->detect;
	if (pt->kind == BC_OUTSIDE)
		pr->verdict = !agrees ? BC_FLAGGED : powered ? BC_NOT_FLAGGED : BC_INCONCLUSIVE;
	else if (!agrees)
		pr->verdict = BC_FAIL;
	else
		pr->verdict = powered ? BC_PASS : BC_INCONCLUSIVE;
	if (cfg->point_done)
		cfg->point_done(cfg->hook_ctx, c, index, pr);
}

static void judge_variant(const struct bc_claim *c, const struct bc_variant *v,
                          const struct bc_claim_result *cr, double z,
                          struct bc_variant_result *vr)
{
	vr->variant = v;
	for (int p = 0; p < c->n_points; p++) {
		const struct bc_point_result *pr = &cr->points[p];
		vr->value_at[p] = vr->z_at[p] = NAN;
		if (pr->point->kind != BC_IN_REGIME || strcmp(pr->point->output, v->output) != 0 ||
		    pr->error[0] || !(pr->se > 0))
			continue;
		vr->value_at[p] = v->value(&pr->args);
		vr->z_at[p] = (pr->estimate - vr->value_at[p]) / pr->se;
		vr->compared++;
		vr->rejected += !(fabs(vr->z_at[p]) <= z); /* a NaN variant counts as rejected */
		if (fabs(vr->z_at[p]) > vr->max_abs_z || isnan(vr->z_at[p]))
			vr->max_abs_z = fabs(vr->z_at[p]);
	}
	vr->verdict = vr->rejected > 0 ? BC_REJECTED : BC_NOT_REJECTED;
}

/* Counts a verdict in the totals and, when it is a success, in its kind's column. */
static void tally(struct bc_run_result *res, enum bc_verdict v, int *kind_ok)
{
	if (bc_verdict_ok(v)) {
		res->passed++;
		(*kind_ok)++;
	} else {
		res->failed++;
	}
	res->inconclusive += v == BC_INCONCLUSIVE;
}

int bc_harness_run(const struct bc_claim *const *claims, int n, const struct bc_config *cfg,
                   struct bc_run_result *res)
{
	memset(res, 0, sizeof *res);
	/* a claim whose tables outgrow the result's arrays is refused, never written past them */
	for (int i = 0; i < n; i++)
		if (claims[i]->n_points > BC_MAX_POINTS || claims[i]->n_variants > BC_MAX_VARIANTS) {
			fprintf(stderr, "batchcheck: claim '%s' has %d check points and %d planted "
			        "variants: at most %d and %d (include/bc_harness.h)\n", claims[i]->id,
			        claims[i]->n_points, claims[i]->n_variants, BC_MAX_POINTS,
			        BC_MAX_VARIANTS);
			return -1;
		}
	res->cfg = *cfg;
	res->n_claims = n;
	res->claims = calloc((size_t)(n > 0 ? n : 1), sizeof *res->claims);
	if (!res->claims)
		return -1;
	for (int i = 0; i < n; i++)
		res->comparisons += bc_harness_comparisons(claims[i]);
	res->z = bc_stats_z_alarm(cfg->alpha, res->comparisons);
	res->z_power = bc_stats_z_power(cfg->power);

	for (int i = 0; i < n; i++) {
		const struct bc_claim *c = claims[i];
		struct bc_claim_result *cr = &res->claims[i];
		cr->claim = c;
		if (cfg->progress && cfg->ulp_sweep)
			fprintf(stderr, "%s: double vs MPFR sweep...\n", c->id);
		if (cfg->ulp_sweep) {
			bc_ulp_sweep(c, &cr->ulp, cfg->threads);
		} else {
			memset(&cr->ulp, 0, sizeof cr->ulp);
			cr->ulp.skipped = true;
		}
		/* a sweep not run is not a pass */
		cr->ulp_verdict = cfg->ulp_sweep && cr->ulp.worst <= c->ulp_bound &&
		                                  cr->ulp.nonfinite == 0
		                          ? BC_PASS
		                          : BC_FAIL;
		tally(res, cr->ulp_verdict, &res->ulp_met);
		for (int p = 0; p < c->n_points; p++) {
			run_point(c, p, res, &cr->points[p]);
			tally(res, cr->points[p].verdict, c->points[p].kind == BC_OUTSIDE
			                                          ? &res->outside_flagged
			                                          : &res->regime_passed);
		}
		for (int v = 0; v < c->n_variants; v++) {
			judge_variant(c, &c->variants[v], cr, res->z, &cr->variants[v]);
			tally(res, cr->variants[v].verdict, &res->variants_rejected);
		}
	}
	return res->failed ? 1 : 0;
}
