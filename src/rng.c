/*
 * rng.c - Philox4x32-10 streams for GSL, keyed by purpose (see bc_rng.h for the layout).
 *
 * A gsl_rng_type of our own rather than Random123's GSL_MICRORNG adapter, which computes
 * one block per call and hands out words one function call at a time: here the words of a
 * replicate are computed in bulk (philox.c, vectorised) into the generator's state, and
 * the variate generators (draws.c) read them from there without a call per word. GSL's
 * distributions still work on it, through gsl_rng_get and gsl_rng_uniform, and read the
 * same stream. The words are Random123's, in its adapter's order.
 */
#include <assert.h>
#include <string.h>

#include <Random123/philox.h>

#include "bc_philox.h"
#include "bc_rng.h"
#include "bc_rng_state.h"

uint32_t bc_rng_claim_hash(const char *claim_id)
{
	uint32_t h = 2166136261u; /* FNV-1a, 32 bit */
	for (const unsigned char *s = (const unsigned char *)claim_id; *s; s++)
		h = (h ^ *s) * 16777619u;
	return h;
}

void bc_rng_refill(struct bc_rng_state *st)
{
	/* the blocks after those consumed: the prefetched ones, then earlier refills */
	uint32_t n = st->src >= 0 ? BC_RNG_FIRST_REFILL : BC_RNG_CHUNK;
	if (!st->stream_set) { /* most replicates never get here: their prefetch suffices */
		st->stream = bc_philox_stream(&st->id, st->replicate);
		st->stream_set = 1;
	}
	bc_philox_words(&st->stream, st->next_block, n, st->chunk);
	st->chunk_block = st->next_block;
	st->next_block += n;
	st->src = -1;
	st->pos = 0;
	st->len = 4 * n;
}

static unsigned long get(void *vstate)
{
	return bc_rng_word(vstate);
}

/* 53 random bits from two words, so GSL's distributions see doubles of full resolution. */
static double get_double(void *vstate)
{
	uint64_t hi = bc_rng_word(vstate), lo = bc_rng_word(vstate);
	return (double)((hi << 32 | lo) >> 11) * 0x1p-53;
}

static void set(void *vstate, unsigned long seed)
{
	(void)seed; /* streams are keyed by bc_rng_key, never by a GSL seed */
	struct bc_rng_state *st = vstate;
	memset(st, 0, sizeof *st);
	st->src = -1;
}

const gsl_rng_type bc_rng_philox_type = {
	"bc_philox4x32", 0xffffffffUL, 0, sizeof(struct bc_rng_state), set, get, get_double};

gsl_rng *bc_rng_new(void)
{
	return gsl_rng_alloc(&bc_rng_philox_type);
}

/* Points the cursor at the start of replicate r's stream, with no words buffered. */
static void start(struct bc_rng_state *st, const struct bc_stream_id *id, uint64_t r)
{
	st->id = *id;
	st->replicate = r;
	st->stream_set = 0;
	st->next_block = st->chunk_block = 0;
	st->src = -1;
	st->pos = st->len = 0;
}

void bc_rng_key(gsl_rng *r, const struct bc_stream_id *id, uint64_t replicate)
{
	start(r->state, id, replicate);
}

void bc_rng_prefetch(gsl_rng *r, const struct bc_stream_id *id, uint64_t r0, int n)
{
	struct bc_rng_state *st = r->state;
	st->group_id = *id;
	st->group_r0 = r0;
	st->group_n = n;
	st->pre_blocks = st->want_blocks;
	if (st->pre_blocks > 0)
		bc_philox_replicates(id, r0, n, (size_t)st->pre_blocks, &st->pre[0][0],
		                     4 * BC_RNG_PREFETCH_MAX);
	st->want_blocks = 0;
}

void bc_rng_use(gsl_rng *r, int i)
{
	struct bc_rng_state *st = r->state;
	assert(i >= 0 && i < st->group_n); /* lanes past the group hold stale words */
	start(st, &st->group_id, st->group_r0 + (uint64_t)i);
	st->src = i;
	st->len = 4 * (uint32_t)st->pre_blocks;
	st->next_block = (uint32_t)st->pre_blocks;
}

void bc_rng_done(gsl_rng *r)
{
	struct bc_rng_state *st = r->state;
	/* words this replicate consumed: within the prefetch, or up to the cursor of a chunk */
	uint32_t used = st->src >= 0 ? st->pos : 4 * st->chunk_block + st->pos;
	uint32_t blocks = (used + 3) / 4;
	if (blocks > BC_RNG_PREFETCH_MAX)
		blocks = BC_RNG_PREFETCH_MAX;
	if ((int)blocks > st->want_blocks)
		st->want_blocks = (int)blocks;
}

/* Random123's own block function: the reference the tests hold the bulk words against. */
void bc_rng_philox_block(const uint32_t ctr[4], const uint32_t key[2], uint32_t out[4])
{
	philox4x32_ctr_t c = {{ctr[0], ctr[1], ctr[2], ctr[3]}};
	philox4x32_key_t k = {{key[0], key[1]}};
	philox4x32_ctr_t y = philox4x32_R(10, c, k);
	for (int i = 0; i < 4; i++)
		out[i] = y.v[i];
}
