/*
 * philox.c - Philox4x32-10 over many counters at once (see bc_philox.h).
 *
 * Random123's philox4x32_R computes one block per call, a serial chain of ten rounds that
 * leaves the vector units idle, and its GSL adapter adds a call through a function pointer
 * per word. The hot path needs neither: here the rounds run across BC_PHILOX_LANES counters
 * in plain C that the compiler vectorises, or, on x86-64 CPUs with AVX2 (checked at run
 * time), in AVX2 intrinsics, which pay here. The words are bit-identical to Random123's
 * either way (tests/test_rng.c checks both kernels against its published vectors and its
 * block function).
 */
#include <string.h>

#include "bc_philox.h"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(BC_NO_CLONES)
#include <immintrin.h>
#define BC_HAVE_AVX2_KERNEL
#endif

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

/* The L counters of one kernel call: words 0, 1 and 3 per lane, word 2 (the claim) shared. */
struct lanes {
	uint32_t c0[L], c1[L], c3[L];
	uint32_t c2;
};

/* Philox4x32-10 of the L counters under `key`; lane i's four output words go to dst[i] in
 * the adapter's order (the block's last element first). Plain C for any machine: GCC
 * vectorises the rounds, though it widens each 32 x 32-bit product awkwardly. */
static void kernel_portable(const struct lanes *in, const uint32_t key[2], uint32_t *const *dst,
                            int n)
{
	uint32_t x0[L], x1[L], x2[L], x3[L];
	for (int i = 0; i < L; i++) {
		x0[i] = in->c0[i];
		x1[i] = in->c1[i];
		x2[i] = in->c2;
		x3[i] = in->c3[i];
	}
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
	for (int i = 0; i < n; i++) {
		dst[i][0] = x3[i];
		dst[i][1] = x2[i];
		dst[i][2] = x1[i];
		dst[i][3] = x0[i];
	}
}

#ifdef BC_HAVE_AVX2_KERNEL
/* One Philox round on four lanes, each counter word in the low half of a 64-bit lane, so one
 * vpmuludq forms four full products. The high halves of b and d are never cleared: b and d
 * only enter the xors that make the next a and c, whose high halves vpmuludq ignores, so
 * the garbage never reaches a product; the output stage masks it off. */
#define PHILOX_ROUND_AVX2(a, b, c, d, ka, kb)                                                \
	do {                                                                                 \
		__m256i p0_ = _mm256_mul_epu32(a, m0), p1_ = _mm256_mul_epu32(c, m1);          \
		a = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p1_, 32), b), ka);      \
		c = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p0_, 32), d), kb);      \
		b = p1_;                                                                     \
		d = p0_;                                                                     \
	} while (0)

/* The same with AVX2 intrinsics, which pay here (about twice the vectorised C's speed on the
 * machine the benchmark ran on). The four groups of four lanes are written out as separate
 * variables, not arrays indexed in a loop: GCC at -O2 kept such arrays on the stack and
 * loaded and stored every group every round, which tripled the cost per word. Four
 * interleaved groups hide the multiplier's latency; 16 state registers plus the two
 * multipliers and the two round keys fit in AVX2's 16 with a few spills of constants. */
