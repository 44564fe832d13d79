/*
 * The bulk variate generators, tested as GSL tests its own (test/test.c in GSL's randist):
 * moments, a Kolmogorov-Smirnov test against the exact CDF, and tail frequencies, each on a
 * fixed stream, so a failure is reproducible. Tolerances are 5 standard errors (moments,
 * tails) and the KS statistic's 0.1% critical value: a wrong scale, shift, sign or law
 * fails by far.
 *
 * The ziggurats (normal, exponential, Laplace) are then tested part by part:
 *   - their tables against their definition, in MPFR (and a broken copy must fail that);
 *   - every variate and every word against a plain scalar restatement of bc_draws.h's
 *     description that reads the stream one word at a time through GSL's interface, with
 *     the AVX2 and the portable loops, calls of all sizes, the group prefetch, and streams
 *     that start at an odd word (so the rare cases' two-word units straddle refills);
 *   - the AVX2 and portable loops against each other on long runs;
 *   - the tail algorithms by exact binomial tests of the mass beyond 3.5 and 5 (normal)
 *     and beyond r and 15 (exponential) on 2^27 draws, and a KS test of the tail's shape;
 *   - the mass between consecutive layer edges (a chi-square over all 1024 of them) and
 *     within the bottom layers, where the wedges weigh most (shown to catch a broken wedge
 *     test);
 *   - the words a variate takes on average against the tables' expectation.
 * Each statistical test passes at p > 1e-4 (KS: at its 0.1% point) on its fixed stream;
 * comments say what each would miss.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <mpfr.h>

#include "bc_draws.h"
#include "bc_law.h"
#include "bc_philox.h"
#include "bc_rng.h"
#include "bc_test.h"
#include "bc_vmath.h"
#include "bc_ziggurat.h"

enum { N = 1 << 20 };

static double *draw(void (*fill)(gsl_rng *, size_t, double *), uint32_t point)
{
	struct bc_stream_id id = {20261127, 0x7e57d7a5, BC_PURPOSE_CLI, point};
	gsl_rng *r = bc_rng_new();
	double *x = malloc(N * sizeof *x);
	cr_assert(r && x);
	for (uint64_t rep = 0; rep < 64; rep++) { /* many streams, as the engine uses them */
		bc_rng_key(r, &id, rep);
		fill(r, N / 64, x + rep * (N / 64));
	}
	gsl_rng_free(r);
	return x;
}

/* Sample mean, variance, and third and fourth central moments agree with the law's within
 * 5 standard errors (the SEs from the law's own higher moments). */
static void expect_moments(const double *x, double mean, double var, double mu3, double mu4,
                           double mu6, double mu8)
{
	double s1 = 0, s2 = 0, s3 = 0, s4 = 0;
	for (int i = 0; i < N; i++) {
		double d = x[i] - mean;
		s1 += d;
		s2 += d * d;
		s3 += d * d * d;
		s4 += d * d * d * d;
	}
	s1 /= N, s2 /= N, s3 /= N, s4 /= N;
	BC_ASSERT_LE(fabs(s1), 5 * sqrt(var / N));
	BC_ASSERT_LE(fabs(s2 - var), 5 * sqrt((mu4 - var * var) / N));
	BC_ASSERT_LE(fabs(s3 - mu3), 5 * sqrt((mu6 - mu3 * mu3) / N));
	BC_ASSERT_LE(fabs(s4 - mu4), 5 * sqrt((mu8 - mu4 * mu4) / N));
}

/* sqrt(N) * max |F_n - F| below 1.95, the 0.1% point of Kolmogorov's distribution. */
static void expect_ks(double *x, double (*cdf)(double))
{
	gsl_sort(x, 1, N);
	double d = 0;
	for (int i = 0; i < N; i++) {
		double f = cdf(x[i]);
		d = fmax(d, fmax((i + 1.0) / N - f, f - (double)i / N));
	}
	BC_ASSERT_LE(sqrt((double)N) * d, 1.95);
}

/* The count beyond t is Binomial(N, p): within 5 SE of N p. */
static void expect_tail(const double *x, double t, double p)
{
	int k = 0;
	for (int i = 0; i < N; i++)
		k += x[i] > t;
	BC_ASSERT_LE(fabs(k - N * p), 5 * sqrt(N * p * (1 - p)) + 1);
}

static double cdf_uniform(double x) { return x; }
static double cdf_exponential(double x) { return gsl_cdf_exponential_P(x, 1); }
static double cdf_normal(double x) { return gsl_cdf_ugaussian_P(x); }
static double cdf_laplace(double x) { return gsl_cdf_laplace_P(x, 1); }

Test(draws, uniform_is_uniform_on_the_open_interval)
{
	double *x = draw(bc_draw_uniform, 1);
	for (int i = 0; i < N; i++)
		cr_assert(x[i] > 0 && x[i] < 1);
	expect_moments(x, 0.5, 1.0 / 12, 0, 1.0 / 80, 1.0 / 448, 1.0 / 2304);
	expect_tail(x, 0.999, 0.001);
	expect_ks(x, cdf_uniform);
	free(x);
}

