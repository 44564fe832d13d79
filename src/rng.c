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
	struct bc_rng_cursor *c = bc_rng_cur(st);
	/* the blocks after those consumed: the prefetched ones, then earlier refills; as many
	 * as the last group's longest replicate used beyond them (plus a margin for the few
	 * words a ziggurat's rare cases add), else a first few, then a chunk */
	uint32_t n = c->src >= 0 ? BC_RNG_FIRST_REFILL : BC_RNG_CHUNK;
	if (st->expect_blocks > c->next_block) {
		uint32_t rest = st->expect_blocks - c->next_block + BC_RNG_MARGIN;
		n = rest < BC_RNG_CHUNK ? rest : BC_RNG_CHUNK;
	}
	if (!c->stream_set) { /* most replicates never get here: their prefetch suffices */
		c->stream = bc_philox_stream(&st->id, c->replicate);
		c->stream_set = 1;
	}
	bc_philox_words(&c->stream, c->next_block, n, st->chunk[st->lane]);
	c->chunk_block = c->next_block;
	c->next_block += n;
	c->src = -1;
	c->pos = 0;
	c->len = 4 * n;
}

static unsigned long get(void *vstate)
{
	return bc_rng_word(vstate);
}

/* 53 random bits from two words, so GSL's distributions see doubles of full resolution. */
static inline double get_double(void *vstate)
{
	uint64_t hi = bc_rng_word(vstate), lo = bc_rng_word(vstate);
	return (double)((hi << 32 | lo) >> 11) * 0x1p-53;
}

double bc_rng_uniform(gsl_rng *r)
{
	return get_double(bc_rng_state_of(r)); /* gsl_rng_uniform: the type's get_double */
}

unsigned long bc_rng_uniform_int(gsl_rng *r, unsigned long n)
{
	/* gsl_rng_uniform_int with min 0 and max 2^32 - 1: scale = max / n, words divided by
	 * it until the quotient is below n; GSL's own error for an n out of range */
	if (n == 0 || n > 0xffffffffUL)
		return gsl_rng_uniform_int(r, n);
	struct bc_rng_state *st = bc_rng_state_of(r);
	uint32_t scale = 0xffffffffu / (uint32_t)n, k; /* all below 2^32: a 32-bit division */
	do
		k = bc_rng_word(st) / scale;
	while (k >= n);
	return k;
}

static void set(void *vstate, unsigned long seed)
{
	(void)seed; /* streams are keyed by bc_rng_key, never by a GSL seed */
	struct bc_rng_state *st = vstate;
	memset(st, 0, sizeof *st);
	st->cur[0].src = -1;
}

const gsl_rng_type bc_rng_philox_type = {
	"bc_philox4x32", 0xffffffffUL, 0, sizeof(struct bc_rng_state), set, get, get_double};

gsl_rng *bc_rng_new(void)
{
	return gsl_rng_alloc(&bc_rng_philox_type);
}

/* A cursor at the start of replicate r's stream, with no words buffered. */
static struct bc_rng_cursor start(uint64_t r)
{
	return (struct bc_rng_cursor){.replicate = r, .src = -1};
}

void bc_rng_key(gsl_rng *r, const struct bc_stream_id *id, uint64_t replicate)
{
	struct bc_rng_state *st = r->state;
	st->id = *id;
	st->cur[0] = start(replicate);
	st->lane = st->n_lanes = 0;
}

void bc_rng_prefetch(gsl_rng *r, const struct bc_stream_id *id, uint64_t r0, int n)
{
	struct bc_rng_state *st = r->state;
	st->group_id = *id;
	st->group_r0 = r0;
	st->group_n = n;
	/* the second longest: one replicate's rare cases refill on their own, not all 16 */
	st->pre_blocks = st->want_second;
	st->expect_blocks = st->want_total;
	if (st->pre_blocks > 0)
		bc_philox_replicates(id, r0, n, (size_t)st->pre_blocks, &st->pre[0][0],
		                     4 * BC_RNG_PREFETCH_MAX);
	st->want_blocks = st->want_second = 0;
	st->want_total = 0;
	st->rows = 0;
}

