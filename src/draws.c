/*
 * draws.c - uniform, exponential, normal and Laplace variates in bulk (see bc_draws.h).
 *
 * The hot path leaves GSL's distributions here: each of those is a call per variate, with
 * a call per word inside, and a ziggurat whose rejection branches keep it scalar. Here the
 * words of many variates are read at once and the common case is one vector loop; the
 * rare cases that need more words are finished afterwards, in order. The logarithms are
 * bc_vmath.h's (IEEE operations in a fixed order), not libm's, so every platform gives the
 * same bits. tests/test_draws.c tests each law as GSL tests its own (moments, a
 * Kolmogorov-Smirnov test, tails, on fixed seeds) and the ziggurats' parts one by one.
 *
 * Uniforms are (k + 1/2) 2^-52 from 52 bits of two words. Normals and exponentials are
 * Marsaglia and Tsang's ziggurat (J. Stat. Softw. 5(8), 2000) with one 32-bit word per
 * attempt, as NumPy draws its single-precision normals: the word gives the layer (10
 * bits), the sign (1 bit) and the abscissa (21 bits) from disjoint bits, so Doornik's
 * objection to the original 32-bit version (layer and abscissa from overlapping bits,
 * hence correlated; his ZIGNOR, 2005, fixes that) does not arise. One word rather than a
 * 64-bit unit (two words, 52-bit abscissa, as NumPy's and Rust's double-precision
 * ziggurats): the Philox words are most of a variate's cost, and 21 bits of abscissa put
 * the values of a layer on a grid of 2^-21 of its width, an error in any probability of
 * about 5e-7 of the layer's mass, which no check resolves (the smallest detectable error
 * is 1e-3); the rare cases (wedge, tail) still take 52-bit uniforms. 1024 layers rather
 * than the usual 128 or 256: the common case costs the same whatever the count, while the
 * rare cases, each a scalar fix-up with a mispredicted branch and a shift of the block,
 * become 4 times rarer than with 256; the hot table (x) is 8 KiB, well within L1. The
 * common case, 99.57% of normals and 99.36% of exponentials, is two table look-ups, a
 * multiply and a compare, branch-free over a block of words, with AVX2 where the CPU has
 * it. McFarland's variant (2016) makes the rare overhang cases cheaper with alias tables,
 * but in a vectorised block they are under 1% of the lanes, and its extra words and
 * tables do not pay; here the overhangs are decided by the chord's bounds
 * (bc_ziggurat.h), which spare the logarithm in 94% of the normal's wedge tests and 99.6%
 * of the exponential's. Box-Muller, used before, costs a logarithm, a square root, a sine
 * and a cosine per pair of normals.
 *
 * The tables are exact constants (src/ziggurat_tables.c, include/bc_ziggurat.h). A
 * rejected case takes further words from the stream, right after the rejected one:
 *   wedge (layer i >= 1, x >= x[i + 1]): one 64-bit unit U for the height y = f(x[i]) +
 *       U (f(x[i + 1]) - f(x[i])), accepted when y < f(x) (the chord's bounds, else
 *       log y < log f(x) with bc_vm_log); else the variate starts afresh from the next
 *       word (a new layer, sign and abscissa);
 *   normal tail (layer 0, x >= r): Marsaglia's (1964) method, two units per try:
 *       a = -log(U1) / r, b = -log(U2) until 2b > a^2, then r + a with the first word's sign;
 *   exponential tail (layer 0, x >= r): r plus an exponential drawn afresh from the next
 *       word (the tail of an exponential is a shifted exponential).
 * So the words a variate takes are a function of the stream's content: the variates are a
 * pure function of the stream and of where the call starts, not of how calls are split,
 * which vector width ran the common case, or how many threads there are.
 *
 * The lane-wise draws (bc_draw_X_lanes, for simulators that run eight replicates side by
 * side, bc_lanes.h) run the same common case over rows of words, one word of each lane's
 * stream: where the lanes read a prefetch laid out as rows and are in step, over the rows
 * where they lie; else over each lane's words transposed (AVX2: an 8 x 8 transpose in
 * registers). A lane with a rejected word is rewound to it and finished alone by the
 * scalar path, so its variates are its stream's, whatever the other lanes took.
 */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "bc_draws.h"