Test(draws, exponential_has_unit_rate)
{
	double *x = draw(bc_draw_exponential, 2);
	/* central moments of Exp(1): 1, 2, 9, 44, 265 (mu_k = !k, subfactorials) */
	expect_moments(x, 1, 1, 2, 9, 265, 14833);
	expect_tail(x, 10, exp(-10));
	expect_tail(x, 5, exp(-5));
	expect_ks(x, cdf_exponential);
	free(x);
}

Test(draws, normal_is_standard)
{
	double *x = draw(bc_draw_normal, 3);
	expect_moments(x, 0, 1, 0, 3, 15, 105);
	expect_tail(x, 4, gsl_cdf_ugaussian_Q(4));
	expect_tail(x, 3, gsl_cdf_ugaussian_Q(3));
	for (int i = 0; i < N; i++)
		x[i] = -x[i];
	expect_tail(x, 3, gsl_cdf_ugaussian_Q(3)); /* the lower tail too */
	expect_ks(x, cdf_normal);
	free(x);
}

Test(draws, laplace_has_unit_scale_and_both_signs)
{
	double *x = draw(bc_draw_laplace, 4);
	/* Laplace(1): even central moments 2, 24, 720, 40320 */
	expect_moments(x, 0, 2, 0, 24, 720, 40320);
	expect_tail(x, 5, 0.5 * exp(-5));
	for (int i = 0; i < N; i++)
		x[i] = -x[i];
	expect_tail(x, 5, 0.5 * exp(-5));
	expect_ks(x, cdf_laplace);
	free(x);
}

/* A variate's value depends on its place in the stream, not on how calls are split (odd
 * splits too: no law draws in pairs). */
Test(draws, values_depend_on_the_place_in_the_stream_not_on_the_calls)
{
	void (*fills[])(gsl_rng *, size_t, double *) = {bc_draw_uniform, bc_draw_exponential,
	                                               bc_draw_laplace, bc_draw_normal};
	struct bc_stream_id id = {7, 8, BC_PURPOSE_CLI, 9};
	gsl_rng *r = bc_rng_new();
	for (int f = 0; f < 4; f++) {
		double whole[300], parts[300];
		bc_rng_key(r, &id, 11);
		fills[f](r, 300, whole);
		bc_rng_key(r, &id, 11);
		fills[f](r, 3, parts);
		fills[f](r, 129, parts + 3);
		fills[f](r, 1, parts + 132);
		fills[f](r, 167, parts + 133);
		for (int i = 0; i < 300; i++)
			cr_assert_eq(whole[i], parts[i], "law %d variate %d", f, i);
	}
	gsl_rng_free(r);
}

/* The finite populations simulators draw without replacement from: standardised exactly,
 * in increasing order, symmetric where the law is. */
Test(draws, populations_are_standardised_quantiles)
{
	enum bc_law laws[] = {BC_LAW_GAUSS, BC_LAW_UNIFORM, BC_LAW_LAPLACE, BC_LAW_EXP};
	enum { POP = 1001 };
	double x[POP];
	for (int l = 0; l < 4; l++) {
		bc_law_population(laws[l], POP, x);
		double mean = 0, ss = 0;
		for (int i = 0; i < POP; i++)
			mean += x[i];
		mean /= POP;
		for (int i = 0; i < POP; i++)
			ss += (x[i] - mean) * (x[i] - mean);
		BC_ASSERT_LE(fabs(mean), 1e-14);
		BC_ASSERT_LE(fabs(ss / POP - 1), 1e-13);
		for (int i = 1; i < POP; i++)
			BC_ASSERT_LT(x[i - 1], x[i]);
		if (laws[l] != BC_LAW_EXP)
			BC_ASSERT_LE(fabs(x[0] + x[POP - 1]), 1e-12);
		else /* skewed: the long tail is the upper one */
			BC_ASSERT_LT(-x[0], x[POP - 1]);
	}
}

/* ------------------------------------------------------------------------ the ziggurats */

enum zig_law { Z_NORMAL, Z_EXPONENTIAL, Z_LAPLACE };
#define L BC_ZIG_LAYERS
#define PI 3.14159265358979323846

static const struct bc_zig *table_of(enum zig_law law)
{
	return law == Z_NORMAL ? &bc_zig_normal : &bc_zig_exponential;
}

static void (*fill_of(enum zig_law law))(gsl_rng *, size_t, double *)
{
	return law == Z_NORMAL ? bc_draw_normal : law == Z_EXPONENTIAL ? bc_draw_exponential
	                                                               : bc_draw_laplace;
}

