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

/* The L counters of one kernel call: words 0, 1 and 3 per lane, word 2 (the claim) shared.
 * Lanes go in pairs: lanes 2p and 2p + 1 are two consecutive blocks of one stream, stored
 * together at dst[p] (8 words), so one 256-bit store writes a pair. */
struct lanes {
	uint32_t c0[L], c1[L], c3[L];
	uint32_t c2;
};
_Static_assert(L % 2 == 0 && BC_RNG_GROUP <= L / 2,
               "a kernel call holds a pair of blocks of each replicate of a prefetch group");

/* Where a kernel call stores: pair p's first block at dst[p], its second after it, for
 * p < pairs; the second block only for p < second (the pairs after hold one block). */
struct stores {
	uint32_t *dst[L / 2];
	int pairs, second;
};

/* Philox4x32-10 of the L counters under `key`, each block's four words in the adapter's
 * order (the block's last element first). Plain C for any machine: GCC vectorises the
 * rounds, though it widens each 32 x 32-bit product awkwardly. */
static void kernel_portable(const struct lanes *in, const uint32_t key[2],
                            const struct stores *out)
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
	for (int p = 0; p < out->pairs; p++)
		for (int h = 0; h < (p < out->second ? 2 : 1); h++) {
			int i = 2 * p + h;
			uint32_t *d = out->dst[p] + 4 * h;
			d[0] = x3[i];
			d[1] = x2[i];
			d[2] = x1[i];
			d[3] = x0[i];
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

/* The same with AVX2 intrinsics, which pay here: eight groups of four lanes, interleaved
 * so the multiplier's latency is hidden, and unrolled so that GCC keeps each group in
 * registers (left as arrays indexed in a loop at -O2, they were loaded and stored every
 * round). A pair of lanes leaves in one 256-bit store. Eight groups measured 0.70 times
 * the CPU per word of four groups with 128-bit stores on the AMD EPYC (Zen 3) the
 * benchmark ran on (bench/bench_mc.c's bulk word). */
__attribute__((target("avx2"))) static void kernel_avx2(const struct lanes *in,
                                                        const uint32_t key[2],
                                                        const struct stores *out)
{
	enum { G = L / 4 };
	const __m256i m0 = _mm256_set1_epi64x(PHILOX_M0), m1 = _mm256_set1_epi64x(PHILOX_M1);
	__m256i a[G], b[G], c[G], d[G];
	for (int g = 0; g < G; g++) {
		a[g] = _mm256_cvtepu32_epi64(_mm_loadu_si128((const __m128i *)(in->c0 + 4 * g)));
		b[g] = _mm256_cvtepu32_epi64(_mm_loadu_si128((const __m128i *)(in->c1 + 4 * g)));
		c[g] = _mm256_set1_epi64x(in->c2);
		d[g] = _mm256_cvtepu32_epi64(_mm_loadu_si128((const __m128i *)(in->c3 + 4 * g)));
	}
	uint32_t k0 = key[0], k1 = key[1];
	for (int round = 0; round < 10; round++) {
		const __m256i ka = _mm256_set1_epi64x(k0), kb = _mm256_set1_epi64x(k1);
#pragma GCC unroll 8
		for (int g = 0; g < G; g++)
			PHILOX_ROUND_AVX2(a[g], b[g], c[g], d[g], ka, kb);
		k0 += PHILOX_W0;
		k1 += PHILOX_W1;
	}
	const __m256i low = _mm256_set1_epi64x(0xffffffff);
	for (int g = 0; g < G && 2 * g < out->pairs; g++) {
		/* per 64-bit lane: (x3 | x2 << 32) and (x1 | x0 << 32), i.e. x3 x2 x1 x0 in memory */
		__m256i hi = _mm256_or_si256(_mm256_and_si256(d[g], low), _mm256_slli_epi64(c[g], 32));
		__m256i lo = _mm256_or_si256(_mm256_and_si256(b[g], low), _mm256_slli_epi64(a[g], 32));
		__m256i even = _mm256_unpacklo_epi64(hi, lo), odd = _mm256_unpackhi_epi64(hi, lo);
		/* lanes 4g, 4g + 1 (pair 2g) and lanes 4g + 2, 4g + 3 (pair 2g + 1) */
		__m256i pair[2] = {_mm256_permute2x128_si256(even, odd, 0x20),
		                   _mm256_permute2x128_si256(even, odd, 0x31)};
		for (int h = 0; h < 2 && 2 * g + h < out->pairs; h++) {
			int p = 2 * g + h;
			if (p < out->second)
				_mm256_storeu_si256((__m256i *)out->dst[p], pair[h]);
			else
				_mm_storeu_si128((__m128i *)out->dst[p], _mm256_castsi256_si128(pair[h]));
		}
	}
}
#undef PHILOX_ROUND_AVX2
#endif

int bc_philox_portable_only;

/* Runs the fastest kernel this CPU has; blocks not stored are computed and dropped. */
static void kernel(const struct lanes *in, const uint32_t key[2], const struct stores *out)
{
#ifdef BC_HAVE_AVX2_KERNEL
	if (!bc_philox_portable_only && __builtin_cpu_supports("avx2")) {
		kernel_avx2(in, key, out);
		return;
	}
#endif
	kernel_portable(in, key, out);
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
		int n = n_blocks - done < L ? (int)(n_blocks - done) : L;
		struct stores st = {.pairs = (n + 1) / 2, .second = n / 2};
		for (int i = 0; i < L; i++)
			in.c3[i] = first_block + (uint32_t)(done + (size_t)i);
		for (int p = 0; p < st.pairs; p++)
			st.dst[p] = out + 4 * (done + 2 * (size_t)p);
		kernel(&in, s->key, &st);
	}
}

void bc_philox_replicates(const struct bc_stream_id *id, uint64_t r0, int n, size_t n_blocks,
                          uint32_t *out, size_t stride)
{
	struct lanes in;
	for (int i = 0; i < L; i++) { /* lanes 2i and 2i + 1: replicate r0 + i */
		int rep = i / 2 < n ? i / 2 : 0;
		struct bc_philox_stream s = bc_philox_stream(id, r0 + (uint64_t)rep);
		in.c0[i] = s.ctr[0];
		in.c1[i] = s.ctr[1];
		in.c2 = s.ctr[2];
	}
	const struct bc_philox_stream s0 = bc_philox_stream(id, r0);
	for (size_t q = 0; q < n_blocks; q += 2) {
		struct stores st = {.pairs = n, .second = q + 1 < n_blocks ? n : 0};
		for (int i = 0; i < L; i++)
			in.c3[i] = (uint32_t)q + (uint32_t)(i % 2);
		for (int p = 0; p < n; p++)
			st.dst[p] = out + (size_t)p * stride + 4 * q;
		kernel(&in, s0.key, &st);
	}
}