__attribute__((target("avx2"))) static void kernel_avx2(const struct lanes *in,
                                                        const uint32_t key[2],
                                                        uint32_t *const *dst, int n)
{
	_Static_assert(L == 16, "kernel_avx2 is written out for four groups of four lanes");
	const __m256i m0 = _mm256_set1_epi64x(PHILOX_M0), m1 = _mm256_set1_epi64x(PHILOX_M1);
#define LOAD(w, g) _mm256_cvtepu32_epi64(_mm_loadu_si128((const __m128i *)(in->w + 4 * (g))))
	__m256i a0 = LOAD(c0, 0), a1 = LOAD(c0, 1), a2 = LOAD(c0, 2), a3 = LOAD(c0, 3);
	__m256i b0 = LOAD(c1, 0), b1 = LOAD(c1, 1), b2 = LOAD(c1, 2), b3 = LOAD(c1, 3);
	__m256i d0 = LOAD(c3, 0), d1 = LOAD(c3, 1), d2 = LOAD(c3, 2), d3 = LOAD(c3, 3);
#undef LOAD
	__m256i c0 = _mm256_set1_epi64x(in->c2), c1 = c0, c2 = c0, c3 = c0;
	uint32_t k0 = key[0], k1 = key[1];
	for (int round = 0; round < 10; round++) {
		const __m256i ka = _mm256_set1_epi64x(k0), kb = _mm256_set1_epi64x(k1);
		PHILOX_ROUND_AVX2(a0, b0, c0, d0, ka, kb);
		PHILOX_ROUND_AVX2(a1, b1, c1, d1, ka, kb);
		PHILOX_ROUND_AVX2(a2, b2, c2, d2, ka, kb);
		PHILOX_ROUND_AVX2(a3, b3, c3, d3, ka, kb);
		k0 += PHILOX_W0;
		k1 += PHILOX_W1;
	}
	const __m256i low = _mm256_set1_epi64x(0xffffffff);
	__m256i a[4] = {a0, a1, a2, a3}, b[4] = {b0, b1, b2, b3}, c[4] = {c0, c1, c2, c3},
	        d[4] = {d0, d1, d2, d3};
	for (int g = 0; g < 4 && 4 * g < n; g++) {
		/* per 64-bit lane: (x3 | x2 << 32) and (x1 | x0 << 32), i.e. x3 x2 x1 x0 in memory */
		__m256i hi = _mm256_or_si256(_mm256_and_si256(d[g], low), _mm256_slli_epi64(c[g], 32));
		__m256i lo = _mm256_or_si256(_mm256_and_si256(b[g], low), _mm256_slli_epi64(a[g], 32));
		__m256i even = _mm256_unpacklo_epi64(hi, lo), odd = _mm256_unpackhi_epi64(hi, lo);
		__m128i blk[4] = {_mm256_castsi256_si128(even), _mm256_castsi256_si128(odd),
		                  _mm256_extracti128_si256(even, 1), _mm256_extracti128_si256(odd, 1)};
		for (int i = 0; i < 4 && 4 * g + i < n; i++)
			_mm_storeu_si128((__m128i *)dst[4 * g + i], blk[i]);
	}
}
#undef PHILOX_ROUND_AVX2
#endif

int bc_philox_portable_only;

/* Runs the fastest kernel this CPU has; lanes n .. L - 1 are computed and dropped. */
static void kernel(const struct lanes *in, const uint32_t key[2], uint32_t *const *dst, int n)
{
#ifdef BC_HAVE_AVX2_KERNEL
	if (!bc_philox_portable_only && __builtin_cpu_supports("avx2")) {
		kernel_avx2(in, key, dst, n);
		return;
	}
#endif
	kernel_portable(in, key, dst, n);
}

void bc_philox_words(const struct bc_philox_stream *s, uint32_t first_block, size_t n_blocks,
                     uint32_t *out)
{
	struct lanes in;
	in.c2 = s->ctr[2];
	for (int i = 0; i < L; i++) {
		in.c0[i] = s->ctr[0];
		in.c1[i] = s->ctr[1];
	}
	for (size_t done = 0; done < n_blocks; done += L) {
		uint32_t *dst[L];
		int n = n_blocks - done < L ? (int)(n_blocks - done) : L;
		for (int i = 0; i < L; i++) {
			in.c3[i] = first_block + (uint32_t)(done + (size_t)i);
			dst[i] = out + 4 * (done + (size_t)(i < n ? i : 0));
		}
		kernel(&in, s->key, dst, n);
	}
}

void bc_philox_replicates(const struct bc_stream_id *id, uint64_t r0, int n, size_t n_blocks,
                          uint32_t *out, size_t stride)
{
	struct lanes in;
	for (int i = 0; i < L; i++) {
		struct bc_philox_stream s = bc_philox_stream(id, r0 + (uint64_t)(i < n ? i : 0));
		in.c0[i] = s.ctr[0];
		in.c1[i] = s.ctr[1];
		in.c2 = s.ctr[2];
	}
	const struct bc_philox_stream s0 = bc_philox_stream(id, r0);
	for (size_t q = 0; q < n_blocks; q++) {
		uint32_t *dst[L];
		for (int i = 0; i < L; i++) {
			in.c3[i] = (uint32_t)q;
			dst[i] = out + (size_t)(i < n ? i : 0) * stride + 4 * q;
		}
		kernel(&in, s0.key, dst, n);
	}
}