/* f(x) = exp(-x^2/2) (normal) or exp(-x), of a double, in MPFR */
static void mp_f(mpfr_t y, double x, bool normal)
{
	mpfr_set_d(y, x, MPFR_RNDN);
	if (normal) {
		mpfr_sqr(y, y, MPFR_RNDN);
		mpfr_div_2ui(y, y, 1, MPFR_RNDN);
	}
	mpfr_neg(y, y, MPFR_RNDN);
	mpfr_exp(y, y, MPFR_RNDN);
}

/* |a / b - 1| */
static double mp_rel(double a, const mpfr_t b)
{
	mpfr_t d;
	mpfr_init2(d, 128);
	mpfr_d_div(d, a, b, MPFR_RNDN);
	mpfr_sub_ui(d, d, 1, MPFR_RNDN);
	double r = fabs(mpfr_get_d(d, MPFR_RNDN));
	mpfr_clear(d);
	return r;
}

#define FAULT(...) (faults++ == 0 ? snprintf(why, len, __VA_ARGS__) : 0)

/*
 * How many of bc_ziggurat.h's defining properties the table t breaks (0: none; the first
 * broken one is described in why), checked in 128-bit MPFR from the stored doubles:
 *   v = r f(r) + integral_r^inf f, x[0] = v / f(r), f[i] = f(x[i]): to 1e-14 (the doubles
 *       are the exact values rounded, and f of a rounded x moves by a few ulps);
 *   x[1] = r, x[L] = 0, f[L] = 1, x decreasing;
 *   every layer's area x[i] (f(x[i + 1]) - f(x[i])) = v: to 1e-12 (the rounded tables
 *       give at most 1.6e-13: the difference of two f's amplifies their rounding);
 *   dx[i] = x[i] - x[i + 1] rounded to nearest;
 *   accept[i] <= h(x) <= reject[i] at 65 points across each wedge, and the band between
 *       them narrower than the wedge.
 * A table entry moved by 1e-11 of itself breaks an area; a wrong threshold breaks a bound.
 * stop_at_first: return at the first layer with a fault.
 */
static int table_faults(const struct bc_zig *t, bool normal, bool stop_at_first, char *why,
                        size_t len)
{
	int faults = 0;
	mpfr_t a, b, c;
	mpfr_inits2(128, a, b, c, (mpfr_ptr)0);
	why[0] = 0;

	mp_f(b, t->r, normal);
	mpfr_mul_d(b, b, t->r, MPFR_RNDN); /* r f(r) */
	if (normal) { /* sqrt(pi / 2) erfc(r / sqrt 2) */
		mpfr_sqrt_ui(a, 2, MPFR_RNDN);
		mpfr_d_div(c, t->r, a, MPFR_RNDN);
		mpfr_erfc(c, c, MPFR_RNDN);
		mpfr_const_pi(a, MPFR_RNDN);
		mpfr_div_2ui(a, a, 1, MPFR_RNDN);
		mpfr_sqrt(a, a, MPFR_RNDN);
		mpfr_mul(c, c, a, MPFR_RNDN);
	} else {
		mp_f(c, t->r, false);
	}
	mpfr_add(b, b, c, MPFR_RNDN);
	if (mp_rel(t->v, b) > 1e-14)
		FAULT("v is not r f(r) + the tail's area");
	mp_f(a, t->r, normal);
	mpfr_d_div(c, t->v, a, MPFR_RNDN);
	if (mp_rel(t->x[0], c) > 1e-14)
		FAULT("x[0] is not v / f(r)");
	if (t->x[1] != t->r || t->x[L] != 0 || t->f[L] != 1)
		FAULT("x[1] != r, x[L] != 0 or f[L] != 1");
	for (int i = 0; i < L; i++)
		if (!(t->x[i] > t->x[i + 1]))
			FAULT("x not decreasing at %d", i);
	for (int i = 1; i < L && !(stop_at_first && faults); i++) {
		mp_f(a, t->x[i], normal);
		if (mp_rel(t->f[i], a) > 1e-14)
			FAULT("f[%d] is not f(x[%d])", i, i);
		mp_f(b, t->x[i + 1], normal);
		mpfr_sub(b, b, a, MPFR_RNDN);
		mpfr_mul_d(b, b, t->x[i], MPFR_RNDN);
		if (mp_rel(t->v, b) > 1e-12)
			FAULT("layer %d's area is not v", i);
		mpfr_set_d(c, t->x[i], MPFR_RNDN);
		mpfr_sub_d(c, c, t->x[i + 1], MPFR_RNDN);
		if (t->dx[i] != mpfr_get_d(c, MPFR_RNDN))
			FAULT("dx[%d] is not x[%d] - x[%d]", i, i, i + 1);
		if (!(t->accept[i] <= t->reject[i] && t->reject[i] - t->accept[i] <= t->dx[i]))
			FAULT("layer %d's wedge band is empty or wider than the wedge", i);
		for (int k = 0; k <= 64; k++) {
			/* h(x) = x + dx (f(x) - f[i]) / (f[i + 1] - f[i]) at x = x[i + 1] + k dx / 64 */
			mpfr_set_d(c, t->dx[i], MPFR_RNDN);
			mpfr_mul_si(c, c, k, MPFR_RNDN);
			mpfr_div_si(c, c, 64, MPFR_RNDN);
			mpfr_add_d(c, c, t->x[i + 1], MPFR_RNDN);
			mpfr_set(a, c, MPFR_RNDN);
			if (normal) {
				mpfr_sqr(b, c, MPFR_RNDN);
				mpfr_div_2ui(b, b, 1, MPFR_RNDN);
			} else {
				mpfr_set(b, c, MPFR_RNDN);
			}
			mpfr_neg(b, b, MPFR_RNDN);
			mpfr_exp(b, b, MPFR_RNDN);
			mpfr_sub_d(b, b, t->f[i], MPFR_RNDN);
			mpfr_div_d(b, b, t->f[i + 1] - t->f[i], MPFR_RNDN); /* exact: Sterbenz or close */
			mpfr_mul_d(b, b, t->dx[i], MPFR_RNDN);
			mpfr_add(b, b, a, MPFR_RNDN);
			if (mpfr_cmp_d(b, t->accept[i]) < 0 || mpfr_cmp_d(b, t->reject[i]) > 0) {
				FAULT("layer %d's wedge bounds miss h at step %d of 64", i, k);
				break;
			}
		}
	}
	mpfr_clears(a, b, c, (mpfr_ptr)0);
	return faults;
}

