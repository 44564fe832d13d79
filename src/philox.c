/*
 * philox.c - Philox4x32-10 over many counters at once (see bc_philox.h).
 *
 * Random123's philox4x32_R computes one block per call, a serial chain of ten rounds that
 * leaves the vector units idle, and its GSL adapter adds a call through a function pointer
 * per word. The hot path needs neither: here the rounds run across BC_PHILOX_LANES counters
 * in plain C that the compiler vectorises, or, on x86-64 CPUs with AVX2 (checked at run
 * time), in AVX2 intrinsics, which pay here: up to 24 counters a call, as 8 counters in
 * the 32-bit lanes of each register, in 1, 2 or 3 groups as the call needs (a replicate
 * that outruns its prefetch by a block costs one group, not three). For the engine's
 * lanes (bc_philox_rows) a group is one block of eight replicates, and each register is
 * stored as it is: one word of the eight streams, the layout the lane-wise draws read. The words are
 * bit-identical to Random123's either way (tests/test_rng.c checks both kernels against
 * its published vectors and its block function).
 */
#include <string.h>

#include "bc_philox.h"
#include "bc_rng_state.h" /* BC_RNG_PREFETCH_MAX: the engine's largest prefetch */

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

/* The counters of one kernel call, lanes 0 .. n - 1 (n <= L), word 2 (the claim) shared:
 * either a run of consecutive blocks of one stream (c0 NULL: words 0 and 1 are r0 and r1,
 * lane i is block first + i, stored at out + 4 i), or arrays of words 0, 1 and 3 per lane
 * (32-byte aligned, valid up to the end of the last group of 8) with block i stored at
 * dst[i]. The counters of a run are formed in registers: words just stored one at a time
 * and loaded as a vector stall the load (no store-to-load forwarding), which cost more
 * than the rounds. Lanes past n, up to the end of their group of 8, are computed and
 * dropped. */
struct lanes {
	uint32_t c2;
	int n;
	uint32_t r0, r1, first, *out; /* a run */
	const uint32_t *c0, *c1, *c3; /* arrays */
	uint32_t *const *dst_of;
	/* rows (the AVX2 kernels only): group g is block row_block[g] of the eight replicates
	 * whose word 0 is row_c0[g] + 0 .. 7 (word 1 is r1), its four words stored as rows of
	 * eight (one word of each replicate) at row_out[g] + 0, 8, 16, 24 */
	int rows;
	uint32_t row_c0[3], row_block[3], *row_out[3];
};

static inline uint32_t *lane_dst(const struct lanes *in, int i)
{
	return in->c0 ? in->dst_of[i] : in->out + 4 * (size_t)i;
}

/* Philox4x32-10 of the counters under `key`, each block's four words in the adapter's
 * order (the block's last element first). Plain C for any machine: GCC vectorises the
 * rounds, though it widens each 32 x 32-bit product awkwardly. */
