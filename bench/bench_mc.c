/*
 * bench_mc.c - how fast the Monte Carlo hot path is, as ratios measured in one run.
 *
 *   1. raw Philox4x32-10 blocks vs draws through the GSL adapter (the cost of driving GSL's
 *      distributions through a gsl_rng_type, i.e. one function pointer per draw);
 *   2. Gaussian draws (GSL ziggurat) through the adapter;
 *   3. one harness-sized run of corr_batch_var's simulator with 1 thread and with 2.
 *
 * Build and run: make bench. Timings are wall-clock (CLOCK_MONOTONIC); the machine is
 * shared, so quote the ratios, not the absolute rates.
 */
#include <stdio.h>
#include <time.h>

#include <gsl/gsl_randist.h>

#include "bc_claim.h"
#include "bc_mc.h"
#include "bc_rng.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(void)
{
	enum { N = 1 << 24 };
	volatile uint32_t sink = 0;
	volatile double dsink = 0;

	double t0 = now();
	uint32_t ctr[4] = {0}, key[2] = {1, 2}, out[4];
	for (uint32_t i = 0; i < N / 4; i++) {
		ctr[0] = i;
		bc_rng_philox_block(ctr, key, out);
		sink ^= out[0] ^ out[1] ^ out[2] ^ out[3];
	}
	double raw = (now() - t0) / N;

	gsl_rng *r = bc_rng_new();
	struct bc_stream_id id = {1, 2, BC_PURPOSE_CLI, 0};
	bc_rng_key(r, &id, 0);
	t0 = now();
	for (int i = 0; i < N; i++)
		sink ^= (uint32_t)gsl_rng_get(r);
	double adapter = (now() - t0) / N;

	bc_rng_key(r, &id, 1);
	t0 = now();
	for (int i = 0; i < N; i++)
		dsink += gsl_ran_gaussian_ziggurat(r, 1.0);
	double gauss = (now() - t0) / N;
	gsl_rng_free(r);

	const struct bc_claim *c = bc_claim_find("corr_batch_var");
	struct bc_args in;
	char err[BC_ERR_LEN];
	bc_param_parse_line(c, "sigma=2 m=8 rho=0.3", true, &in, err, sizeof err);
	struct bc_moments m[BC_MAX_OUT], m2[BC_MAX_OUT];
	struct bc_stream_id sid = {1, bc_rng_claim_hash(c->id), BC_PURPOSE_CLI, 0};
	t0 = now();
	bc_mc_run(c, &in, &sid, 1000000, 1, m, err, sizeof err);
	double one = now() - t0;
	t0 = now();
	bc_mc_run(c, &in, &sid, 1000000, 2, m2, err, sizeof err);
	double two = now() - t0;

	printf("ns per 32-bit word: raw Philox %.2f, through the GSL adapter %.2f (ratio %.2f)\n",
	       raw * 1e9, adapter * 1e9, adapter / raw);
	printf("ns per Gaussian (ziggurat via adapter): %.2f (%.2f raw words' time)\n", gauss * 1e9,
	       gauss / raw);
	printf("corr_batch_var, 1e6 replicates of m=8: 1 thread %.3f s, 2 threads %.3f s "
	       "(speed-up %.2f); estimates identical: %s\n",
	       one, two, one / two, m[0].mean == m2[0].mean && m[0].m2 == m2[0].m2 ? "yes" : "NO");
	printf("ns per simulated sample (1 thread): %.2f\n", one / (1e6 * 9) * 1e9);
	return (int)(sink & 0) + (dsink != dsink);
}
