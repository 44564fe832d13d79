/*
 * philox.c - Philox4x32-10 over many counters at once (see bc_philox.h).
 *
 * Random123's philox4x32_R computes one block per call, a serial chain of ten rounds that
 * leaves the vector units idle, and its GSL adapter adds a call through a function pointer
 * per word. The hot path needs neither: here the rounds run across BC_PHILOX_LANES counters
 * in plain C that the compiler vectorises (32 x 32 -> 64-bit multiplies), and the kernel is
 * cloned for AVX2 and AVX-512, chosen at run time (bc_simd.h). The words are bit-identical to
 * Random123's (tests/test_rng.c checks them against its published vectors and its block
 * function).
 */
#include <string.h>

#include "bc_philox.h"
#include "bc_simd.h"

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u /* golden ratio */
#define PHILOX_W1 0xBB67AE85u /* sqrt(3) - 1 */

#define L BC_PHILOX_LANES

struct bc_philox_stream bc_philox_stream(const struct bc_stream_id *id, uint64_t replicate)
{
	struct bc_philox_stream s = {
		{(uint32_t)id->seed, (uint32_t)(id->seed >> 32)},
		{(uint32_t)replicate,
		 (uint32_t)((replicate >> 32) & 0xffu) | ((uint32_t)id->purpose & 0xffu) << 8 |
		         id->point << 16,
		 id->claim}};
	return s;
}

/* Philox4x32-10 of L counters (x0[i], x1[i], x2[i], x3[i]) under one key, in place:
 * afterwards x0..x3 hold each block's output words 0..3. */
BC_CLONES static void rounds(uint32_t *restrict x0, uint32_t *restrict x1,
                             uint32_t *restrict x2, uint32_t *restrict x3, const uint32_t key[2])
{
	uint32_t k0 = key[0], k1 = key[1];
	for (int round = 0; round < 10; round++) {
#pragma omp simd
		for (int i = 0; i < L; i++) {
			uint64_t p0 = (uint64_t)PHILOX_M0 * x0[i], p1 = (uint64_t)PHILOX_M1 * x2[i];
			uint32_t y0 = (uint32_t)(p1 >> 32) ^ x1[i] ^ k0;
			uint32_t y2 = (uint32_t)(p0 >> 32) ^ x3[i] ^ k1;
			x1[i] = (uint32_t)p1;
			x3[i] = (uint32_t)p0;
			x0[i] = y0;
			x2[i] = y2;
		}
		k0 += PHILOX_W0;
		k1 += PHILOX_W1;
	}
}

void bc_philox_words(const struct bc_philox_stream *s, uint32_t first_block, size_t n_blocks,
                     uint32_t *out)
{
	for (size_t done = 0; done < n_blocks; done += L) {
		uint32_t x0[L], x1[L], x2[L], x3[L];
		for (int i = 0; i < L; i++) {
			x0[i] = s->ctr[0];
			x1[i] = s->ctr[1];
			x2[i] = s->ctr[2];
			x3[i] = first_block + (uint32_t)(done + (size_t)i);
		}
		rounds(x0, x1, x2, x3, s->key);
		size_t n = n_blocks - done < L ? n_blocks - done : L;
		uint32_t *o = out + 4 * done;
		for (size_t i = 0; i < n; i++) { /* the adapter's order: last element first */
			o[4 * i + 0] = x3[i];
			o[4 * i + 1] = x2[i];
			o[4 * i + 2] = x1[i];
			o[4 * i + 3] = x0[i];
		}
	}
}

void bc_philox_replicates(const struct bc_stream_id *id, uint64_t r0, int n, size_t n_blocks,
                          uint32_t *out, size_t stride)
{
	uint32_t c0[L], c1[L];
	for (int i = 0; i < L; i++) {
		struct bc_philox_stream s = bc_philox_stream(id, r0 + (uint64_t)(i < n ? i : 0));
		c0[i] = s.ctr[0];
		c1[i] = s.ctr[1];
	}
	struct bc_philox_stream s0 = bc_philox_stream(id, r0);
	for (size_t q = 0; q < n_blocks; q++) {
		uint32_t x0[L], x1[L], x2[L], x3[L];
		for (int i = 0; i < L; i++) {
			x0[i] = c0[i];
			x1[i] = c1[i];
			x2[i] = s0.ctr[2];
			x3[i] = (uint32_t)q;
		}
		rounds(x0, x1, x2, x3, s0.key);
		for (int i = 0; i < n; i++) {
			uint32_t *o = out + (size_t)i * stride + 4 * q;
			o[0] = x3[i];
			o[1] = x2[i];
			o[2] = x1[i];
			o[3] = x0[i];
		}
	}
}