static void kernel_portable(const struct lanes *in, const uint32_t key[2])
{
	uint32_t x0[L], x1[L], x2[L], x3[L];
	for (int i = 0; i < L; i++) {
		int j = i < in->n ? i : 0;
		x0[i] = in->c0 ? in->c0[j] : in->r0;
		x1[i] = in->c0 ? in->c1[j] : in->r1;
		x2[i] = in->c2;
		x3[i] = in->c0 ? in->c3[j] : in->first + (uint32_t)j;
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
	for (int i = 0; i < in->n; i++) {
		uint32_t *d = lane_dst(in, i);
		d[0] = x3[i];
		d[1] = x2[i];
		d[2] = x1[i];
		d[3] = x0[i];
	}
}

#ifdef BC_HAVE_AVX2_KERNEL
/* The high and low halves of the eight products x * m (x, m: eight 32-bit lanes): vpmuludq
 * multiplies the even lanes, so the odd ones are shifted down for a second one, and the
 * high halves are blended back into place; the low halves are vpmulld's, one instruction
 * for a shift and a blend (a bulk word 0.91 times the time on the AMD EPYC measured,
 * median of 16 paired runs of the ceilings). */
#define MULHILO_AVX2(x, m, hi, lo)                                                         \
	do {                                                                               \
		__m256i even_ = _mm256_mul_epu32(x, m);                                    \
		__m256i odd_ = _mm256_mul_epu32(_mm256_srli_epi64(x, 32), m);              \
		hi = _mm256_blend_epi32(_mm256_srli_epi64(even_, 32), odd_, 0xaa);         \
		lo = _mm256_mullo_epi32(x, m);                                             \
	} while (0)

/* The same with AVX2 intrinsics, which pay here: G groups of eight lanes, a counter word
 * per register (32-bit lanes), each group in named registers (GCC kept arrays of vectors
 * in memory, copied in halves) so the groups stay in registers and interleave to hide the
 * multiplier's latency. Three groups measured 0.69 times the CPU per word of the eight
 * groups of four 64-bit lanes used before (which spilled: 32 registers of state for the
 * 16 AVX2 has), on the AMD EPYC (Zen 3) the benchmark ran on. A group's blocks leave
 * through a 4 x 8 transpose, one 128-bit store each. */
#define GROUPS_1(M) M(0)
#define GROUPS_2(M) M(0) M(1)
#define GROUPS_3(M) M(0) M(1) M(2)
#define LOAD_GROUP(g)                                                                      \
	__m256i a##g, b##g, c##g = _mm256_set1_epi32((int)in->c2), d##g;                     \
	if (in->rows) {                                                                    \
		a##g = _mm256_add_epi32(_mm256_set1_epi32((int)in->row_c0[g]),               \
		                        _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));         \
		b##g = _mm256_set1_epi32((int)in->r1);                                      \
		d##g = _mm256_set1_epi32((int)in->row_block[g]);                            \
	} else if (in->c0) {                                                               \
		a##g = _mm256_load_si256((const __m256i *)(const void *)(in->c0 + 8 * g));   \
		b##g = _mm256_load_si256((const __m256i *)(const void *)(in->c1 + 8 * g));   \
		d##g = _mm256_load_si256((const __m256i *)(const void *)(in->c3 + 8 * g));   \
	} else {                                                                           \
		a##g = _mm256_set1_epi32((int)in->r0);                                      \
		b##g = _mm256_set1_epi32((int)in->r1);                                      \
		d##g = _mm256_add_epi32(_mm256_set1_epi32((int)(in->first + 8 * g)),         \
		                        _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));         \
	}
