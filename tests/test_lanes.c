/*
 * test_lanes.c - replicates run side by side give each replicate's own bits (bc_lanes.h).
 *
 * The lane-wise draws against each lane's stream drawn alone, for every law, call size and
 * kernel; every claim's replicate_lanes against its replicate() at each check point and at
 * switches the points do not use; and the engine's own check, which must fail a run whose
 * lanes simulator computes something else.
 */
#include <string.h>

#include "bc_claim.h"
#include "bc_draws.h"
#include "bc_lanes.h"
#include "bc_mc.h"
#include "bc_philox.h"
#include "bc_test.h"

static const enum bc_law laws[] = {BC_LAW_GAUSS, BC_LAW_UNIFORM, BC_LAW_LAPLACE, BC_LAW_EXP};

/*
 * Lane groups of prefetched replicate groups (the first with no prefetch, the later ones
 * sized by the replicates before them), drawn with bc_lanes_fill in calls of many sizes,
 * some lanes also drawn alone in between: every value, and each lane's stream position at
 * the end, equal those of the lane's replicate keyed and drawn by itself.
 */
static void lanes_against_streams(enum bc_law law, int portable)
{
	static const size_t sizes[] = {1, 2, 3, 5, 7, 8, 9, 16, 17, 63, 64, 65, 130, 1000};
	enum { NS = sizeof sizes / sizeof *sizes, L = BC_LANES };
	static double out[1000 * L], one[1000];
	struct bc_stream_id id = {20261128, 0x1a4e5000u + (uint32_t)law, BC_PURPOSE_MAIN, 3};
	gsl_rng *lanes = bc_rng_new(), *ref[L];
	for (int l = 0; l < L; l++)
		ref[l] = bc_rng_new();
	bc_draws_portable_only = bc_philox_portable_only = portable;
	for (int g = 0; g < 6 * BC_RNG_GROUP; g += BC_RNG_GROUP) {
		if (g / BC_RNG_GROUP % 2) /* as the engine lays it out for lanes */
			bc_rng_prefetch_rows(lanes, &id, (uint64_t)g);
		else
			bc_rng_prefetch(lanes, &id, (uint64_t)g, BC_RNG_GROUP);
		for (int i = 0; i < BC_RNG_GROUP; i += L) {
			bc_rng_lanes(lanes, i);
			for (int l = 0; l < L; l++)
				bc_rng_key(ref[l], &id, (uint64_t)(g + i + l));
			/* group g draws sizes[k] for k from g / 16 on: the later prefetches differ */
			for (int k = g / BC_RNG_GROUP; k < NS; k += 3) {
				size_t n = sizes[k];
				bc_lanes_fill(law, lanes, n, out);
				for (int l = 0; l < L; l++) {
					bc_law_fill(law, ref[l], n, one);
					for (size_t j = 0; j < n; j++)
						if (memcmp(&one[j], &out[j * L + (size_t)l], sizeof one[j]) != 0)
							cr_assert_fail("law %d portable %d replicate %d, a call of %zu: "
							               "lane %d's draw %zu is %a, its stream's %a",
							               law, portable, g + i + l, n, l, j,
							               out[j * L + (size_t)l], one[j]);
				}
				int alone = (int)(n % L); /* one lane drawn by itself, as a redraw is */
				bc_rng_lane(lanes, alone);
				bc_law_fill(law, lanes, 3, out);
				bc_law_fill(law, ref[alone], 3, one);
				cr_assert(memcmp(out, one, 3 * sizeof *one) == 0,
				          "law %d: lane %d drawn alone", law, alone);
			}
			for (int l = 0; l < L; l++) {
				bc_rng_lane(lanes, l);
				cr_assert_eq(gsl_rng_get(lanes), gsl_rng_get(ref[l]),
				             "law %d portable %d: lane %d's stream position", law, portable,
				             l);
			}
			bc_rng_lanes_done(lanes);
		}
	}
	bc_draws_portable_only = bc_philox_portable_only = 0;
	gsl_rng_free(lanes);
	for (int l = 0; l < L; l++)
		gsl_rng_free(ref[l]);
}

Test(lanes, each_lanes_draws_are_its_own_streams, .timeout = 60)
{
	for (size_t i = 0; i < sizeof laws / sizeof *laws; i++)
		for (int portable = 0; portable <= 1; portable++)
			lanes_against_streams(laws[i], portable);
}

/* The moments of R replicates with and without lanes, bit for bit (R leaves a remainder the
 * lanes do not fill, so both paths run in the first). */
static void expect_same_bits(const struct bc_claim *c, const char *line)
{
	enum { R = 2 * BC_RNG_GROUP + BC_LANES + 3 };
	struct bc_args in = bc_test_parse(c->id, line, true);
	struct bc_stream_id id = {7, bc_rng_claim_hash(c->id), BC_PURPOSE_MAIN, 1};
	struct bc_moments with[BC_MAX_OUT], without[BC_MAX_OUT];
	char err[BC_ERR_LEN];
	cr_assert_eq(bc_mc_run(c, &in, &id, R, 2, with, err, sizeof err), 0, "%s '%s': %s", c->id,
	             line, err);
	bc_mc_lanes_off = 1;
	int rc = bc_mc_run(c, &in, &id, R, 2, without, err, sizeof err);
	bc_mc_lanes_off = 0;
	cr_assert_eq(rc, 0, "%s '%s': %s", c->id, line, err);
	for (int k = 0; k < bc_mc_n_obs(c); k++)
		cr_assert(memcmp(&with[k], &without[k], sizeof with[k]) == 0,
		          "%s '%s': '%s' with lanes %.17g, one at a time %.17g", c->id, line,
		          c->sim->obs[k], with[k].mean, without[k].mean);
}

