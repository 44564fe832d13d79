/*
 * bc_rng_state.h - inside the generator bc_rng_new() makes, for the variate generators
 * that read its words without a function call per word (draws.c). Simulators use bc_rng.h.
 *
 * A replicate's words come from the group prefetch (the first pre_blocks blocks of up to
 * BC_RNG_GROUP replicates, computed together by the engine: as many as the previous
 * group's second-longest replicate used, so that one replicate's rare cases refill alone)
 * and then from chunks computed on demand: as many blocks as the previous group's longest
 * replicate went past them, plus BC_RNG_MARGIN, where that is known (a chain's replicates
 * all use about as many words: one refill, no waste), else BC_RNG_FIRST_REFILL right
 * after a prefetch and BC_RNG_CHUNK after that. For lanes (bc_rng_lanes) the prefetch of
 * a whole group may be laid out as rows, one word of each of eight replicates after the
 * other, as the Philox kernel computes them and the lane-wise draws read them; each lane
 * has its own cursor and its own chunk. Only the sizes and the layout depend on what came
 * before: the words of a replicate never do. No pointer points into the state itself, so
 * gsl_rng_clone's byte copy is a working copy.
 */
#ifndef BC_RNG_STATE_H
#define BC_RNG_STATE_H

#include <stdint.h>
#include <string.h>

#include "bc_philox.h"
#include "bc_rng.h"

#define BC_RNG_CHUNK (4 * BC_PHILOX_LANES) /* blocks computed per refill (after the first) */
#define BC_RNG_FIRST_REFILL 8        /* blocks of the first refill past a prefetch: most
                                      * replicates that outrun it need only a few more */
#define BC_RNG_PREFETCH_MAX 32       /* blocks per replicate a prefetch computes at most */
#define BC_RNG_MARGIN 2              /* blocks a refill adds to the last group's longest */

/* Words past a span's end that may be read (and their values ignored): every buffer is
 * followed by at least this many words of the state, all of them initialised (set() zeroes
 * the state; pre[i] is followed by pre[i + 1] or slack). */
#define BC_RNG_SLACK 7 /* draws.c: a ziggurat block's last 1-3 words read as 4, a lane's 1-7 as 8 */

/* Where one replicate's words are read: its stream, and the cursor within its words. */
struct bc_rng_cursor {
	struct bc_philox_stream stream; /* once stream_set */
	uint64_t replicate;             /* the replicate's index */
	int stream_set;                 /* 0: stream is computed at the first refill */
	uint32_t next_block;            /* first block of its stream not yet computed */
	uint32_t chunk_block;           /* the block its chunk's words 0 .. 3 hold */
	int src;                        /* the prefetch's replicate src, or its chunk when -1 */
	uint32_t pos, len;              /* cursor and end within that source */
	uint32_t off, stride;           /* prefetched word j at (&pre[0][0])[off + j * stride] */
};

struct bc_rng_state {
	/* one cursor per lane of a lane group (bc_rng_lanes); outside one, lane 0's alone */
	struct bc_rng_cursor cur[BC_LANES];
	int lane;                       /* the lane drawn from now: cur[lane], chunk[lane] */
	int n_lanes;                    /* BC_LANES inside a lane group, else 0 */
	struct bc_stream_id id;         /* the stream id of the replicates drawn from now */
	uint32_t chunk[BC_LANES][4 * BC_RNG_CHUNK + BC_RNG_SLACK];
	/* the group prefetch */
	struct bc_stream_id group_id;
	uint64_t group_r0;
	int group_n, pre_blocks, want_blocks, want_second; /* longest and second longest */
	uint32_t expect_blocks, want_total; /* the longest replicate's blocks: last group, this */
	int rows;                       /* the prefetch is laid out as rows (bc_rng.h) */
	/* the prefetched words: replicate i's in pre[i], or as rows, replicate i's word j at
	 * BC_RNG_ROWS_WORDS * (i / BC_LANES) + BC_LANES * j + i % BC_LANES */
	uint32_t pre[BC_RNG_GROUP][4 * BC_RNG_PREFETCH_MAX];
	uint32_t slack[BC_RNG_SLACK]; /* see bc_rng_span */
};

#define BC_RNG_ROWS_WORDS (4 * BC_RNG_PREFETCH_MAX * BC_LANES) /* a lane group's rows */
_Static_assert(BC_RNG_GROUP % BC_LANES == 0, "a group is whole lane groups");

#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_rng.h>

extern const gsl_rng_type bc_rng_philox_type;

void bc_rng_refill(struct bc_rng_state *st);

/* The state of a generator bc_rng_new() made; any other is a programming error. */
static inline struct bc_rng_state *bc_rng_state_of(gsl_rng *r)
{
	if (r->type != &bc_rng_philox_type) {
		fprintf(stderr, "batchcheck: internal error: bulk draws from a generator of type '%s', "
		        "not one made by bc_rng_new()\n", r->type->name);
		abort();
	}
	return r->state;
}

/* The cursor of the replicate drawn from now. */
static inline struct bc_rng_cursor *bc_rng_cur(struct bc_rng_state *st)
{
	return &st->cur[st->lane];
}

/* Where the cursor's words lie: word pos at source[pos * stride] (stride 1, or BC_LANES
 * for a prefetch laid out as rows). */
static inline const uint32_t *bc_rng_source(const struct bc_rng_state *st)
{
	const struct bc_rng_cursor *c = &st->cur[st->lane];
	return c->src < 0 ? st->chunk[st->lane] : &st->pre[0][0] + c->off;
}

static inline uint32_t bc_rng_stride(const struct bc_rng_state *st)
{
	const struct bc_rng_cursor *c = &st->cur[st->lane];
	return c->src < 0 ? 1 : c->stride;
}

/* The next word of the current replicate's stream. */
static inline uint32_t bc_rng_word(struct bc_rng_state *st)
{
	struct bc_rng_cursor *c = bc_rng_cur(st);
	if (c->pos == c->len)
		bc_rng_refill(st);
	return bc_rng_source(st)[c->pos++ * bc_rng_stride(st)];
}

/* The next n words where they lie, without copying them, when the buffer holds that many
 * contiguous words (after a refill if it is empty; never in rows); NULL, and the cursor not moved, when it
 * does not (then copy them with bc_rng_words). The words stay valid until the stream is
 * read further past them (a refill reuses the buffer). The BC_RNG_SLACK words after the
 * span may be read too, as vector loads do, but mean nothing. */
static inline const uint32_t *bc_rng_span(struct bc_rng_state *st, uint32_t n)
{
	struct bc_rng_cursor *c = bc_rng_cur(st);
	if (c->pos == c->len)
		bc_rng_refill(st);
	if (c->len - c->pos < n || bc_rng_stride(st) != 1)
		return NULL;
	const uint32_t *w = bc_rng_source(st) + c->pos;
	c->pos += n;
	return w;
}

/* The next n words, copied to out. */
static inline void bc_rng_words(struct bc_rng_state *st, uint32_t *out, uint32_t n)
{
	struct bc_rng_cursor *c = bc_rng_cur(st);
	while (n > 0) {
		if (c->pos == c->len)
			bc_rng_refill(st);
		uint32_t k = c->len - c->pos < n ? c->len - c->pos : n, stride = bc_rng_stride(st);
		const uint32_t *src = bc_rng_source(st);
		if (stride == 1)
			memcpy(out, src + c->pos, k * sizeof *out);
		else
			for (uint32_t i = 0; i < k; i++)
				out[i] = src[(c->pos + i) * stride];
		c->pos += k;
		out += k;
		n -= k;
	}
}

#endif