#define ROUND_GROUP(g)                                                                     \
	{                                                                                  \
		__m256i hi0, lo0, hi1, lo1;                                                \
		MULHILO_AVX2(a##g, m0, hi0, lo0);                                          \
		MULHILO_AVX2(c##g, m1, hi1, lo1);                                          \
		a##g = _mm256_xor_si256(_mm256_xor_si256(hi1, b##g), ka);                  \
		c##g = _mm256_xor_si256(_mm256_xor_si256(hi0, d##g), kb);                  \
		b##g = lo1;                                                                \
		d##g = lo0;                                                                \
	}
/* lane i's (x3, x2, x1, x0): blocks i and i + 4 of a group share a register; as rows,
 * each register is one of the stream's words for eight replicates */
#define STORE_GROUP(g)                                                                     \
	if (in->rows) {                                                                    \
		__m256i *row_ = (__m256i *)(void *)in->row_out[g];                          \
		_mm256_storeu_si256(row_, d##g);                                           \
		_mm256_storeu_si256(row_ + 1, c##g);                                       \
		_mm256_storeu_si256(row_ + 2, b##g);                                       \
		_mm256_storeu_si256(row_ + 3, a##g);                                       \
	} else {                                                                           \
		__m256i t0 = _mm256_unpacklo_epi32(d##g, c##g);                            \
		__m256i t1 = _mm256_unpacklo_epi32(b##g, a##g);                            \
		__m256i t2 = _mm256_unpackhi_epi32(d##g, c##g);                            \
		__m256i t3 = _mm256_unpackhi_epi32(b##g, a##g);                            \
		__m256i o[4] = {_mm256_unpacklo_epi64(t0, t1), _mm256_unpackhi_epi64(t0, t1), \
		                _mm256_unpacklo_epi64(t2, t3), _mm256_unpackhi_epi64(t2, t3)}; \
		if (!in->c0 && 8 * g + 8 <= in->n) { /* a run: blocks in pairs */          \
			__m256i *out_ = (__m256i *)(void *)(in->out + 32 * g);             \
			_mm256_storeu_si256(out_, _mm256_permute2x128_si256(o[0], o[1], 0x20)); \
			_mm256_storeu_si256(out_ + 1, _mm256_permute2x128_si256(o[2], o[3], 0x20)); \
			_mm256_storeu_si256(out_ + 2, _mm256_permute2x128_si256(o[0], o[1], 0x31)); \
			_mm256_storeu_si256(out_ + 3, _mm256_permute2x128_si256(o[2], o[3], 0x31)); \
		} else {                                                                   \
			for (int i = 0; i < 8 && 8 * g + i < in->n; i++) {                 \
				__m128i v = i < 4 ? _mm256_castsi256_si128(o[i])           \
				                  : _mm256_extracti128_si256(o[i - 4], 1); \
				_mm_storeu_si128((__m128i *)(void *)lane_dst(in, 8 * g + i), v); \
			}                                                                  \
		}                                                                          \
	}
#define KERNEL_AVX2(G)                                                                     \
	__attribute__((target("avx2"))) static void kernel_avx2_##G(const struct lanes *in,     \
	                                                             const uint32_t key[2])    \
	{                                                                                  \
		const __m256i m0 = _mm256_set1_epi32((int)PHILOX_M0);                       \
		const __m256i m1 = _mm256_set1_epi32((int)PHILOX_M1);                       \
		GROUPS_##G(LOAD_GROUP)                                                     \
		uint32_t k0 = key[0], k1 = key[1];                                               \
		for (int round = 0; round < 10; round++) {                                 \
			const __m256i ka = _mm256_set1_epi32((int)k0);                              \
			const __m256i kb = _mm256_set1_epi32((int)k1);                              \
			GROUPS_##G(ROUND_GROUP)                                            \
			k0 += PHILOX_W0;                                                   \
			k1 += PHILOX_W1;                                                   \
		}                                                                          \
		GROUPS_##G(STORE_GROUP)                                                    \
	}
KERNEL_AVX2(1)
KERNEL_AVX2(2)
KERNEL_AVX2(3)
_Static_assert(L == 24, "the AVX2 kernels cover up to three groups");
#undef KERNEL_AVX2
#undef STORE_GROUP
#undef ROUND_GROUP
#undef LOAD_GROUP
#undef GROUPS_1
#undef GROUPS_2
#undef GROUPS_3
#undef MULHILO_AVX2
#endif

int bc_philox_portable_only;

/* Runs the fastest kernel this CPU has, over as many groups as the lanes fill. */
static void kernel(const struct lanes *in, const uint32_t key[2])
{
#ifdef BC_HAVE_AVX2_KERNEL
	if (!bc_philox_portable_only && __builtin_cpu_supports("avx2")) {
		int groups = (in->n + 7) / 8;
		if (groups == 1)
			kernel_avx2_1(in, key);
		else if (groups == 2)
			kernel_avx2_2(in, key);
		else
			kernel_avx2_3(in, key);
		return;
	}
#endif
	kernel_portable(in, key);
}

void bc_philox_words(const struct bc_philox_stream *s, uint32_t first_block, size_t n_blocks,
                     uint32_t *out)
{
	struct lanes in = {.c2 = s->ctr[2], .r0 = s->ctr[0], .r1 = s->ctr[1]};
	for (size_t done = 0; done < n_blocks; done += L) {
		in.n = n_blocks - done < L ? (int)(n_blocks - done) : L;
		in.first = first_block + (uint32_t)done;
		in.out = out + 4 * done;
		kernel(&in, s->key);
	}
}

void bc_philox_rows(const struct bc_stream_id *id, uint64_t r0, int n_groups, size_t n_blocks,
                    uint32_t *out, size_t group_stride)
{
	if (n_groups <= 0 || n_blocks == 0)
		return;
	const struct bc_philox_stream s0 = bc_philox_stream(id, r0);
	uint32_t last = (uint32_t)(8 * n_groups - 1);
#ifdef BC_HAVE_AVX2_KERNEL
	/* word 1 holds the replicate's bits 32 .. 39: the same for all unless word 0 wraps */
	if (!bc_philox_portable_only && __builtin_cpu_supports("avx2") &&
	    s0.ctr[0] <= UINT32_MAX - last) {
		struct lanes in = {.c2 = s0.ctr[2], .r1 = s0.ctr[1], .n = 24, .rows = 1};
		int t = 0;
		for (int g = 0; g < n_groups; g++)
			for (size_t q = 0; q < n_blocks; q++) {
				in.row_c0[t] = s0.ctr[0] + 8 * (uint32_t)g;
				in.row_block[t] = (uint32_t)q;
				in.row_out[t] = out + (size_t)g * group_stride + 32 * q;
				if (++t == 3) {
					kernel_avx2_3(&in, s0.key);
					t = 0;
				}
			}
		if (t == 1)
			kernel_avx2_1(&in, s0.key);
		else if (t == 2)
			kernel_avx2_2(&in, s0.key);
		return;
	}
#endif
	(void)last;
	/* else the blocks replicate by replicate, then turned into rows */
	uint32_t blocks[8][4 * BC_RNG_PREFETCH_MAX];
	for (int g = 0; g < n_groups; g++)
		for (size_t b0 = 0; b0 < n_blocks; b0 += BC_RNG_PREFETCH_MAX) {
			size_t nb = n_blocks - b0 < BC_RNG_PREFETCH_MAX ? n_blocks - b0 : BC_RNG_PREFETCH_MAX;
			for (int l = 0; l < 8; l++) {
				struct bc_philox_stream s = bc_philox_stream(id, r0 + 8 * (uint64_t)g + (uint64_t)l);
				bc_philox_words(&s, (uint32_t)b0, nb, blocks[l]);
			}
			uint32_t *o = out + (size_t)g * group_stride + 32 * b0;
			for (size_t j = 0; j < 4 * nb; j++)
				for (int l = 0; l < 8; l++)
					o[j * 8 + (size_t)l] = blocks[l][j];
		}
}

/* The most blocks the engine's prefetch asks for: the lanes are built on the stack. */
#define MAX_PREFETCH_LANES (BC_RNG_GROUP * BC_RNG_PREFETCH_MAX)

void bc_philox_replicates(const struct bc_stream_id *id, uint64_t r0, int n, size_t n_blocks,
                          uint32_t *out, size_t stride)
{
	if (n <= 0 || n_blocks == 0)
		return;
	if ((size_t)n * n_blocks > MAX_PREFETCH_LANES) { /* not the engine's use: one by one */
		for (int p = 0; p < n; p++) {
			struct bc_philox_stream s = bc_philox_stream(id, r0 + (uint64_t)p);
			bc_philox_words(&s, 0, n_blocks, out + (size_t)p * stride);
		}
		return;
	}
	/* all the lanes first, replicate by replicate, then L to a kernel call: by the time a
	 * call loads a group's counters, their stores have long retired */
	_Alignas(32) uint32_t c0[MAX_PREFETCH_LANES + 8], c1[MAX_PREFETCH_LANES + 8],
	        c3[MAX_PREFETCH_LANES + 8];
	uint32_t *dst[MAX_PREFETCH_LANES];
	const struct bc_philox_stream s0 = bc_philox_stream(id, r0);
	size_t t = (size_t)n * n_blocks;
	for (int p = 0; p < n; p++) {
		struct bc_philox_stream s = bc_philox_stream(id, r0 + (uint64_t)p);
		uint32_t *a = c0 + (size_t)p * n_blocks, *b = c1 + (size_t)p * n_blocks;
		uint32_t *d = c3 + (size_t)p * n_blocks, **o = dst + (size_t)p * n_blocks;
		uint32_t *base = out + (size_t)p * stride;
#pragma omp simd
		for (size_t q = 0; q < n_blocks; q++) {
			a[q] = s.ctr[0];
			b[q] = s.ctr[1];
			d[q] = (uint32_t)q;
			o[q] = base + 4 * q;
		}
	}
	for (size_t i = t; i < (t + 7) / 8 * 8; i++) { /* the last group's spare lanes */
		c0[i] = c0[0];
		c1[i] = c1[0];
		c3[i] = c3[0];
	}
	struct lanes in = {.c2 = s0.ctr[2], .c0 = c0, .c1 = c1, .c3 = c3, .dst_of = dst};
	for (size_t done = 0; done < t; done += L) {
		in.n = t - done < L ? (int)(t - done) : L;
		in.c0 = c0 + done;
		in.c1 = c1 + done;
		in.c3 = c3 + done;
		in.dst_of = dst + done;
		kernel(&in, s0.key);
	}
}
