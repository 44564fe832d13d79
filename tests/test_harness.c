/*
 * The decision rule on a toy claim whose truth the test controls: the mean of a
 * Bernoulli(p) draw, with a "theory" that is off by a chosen relative error. The harness
 * must accept the truth, reject an error three times its stated detectable size, call a
 * starved check inconclusive, refuse to flag an outside point that agrees, and test a
 * lower bound one-sided. A second toy with constant observations pins the SE floor.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bc_claim.h"
#include "bc_harness.h"
#include "bc_mc.h"
#include "bc_test.h"

static const struct bc_param params[] = {
	{.name = "p", .kind = BC_REAL, .lo = 0, .hi = 1, .lo_open = true, .hi_open = true,
	 .help = "success probability"},
	{.name = "err", .kind = BC_REAL, .lo = -1, .hi = 1, .deflt = "0",
	 .help = "relative error planted in theory"},
};

static void theory(const struct bc_args *in, struct bc_outputs *out)
{
	out->n = 1;
	snprintf(out->name[0], BC_NAME_LEN, "mean");
	out->v[0] = in->x[0] * (1 + in->x[1]);
}

static void theory_mpfr(const struct bc_args *in, mpfr_t *out)
{
	mpfr_set_d(out[0], in->x[0] * (1 + in->x[1]), MPFR_RNDN);
}

static void *plan_new(const struct bc_claim *c, const struct bc_args *in, char *err, size_t n)
{
	(void)err, (void)n;
	double *p = malloc(sizeof *p);
	*p = bc_arg(c, in, "p");
	return p;
}

static void replicate(const void *plan, gsl_rng *r, double *work, double *obs)
{
	(void)work;
	obs[0] = gsl_rng_uniform(r) < *(const double *)plan;
}

static const char *const obs[] = {"mean", NULL};
static const struct bc_sim sim = {obs, "Bernoulli draw", plan_new, free, NULL, replicate,
                                  .mechanism_tex = NULL};

static double truth(const struct bc_args *in)
{
	return in->x[0];
}

static const struct bc_point points[] = {
	{"true", BC_IN_REGIME, "p=0.3", "mean", "", NULL, .why_tex = NULL},
	{"off_3pct", BC_IN_REGIME, "p=0.3 err=0.03", "mean", "", NULL, .why_tex = NULL},
	{"outside_but_agrees", BC_OUTSIDE, "p=0.3", "mean", "", NULL, .why_tex = NULL},
	{"bound_below", BC_NOT_BELOW, "p=0.3 err=-0.03", "mean", "", NULL, .why_tex = NULL},
	{"bound_above", BC_NOT_BELOW, "p=0.3 err=0.03", "mean", "", NULL, .why_tex = NULL},
};
static const struct bc_variant variants[] = {{"truth", "mean", "the true mean", truth, .what_tex = NULL}};

static const struct bc_claim toy = {
	.id = "toy_bernoulli", .title = "toy", .source = "tests", .seed_formula = "p",
	.model = "Bernoulli", .params = params, .n_params = 2, .theory = theory,
	.theory_mpfr = theory_mpfr, .ulp_bound = 1, .sim = &sim, .points = points,
	.n_points = 5, .variants = variants, .n_variants = 1,
};

Test(harness, accepts_truth_rejects_powered_error_and_refuses_vague_passes, .timeout = 60)
{
	const struct bc_claim *c = &toy;
	struct bc_config cfg;
	bc_config_default(&cfg);
	cfg.threads = 2;
	struct bc_run_result res;
	int rc = bc_harness_run(&c, 1, &cfg, &res);
	const struct bc_claim_result *cr = &res.claims[0];
	cr_assert_eq(cr->points[0].verdict, BC_PASS);
	BC_ASSERT_LE(cr->points[0].detectable, cfg.detect);
	cr_assert_eq(cr->points[1].verdict, BC_FAIL, "a 3%% error must be caught");
	cr_assert_eq(cr->points[2].verdict, BC_NOT_FLAGGED);
	cr_assert_eq(cr->points[3].verdict, BC_PASS, "a true lower bound holds");
	cr_assert_eq(cr->points[4].verdict, BC_FAIL, "a bound 3%% above the truth is caught");
	cr_assert_eq(cr->variants[0].verdict, BC_NOT_REJECTED, "the truth is not a wrong variant");
	cr_assert_eq(res.comparisons, 7);
	cr_assert_eq(res.failed, 4);
	cr_assert_eq(rc, 1);
	free(res.claims);

	cfg.budget = 2000; /* far below what 1% needs: the true point cannot pass */
	bc_harness_run(&c, 1, &cfg, &res);
	cr_assert_eq(res.claims[0].points[0].verdict, BC_INCONCLUSIVE);
	cr_assert_eq(res.claims[0].points[0].samples, 2000); /* the budget caps the run */
	/* the starved run cannot see the 3% error either: it must not pass */
	cr_assert_eq(res.claims[0].points[1].verdict, BC_INCONCLUSIVE);
	/* and both bounds, and the outside point that agrees without the power to see 1% */
	cr_assert_eq(res.claims[0].points[2].verdict, BC_INCONCLUSIVE);
	cr_assert_eq(res.inconclusive, 5);
	free(res.claims);
}

