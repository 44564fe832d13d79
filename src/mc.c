/*
 * mc.c - the Monte Carlo engine: blocks of replicates, order-fixed reduction.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bc_mc.h"

static const struct bc_mc_peers *peers; /* NULL: one process */

void bc_mc_set_peers(const struct bc_mc_peers *p)
{
	peers = p;
}

int bc_mc_n_obs(const struct bc_claim *c)
{
	int n = 0;
	while (c->sim->obs[n])
		n++;
	return n;
}

int bc_mc_lanes_off;

/*
 * Whether replicate_lanes gave the observations `obs` (replicates r0 .. r0 + BC_LANES - 1,
 * n_obs each) other bits than replicate() gives the same replicates: a lanes simulator
 * must be the scalar one, run side by side. Then err says where.
 */
static int lanes_differ(const struct bc_claim *c, const void *plan, gsl_rng *rng,
                        const struct bc_stream_id *id, uint64_t r0, double *work,
                        const double *obs, char *err, size_t errlen)
{
	int n_obs = bc_mc_n_obs(c);
	for (int l = 0; l < BC_LANES; l++) {
		double one[BC_MAX_OUT];
		bc_rng_key(rng, id, r0 + (uint64_t)l);
		c->sim->replicate(plan, rng, work, one);
		for (int k = 0; k < n_obs; k++)
			if (memcmp(&one[k], &obs[l * n_obs + k], sizeof one[k]) != 0) {
				snprintf(err, errlen, "internal error: claim %s's replicate_lanes gives "
				         "'%s' = %.17g at replicate %llu where replicate gives %.17g: a "
				         "lanes simulator must compute what the scalar one does, bit for bit",
				         c->id, c->sim->obs[k], obs[l * n_obs + k],
				         (unsigned long long)(r0 + (uint64_t)l), one[k]);
				return 1;
			}
	}
	return 0;
}

int bc_mc_run(const struct bc_claim *c, const struct bc_args *in, const struct bc_stream_id *id,
              uint64_t replicates, int threads, struct bc_moments *out, char *err, size_t errlen)
{
	return bc_mc_run_from(c, in, id, 0, replicates, threads, out, err, errlen);
}

