/*
 * philox.c - Philox4x32-10 over many counters at once (see bc_philox.h).
 *
 * Random123's philox4x32_R computes one block per call, a serial chain of ten rounds that
 * leaves the vector units idle; GSL's adapter adds a call through a function pointer per
 * word. The hot path needs neither: here the rounds run across BC_PHILOX_LANES counters in
 * plain C that the compiler vectorises (32 x 32 -> 64-bit multiplies), and the function is
 * cloned for AVX2 and AVX-512, chosen at run time. The words are bit-identical to
 * Random123's (tests/test_rng.c checks them against the adapter and the published vectors).
 */
#include <string.h>

#include "bc_philox.h"

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u /* golden ratio */
#define PHILOX_W1 0xBB67AE85u /* sqrt(3) - 1 */

/* Runtime dispatch where the toolchain supports it (GCC and Clang on x86-64 with glibc's
 * ifunc); elsewhere the portable build alone. Integer arithmetic: every clone gives the
 * same words. */
#if defined(__x86_64__) && defined(__GNUC__) && defined(__linux__) && !defined(BC_NO_CLONES)
#define BC_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define BC_CLONES
#endif

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

/* BC_PHILOX_LANES blocks with counter word 3 = q0, q0 + 1, ...; out[4 * i + k] is element
 * 3 - k of block i, the adapter's order. */
BC_CLONES static void lanes(const struct bc_philox_stream *s, uint32_t q0, uint32_t *out)
{
	uint32_t x0[BC_PHILOX_LANES], x1[BC_PHILOX_LANES], x2[BC_PHILOX_LANES],
	        x3[BC_PHILOX_LANES];
	for (int i = 0; i < BC_PHILOX_LANES; i++) {
		x0[i] = s->ctr[0];
		x1[i] = s->ctr[1];
		x2[i] = s->ctr[2];
		x3[i] = q0 + (uint32_t)i;
	}
	uint32_t k0 = s->key[0], k1 = s->key[1];
	for (int round = 0; round < 10; round++) {
#pragma omp simd
		for (int i = 0; i < BC_PHILOX_LANES; i++) {
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
#pragma omp simd
	for (int i = 0; i < BC_PHILOX_LANES; i++) {
		out[4 * i + 0] = x3[i];
		out[4 * i + 1] = x2[i];
		out[4 * i + 2] = x1[i];
		out[4 * i + 3] = x0[i];
	}
}

void bc_philox_words(const struct bc_philox_stream *s, uint32_t first_block, size_t n_blocks,
                     uint32_t *out)
{
	size_t done = 0;
	for (; done + BC_PHILOX_LANES <= n_blocks; done += BC_PHILOX_LANES)
		lanes(s, first_block + (uint32_t)done, out + 4 * done);
	if (done < n_blocks) {
		uint32_t tail[4 * BC_PHILOX_LANES];
		lanes(s, first_block + (uint32_t)done, tail);
		memcpy(out + 4 * done, tail, 4 * (n_blocks - done) * sizeof *out);
	}
}