#include "bc_rng_state.h"
#include "bc_simd.h"
#include "bc_vmath.h"
#include "bc_ziggurat.h"

#ifdef BC_HAVE_AVX2_TARGET
#include <immintrin.h>
#endif

#define CHUNK 128 /* uniforms per vector loop */

/* The uniform (k + 1/2) 2^-52 in (0, 1), k the top 52 bits of a 64-bit word pair: made
 * from the bits of a double in [1, 2), since converting a 64-bit integer to double has no
 * vector instruction before AVX-512. The subtraction is exact. */
static inline double unit(uint32_t hi, uint32_t lo)
{
	uint64_t k = (((uint64_t)hi << 32) | lo) >> 12;
	return bc_vm_double(k | UINT64_C(0x3ff0000000000000)) - (1 - 0x1p-53);
}

/* The variates of a chunk are computed four at a time (an AVX2 vector of doubles), from
 * buffers padded with zero words: no scalar remainder loop, whatever n is. The padding's
 * variates are computed and dropped; the stream advances by the words of n variates only. */
#define PAD(k) (((k) + 3) & ~(size_t)3)

/* The next k variates' words (words_each apiece) into w, zeros up to the padded count. */
static void words_for(struct bc_rng_state *st, uint32_t *w, size_t k, size_t words_each)
{
	bc_rng_words(st, w, (uint32_t)(words_each * k));
	memset(w + words_each * k, 0, words_each * (PAD(k) - k) * sizeof *w);
}

BC_CLONES static void draw_uniform(gsl_rng *r, size_t n, double *out)
{
	struct bc_rng_state *st = bc_rng_state_of(r);
	uint32_t w[2 * CHUNK];
	double u[CHUNK];
	for (size_t done = 0; done < n; done += CHUNK) {
		size_t k = n - done < CHUNK ? n - done : CHUNK;
		/* the words where the generator holds them when no padding is needed */
		const uint32_t *src = k == PAD(k) ? bc_rng_span(st, 2 * (uint32_t)k) : NULL;
		if (!src) {
			words_for(st, w, k, 2);
			src = w;
		}
#pragma omp simd
		for (size_t i = 0; i < PAD(k); i++)
			u[i] = unit(src[2 * i], src[2 * i + 1]);
		memcpy(out + done, u, k * sizeof *u);
	}
}

/* A ziggurat word: layer index in bits 0 .. BC_ZIG_BITS - 1, sign in the bit above, the
 * abscissa j in the ZIG_J_BITS above that. */
#define ZIG_J_BITS (31 - BC_ZIG_BITS)
_Static_assert(ZIG_J_BITS >= 20, "a word leaves at least 20 bits of abscissa");
#define SIGN_BIT (UINT64_C(1) << 63)
#define LAYER(w) ((w) & (BC_ZIG_LAYERS - 1))
#define SIGN_SHIFT (63 - BC_ZIG_BITS) /* moves the sign, the bit above the layer, to bit 63 */
#define J_SCALE 0x1p-21               /* 2^-ZIG_J_BITS */
_Static_assert(ZIG_J_BITS == 21, "J_SCALE is 2^-ZIG_J_BITS");

/* The abscissa of a ziggurat word: (j + 1/2) 2^-21 in (0, 1) (exact), times the width of
 * its layer (the one rounding). */
static inline double zig_x(const double *xt, uint32_t w)
{
	return ((double)(w >> (BC_ZIG_BITS + 1)) + 0.5) * J_SCALE * xt[LAYER(w)];
}

/* x with the word's sign bit as its sign where sign_mask is SIGN_BIT (x > 0) */
static inline double zig_signed(double x, uint32_t w, uint64_t sign_mask)
{
	return bc_vm_double(bc_vm_bits(x) | ((uint64_t)w << SIGN_SHIFT & sign_mask));
}

/* The uniform (j + 1/2) 2^-52 in (0, 1) from the top 52 bits of a 64-bit unit. */
static inline double zig_uniform(uint64_t v)
{
	return bc_vm_double(v >> 12 | UINT64_C(0x3ff0000000000000)) - (1 - 0x1p-53);
}

