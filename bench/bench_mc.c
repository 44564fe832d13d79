/*
 * bench_mc.c - how fast the Monte Carlo hot path is, as ratios measured in one run.
 *
 *   1. ceilings: a Philox4x32-10 word computed one block at a time (Random123's block
 *      function) and in bulk (the SIMD path); a uniform (two words and nothing else: the
 *      floor of every variate that takes two), a normal, an exponential and a Laplace
 *      variate (the ziggurats: one word each in the common case);
 *   2. each claim's simulator at its NumPy peer's point (bench/peers/ID.py; the SGD-chain
 *      claims represented by eigen_stationary_error): ns per draw,
 *      draws per second per core, that cost over one bulk Philox word, and the C:NumPy
 *      ratio at equal replicate count and model (both on one core, process CPU time);
 *   3. the same run with 1 and 2 threads: the speed-up in wall time, beside the CPU time
 *      each used, so a machine busy with other work (a speed-up below 2 at equal CPU time)
 *      is not mistaken for poor scaling (CPU time growing with the threads).
 *
 * `build/bench_mc ceilings` prints the ceilings only.
 *
 * Every figure is the median of BENCH_REPEATS runs (the ceilings: of CEILING_REPEATS
 * rounds, their costs in words the median of each round's ratio). The machine is shared:
 * quote ratios measured side by side in one run, not absolute rates. Run from the repository root
 * (make bench does), where the NumPy peers are found; without python3-numpy the ratio
 * column says so (make deps-bench installs it).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bc_claim.h"
#include "bc_draws.h"
#include "bc_mc.h"
#include "bc_philox.h"
#include "bc_rng.h"
#include "peer.h"

#define BENCH_REPEATS 5
#define CEILING_REPEATS 15

struct timing {
	double wall, cpu;
};

static double clock_s(clockid_t id)
{
	struct timespec t;
	clock_gettime(id, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static struct timing now(void)
{
	return (struct timing){clock_s(CLOCK_MONOTONIC), clock_s(CLOCK_PROCESS_CPUTIME_ID)};
}

static struct timing since(struct timing t0)
{
	struct timing t = now();
	return (struct timing){t.wall - t0.wall, t.cpu - t0.cpu};
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *x, int n)
{
	qsort(x, (size_t)n, sizeof *x, cmp_double);
	return n % 2 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
}

static volatile uint32_t word_sink;
static volatile double double_sink;

/* CPU seconds per word, computing one block per call (Random123's block function). */
static double scalar_word(void)
{
	enum { N = 1 << 22 };
	uint32_t ctr[4] = {0, 1, 2, 3}, key[2] = {5, 6}, out[4], acc = 0;
	struct timing t0 = now();
	for (uint32_t i = 0; i < N / 4; i++) {
		ctr[3] = i;
		bc_rng_philox_block(ctr, key, out);
		acc ^= out[0] ^ out[1] ^ out[2] ^ out[3];
	}
	word_sink = acc;
	return since(t0).cpu / N;
}

/* CPU seconds per word in bulk (the hot path's source), 1024 words at a time. */
static double bulk_word(void)
{
	enum { N = 1 << 24, BLOCKS = 256 };
	static uint32_t out[4 * BLOCKS];
	struct bc_stream_id id = {1, 2, BC_PURPOSE_CLI, 0};
	struct bc_philox_stream s = bc_philox_stream(&id, 0);
	struct timing t0 = now();
	for (uint32_t i = 0; i < N / (4 * BLOCKS); i++) {
		bc_philox_words(&s, i * BLOCKS, BLOCKS, out);
		word_sink ^= out[i % (4 * BLOCKS)];
	}
	return since(t0).cpu / N;
}

/* CPU seconds per variate, drawn 64 at a time as a batch would be. */
static double variate(void (*fill)(gsl_rng *, size_t, double *))
{
	enum { N = 1 << 22, BATCH = 64 };
	double x[BATCH];
	struct bc_stream_id id = {1, 2, BC_PURPOSE_CLI, 1};
	gsl_rng *r = bc_rng_new();
	bc_rng_key(r, &id, 0);
	struct timing t0 = now();
	for (int i = 0; i < N / BATCH; i++) {
		fill(r, BATCH, x);
		double_sink += x[i % BATCH];
	}
	double t = since(t0).cpu / N;
	gsl_rng_free(r);
	return t;
}