/* One replicate short of what the pilot asks for is inconclusive, even though the pilot's
 * 10% margin means a run capped at the budget would usually resolve the 1% error anyway;
 * and no such capped run is made: the point is decided from its pilot. */
Test(harness, a_point_over_budget_is_inconclusive_from_its_pilot, .timeout = 60)
{
	const struct bc_claim *c = &toy;
	struct bc_config cfg;
	bc_config_default(&cfg);
	struct bc_run_result res;
	bc_harness_run(&c, 1, &cfg, &res);
	const struct bc_point_result *full = &res.claims[0].points[0];
	cr_assert_eq(full->verdict, BC_PASS);
	cr_assert(!full->pilot_only);
	cr_assert_eq(full->samples, full->needed);
	cfg.budget = full->samples - 1;
	free(res.claims);
	bc_harness_run(&c, 1, &cfg, &res);
	const struct bc_point_result *pr = &res.claims[0].points[0];
	cr_assert_eq(pr->verdict, BC_INCONCLUSIVE);
	cr_assert(pr->pilot_only);
	cr_assert_eq(pr->samples, cfg.pilot, "only the pilot is spent");
	BC_ASSERT_LT((double)cfg.budget, (double)pr->needed);
	free(res.claims);
}

/* Decided from the pilot, a point still fails where the pilot alone already disagrees, and
 * an outside point is flagged there; where it agrees, neither passes nor goes unflagged. */
static const struct bc_point pilot_points[] = {
	{"true", BC_IN_REGIME, "p=0.3", "mean", "", NULL, .why_tex = NULL},
	{"off_50pct", BC_IN_REGIME, "p=0.3 err=0.5", "mean", "", NULL, .why_tex = NULL},
	{"outside_off", BC_OUTSIDE, "p=0.3 err=0.5", "mean", "", NULL, .why_tex = NULL},
	{"outside_agrees", BC_OUTSIDE, "p=0.3", "mean", "", NULL, .why_tex = NULL},
};

Test(harness, the_pilot_alone_can_fail_or_flag_but_not_pass, .timeout = 60)
{
	struct bc_claim pilot_toy = toy;
	pilot_toy.points = pilot_points;
	pilot_toy.n_points = 4;
	pilot_toy.n_variants = 0;
	const struct bc_claim *c = &pilot_toy;
	struct bc_config cfg;
	bc_config_default(&cfg);
	cfg.budget = 2 * cfg.pilot; /* the 1% error needs about 100 times the pilot */
	struct bc_run_result res;
	bc_harness_run(&c, 1, &cfg, &res);
	const struct bc_point_result *pr = res.claims[0].points;
	for (int p = 0; p < 4; p++) {
		cr_assert(pr[p].pilot_only, "point %d", p);
		cr_assert_eq(pr[p].samples, cfg.pilot);
	}
	cr_assert_eq(pr[0].verdict, BC_INCONCLUSIVE);
	cr_assert_eq(pr[1].verdict, BC_FAIL);
	cr_assert_eq(pr[2].verdict, BC_FLAGGED);
	cr_assert_eq(pr[3].verdict, BC_INCONCLUSIVE, "agreeing without power is not 'not flagged'");
	cr_assert_eq(res.inconclusive, 2);
	free(res.claims);
}

/* The summary splits what passed by kind, and the kinds add up to the total. */
Test(harness, passes_are_counted_by_kind, .timeout = 60)
{
	const struct bc_claim *c = &toy;
	struct bc_config cfg;
	bc_config_default(&cfg);
	struct bc_run_result res;
	bc_harness_run(&c, 1, &cfg, &res);
	cr_assert_eq(res.ulp_met, 1);
	cr_assert_eq(res.regime_passed, 2); /* "true" and "bound_below" */
	cr_assert_eq(res.variants_rejected, 0);
	cr_assert_eq(res.outside_flagged, 0);
	cr_assert_eq(res.passed, res.ulp_met + res.regime_passed + res.variants_rejected +
	                                 res.outside_flagged);
	cr_assert_eq(res.failed, 4);
	free(res.claims);
}

Test(harness, replicate_count_follows_the_pilot)
{
	/* Bernoulli(0.3): sd/mean = sqrt(0.7/0.3) = 1.5275; with z for 7 comparisons at 1e-6
	 * and power 0.9 the run needs about ((z + 1.2816) * 1.1 * 1.5275 / 0.01)^2. */
	const struct bc_claim *c = &toy;
	struct bc_config cfg;
	bc_config_default(&cfg);
	struct bc_run_result res;
	bc_harness_run(&c, 1, &cfg, &res);
	double z = res.z + res.z_power;
	double expect = pow(z * 1.1 * sqrt(0.7 / 0.3) / 0.01, 2);
	BC_ASSERT_REL((double)res.claims[0].points[0].samples, expect, 0.05);
	free(res.claims);
}