/* The accepted-at-once test of one word: x < x[layer + 1], so the point is inside the
 * box wholly under f. */
static inline int zig_ok(const double *xt, uint32_t w, double x)
{
	return x < xt[LAYER(w) + 1];
}

/*
 * The common case over n words (at most 64; for AVX2 a multiple of 4): z[i] the variate word i
 * gives if accepted at once, and bit i of the result set where it is not. Two variants of
 * the same IEEE operations, so the same bits: plain C for any machine (not vectorised:
 * GCC would emulate the two table look-ups with scalar loads and spills), and AVX2
 * intrinsics where the CPU has them. On the AMD EPYC the benchmark ran on, AVX2's gathers
 * cost more than the scalar loads of (x[l], x[l + 1]) pairs used here instead.
 */
static uint64_t zig_pass_base(const uint32_t *w, size_t n, const double *xt, uint64_t sign_mask,
                              double *z)
{
	uint64_t rejected = 0;
	for (size_t i = 0; i < n; i++) {
		double x = zig_x(xt, w[i]);
		rejected |= (uint64_t)!zig_ok(xt, w[i], x) << i;
		z[i] = zig_signed(x, w[i], sign_mask);
	}
	return rejected;
}

#ifdef BC_HAVE_AVX2_TARGET
BC_TARGET_AVX2 static uint64_t zig_pass_avx2(const uint32_t *w, size_t n, const double *xt,
                                             uint64_t sign_mask, double *z)
{
	const __m256i sign = _mm256_set1_epi64x(sign_mask ? LLONG_MIN : 0);
	const __m256d half = _mm256_set1_pd(0.5), scale = _mm256_set1_pd(J_SCALE);
	const uint32_t mask = BC_ZIG_LAYERS - 1;
	uint64_t accepted = 0;
	for (size_t i = 0; i < n; i += 4) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(w + i));
		/* x[l] and x[l + 1] of each word's layer l: two loads of a pair each (gathers cost
		 * more than these loads on the CPUs at hand) */
		__m256d p02 = _mm256_insertf128_pd(_mm256_castpd128_pd256(_mm_loadu_pd(xt + (w[i] & mask))),
		                                   _mm_loadu_pd(xt + (w[i + 2] & mask)), 1);
		__m256d p13 = _mm256_insertf128_pd(_mm256_castpd128_pd256(_mm_loadu_pd(xt + (w[i + 1] & mask))),
		                                   _mm_loadu_pd(xt + (w[i + 3] & mask)), 1);
		__m256d width = _mm256_unpacklo_pd(p02, p13), next = _mm256_unpackhi_pd(p02, p13);
		/* j < 2^21 converts exactly as a signed 32-bit integer */
		__m256d j = _mm256_cvtepi32_pd(_mm_srli_epi32(v, BC_ZIG_BITS + 1));
		__m256d x = _mm256_mul_pd(_mm256_mul_pd(_mm256_add_pd(j, half), scale), width);
		accepted |= (uint64_t)_mm256_movemask_pd(_mm256_cmp_pd(x, next, _CMP_LT_OQ)) << i;
		__m256i s = _mm256_and_si256(_mm256_slli_epi64(_mm256_cvtepu32_epi64(v), SIGN_SHIFT), sign);
		_mm256_storeu_pd(z + i, _mm256_castsi256_pd(_mm256_or_si256(_mm256_castpd_si256(x), s)));
	}
	return ~accepted & (n == 64 ? ~UINT64_C(0) : (UINT64_C(1) << n) - 1);
}
#endif

int bc_draws_portable_only;

static uint64_t zig_pass(const uint32_t *w, size_t n, const double *xt, uint64_t sign_mask,
                         double *z)
{
#ifdef BC_HAVE_AVX2_TARGET
	if (!bc_draws_portable_only && __builtin_cpu_supports("avx2"))
		return zig_pass_avx2(w, n, xt, sign_mask, z);
#endif
	return zig_pass_base(w, n, xt, sign_mask, z);
}

static inline int lowest_bit(uint64_t m)
{
#ifdef __GNUC__
	return __builtin_ctzll(m);
#else
	int i = 0;
	while (!(m >> i & 1))
		i++;
	return i;
#endif
}

