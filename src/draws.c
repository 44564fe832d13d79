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
 * Marsaglia and Tsang's ziggurat (J. Stat. Softw. 5(8), 2000) in its 64-bit form (as in
 * NumPy and Rust's rand_distr): one 64-bit unit, two words, gives the layer (10 bits), the
 * sign (1 bit) and the abscissa (52 bits) from disjoint bits, so Doornik's objection to the
 * original 32-bit version (layer and abscissa from overlapping bits, hence correlated;
 * his ZIGNOR, 2005, fixes that) does not arise. 1024 layers rather than the usual 128 or
 * 256: the common case costs the same whatever the count, while the rare cases, each a
 * scalar fix-up with a mispredicted branch and a shift of the block, become 4 times rarer
 * than with 256; the hot table (x) is 8 KiB, well within L1. The common case, 99.57% of
 * normals and 99.36% of exponentials, is two table look-ups, a multiply and a compare,
 * branch-free over a block of units, with AVX2 where the CPU has it. McFarland's variant
 * (2016) makes the rare overhang cases cheaper with alias tables, but in a vectorised block
 * they are under 1% of the lanes, and its extra words and tables do not pay; here the
 * overhangs are decided by the chord's bounds (bc_ziggurat.h), which spare the logarithm
 * in 94% of the normal's wedge tests and 99.6% of the exponential's. Box-Muller, used
 * before, costs a logarithm, a square root, a sine and a cosine per pair of normals.
 *
 * The tables are exact constants (src/ziggurat_tables.c, include/bc_ziggurat.h). A
 * rejected case takes further units from the stream, right after the rejected one:
 *   wedge (layer i >= 1, x >= x[i + 1]): one unit U for the height y = f(x[i]) + U
 *       (f(x[i + 1]) - f(x[i])), accepted when y < f(x) (the chord's bounds, else
 *       log y < log f(x) with bc_vm_log); else the variate starts afresh from the next
 *       unit (a new layer, sign and abscissa);
 *   normal tail (layer 0, x >= r): Marsaglia's (1964) method, two units per try:
 *       a = -log(U1) / r, b = -log(U2) until 2b > a^2, then r + a with the first unit's sign;
 *   exponential tail (layer 0, x >= r): r plus an exponential drawn afresh from the next
 *       unit (the tail of an exponential is a shifted exponential).
 * So the units a variate takes are a function of the stream's content: the variates are a
 * pure function of the stream and of where the call starts, not of how calls are split,
 * which vector width ran the common case, or how many threads there are.
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

/* 64-bit unit i of a block of words: word 2i is its low half, word 2i + 1 its high half
 * (one load on a little-endian machine). */
static inline uint64_t unit64(const uint32_t *w)
{
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && \
        __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t v;
	memcpy(&v, w, sizeof v);
	return v;
#else
	return (uint64_t)w[0] | (uint64_t)w[1] << 32;
#endif
}

/* A unit: layer index in bits 0 .. BC_ZIG_BITS - 1, sign in the bit above, abscissa in
 * bits 12 .. 63. */
_Static_assert(BC_ZIG_BITS + 1 <= 12, "a unit has room for the layer and the sign below bit 12");
#define SIGN_BIT (UINT64_C(1) << 63)
#define LAYER(v) ((v) & (BC_ZIG_LAYERS - 1))
#define SIGN_SHIFT (63 - BC_ZIG_BITS) /* moves the sign, the bit above the layer, to bit 63 */

/* The abscissa of a ziggurat unit: its top 52 bits as j 2^-52 in [0, 1) (exact, via the
 * bits of a double in [1, 2)), times the width of its layer. */
static inline double zig_x(const double *xt, uint64_t v)
{
	return (bc_vm_double(v >> 12 | UINT64_C(0x3ff0000000000000)) - 1) * xt[LAYER(v)];
}

/* x with the unit's sign bit as its sign where sign_mask is SIGN_BIT; + 0.0 turns -0 into +0 */
static inline double zig_signed(double x, uint64_t v, uint64_t sign_mask)
{
	return bc_vm_double(bc_vm_bits(x) | (v << SIGN_SHIFT & sign_mask)) + 0.0;
}