/* Constant observations 1e-15 off p: SE is 0, so only the rounding floor decides. */
static void replicate_constant(const void *plan, gsl_rng *r, double *work, double *obs)
{
	(void)r, (void)work;
	obs[0] = *(const double *)plan * (1 + 1e-15);
}

static const struct bc_sim constant_sim = {obs, "constant", plan_new, free, NULL,
                                           replicate_constant, .mechanism_tex = NULL};
static const struct bc_point constant_points[] = {
	{"rounding_off", BC_IN_REGIME, "p=0.3", "mean", "", NULL, .why_tex = NULL},
	{"off_1e9", BC_IN_REGIME, "p=0.3 err=1e-9", "mean", "", NULL, .why_tex = NULL},
};

Test(harness, constant_observations_are_judged_to_rounding_not_to_zero)
{
	struct bc_claim constant = toy;
	constant.id = "toy_constant";
	constant.sim = &constant_sim;
	constant.points = constant_points;
	constant.n_points = 2;
	constant.n_variants = 0;
	const struct bc_claim *c = &constant;
	struct bc_config cfg;
	bc_config_default(&cfg);
	struct bc_run_result res;
	bc_harness_run(&c, 1, &cfg, &res);
	const struct bc_point_result *pr = res.claims[0].points;
	cr_assert_eq(pr[0].verdict, BC_PASS, "a 1e-15 rounding difference is not an error");
	BC_ASSERT_LE(pr[0].detectable, cfg.detect);
	cr_assert_eq(pr[1].verdict, BC_FAIL, "a 1e-9 error is far above rounding");
	free(res.claims);
}

/* A rare event's pilot often underestimates its SD: the decisive run is then sized once
 * more from its own SD and continued, so the point still reaches its power. Over ten seeds
 * some runs need that and every one passes. */
static const struct bc_point rare_points[] = {{"rare", BC_IN_REGIME, "p=0.02", "mean", "", NULL, .why_tex = NULL}};

Test(harness, an_underpowered_decisive_run_is_continued_not_inconclusive, .timeout = 60)
{
	struct bc_claim rare = toy;
	rare.points = rare_points;
	rare.n_points = 1;
	rare.n_variants = 0;
	const struct bc_claim *c = &rare;
	struct bc_config cfg;
	bc_config_default(&cfg);
	cfg.pilot = 200; /* about four events */
	cfg.detect = 0.05;
	int continued = 0;
	for (uint64_t seed = 1; seed <= 10; seed++) {
		cfg.seed = seed;
		struct bc_run_result res;
		bc_harness_run(&c, 1, &cfg, &res);
		const struct bc_point_result *pr = &res.claims[0].points[0];
		cr_assert_eq(pr->verdict, BC_PASS, "seed %llu: %s, detectable %g",
		             (unsigned long long)seed, bc_verdict_name(pr->verdict), pr->detectable);
		BC_ASSERT_LE(pr->detectable, cfg.detect);
		continued += pr->resized;
		free(res.claims);
	}
	BC_ASSERT_LE(1, continued);
}

/* A claim with more check points than a result can hold is refused before anything runs
 * (it once wrote past the result's arrays). */
Test(harness, a_claim_with_too_many_points_is_refused)
{
	struct bc_claim big = toy;
	big.n_points = BC_MAX_POINTS + 1; /* never read: the refusal comes first */
	const struct bc_claim *c = &big;
	struct bc_config cfg;
	bc_config_default(&cfg);
	struct bc_run_result res;
	cr_assert_eq(bc_harness_run(&c, 1, &cfg, &res), -1);
	cr_assert_null(res.claims);
}

/* A theory that counts an output it never writes (out->n one too many: a mutant `make
 * mutate` found surviving in three claims) is refused at every point, not compared. */
static void theory_counting_one_more(const struct bc_args *in, struct bc_outputs *out)
{
	theory(in, out);
	out->n++;
}

Test(harness, a_theory_counting_an_unwritten_output_fails_the_claim)
{
	struct bc_claim bad = toy;
	bad.theory = theory_counting_one_more;
	struct bc_point_setup ps;
	char err[BC_ERR_LEN];
	cr_assert_eq(bc_harness_point_setup(&bad, 0, &ps, err, sizeof err), -1);
	cr_assert(strstr(err, "output 2 of 2 has no name") != NULL, "%s", err);
	cr_assert_eq(bc_harness_point_setup(&toy, 0, &ps, err, sizeof err), 0, "%s", err);
}