/* Where the rare cases take their further words: the rest of the block already read,
 * then the stream itself. */
struct units {
	struct bc_rng_state *st;
	const uint32_t *w;
	size_t next, len;
};

static uint32_t next_word(struct units *u)
{
	return u->next < u->len ? u->w[u->next++] : bc_rng_word(u->st);
}

/* A 64-bit unit: the next two words, the first the low half. */
static uint64_t next_unit(struct units *u)
{
	uint64_t lo = next_word(u);
	return lo | (uint64_t)next_word(u) << 32;
}

/* The normal variate that starts with word w, which the common case rejected. */
static double normal_rare(struct units *u, uint32_t w)
{
	const struct bc_zig *t = &bc_zig_normal;
	for (;;) {
		uint32_t l = LAYER(w);
		double x = zig_x(t->x, w);
		if (x < t->x[l + 1])
			return zig_signed(x, w, SIGN_BIT);
		if (l == 0) { /* the tail beyond r */
			double a, b;
			do {
				a = -bc_vm_log(zig_uniform(next_unit(u))) / t->r;
				b = -bc_vm_log(zig_uniform(next_unit(u)));
			} while (b + b <= a * a);
			return zig_signed(t->r + a, w, SIGN_BIT);
		}
		/* the wedge: the chord's bounds, else y < exp(-x^2 / 2) as -2 log y > x^2 */
		double uy = zig_uniform(next_unit(u)), h = x + uy * t->dx[l];
		if (h < t->accept[l] ||
		    (h <= t->reject[l] && x * x < -2 * bc_vm_log(t->f[l] + uy * (t->f[l + 1] - t->f[l]))))
			return zig_signed(x, w, SIGN_BIT);
		w = next_word(u);
	}
}

/* The exponential variate that starts with word w, which the common case rejected. */
static double exponential_rare(struct units *u, uint32_t w)
{
	const struct bc_zig *t = &bc_zig_exponential;
	double base = 0; /* r for each tail passed */
	for (;;) {
		uint32_t l = LAYER(w);
		double x = zig_x(t->x, w);
		if (x < t->x[l + 1])
			return base + x;
		if (l == 0) { /* the tail beyond r: r plus a fresh exponential */
			base += t->r;
		} else { /* the wedge: the chord's bounds, else y < exp(-x) as -log y > x */
			double uy = zig_uniform(next_unit(u)), h = x + uy * t->dx[l];
			if (h < t->accept[l] ||
			    (h <= t->reject[l] && x < -bc_vm_log(t->f[l] + uy * (t->f[l + 1] - t->f[l]))))
				return base + x;
		}
		w = next_word(u);
	}
}

static double laplace_rare(struct units *u, uint32_t w)
{
	return zig_signed(exponential_rare(u, w), w, SIGN_BIT);
}

/*
 * n variates of a ziggurat, in blocks of up to 64 words: the common case over a block's
 * words at once, writing straight to out; then, in order, each rejected word is finished
 * by `rare`, which takes the words after it, and the values after those are moved down
 * over them. A block reads no more words than variates are still wanted, so the stream is
 * left right after the last word used. Inlined into each law's function, so `rare` is a
 * direct call.
 */