/* Switches and regimes the check points leave out. */
static const struct {
	const char *claim, *line;
} extra[] = {
	{"corr_batch_var", "sigma=2 m=16 rho=-0.05 mech=centred law=exp"},
	{"corr_batch_var", "sigma=1 m=7 rho=0.4 mech=ar1 law=exp"},
	{"corr_batch_var", "sigma=1 m=5 rho=0.2 mech=cholesky"},
	{"corr_batch_var", "sigma=1 m=1 rho=0 law=exp"},
	{"corr_batch_var", "sigma=1 m=70 rho=0.1 law=exp"},
	{"bn_bias", "m=2 gamma=1 lambda=1 law=uniform var=unbiased"},
	{"bn_bias", "m=8 gamma=2 lambda=1 data=20 law=exp"},
	{"bn_bias", "m=5 gamma=1 lambda=1 mu=3 sigma=2 eps=0.5 law=laplace"},
	{"neyman_allocation", "W=0.5,0.3,0.2 sigma=4,2,1 b=20 alloc=srs law=gauss"},
	{"neyman_allocation", "W=0.5,0.3,0.2 sigma=4,2,1 b=14 pop=30"},
	{"neyman_allocation", "W=0.92,0.08 sigma=5,1 b=20 round=reweight law=uniform"},
	{"eigen_stationary_error", "eta=0.3 s=1 b=3 lambda=1 d=4 rot=2 corr=0.3 k=0.5 rho=0.4 law=exp"},
	{"eigen_stationary_error", "eta=0.5 s=2 b=1 lambda=1 d=1 rot=0 law=laplace"},
	{"flat_minimum_batch", "eta=0.1 sigma=1 d=3 tau=3 r=0.5 bsim=2 hspread=0.5 nspread=0.5 law=uniform"},
	{"noise_scale_progress", "u=2 sigma=3 b=5 rho=0.4 lr=0.5 law=laplace"},
	{"sqrt_lr_law", "u=0.01 b=4 h=1 sigma=1 at=3 hspread=0.5 rho=0.3 law=exp"},
};

Test(lanes, every_claims_lanes_give_its_replicates_bits, .timeout = 120)
{
	int claims_with_lanes = 0;
	for (int i = 0; i < bc_n_claims; i++) {
		const struct bc_claim *c = bc_claims[i];
		if (!c->sim->replicate_lanes)
			continue;
		claims_with_lanes++;
		for (int p = 0; p < c->n_points; p++)
			expect_same_bits(c, c->points[p].args);
	}
	for (size_t e = 0; e < sizeof extra / sizeof *extra; e++)
		expect_same_bits(bc_test_claim(extra[e].claim), extra[e].line);
	/* all but robust_step_bound: a regression to none would pass the above */
	cr_assert_geq(claims_with_lanes, 7);
}

/* A simulator whose lanes differ from its replicate() in one lane's last bit. */
static void *plan_new(const struct bc_claim *c, const struct bc_args *in, char *err,
                      size_t errlen)
{
	(void)c, (void)in, (void)err, (void)errlen;
	static int plan;
	return &plan;
}

static void plan_free(void *p)
{
	(void)p;
}

static void replicate(const void *p, gsl_rng *r, double *work, double *obs)
{
	(void)p;
	bc_law_fill(BC_LAW_GAUSS, r, 4, work);
	obs[0] = work[0] + work[1] + work[2] + work[3];
}

static void replicate_lanes(const void *p, gsl_rng *r, double *work, double *obs)
{
	bc_lanes_each(replicate, p, r, work, 1, obs);
	obs[5] = nextafter(obs[5], 10);
}

static size_t work_doubles(const void *p)
{
	(void)p;
	return 4;
}

static const char *const obs_names[] = {"x", NULL};
static const struct bc_sim off_by_a_bit = {
	.obs = obs_names,
	.mechanism = "a sum of four draws, one lane off by an ulp",
	.plan_new = plan_new,
	.plan_free = plan_free,
	.work_doubles = work_doubles,
	.replicate = replicate,
	.replicate_lanes = replicate_lanes,
};

Test(lanes, a_lanes_simulator_unlike_its_replicate_fails_the_run)
{
	struct bc_claim c = *bc_test_claim("corr_batch_var");
	c.id = "off_by_a_bit";
	c.sim = &off_by_a_bit;
	struct bc_args in = bc_test_parse("corr_batch_var", "sigma=1 m=2 rho=0", false);
	struct bc_stream_id id = {1, bc_rng_claim_hash(c.id), BC_PURPOSE_MAIN, 0};
	struct bc_moments m[1];
	char err[BC_ERR_LEN] = "";
	cr_assert_eq(bc_mc_run(&c, &in, &id, 100, 1, m, err, sizeof err), -1);
	cr_assert(strstr(err, "off_by_a_bit's replicate_lanes gives 'x'") &&
	          strstr(err, "at replicate 5"), "message: %s", err);
	/* with the lanes off, the same run is fine */
	bc_mc_lanes_off = 1;
	int rc = bc_mc_run(&c, &in, &id, 100, 1, m, err, sizeof err);
	bc_mc_lanes_off = 0;
	cr_assert_eq(rc, 0, "%s", err);
}