void bc_rng_prefetch_rows(gsl_rng *r, const struct bc_stream_id *id, uint64_t r0)
{
	struct bc_rng_state *st = r->state;
	bc_rng_prefetch(r, id, r0, 0); /* the bookkeeping; it computes no words for n = 0 */
	st->group_n = BC_RNG_GROUP;
	st->rows = 1;
	bc_philox_rows(id, r0, BC_RNG_GROUP / BC_LANES, (size_t)st->pre_blocks, &st->pre[0][0],
	               BC_RNG_ROWS_WORDS);
}

/* A cursor at the start of the group's replicate i, on its prefetched words. */
static struct bc_rng_cursor group_start(const struct bc_rng_state *st, int i)
{
	assert(i >= 0 && i < st->group_n); /* lanes past the group hold stale words */
	struct bc_rng_cursor c = start(st->group_r0 + (uint64_t)i);
	c.src = i;
	c.off = st->rows ? BC_RNG_ROWS_WORDS * (uint32_t)(i / BC_LANES) + (uint32_t)(i % BC_LANES)
	                 : 4 * BC_RNG_PREFETCH_MAX * (uint32_t)i;
	c.stride = st->rows ? BC_LANES : 1;
	c.len = 4 * (uint32_t)st->pre_blocks;
	c.next_block = (uint32_t)st->pre_blocks;
	return c;
}

void bc_rng_use(gsl_rng *r, int i)
{
	struct bc_rng_state *st = r->state;
	st->id = st->group_id;
	st->cur[0] = group_start(st, i);
	st->lane = st->n_lanes = 0;
}

/* Records how many blocks the cursor's replicate used, for the next group's prefetch. */
static void record(struct bc_rng_state *st, const struct bc_rng_cursor *c)
{
	/* words this replicate consumed: within the prefetch, or up to the cursor of a chunk */
	uint32_t used = c->src >= 0 ? c->pos : 4 * c->chunk_block + c->pos;
	uint32_t blocks = (used + 3) / 4;
	if (blocks > st->want_total)
		st->want_total = blocks;
	if (blocks > BC_RNG_PREFETCH_MAX)
		blocks = BC_RNG_PREFETCH_MAX;
	if ((int)blocks > st->want_blocks) {
		st->want_second = st->want_blocks;
		st->want_blocks = (int)blocks;
	} else if ((int)blocks > st->want_second) {
		st->want_second = (int)blocks;
	}
}

void bc_rng_done(gsl_rng *r)
{
	struct bc_rng_state *st = r->state;
	assert(st->n_lanes == 0);
	record(st, &st->cur[0]);
}

void bc_rng_lanes(gsl_rng *r, int i)
{
	struct bc_rng_state *st = r->state;
	assert(i >= 0 && i + BC_LANES <= st->group_n);
	st->id = st->group_id;
	st->cur[0] = group_start(st, i);
	for (int l = 1; l < BC_LANES; l++) { /* group_start(st, i + l), made from lane 0's */
		struct bc_rng_cursor *c = &st->cur[l];
		*c = st->cur[0];
		c->replicate += (uint64_t)l;
		c->src += l;
		c->off += st->rows ? (uint32_t)l : 4 * BC_RNG_PREFETCH_MAX * (uint32_t)l;
	}
	st->lane = 0;
	st->n_lanes = BC_LANES;
}

void bc_rng_lane(gsl_rng *r, int lane)
{
	struct bc_rng_state *st = r->state;
	assert(st->n_lanes == BC_LANES && lane >= 0 && lane < BC_LANES);
	st->lane = lane;
}

void bc_rng_lanes_done(gsl_rng *r)
{
	struct bc_rng_state *st = r->state;
	assert(st->n_lanes == BC_LANES);
	for (int l = 0; l < BC_LANES; l++)
		record(st, &st->cur[l]);
	st->lane = st->n_lanes = 0;
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
