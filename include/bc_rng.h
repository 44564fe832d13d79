/*
 * bc_rng.h - random streams keyed by what they are for.
 *
 * Philox4x32-10 as Random123 defines it, as a gsl_rng (so every GSL distribution draws from
 * it) whose words are computed in bulk (bc_philox.h) and read by the variate generators of
 * bc_draws.h without a call per word. A stream is a pure function of
 * (seed, claim, purpose, check point, replicate): the Philox key is the 64-bit seed, and the
 * 128-bit counter is
 *     word 0: replicate, low 32 bits
 *     word 1: replicate bits 32..39 | purpose << 8 | point << 16
 *     word 2: FNV-1a hash of the claim id
 *     word 3: block index: word j of the stream is element 3 - j % 4 of block j / 4
 *             (up to 4 * 2^32 words per replicate), the order of Random123's GSL adapter
 * Threads never enter the key, so which thread runs a replicate cannot change its numbers.
 */
#ifndef BC_RNG_H
#define BC_RNG_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

enum bc_purpose {
	BC_PURPOSE_MAIN = 1,  /* the harness's decisive run */
	BC_PURPOSE_PILOT = 2, /* the harness's pilot that sizes the decisive run */
	BC_PURPOSE_CLI = 3,   /* `batchcheck sim` and `sweep` */
	BC_PURPOSE_MODEL = 4  /* a fixed part of a model (a random basis): seed = its index */
};

struct bc_stream_id {
	uint64_t seed;
	uint32_t claim; /* bc_rng_claim_hash(id) */
	enum bc_purpose purpose;
	uint32_t point; /* < BC_RNG_MAX_POINTS */
};

#define BC_RNG_MAX_REPLICATES (UINT64_C(1) << 40)
#define BC_RNG_MAX_POINTS 65536u

uint32_t bc_rng_claim_hash(const char *claim_id);

/* A gsl_rng that must be keyed with bc_rng_key() before each use; free with gsl_rng_free. */
gsl_rng *bc_rng_new(void);

/* Re-keys r to the first draw of the given replicate's stream. */
void bc_rng_key(gsl_rng *r, const struct bc_stream_id *id, uint64_t replicate);

/*
 * The engine's faster keying, for a group of replicates r0 .. r0 + n - 1 (n <= BC_RNG_GROUP):
 * bc_rng_prefetch computes the first words of all of them at once, as many as the last
 * group's replicates used (at most BC_RNG_PREFETCH_MAX blocks each, bc_rng_state.h); then, for each i, bc_rng_use(r, i) keys r to replicate r0 + i
 * and bc_rng_done(r) after it records how many words it used. The words drawn are those
 * bc_rng_key would give: prefetching changes the speed, never the numbers.
 */
#define BC_RNG_GROUP 16
void bc_rng_prefetch(gsl_rng *r, const struct bc_stream_id *id, uint64_t r0, int n);
void bc_rng_use(gsl_rng *r, int i);
void bc_rng_done(gsl_rng *r);

/*
 * Lanes: BC_LANES replicates of a prefetched group drawn side by side, for simulators that
 * compute that many replicates at once (bc_claim.h's replicate_lanes). bc_rng_lanes(r, i)
 * keys lane l to the group's replicate i + l (i + BC_LANES <= the group's n) and selects
 * lane 0; bc_rng_lane(r, l) selects lane l: draws then continue lane l's stream where it
 * stopped; bc_rng_lanes_done(r) ends the lane group as bc_rng_done ends a replicate. Each
 * lane's words are exactly those bc_rng_use would give its replicate.
 */
#define BC_LANES 8
/* bc_rng_prefetch for a whole group (n = BC_RNG_GROUP) that runs in lane groups: the words
 * laid out as rows, one word of each of a lane group's replicates after the other, which
 * the lane-wise draws read as they lie. bc_rng_use still reads any replicate of it. */
void bc_rng_prefetch_rows(gsl_rng *r, const struct bc_stream_id *id, uint64_t r0);
void bc_rng_lanes(gsl_rng *r, int i);
void bc_rng_lane(gsl_rng *r, int lane);
void bc_rng_lanes_done(gsl_rng *r);

/*
 * gsl_rng_uniform(r) and gsl_rng_uniform_int(r, n) on a generator bc_rng_new() made: the
 * same values from the same words (GSL's algorithms, restated in rng.c and tested against
 * GSL's), read from the generator's buffer without GSL's calls through function pointers.
 * n must be in [1, 2^32 - 1], as GSL requires of this generator.
 */
double bc_rng_uniform(gsl_rng *r);
unsigned long bc_rng_uniform_int(gsl_rng *r, unsigned long n);

/* The raw Philox4x32-10 block function, for the known-answer tests. */
void bc_rng_philox_block(const uint32_t ctr[4], const uint32_t key[2], uint32_t out[4]);

#endif