/* The uniform (j + 1/2) 2^-52 in (0, 1) from the top 52 bits of a unit. */
static inline double zig_uniform(uint64_t v)
{
	return bc_vm_double(v >> 12 | UINT64_C(0x3ff0000000000000)) - (1 - 0x1p-53);
}

/* The accepted-at-once test of one unit: x < x[layer + 1], so the point is inside the
 * box wholly under f. */
static inline int zig_ok(const double *xt, uint64_t v, double x)
{
	return x < xt[LAYER(v) + 1];
}

/*
 * The common case over n units (n a multiple of 4, at most 64): z[i] the variate unit i
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
		uint64_t v = unit64(w + 2 * i);
		double x = zig_x(xt, v);
		rejected |= (uint64_t)!zig_ok(xt, v, x) << i;
		z[i] = zig_signed(x, v, sign_mask);
	}
	return rejected;
}

#ifdef BC_HAVE_AVX2_TARGET
BC_TARGET_AVX2 static uint64_t zig_pass_avx2(const uint32_t *w, size_t n, const double *xt,
                                             uint64_t sign_mask, double *z)
{
	const __m256i one_bits = _mm256_set1_epi64x(0x3ff0000000000000);
	const __m256i sign = _mm256_set1_epi64x(sign_mask ? LLONG_MIN : 0);
	const __m256d one = _mm256_set1_pd(1.0), zero = _mm256_setzero_pd();
	uint64_t accepted = 0;
	for (size_t i = 0; i < n; i += 4) {
		__m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(w + 2 * i));
		/* x[l] and x[l + 1] of each unit's layer l, from its low word: two loads of a pair
		 * each (gathers cost more than these loads on the CPUs at hand) */
		const uint32_t *lo = w + 2 * i, mask = BC_ZIG_LAYERS - 1;
		__m256d p02 = _mm256_insertf128_pd(_mm256_castpd128_pd256(_mm_loadu_pd(xt + (lo[0] & mask))),
		                                   _mm_loadu_pd(xt + (lo[4] & mask)), 1);
		__m256d p13 = _mm256_insertf128_pd(_mm256_castpd128_pd256(_mm_loadu_pd(xt + (lo[2] & mask))),
		                                   _mm_loadu_pd(xt + (lo[6] & mask)), 1);
		__m256d width = _mm256_unpacklo_pd(p02, p13), next = _mm256_unpackhi_pd(p02, p13);
		__m256d d = _mm256_sub_pd(
		        _mm256_castsi256_pd(_mm256_or_si256(_mm256_srli_epi64(v, 12), one_bits)), one);
		__m256d x = _mm256_mul_pd(d, width);
		accepted |= (uint64_t)_mm256_movemask_pd(_mm256_cmp_pd(x, next, _CMP_LT_OQ)) << i;
		__m256i s = _mm256_and_si256(_mm256_slli_epi64(v, SIGN_SHIFT), sign);
		__m256d zs = _mm256_castsi256_pd(_mm256_or_si256(_mm256_castpd_si256(x), s));
		_mm256_storeu_pd(z + i, _mm256_add_pd(zs, zero));
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

/* Where the rare cases take their further units: the rest of the block already read,
 * then the stream itself. */
struct units {
	struct bc_rng_state *st;
	const uint32_t *w;
	size_t next, len;
};

static uint64_t next_unit(struct units *u)
{
	if (u->next < u->len)
		return unit64(u->w + 2 * u->next++);
	uint64_t lo = bc_rng_word(u->st);
	uint64_t hi = bc_rng_word(u->st);
	return lo | hi << 32;
}

/* The normal variate that starts with unit v, which the common case rejected. */
static double normal_rare(struct units *u, uint64_t v)
{
	const struct bc_zig *t = &bc_zig_normal;
	for (;;) {
		uint64_t l = LAYER(v);
		double x = zig_x(t->x, v);
		if (x < t->x[l + 1])
			return zig_signed(x, v, SIGN_BIT);
		if (l == 0) { /* the tail beyond r */
			double a, b;
			do {
				a = -bc_vm_log(zig_uniform(next_unit(u))) / t->r;
				b = -bc_vm_log(zig_uniform(next_unit(u)));
			} while (b + b <= a * a);
			return zig_signed(t->r + a, v, SIGN_BIT);
		}
		/* the wedge: the chord's bounds, else y < exp(-x^2 / 2) as -2 log y > x^2 */
		double uy = zig_uniform(next_unit(u)), h = x + uy * t->dx[l];
		if (h < t->accept[l] ||
		    (h <= t->reject[l] && x * x < -2 * bc_vm_log(t->f[l] + uy * (t->f[l + 1] - t->f[l]))))
			return zig_signed(x, v, SIGN_BIT);
		v = next_unit(u);
	}
}