int bc_mc_run_from(const struct bc_claim *c, const struct bc_args *in,
                   const struct bc_stream_id *id, uint64_t first, uint64_t replicates,
                   int threads, struct bc_moments *out, char *err, size_t errlen)
{
	const struct bc_sim *sim = c->sim;
	int n_obs = bc_mc_n_obs(c);
	if (id->point >= BC_RNG_MAX_POINTS) { /* would spill into the claim's counter word */
		snprintf(err, errlen, "check point index %u is out of range: valid is below %u",
		         (unsigned)id->point, (unsigned)BC_RNG_MAX_POINTS);
		return -1;
	}
	if (replicates >= 2 && replicates <= BC_RNG_MAX_REPLICATES &&
	    first > BC_RNG_MAX_REPLICATES - replicates) {
		snprintf(err, errlen, "replicates %llu to %llu pass the stream's last, %llu",
		         (unsigned long long)first, (unsigned long long)(first + replicates - 1),
		         (unsigned long long)BC_RNG_MAX_REPLICATES - 1);
		return -1;
	}
	if (replicates < 2 || replicates > BC_RNG_MAX_REPLICATES) {
		snprintf(err, errlen, "samples must be an integer in [2, %llu]",
		         (unsigned long long)BC_RNG_MAX_REPLICATES);
		return -1;
	}
	void *plan = sim->plan_new(c, in, err, errlen);
	int lanes = sim->replicate_lanes && !bc_mc_lanes_off;
	if (!plan && !peers)
		return -1;
	size_t n_blocks = (size_t)((replicates + BC_MC_BLOCK - 1) / BC_MC_BLOCK);
	struct bc_moments *blocks = plan ? malloc(n_blocks * (size_t)n_obs * sizeof *blocks) : NULL;
	size_t work_n = plan && sim->work_doubles ? sim->work_doubles(plan) : 0;
	/* 3: the simulator refused (its message is in err); peers must still hear of it */
	int failed = !plan ? 3 : blocks == NULL;
	if (failed)
		goto done; /* an `if` clause on the region would still run it, serially */
	int rank = peers ? peers->rank : 0, size = peers ? peers->size : 1;
	if (size > 1) /* the blocks of other processes, shared by bitwise OR */
		memset(blocks, 0, n_blocks * (size_t)n_obs * sizeof *blocks);

#pragma omp parallel num_threads(threads)
	{
		gsl_rng *rng = bc_rng_new();
		double *work = malloc((work_n + 1) * BC_LANES * sizeof *work);
		double *buf = malloc((size_t)BC_MC_BLOCK * (size_t)n_obs * sizeof *buf);
		double lane_obs[BC_MAX_OUT * BC_LANES];
		int ok = rng && work && buf;
		if (!ok) {
#pragma omp atomic write
			failed = 1;
		}
#pragma omp for schedule(dynamic, 1)
		for (size_t b = 0; b < n_blocks; b++) {
			if (!ok || (int)(b % (size_t)size) != rank)
				continue;
			uint64_t lo = first + (uint64_t)b * BC_MC_BLOCK, end = first + replicates;
			uint64_t hi = lo + BC_MC_BLOCK < end ? lo + BC_MC_BLOCK : end;
			for (uint64_t g = lo; g < hi; g += BC_RNG_GROUP) {
				int n = hi - g < BC_RNG_GROUP ? (int)(hi - g) : BC_RNG_GROUP, i = 0;
				double *at = buf + (size_t)(g - lo) * (size_t)n_obs; /* replicate g's */
				if (lanes && n == BC_RNG_GROUP) /* the lanes read their words as rows */
					bc_rng_prefetch_rows(rng, id, g);
				else
					bc_rng_prefetch(rng, id, g, n);
				for (; lanes && i + BC_LANES <= n; i += BC_LANES) {
					bc_rng_lanes(rng, i);
					sim->replicate_lanes(plan, rng, work, lane_obs);
					bc_rng_lanes_done(rng);
					for (int l = 0; l < BC_LANES; l++)
						for (int k = 0; k < n_obs; k++)
							at[(size_t)(i + l) * (size_t)n_obs + (size_t)k] =
							        lane_obs[k * BC_LANES + l];
					if (g == first && i == 0 &&
					    lanes_differ(c, plan, rng, id, g, work, at, err, errlen)) {
#pragma omp atomic write
						failed = 5;
					}
				}
				for (; i < n; i++) {
					bc_rng_use(rng, i);
					sim->replicate(plan, rng, work, at + (size_t)i * (size_t)n_obs);
					bc_rng_done(rng);
				}
			}
			for (int k = 0; k < n_obs; k++)
				blocks[b * (size_t)n_obs + (size_t)k] =
				        bc_est_moments(buf + k, (size_t)(hi - lo), (size_t)n_obs);
		}
		free(buf);
		free(work);
		if (rng)
			gsl_rng_free(rng);
	}
done:
	/* A process that failed keeps its own reason; one that did not learns of the others'. */
	if (peers && peers->share(failed ? NULL : blocks, n_blocks * (size_t)n_obs, failed) &&
	    !failed) {
		snprintf(err, errlen, "another process could not run %llu replicates (out of memory)",
		         (unsigned long long)replicates);
		failed = 4;
	}
	if (!failed)
		for (int k = 0; k < n_obs; k++) {
			struct bc_moments m = {0, 0, 0};
			for (size_t b = 0; b < n_blocks; b++)
				m = bc_est_merge(m, blocks[b * (size_t)n_obs + (size_t)k]);
			out[k] = m;
			if (!isfinite(m.mean) || !isfinite(m.m2)) { /* a simulator's own limits missed it */
				snprintf(err, errlen, "the simulated '%s' overflows double precision at these "
				         "inputs: valid are smaller scale parameters", sim->obs[k]);
				failed = 2;
			}
		}
	if (failed == 1)
		snprintf(err, errlen, "out of memory for %llu replicates",
		         (unsigned long long)replicates);
	free(blocks);
	if (plan)
		sim->plan_free(plan);
	return failed ? -1 : 0;
}
