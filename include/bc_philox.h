/*
 * bc_philox.h - Philox4x32-10 words in bulk, for the Monte Carlo hot path.
 *
 * Word j of a replicate's stream is element 3 - j % 4 of the Philox block whose counter is
 * the replicate's (bc_rng.h) with word 3 = j / 4: the order Random123's GSL adapter hands
 * words out in, kept so the stream is the one Random123 defines. Here many blocks are
 * computed at once, laid out so the compiler vectorises the rounds across them: the blocks
 * of one replicate (bc_philox_words), or the first blocks of many replicates
 * (bc_philox_replicates).
 */
#ifndef BC_PHILOX_H
#define BC_PHILOX_H

#include <stddef.h>
#include <stdint.h>

#include "bc_rng.h"

/* Blocks computed together at most: three AVX2 groups of eight 32-bit lanes (src/philox.c). */
#define BC_PHILOX_LANES 24

/* The key and first three counter words of a replicate's stream. */
struct bc_philox_stream {
	uint32_t key[2];
	uint32_t ctr[3];
};

struct bc_philox_stream bc_philox_stream(const struct bc_stream_id *id, uint64_t replicate);

/* Words 4 * first_block ... 4 * (first_block + n_blocks) - 1 of the stream, into out. */
void bc_philox_words(const struct bc_philox_stream *s, uint32_t first_block, size_t n_blocks,
                     uint32_t *out);

/* Words 0 .. 4 * n_blocks - 1 of replicates r0 .. r0 + n - 1: those of replicate r0 + i at
 * out + i * stride. Their n * n_blocks blocks are computed BC_PHILOX_LANES at a time, so
 * none is computed that is not stored. */
void bc_philox_replicates(const struct bc_stream_id *id, uint64_t r0, int n, size_t n_blocks,
                          uint32_t *out, size_t stride);

/* Words 0 .. 4 * n_blocks - 1 of replicates r0 .. r0 + 8 n_groups - 1 as rows, for the
 * engine's lanes: replicate r0 + 8 g + l's word j at out[g * group_stride + 8 j + l]. */
void bc_philox_rows(const struct bc_stream_id *id, uint64_t r0, int n_groups, size_t n_blocks,
                    uint32_t *out, size_t group_stride);

/* Nonzero: use the portable kernel even where the AVX2 one could run (for the tests). */
extern int bc_philox_portable_only;

#endif