Test(ziggurat, tables_satisfy_their_definition)
{
	char why[160];
	int n = table_faults(&bc_zig_normal, true, false, why, sizeof why);
	cr_assert_eq(n, 0, "normal table: %d faults, first: %s", n, why);
	n = table_faults(&bc_zig_exponential, false, false, why, sizeof why);
	cr_assert_eq(n, 0, "exponential table: %d faults, first: %s", n, why);
}

/* The check can fail: copies of the tables, each broken in one place, are caught. */
Test(ziggurat, a_broken_table_is_caught)
{
	static struct bc_zig broken;
	char why[160];
	for (int law = 0; law < 2; law++) {
		const struct bc_zig *t = law == 0 ? &bc_zig_normal : &bc_zig_exponential;
		for (int how = 0; how < 5; how++) {
			broken = *t;
			switch (how) {
			case 0: broken.x[37] *= 1 + 1e-11; break;           /* a layer edge */
			case 1: broken.f[71] *= 1 + 1e-12; break;           /* a height */
			case 2: broken.accept[53] += 0.01 * broken.dx[53]; break;
			case 3: broken.reject[97] -= 0.01 * broken.dx[97]; break;
			default: broken.x[L - 1] = broken.x[L - 2]; break;  /* an off-by-one */
			}
			cr_assert_gt(table_faults(&broken, law == 0, true, why, sizeof why), 0,
			             "law %d, break %d went unseen", law, how);
		}
	}
}

/*
 * bc_draws.h's description restated plainly: one variate from the stream, read one word
 * at a time through GSL's interface, using the table t. It counts what it did, in words.
 */
struct zig_count {
	long variates, words, fast, wedges, tails;
	double words_sq; /* sum over variates of (words taken)^2 */
};

static uint32_t ref_word(gsl_rng *r, struct zig_count *c)
{
	c->words++;
	return (uint32_t)gsl_rng_get(r);
}

/* a 64-bit unit: two words, the first the low half */
static uint64_t ref_unit(gsl_rng *r, struct zig_count *c)
{
	uint64_t lo = ref_word(r, c);
	return lo | (uint64_t)ref_word(r, c) << 32;
}

/* (j + 1/2) 2^-21, j the word's top 21 bits */
static double ref_abscissa_fraction(uint32_t w)
{
	return ((w >> (BC_ZIG_BITS + 1)) + 0.5) / 2097152.0;
}
static double ref_uniform(uint64_t v) { return (double)(v >> 12) * 0x1p-52 + 0x1p-53; }

/* 0: as described; 1, 2: the wedge test accepts, rejects every point (a deliberate bug) */
static int ref_wedge_mode;