static BC_ALWAYS_INLINE void draw_ziggurat(struct bc_rng_state *st, size_t n, double *out,
                                           const struct bc_zig *t, uint64_t sign_mask,
                                           double (*rare)(struct units *, uint32_t))
{
	enum { BLOCK = 64 }; /* one bit each in a mask */
	uint32_t copy[BLOCK + BC_RNG_SLACK];
	size_t done = 0;
	while (done < n) {
		size_t k = n - done < BLOCK ? n - done : BLOCK, k4 = k & ~(size_t)3;
		/* the block's words where the generator holds them, or else a copy; the rare
		 * cases below read the stream past them only once the block is used up */
		const uint32_t *w = bc_rng_span(st, (uint32_t)k);
		if (!w) {
			bc_rng_words(st, copy, (uint32_t)k);
			memset(copy + k, 0, BC_RNG_SLACK * sizeof *copy);
			w = copy;
		}
		uint64_t rejected = k4 ? zig_pass(w, k4, t->x, sign_mask, out + done) : 0;
		if (k4 < k) { /* a last one to three words, read as four (BC_RNG_SLACK) */
			double z[4];
			uint64_t last = zig_pass(w + k4, 4, t->x, sign_mask, z);
			rejected |= (last & ((UINT64_C(1) << (k - k4)) - 1)) << k4;
			memcpy(out + done + k4, z, (k - k4) * sizeof *z);
		}
		if (!rejected) {
			done += k;
			continue;
		}
		/* word i's value is at out[done + i]; the variates so far end at out[end] */
		struct units u = {st, w, 0, k};
		size_t end = done;
		while (rejected) {
			size_t first = (size_t)lowest_bit(rejected);
			if (end != done + u.next)
				memmove(out + end, out + done + u.next, (first - u.next) * sizeof *out);
			end += first - u.next;
			u.next = first + 1;
			out[end++] = rare(&u, w[first]);
			rejected = u.next >= BLOCK ? 0 : rejected & ~UINT64_C(0) << u.next;
		}
		if (u.next < k) {
			memmove(out + end, out + done + u.next, (k - u.next) * sizeof *out);
			end += k - u.next;
		}
		done = end;
	}
}

/* Rows 0 .. k - 1 of the lanes' words: wt[i * BC_LANES + l] = w[l][i]. */
static void transpose_base(const uint32_t *const *w, size_t k, uint32_t *wt)
{
	for (int l = 0; l < BC_LANES; l++)
		for (size_t i = 0; i < k; i++)
			wt[i * BC_LANES + (size_t)l] = w[l][i];
}

#ifdef BC_HAVE_AVX2_TARGET
/* The same, eight rows at a time by an 8 x 8 transpose in registers (rows past k, up to
 * the next multiple of 8, are written too: wt has room, CHUNK_ROWS being one). */
BC_TARGET_AVX2 static void transpose_avx2(const uint32_t *const *w, size_t k, uint32_t *wt)
{
	_Static_assert(BC_LANES == 8, "one register holds a row");
	/* a last one to seven rows too: a span's BC_RNG_SLACK words after it may be read */
	for (size_t i0 = 0; i0 < k; i0 += 8) {
		__m256i r[8], t[8], u[8];
		for (int l = 0; l < 8; l++)
			r[l] = _mm256_loadu_si256((const __m256i *)(const void *)(w[l] + i0));
		for (int l = 0; l < 8; l += 2) { /* pairs of lanes, then quads, then halves */
			t[l] = _mm256_unpacklo_epi32(r[l], r[l + 1]);
			t[l + 1] = _mm256_unpackhi_epi32(r[l], r[l + 1]);
		}
		for (int q = 0; q < 8; q += 4) {
			u[q] = _mm256_unpacklo_epi64(t[q], t[q + 2]);
			u[q + 1] = _mm256_unpackhi_epi64(t[q], t[q + 2]);
			u[q + 2] = _mm256_unpacklo_epi64(t[q + 1], t[q + 3]);
			u[q + 3] = _mm256_unpackhi_epi64(t[q + 1], t[q + 3]);
		}
		__m256i *row = (__m256i *)(void *)(wt + i0 * 8);
		for (int i = 0; i < 4; i++) { /* u[i]: rows i and i + 4 of lanes 0-3, u[i + 4] 4-7 */
			_mm256_storeu_si256(row + i, _mm256_permute2x128_si256(u[i], u[i + 4], 0x20));
			_mm256_storeu_si256(row + i + 4, _mm256_permute2x128_si256(u[i], u[i + 4], 0x31));
		}
	}
}
#endif

static void transpose(const uint32_t *const *w, size_t k, uint32_t *wt)
{
#ifdef BC_HAVE_AVX2_TARGET
	if (!bc_draws_portable_only && __builtin_cpu_supports("avx2")) {
		transpose_avx2(w, k, wt);
		return;
	}
#endif
	transpose_base(w, k, wt);
}

/* The next k rows of the lanes' words where they lie, when all lanes read one lane group's
 * prefetched rows in step (as they do until a rare case takes a lane's extra words);
 * else NULL. */