/* A claim at its peer's point: the draws per replicate are the model's (the peer counts
 * the same), e.g. m + 1 for a shared-factor batch of m. */
struct bench_claim {
	const char *id, *args;
	double draws_per_replicate;
	unsigned long long replicates; /* 0: REPLICATES */
};

/* eigen_stationary_error stands for the claims that run SGD chains (src/chain.c): one
 * replicate is a chain of 12 + 64 steps of b = 8 draws (its peer says why). */
static const struct bench_claim claims[] = {
	{"corr_batch_var", "sigma=1 m=16 rho=0.3", 17, 0},
	{"bn_bias", "m=8 gamma=1 lambda=1", 8, 0},
	{"neyman_allocation", "W=0.5,0.3,0.2 sigma=4,2,1 b=14", 14, 0},
	{"eigen_stationary_error", "eta=0.5 s=1 b=8 lambda=1 d=1 rot=0", 608, 50000},
};

#define REPLICATES 1000000ULL

static unsigned long long replicates_of(const struct bench_claim *bc)
{
	return bc->replicates ? bc->replicates : REPLICATES;
}

static int run_claim(const struct bench_claim *bc, int threads, struct timing *t,
                     struct bc_moments *m)
{
	const struct bc_claim *c = bc_claim_find(bc->id);
	struct bc_args in;
	char err[BC_ERR_LEN];
	if (!c || bc_param_parse_line(c, bc->args, true, &in, err, sizeof err)) {
		fprintf(stderr, "bench: %s: %s\n", bc->id, c ? err : "no such claim");
		return -1;
	}
	struct bc_stream_id id = {1, bc_rng_claim_hash(c->id), BC_PURPOSE_CLI, 0};
	struct timing t0 = now();
	if (bc_mc_run(c, &in, &id, replicates_of(bc), threads, m, err, sizeof err)) {
		fprintf(stderr, "bench: %s: %s\n", bc->id, err);
		return -1;
	}
	*t = since(t0);
	return 0;
}