static double ref_variate(gsl_rng *r, enum zig_law law, const struct bc_zig *t,
                          struct zig_count *c)
{
	long words0 = c->words;
	bool normal = law == Z_NORMAL, first_negative = false;
	double base = 0, z;
	for (int attempt = 0;; attempt++) {
		uint32_t w = ref_word(r, c);
		unsigned layer = w & (L - 1);
		bool negative = w >> BC_ZIG_BITS & 1;
		if (attempt == 0)
			first_negative = negative;
		double x = ref_abscissa_fraction(w) * t->x[layer];
		if (x < t->x[layer + 1]) { /* inside the box under f */
			c->fast += attempt == 0;
			z = normal ? (negative ? -x : x) : base + x;
			break;
		}
		if (layer == 0 && normal) { /* Marsaglia's tail */
			double a, b;
			do {
				a = -bc_vm_log(ref_uniform(ref_unit(r, c))) / t->r;
				b = -bc_vm_log(ref_uniform(ref_unit(r, c)));
			} while (!(2 * b > a * a));
			c->tails++;
			z = negative ? -(t->r + a) : t->r + a;
			break;
		}
		if (layer == 0) { /* exponential tail: r plus a fresh exponential */
			c->tails++;
			base += t->r;
			continue;
		}
		c->wedges++;
		double y = t->f[layer] + ref_uniform(ref_unit(r, c)) * (t->f[layer + 1] - t->f[layer]);
		bool under = normal ? x * x < -2 * bc_vm_log(y) : x < -bc_vm_log(y);
		if (ref_wedge_mode ? ref_wedge_mode == 1 : under) {
			z = normal ? (negative ? -x : x) : base + x;
			break;
		}
	}
	if (law == Z_LAPLACE && first_negative)
		z = -z;
	c->variates++;
	c->words_sq += (double)(c->words - words0) * (double)(c->words - words0);
	return z;
}

/*
 * Every variate of bc_draw_X, bit for bit, and the stream position after each replicate,
 * against the restatement: calls of 1 to 4099 variates in a varying order, replicates
 * keyed through the engine's group prefetch, every other one after a single word (so the
 * rare cases' two-word units straddle the generator's refills), with the AVX2 or the
 * portable loops and Philox kernels. Returns the restatement's counts.
 */
static struct zig_count expect_description(enum zig_law law, int portable, int replicates)
{
	static const size_t sizes[] = {1, 2, 3, 4, 5, 7, 16, 17, 63, 64, 65, 127, 200, 1000, 4099};
	enum { NS = sizeof sizes / sizeof *sizes };
	static double out[4099];
	struct zig_count c = {0};
	struct bc_stream_id id = {20261127, 0x21660000u + (uint32_t)law, BC_PURPOSE_MAIN, 10};
	gsl_rng *bulk = bc_rng_new(), *ref = bc_rng_new();
	bc_draws_portable_only = bc_philox_portable_only = portable;
	for (int g = 0; g < replicates; g += BC_RNG_GROUP) {
		int n_group = replicates - g < BC_RNG_GROUP ? replicates - g : BC_RNG_GROUP;
		bc_rng_prefetch(bulk, &id, (uint64_t)g, n_group);
		for (int i = 0; i < n_group; i++) {
			uint64_t rep = (uint64_t)(g + i);
			bc_rng_use(bulk, i);
			bc_rng_key(ref, &id, rep);
			if (rep & 1)
				cr_assert_eq(gsl_rng_get(bulk), gsl_rng_get(ref));
			for (int k = 0; k < NS; k++) {
				size_t n = sizes[(k * 7 + rep) % NS];
				fill_of(law)(bulk, n, out);
				for (size_t j = 0; j < n; j++) {
					double want = ref_variate(ref, law, table_of(law), &c);
					if (memcmp(&want, &out[j], sizeof want) != 0)
						cr_assert_fail("law %d portable %d replicate %llu call of %zu: "
						               "variate %zu is %a, the description gives %a",
						               law, portable, (unsigned long long)rep, n, j,
						               out[j], want);
				}
			}
			cr_assert_eq(gsl_rng_get(bulk), gsl_rng_get(ref),
			             "law %d portable %d: stream position after replicate %llu", law,
			             portable, (unsigned long long)rep);
			bc_rng_done(bulk);
		}
	}
	bc_draws_portable_only = bc_philox_portable_only = 0;
	gsl_rng_free(bulk);
	gsl_rng_free(ref);
	return c;
}

/* The restatement's expected words per variate, from the table: per attempt one word,
 * two more for a wedge test and four per try of the normal's tail (accepted with
 * probability c = r tail(r) / f(r)); an attempt ends in a variate with probability A (the
 * normal's tail always does; the exponential's starts a new attempt). */
static double expected_words(enum zig_law law)
{
	const struct bc_zig *t = table_of(law);
	bool normal = law == Z_NORMAL;
	double fast = 0, wedge = 0, wedge_accept = 0;
	for (int i = 0; i < L; i++) {
		double q = t->x[i + 1] / t->x[i];
		fast += q / L;
		if (i == 0)
			continue;
		double w = t->x[i] - t->x[i + 1];
		double under = normal ? sqrt(2 * PI) * (gsl_cdf_ugaussian_Q(t->x[i + 1]) -
		                                          gsl_cdf_ugaussian_Q(t->x[i]))
		                      : exp(-t->x[i + 1]) - exp(-t->x[i]);
		wedge += (1 - q) / L;
		wedge_accept += (1 - q) / L * (under - w * t->f[i]) / (w * (t->f[i + 1] - t->f[i]));
	}
	double tail = (1 - t->x[1] / t->x[0]) / L;
	if (!normal)
		return (1 + 2 * wedge) / (fast + wedge_accept);
	double c = t->r * sqrt(2 * PI) * gsl_cdf_ugaussian_Q(t->r) / t->f[1];
	return (1 + 2 * wedge + 4 * tail / c) / (fast + tail + wedge_accept);
}