static const uint32_t *synced_rows(const struct bc_rng_state *st, size_t k)
{
	const struct bc_rng_cursor *c0 = &st->cur[0];
	if (c0->src < 0 || c0->stride != BC_LANES || c0->len - c0->pos < k)
		return NULL;
	for (int l = 1; l < BC_LANES; l++) {
		const struct bc_rng_cursor *c = &st->cur[l];
		if (c->src < 0 || c->pos != c0->pos || c->off != c0->off + (uint32_t)l)
			return NULL;
	}
	return &st->pre[0][0] + c0->off + (size_t)c0->pos * BC_LANES;
}

/*
 * The same variates for each of BC_LANES lanes (bc_rng.h), draw i of lane l into
 * out[i * BC_LANES + l]. The common case runs over rows of words, one word of each lane,
 * as over any block of words, writing straight to out in its lane-wise layout: the
 * prefetch's rows where they lie when the lanes are in step on them, else each lane's
 * next k words transposed (a lane of rows out of step copied first). A lane whose row was
 * rejected (about 7% of lanes per 16 normals) is rewound to that word and finished by
 * draw_ziggurat: its variates from there are the stream's, whatever the other lanes did.
 * A lane whose buffer does not hold its k words is drawn by draw_ziggurat outright.
 */
static BC_ALWAYS_INLINE void draw_ziggurat_lanes(struct bc_rng_state *st, size_t n, double *out,
                                                 const struct bc_zig *t, uint64_t sign_mask,
                                                 double (*rare)(struct units *, uint32_t))
{
	enum { L = BC_LANES, ROWS = 64 / L, CHUNK_ROWS = 64 };
	_Static_assert(CHUNK_ROWS % 8 == 0, "transpose_avx2 writes whole blocks of 8 rows");
	_Static_assert(L % 4 == 0 && 64 % L == 0, "a pass takes whole vectors and rows");
	static const uint32_t zeros[CHUNK_ROWS + BC_RNG_SLACK];
	uint32_t wt[CHUNK_ROWS * L], own[L][CHUNK_ROWS + BC_RNG_SLACK];
	double z[CHUNK_ROWS];
	for (size_t done = 0; done < n; done += CHUNK_ROWS) {
		size_t k = n - done < CHUNK_ROWS ? n - done : CHUNK_ROWS;
		const uint32_t *w[L], *rows = synced_rows(st, k);
		size_t redo[L]; /* the row each lane is drawn from by draw_ziggurat, k if none */
		for (int l = 0; l < L && rows; l++) {
			st->cur[l].pos += (uint32_t)k;
			w[l] = rows;
			redo[l] = k;
		}
		for (int l = 0; l < L && !rows; l++) {
			st->lane = l;
			w[l] = bc_rng_span(st, (uint32_t)k);
			if (!w[l] && bc_rng_stride(st) != 1 && st->cur[l].len - st->cur[l].pos >= k) {
				bc_rng_words(st, own[l], (uint32_t)k); /* a lane of rows out of step */
				w[l] = own[l];
			}
			redo[l] = w[l] ? k : 0;
			if (!w[l]) /* any words: this lane's values are all redone */
				w[l] = zeros;
		}
		if (!rows) {
			transpose(w, k, wt);
			rows = wt;
		}
		double *o = out + done * L;
		for (size_t r0 = 0; r0 < k; r0 += ROWS) {
			size_t n_rows = k - r0 < ROWS ? k - r0 : ROWS;
			uint64_t rejected = zig_pass(rows + r0 * L, n_rows * L, t->x, sign_mask, o + r0 * L);
			for (; rejected; rejected &= rejected - 1) {
				int b = lowest_bit(rejected);
				size_t row = r0 + (size_t)b / L, l = (size_t)b % L;
				if (row < redo[l])
					redo[l] = row;
			}
		}
		for (int l = 0; l < L; l++) {
			if (redo[l] == k)
				continue;
			st->lane = l;
			if (w[l] != zeros) /* back to the rejected word: the words were one buffer's */
				bc_rng_cur(st)->pos -= (uint32_t)(k - redo[l]);
			draw_ziggurat(st, k - redo[l], z, t, sign_mask, rare);
			for (size_t i = redo[l]; i < k; i++)
				o[i * L + (size_t)l] = z[i - redo[l]];
		}
	}
	st->lane = L - 1;
}