/* The exponential variate that starts with unit v, which the common case rejected. */
static double exponential_rare(struct units *u, uint64_t v)
{
	const struct bc_zig *t = &bc_zig_exponential;
	double base = 0; /* r for each tail passed */
	for (;;) {
		uint64_t l = LAYER(v);
		double x = zig_x(t->x, v);
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
		v = next_unit(u);
	}
}

static double laplace_rare(struct units *u, uint64_t v)
{
	return zig_signed(exponential_rare(u, v), v, SIGN_BIT);
}

/*
 * n variates of a ziggurat, in blocks of up to 64 units: the common case over a block's
 * units at once, writing straight to out; then, in order, each rejected unit is finished
 * by `rare`, which takes the units after it, and the values after those are moved down
 * over them. A block reads no more units than variates are still wanted, so the stream is
 * left right after the last unit used. Inlined into each law's function, so `rare` is a
 * direct call.
 */
static BC_ALWAYS_INLINE void draw_ziggurat(gsl_rng *r, size_t n, double *out,
                                           const struct bc_zig *t, uint64_t sign_mask,
                                           double (*rare)(struct units *, uint64_t))
{
	enum { BLOCK = 64 }; /* one bit each in a mask */
	struct bc_rng_state *st = bc_rng_state_of(r);
	uint32_t copy[2 * BLOCK];
	size_t done = 0;
	while (done < n) {
		size_t k = n - done < BLOCK ? n - done : BLOCK, k4 = k & ~(size_t)3;
		/* the block's units where the generator holds them, or else a copy; the rare
		 * cases below read the stream past them only once the block is used up */
		const uint32_t *w = bc_rng_span(st, 2 * (uint32_t)k);
		if (!w) {
			bc_rng_words(st, copy, 2 * (uint32_t)k);
			w = copy;
		}
		uint64_t rejected = k4 ? zig_pass(w, k4, t->x, sign_mask, out + done) : 0;
		if (k4 < k) { /* a last one to three units, padded with zero words to four */
			double z[4];
			uint32_t pad[8] = {0};
			memcpy(pad, w + 2 * k4, 2 * (k - k4) * sizeof *pad);
			uint64_t last = zig_pass(pad, 4, t->x, sign_mask, z);
			rejected |= (last & ((UINT64_C(1) << (k - k4)) - 1)) << k4;
			for (size_t i = k4; i < k; i++)
				out[done + i] = z[i - k4];
		}
		if (!rejected) {
			done += k;
			continue;
		}
		/* unit i's value is at out[done + i]; the variates so far end at out[end] */
		struct units u = {st, w, 0, k};
		size_t end = done;
		while (rejected) {
			size_t first = (size_t)lowest_bit(rejected);
			if (end != done + u.next)
				memmove(out + end, out + done + u.next, (first - u.next) * sizeof *out);
			end += first - u.next;
			u.next = first + 1;
			out[end++] = rare(&u, unit64(w + 2 * first));
			rejected = u.next >= BLOCK ? 0 : rejected & ~UINT64_C(0) << u.next;
		}
		if (u.next < k) {
			memmove(out + end, out + done + u.next, (k - u.next) * sizeof *out);
			end += k - u.next;
		}
		done = end;
	}
}

static void draw_exponential(gsl_rng *r, size_t n, double *out)
{
	draw_ziggurat(r, n, out, &bc_zig_exponential, 0, exponential_rare);
}

static void draw_laplace(gsl_rng *r, size_t n, double *out)
{
	draw_ziggurat(r, n, out, &bc_zig_exponential, SIGN_BIT, laplace_rare);
}

static void draw_normal(gsl_rng *r, size_t n, double *out)
{
	draw_ziggurat(r, n, out, &bc_zig_normal, SIGN_BIT, normal_rare);
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