/*
 * Every variate and word as described, both loops, every law; and the words a variate
 * takes on average within 5 SE of the tables' expectation (1.011 words per normal, 1.016
 * per exponential, as bc_draws.h says). The draws cover each rare path many times (checked),
 * so a wrong continuation, threshold, sign or unit layout shows as a mismatch.
 */
Test(ziggurat, variates_and_words_are_as_described, .timeout = 120)
{
	enum { REPLICATES = 192 }; /* 5673 variates each: 1.09e6 per law and loop */
	for (int law = 0; law < 3; law++) {
		struct zig_count c = {0};
		for (int portable = 0; portable < 2; portable++) {
			struct zig_count d = expect_description((enum zig_law)law, portable, REPLICATES);
			c.variates += d.variates, c.words += d.words, c.fast += d.fast;
			c.wedges += d.wedges, c.tails += d.tails, c.words_sq += d.words_sq;
		}
		cr_assert_gt(c.tails, 50, "law %d: only %ld tails drawn", law, c.tails);
		cr_assert_gt(c.wedges, 5000, "law %d: only %ld wedge tests", law, c.wedges);
		double mean = (double)c.words / (double)c.variates;
		double var = c.words_sq / (double)c.variates - mean * mean;
		double want = expected_words((enum zig_law)law);
		cr_log_info("law %d: %.5f words per variate (expected %.5f), %ld wedges, %ld tails",
		            law, mean, want, c.wedges, c.tails);
		BC_ASSERT_LE(fabs(mean - want), 5 * sqrt(var / (double)c.variates));
	}
}

/* The AVX2 loops (where the CPU has AVX2) and the portable ones, with either Philox
 * kernel, give the same bits on long runs of every law. */
Test(ziggurat, avx2_and_portable_loops_give_the_same_bits)
{
	enum { M = 1 << 20 };
	double *x = malloc(M * sizeof *x), *y = malloc(M * sizeof *y);
	cr_assert(x && y);
	struct bc_stream_id id = {99, 0xab, BC_PURPOSE_PILOT, 7};
	gsl_rng *r = bc_rng_new();
	for (int law = 0; law < 3; law++) {
		for (int portable = 0; portable < 2; portable++) {
			bc_draws_portable_only = bc_philox_portable_only = portable;
			bc_rng_key(r, &id, (uint64_t)law);
			fill_of((enum zig_law)law)(r, M, portable ? y : x);
		}
		bc_draws_portable_only = bc_philox_portable_only = 0;
		cr_assert(memcmp(x, y, M * sizeof *x) == 0, "law %d differs", law);
	}
	gsl_rng_free(r);
	free(x);
	free(y);
}

/* Two-sided exact binomial p-value of k successes in n trials of probability p. */
static double binomial_p(unsigned k, double p, unsigned n)
{
	double lower = gsl_cdf_binomial_P(k, p, n);
	double upper = k == 0 ? 1 : gsl_cdf_binomial_Q(k - 1, p, n);
	double two = 2 * fmin(lower, upper);
	return two < 1 ? two : 1;
}

#define EXPECT_P(p, what) \
	cr_assert((p) > 1e-4, "%s: p = %.3g (reject at 1e-4)", what, (double)(p))

/* sqrt(n) max |F_n - F| of the sorted x[0..n-1], against the 0.1% point as expect_ks. */
static void expect_ks_n(double *x, size_t n, double (*cdf)(double), const char *what)
{
	gsl_sort(x, 1, n);
	double d = 0;
	for (size_t i = 0; i < n; i++) {
		double f = cdf(x[i]);
		d = fmax(d, fmax((double)(i + 1) / (double)n - f, f - (double)i / (double)n));
	}
	cr_assert(sqrt((double)n) * d <= 1.95, "%s: KS statistic %.3f > 1.95 (n = %zu)", what,
	          sqrt((double)n) * d, n);
}

enum { TAIL_N = 1 << 27, TAIL_CHUNK = 1 << 16 };

static double normal_r;
static double cdf_normal_tail(double x) /* P(|Z| <= x | |Z| > r) */
{
	return 1 - gsl_cdf_ugaussian_Q(x) / gsl_cdf_ugaussian_Q(normal_r);
}

/*
 * The normal's tails, from 2^27 draws: the counts beyond |z| = 3.5 (4.65e-4: the base
 * strip's box, the bottom layers and the tail) and 5 (5.7e-7: the tail algorithm alone,
 * about 77 expected) each an exact binomial test, the signs beyond 3.5 balanced, and the
 * |z| beyond r (about 7200) a KS test against the normal's conditional tail. A tail drawn
 * at a wrong rate (a = -log(U1) / r^2 for -log(U1) / r) fails the KS test by far (its
 * statistic would be about 38, against 1.95), one without its acceptance test fails it
 * too (about 2.6), one cut short fails the count beyond 5; an error of 30% in the mass
 * beyond 5 alone would pass.
 */