static void draw_exponential(gsl_rng *r, size_t n, double *out)
{
	draw_ziggurat(bc_rng_state_of(r), n, out, &bc_zig_exponential, 0, exponential_rare);
}

static void draw_laplace(gsl_rng *r, size_t n, double *out)
{
	draw_ziggurat(bc_rng_state_of(r), n, out, &bc_zig_exponential, SIGN_BIT, laplace_rare);
}

static void draw_normal(gsl_rng *r, size_t n, double *out)
{
	draw_ziggurat(bc_rng_state_of(r), n, out, &bc_zig_normal, SIGN_BIT, normal_rare);
}

/* The lane groups' versions: the generator must be inside one (bc_rng_lanes). */
static struct bc_rng_state *lanes_state(gsl_rng *r)
{
	struct bc_rng_state *st = bc_rng_state_of(r);
	if (st->n_lanes != BC_LANES) {
		fprintf(stderr, "batchcheck: internal error: lane-wise draws outside a lane group\n");
		abort();
	}
	return st;
}

void bc_draw_exponential_lanes(gsl_rng *r, size_t n, double *out)
{
	draw_ziggurat_lanes(lanes_state(r), n, out, &bc_zig_exponential, 0, exponential_rare);
}

void bc_draw_laplace_lanes(gsl_rng *r, size_t n, double *out)
{
	draw_ziggurat_lanes(lanes_state(r), n, out, &bc_zig_exponential, SIGN_BIT, laplace_rare);
}

void bc_draw_normal_lanes(gsl_rng *r, size_t n, double *out)
{
	draw_ziggurat_lanes(lanes_state(r), n, out, &bc_zig_normal, SIGN_BIT, normal_rare);
}

/* Uniforms for each lane (two words each, no rejection): over the rows where they lie
 * when the lanes are in step, else over each lane's words transposed. */
BC_CLONES static void draw_uniform_lanes(struct bc_rng_state *st, size_t n, double *out)
{
	enum { L = BC_LANES, K = 32 }; /* uniforms a lane per pass: 2 K words */
	uint32_t wt[2 * K * L], own[L][2 * K + BC_RNG_SLACK];
	for (size_t done = 0; done < n; done += K) {
		size_t k = n - done < K ? n - done : K;
		const uint32_t *rows = synced_rows(st, 2 * k);
		if (rows) {
			for (int l = 0; l < L; l++)
				st->cur[l].pos += 2 * (uint32_t)k;
		} else {
			const uint32_t *w[L];
			for (int l = 0; l < L; l++) {
				st->lane = l;
				w[l] = bc_rng_span(st, 2 * (uint32_t)k);
				if (!w[l]) {
					bc_rng_words(st, own[l], 2 * (uint32_t)k);
					w[l] = own[l];
				}
			}
			transpose(w, 2 * k, wt);
			rows = wt;
		}
		double *o = out + done * L;
		for (size_t i = 0; i < k; i++)
#pragma omp simd
			for (size_t l = 0; l < L; l++)
				o[i * L + l] = unit(rows[2 * i * L + l], rows[(2 * i + 1) * L + l]);
	}
	st->lane = L - 1;
}

void bc_draw_uniform_lanes(gsl_rng *r, size_t n, double *out)
{
	draw_uniform_lanes(lanes_state(r), n, out);
}

/* The exported entry points: the clones stay inside this file, where every compiler that
 * supports them dispatches them (clang 14 cannot export a target_clones function). */
void bc_draw_uniform(gsl_rng *r, size_t n, double *out)
{
	draw_uniform(r, n, out);
}

void bc_draw_exponential(gsl_rng *r, size_t n, double *out)
{
	draw_exponential(r, n, out);
}

void bc_draw_laplace(gsl_rng *r, size_t n, double *out)
{
	draw_laplace(r, n, out);
}

void bc_draw_normal(gsl_rng *r, size_t n, double *out)
{
	draw_normal(r, n, out);
}