int main(int argc, char **argv)
{
	/* The ceilings, in CEILING_REPEATS rounds: each round times a bulk word and then the
	 * others, and a cost in words is the median over rounds of its ratio to that round's
	 * word, so a machine whose speed drifts between rounds moves the ns, not the ratios. */
	enum { SCALAR, UNIFORM, NORMAL, EXPONENTIAL, LAPLACE, KINDS };
	static const char *names[KINDS] = {"Philox word, one block per call", "uniform variate (2 words)",
	                                   "normal variate", "exponential variate", "Laplace variate"};
	double bw[CEILING_REPEATS], ns[KINDS][CEILING_REPEATS], ratio[KINDS][CEILING_REPEATS];
	for (int k = 0; k < CEILING_REPEATS; k++) {
		bw[k] = bulk_word();
		ns[SCALAR][k] = scalar_word();
		ns[UNIFORM][k] = variate(bc_draw_uniform);
		ns[NORMAL][k] = variate(bc_draw_normal);
		ns[EXPONENTIAL][k] = variate(bc_draw_exponential);
		ns[LAPLACE][k] = variate(bc_draw_laplace);
		for (int j = 0; j < KINDS; j++)
			ratio[j][k] = ns[j][k] / bw[k];
	}
	double word = median(bw, CEILING_REPEATS);
	printf("Ceilings (CPU ns, median of %d rounds; 'words' = median of each round's ratio to one\n"
	       "bulk Philox word timed in the same round):\n", CEILING_REPEATS);
	printf("  %-32s %6.2f ns  %5.2f words\n", "Philox word, bulk (SIMD)", 1e9 * word, 1.0);
	for (int j = 0; j < KINDS; j++)
		printf("  %-32s %6.2f ns  %5.2f words\n", names[j],
		       1e9 * median(ns[j], CEILING_REPEATS), median(ratio[j], CEILING_REPEATS));
	printf("\n");
	if (argc == 2 && strcmp(argv[1], "ceilings") == 0)
		return 0;

	printf("Simulators, %llu replicates on one thread unless the row says otherwise (CPU "
	       "time, median of %d):\n", REPLICATES, BENCH_REPEATS);
	printf("  %-22s %8s %10s %7s %10s %9s  %s\n", "claim", "ns/draw", "Mdraws/s", "words",
	       "NumPy ns", "C:NumPy", "estimates agree");
	int rc = 0;
	for (size_t i = 0; i < sizeof claims / sizeof *claims; i++) {
		const struct bench_claim *bc = &claims[i];
		double c_cpu[BENCH_REPEATS], p_cpu[BENCH_REPEATS];
		struct bc_moments m[BC_MAX_OUT];
		struct bc_peer_result peer = {0};
		int have_peer = 1;
		for (int k = 0; k < BENCH_REPEATS; k++) {
			struct timing t;
			if (run_claim(bc, 1, &t, m))
				return 1;
			c_cpu[k] = t.cpu;
			if (have_peer && bc_bench_peer(bc->id, replicates_of(bc), 1, &peer) == 0)
				p_cpu[k] = peer.cpu_s;
			else
				have_peer = 0;
		}
		double draws = bc->draws_per_replicate * (double)replicates_of(bc);
		double ns = 1e9 * median(c_cpu, BENCH_REPEATS) / draws;
		printf("  %-22s %8.2f %10.1f %7.2f", bc->id, ns, 1e3 / ns, ns / (1e9 * word));
		if (!have_peer) {
			printf(" %10s %9s  NumPy peer not installed (make deps-bench)\n", "-", "-");
			if (bc->replicates)
				printf("    (%llu replicates)\n", bc->replicates);
			continue;
		}
		double pns = 1e9 * median(p_cpu, BENCH_REPEATS) / (double)peer.draws;
		double se = bc_est_se(m[0]), z = (m[0].mean - peer.mean) /
		                                 sqrt(se * se + peer.se * peer.se);
		printf(" %10.2f %8.2fx  %s (z = %.2f)\n", pns, pns / ns, fabs(z) <= 5 ? "yes" : "NO",
		       z);
		if (bc->replicates)
			printf("    (%llu replicates)\n", bc->replicates);
		if (peer.draws != (unsigned long long)draws)
			printf("    (the peer drew %llu variates, the C model %.0f)\n", peer.draws, draws);
		rc |= fabs(z) > 5;
	}

	/* long enough (about 0.6 s on one thread) that thread start-up and the machine's jitter
	 * stay small */
	struct bench_claim threaded = claims[0];
	threaded.replicates = 12 * REPLICATES;
	double w1[BENCH_REPEATS], c1[BENCH_REPEATS], w2[BENCH_REPEATS], c2[BENCH_REPEATS];
	struct bc_moments m1[BC_MAX_OUT], m2[BC_MAX_OUT];
	for (int k = 0; k < BENCH_REPEATS; k++) {
		struct timing t1, t2;
		if (run_claim(&threaded, 1, &t1, m1) || run_claim(&threaded, 2, &t2, m2))
			return 1;
		w1[k] = t1.wall, c1[k] = t1.cpu, w2[k] = t2.wall, c2[k] = t2.cpu;
	}
	double mw1 = median(w1, BENCH_REPEATS), mw2 = median(w2, BENCH_REPEATS);
	printf("\nThreads, %s, %llu replicates: 1 thread %.3f s wall (%.3f s CPU), 2 threads "
	       "%.3f s wall (%.3f s CPU): speed-up %.2f; estimates identical: %s\n",
	       threaded.id, threaded.replicates, mw1, median(c1, BENCH_REPEATS), mw2,
	       median(c2, BENCH_REPEATS),
	       mw1 / mw2,
	       m1[0].mean == m2[0].mean && m1[0].m2 == m2[0].m2 ? "yes" : "NO");
	return rc;
}