Test(ziggurat, normal_tail_mass_and_shape, .timeout = 120)
{
	double *x = malloc(TAIL_CHUNK * sizeof *x), *tail = malloc((1 << 15) * sizeof *tail);
	cr_assert(x && tail);
	struct bc_stream_id id = {20261127, 0x7a11, BC_PURPOSE_CLI, 35};
	gsl_rng *r = bc_rng_new();
	unsigned k35 = 0, pos35 = 0, k5 = 0;
	size_t nt = 0;
	normal_r = bc_zig_normal.r;
	for (uint64_t rep = 0; rep < TAIL_N / TAIL_CHUNK; rep++) {
		bc_rng_key(r, &id, rep);
		bc_draw_normal(r, TAIL_CHUNK, x);
		for (int i = 0; i < TAIL_CHUNK; i++) {
			double a = fabs(x[i]);
			if (a > 3.5) {
				k35++;
				pos35 += x[i] > 0;
				k5 += a > 5;
				if (a > normal_r) {
					cr_assert_lt(nt, (size_t)1 << 15);
					tail[nt++] = a;
				}
			}
		}
	}
	cr_log_info("normal: %u beyond 3.5, %u beyond 5, %zu beyond r", k35, k5, nt);
	EXPECT_P(binomial_p(k35, 2 * gsl_cdf_ugaussian_Q(3.5), TAIL_N), "mass beyond |z| = 3.5");
	EXPECT_P(binomial_p(k5, 2 * gsl_cdf_ugaussian_Q(5), TAIL_N), "mass beyond |z| = 5");
	EXPECT_P(binomial_p(pos35, 0.5, k35), "signs beyond 3.5");
	expect_ks_n(tail, nt, cdf_normal_tail, "normal tail beyond r");
	gsl_rng_free(r);
	free(x);
	free(tail);
}

static double cdf_unit_exponential(double x) { return 1 - exp(-x); }

/*
 * The exponential's tail, from 2^27 draws: the counts beyond r (9.5e-5: every variate
 * that passed through the tail at least once) and beyond 15 (3.1e-7, about 41) exact
 * binomial tests, and the excess over r of those beyond it (about 12800) a KS test against
 * the unit exponential: the tail is r plus a fresh exponential.
 */
Test(ziggurat, exponential_tail_mass_and_shape, .timeout = 120)
{
	double *x = malloc(TAIL_CHUNK * sizeof *x), *tail = malloc((1 << 15) * sizeof *tail);
	cr_assert(x && tail);
	struct bc_stream_id id = {20261127, 0x7a12, BC_PURPOSE_CLI, 36};
	gsl_rng *r = bc_rng_new();
	const double rr = bc_zig_exponential.r;
	unsigned kr = 0, k15 = 0;
	size_t nt = 0;
	for (uint64_t rep = 0; rep < TAIL_N / TAIL_CHUNK; rep++) {
		bc_rng_key(r, &id, rep);
		bc_draw_exponential(r, TAIL_CHUNK, x);
		for (int i = 0; i < TAIL_CHUNK; i++)
			if (x[i] > rr) {
				kr++;
				k15 += x[i] > 15;
				cr_assert_lt(nt, (size_t)1 << 15);
				tail[nt++] = x[i] - rr;
			}
	}
	cr_log_info("exponential: %u beyond r, %u beyond 15", kr, k15);
	EXPECT_P(binomial_p(kr, exp(-rr), TAIL_N), "mass beyond r");
	EXPECT_P(binomial_p(k15, exp(-15.0), TAIL_N), "mass beyond 15");
	expect_ks_n(tail, nt, cdf_unit_exponential, "exponential excess over r");
	gsl_rng_free(r);
	free(x);
	free(tail);
}

/* The layer of x: the i >= 1 with x[i + 1] <= x < x[i], or 0 beyond r. */
static int layer_of(const struct bc_zig *t, double x)
{
	if (x >= t->x[1])
		return 0;
	int lo = 1, hi = L; /* x[hi] <= x < x[lo] */
	while (hi - lo > 1) {
		int mid = (lo + hi) / 2;
		if (x < t->x[mid])
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The counts of x[0..n-1] (|x| for the normal) between consecutive layer edges, and, for
 * those in the bottom layers 1 .. LOW, at their place in it, s = (x[i] - x) / dx[i] in 16
 * bins; against the law's own mass there, each a chi-square p-value. */
enum { LOW = 64 };
struct layer_p {
	double between, within;
};

static double law_above(double x, bool normal) /* P(|X| > x) */
{
	return isinf(x) ? 0 : normal ? 2 * gsl_cdf_ugaussian_Q(x) : exp(-x);
}

static double chisq_p(const unsigned long *count, const double *p, int bins, size_t n)
{
	double chi2 = 0;
	for (int i = 0; i < bins; i++) {
		double e = p[i] * (double)n;
		chi2 += ((double)count[i] - e) * ((double)count[i] - e) / e;
	}
	return gsl_cdf_chisq_Q(chi2, bins - 1);
}

static struct layer_p layer_chisq_p(const double *x, size_t n, const struct bc_zig *t,
                                    bool normal)
{
	enum { S = 16 };
	static unsigned long between[L], within[S];
	static double p_between[L], p_within[S];
	memset(between, 0, sizeof between);
	memset(within, 0, sizeof within);
	size_t n_within = 0;
	for (size_t k = 0; k < n; k++) {
		double a = fabs(x[k]);
		int i = layer_of(t, a);
		between[i]++;
		if (i > 0 && i <= LOW) {
			double s = (t->x[i] - a) / t->dx[i];
			within[s < 1 ? (int)(S * s) : S - 1]++;
			n_within++;
		}
	}
	double total_within = 0;
	memset(p_within, 0, sizeof p_within);
	for (int i = 0; i < L; i++) {
		p_between[i] = law_above(t->x[i + 1], normal) - law_above(i ? t->x[i] : INFINITY, normal);
		for (int j = 0; i > 0 && i <= LOW && j < S; j++) {
			double m = law_above(t->x[i] - (j + 1) * t->dx[i] / S, normal) -
			           law_above(t->x[i] - j * t->dx[i] / S, normal);
			p_within[j] += m;
			total_within += m;
		}
	}
	for (int j = 0; j < S; j++)
		p_within[j] /= total_within;
	return (struct layer_p){chisq_p(between, p_between, L, n), chisq_p(within, p_within, S, n_within)};
}

/*
 * Where a ziggurat's bugs show, 2^24 draws of each law against the law:
 *   between: the mass between consecutive layer edges, 1024 bins of about 16000, so an
 *       error of about 800 in one bin (5 SE), or smaller ones over many bins, fails (a
 *       layer chosen too often or too rarely, a wrong r or tail, a misplaced fast test);
 *   within: the place of each draw inside its layer, pooled over the bottom 64 layers
 *       (about 45000 normals, 110000 exponentials), 16 bins.
 * The wedges hold only 0.2% of the mass, and in the middle layers a wrong wedge test moves
 * under 0.1% of a bin's: no test sees that there. Near the tail, though, f is as small as
 * the layers are tall and the wedge holds a large share of each layer's mass (half of
 * layer 1's): a wrong wedge test shifts those bins, and the mass within them towards one
 * edge, the same way in every layer. So the restatement with a wedge test that accepts,
 * or rejects, every point fails below (by p < 1e-6 between the edges). The bit-for-bit
 * comparison with the restatement is what catches subtler wedge errors in draws.c, and
 * the MPFR check a table entry off by a little (a layer 10% too wide, say, only makes the
 * wedge reject more: the law stays right).
 */
Test(ziggurat, mass_between_and_within_layers_is_the_laws, .timeout = 120)
{
	enum { M = 1 << 24 };
	double *x = malloc(M * sizeof *x);
	cr_assert(x);
	struct bc_stream_id id = {5, 0xc41, BC_PURPOSE_CLI, 2};
	gsl_rng *r = bc_rng_new();
	for (int law = 0; law < 2; law++) {
		for (int rep = 0; rep < 64; rep++) {
			bc_rng_key(r, &id, (uint64_t)(law * 64 + rep));
			fill_of((enum zig_law)law)(r, M / 64, x + rep * (M / 64));
		}
		struct layer_p p = layer_chisq_p(x, M, table_of((enum zig_law)law), law == Z_NORMAL);
		cr_log_info("law %d: chi-square p between layer edges %.3g, within layers %.3g", law,
		            p.between, p.within);
		EXPECT_P(p.between, law == Z_NORMAL ? "normal, between layer edges"
		                                    : "exponential, between layer edges");
		EXPECT_P(p.within, law == Z_NORMAL ? "normal, within layers"
		                                   : "exponential, within layers");
	}

	/* the power shown: the restatement with its wedge test accepting, then rejecting,
	 * every point, 2^24 draws each */
	enum { B = M };
	for (int mode = 1; mode <= 2; mode++) {
		struct zig_count c = {0};
		ref_wedge_mode = mode;
		bc_rng_key(r, &id, (uint64_t)(1000 + mode));
		for (int i = 0; i < B; i++)
			x[i] = ref_variate(r, Z_NORMAL, &bc_zig_normal, &c);
		ref_wedge_mode = 0;
		struct layer_p p = layer_chisq_p(x, B, &bc_zig_normal, true);
		cr_log_info("wedge test broken (%s): p between %.3g, within %.3g",
		            mode == 1 ? "accepts all" : "rejects all", p.between, p.within);
		cr_assert_lt(fmin(p.between, p.within), 1e-4, "a wedge test that %s went unseen",
		             mode == 1 ? "accepts every point" : "rejects every point");
	}
	gsl_rng_free(r);
	free(x);
}
