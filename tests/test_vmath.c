/*
 * bc_vmath.h against MPFR, like a claim: worst error in ulps over a sample of the domain
 * (the dense sweeps are in bench/bench_vmath.c), plus the exact values, monotonicity and
 * symmetries the variate generators rely on. Samples are sized to run in well under a
 * second; the bounds are the dense sweeps' measured worst plus a small margin.
 */
#include <math.h>
#include <stdint.h>

#include <mpfr.h>

#include "bc_test.h"
#include "bc_ulp.h"
#include "bc_vmath.h"

/* The dense sweeps (bench_vmath accuracy) measured 0.83 ulp (log), 0.79 ulp (sincos2pi). */
#define LOG_BOUND 1.0
#define SINCOS_BOUND 1.0

/* splitmix64: reproducible inputs, independent of the project's streams */
static uint64_t mix(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

struct worst {
	double ulps, at;
	int n;
};

static void note(struct worst *w, double u, double at)
{
	w->n++;
	if (!(u <= w->ulps)) { /* NaN counts as worst */
		w->ulps = u;
		w->at = at;
	}
}

static double log_ulps(double x)
{
	mpfr_t ref;
	mpfr_init2(ref, BC_MPFR_PREC);
	mpfr_set_d(ref, x, MPFR_RNDN);
	mpfr_log(ref, ref, MPFR_RNDN);
	double u = bc_ulp_error(bc_vm_log(x), ref);
	mpfr_clear(ref);
	return u;
}

/* Errors of sin and cos of the exact angle 2 pi w / 2^32, in ulps of the true values. */
static void sincos_ulps(uint32_t w, double *us, double *uc)
{
	double s, c;
	bc_vm_sincos2pi(w, &s, &c);
	mpfr_t a, ref;
	mpfr_inits2(BC_MPFR_PREC, a, ref, (mpfr_ptr)0);
	mpfr_const_pi(a, MPFR_RNDN);
	mpfr_mul_ui(a, a, w, MPFR_RNDN);
	mpfr_mul_2si(a, a, -31, MPFR_RNDN);
	/* a rounded pi makes sin(pi) ~ 1e-77 rather than 0: the exact zeros are set */
	if (w % (UINT32_C(1) << 31) == 0)
		mpfr_set_zero(ref, 1);
	else
		mpfr_sin(ref, a, MPFR_RNDN);
	*us = bc_ulp_error(s, ref);
	if ((w - (UINT32_C(1) << 30)) % (UINT32_C(1) << 31) == 0)
		mpfr_set_zero(ref, 1);
	else
		mpfr_cos(ref, a, MPFR_RNDN);
	*uc = bc_ulp_error(c, ref);
	mpfr_clears(a, ref, (mpfr_ptr)0);
}

Test(vmath, log_within_one_ulp_of_mpfr_over_every_binade_near_one_and_random_uniforms)
{
	struct worst w = {0, 0, 0};
	uint64_t st = 1;
	for (int e = -1022; e < 1024; e += 3)
		for (int j = 0; j < 4; j++)
			note(&w, log_ulps(ldexp(1.0 + (j + 0.5 * (double)(mix(&st) >> 11) * 0x1p-53) / 4, e)),
			     0);
	/* log(1 - d) is minus a small exponential variate: its relative error must stay small */
	for (int j = 1; j < 2048; j++) {
		double below = 1.0 - j * 0x1p-53, above = 1.0 + j * 0x1p-52;
		note(&w, log_ulps(below), below);
		note(&w, log_ulps(above), above);
	}
	for (double d = 0x1p-40; d < 0.5; d *= 1.01) {
		note(&w, log_ulps(1.0 - d), 1.0 - d);
		note(&w, log_ulps(1.0 + d), 1.0 + d);
	}
	/* log-uniform on [2^-64, 1], then uniforms (k + 1) 2^-53 as the generators make them */
	for (int i = 0; i < 4000; i++) {
		uint64_t b = mix(&st);
		double x = ldexp(1.0 + (double)(b >> 12) * 0x1p-52, -(int)(b % 64) - 1);
		note(&w, log_ulps(x), x);
		x = (double)((mix(&st) >> 11) + 1) * 0x1p-53;
		note(&w, log_ulps(x), x);
	}
	cr_log_info("bc_vm_log: worst %.4f ulp at %a over %d inputs", w.ulps, w.at, w.n);
	BC_ASSERT_LE(w.ulps, LOG_BOUND);
}

Test(vmath, log_exact_at_one_and_correctly_rounded_at_powers_of_two)
{
	cr_assert(bc_vm_log(1.0) == 0 && !signbit(bc_vm_log(1.0)));
	/* log(2^k) = k ln2_hi + k ln2_lo: no polynomial, one rounding */
	for (int k = -1022; k < 1024; k++)
		BC_ASSERT_LE(log_ulps(ldexp(1.0, k)), 0.5);
	/* the ends of the domain are finite and of the right size */
	BC_ASSERT_REL(bc_vm_log(0x1p-1022), -1022 * 0.6931471805599453, 1e-15);
	BC_ASSERT_REL(bc_vm_log(0x1.fffffffffffffp1023), 709.782712893384, 1e-15);
	BC_ASSERT_REL(bc_vm_log(0x1p-64), -64 * 0.6931471805599453, 1e-15);
}

Test(vmath, log_is_monotone_across_reduction_edges_and_a_sorted_sample)
{
	/* Where 1 + f jumps from sqrt(2) down to sqrt(2)/2 the two sides come from different
	 * ends of the polynomial: a wrong coefficient shows as a step the wrong way. */
	for (int k = -1021; k < 1024; k += 7) {
		for (int step = 0; step < 2; step++) {
			double x = ldexp(0x1.6a09ep-1, k); /* the reduction's threshold, 2^k sqrt(2)/2 */
			double prev = bc_vm_log(x);
			for (int j = 0; j < 64; j++) {
				double nx = step ? nextafter(x, 0) : nextafter(x, INFINITY);
				double ly = bc_vm_log(nx);
				if (step)
					cr_assert(ly <= prev, "log not monotone below %a", x);
				else
					cr_assert(ly >= prev, "log not monotone above %a", x);
				prev = ly;
				x = nx;
			}
		}
	}
	double x = 0x1p-64, prev = bc_vm_log(x);
	while (x < 1.0) { /* ~27000 points, ratio 1.0016, through every threshold in range */
		x = fmin(1.0, x * 1.0016);
		double ly = bc_vm_log(x);
		cr_assert(ly > prev, "log not increasing at %a", x);
		prev = ly;
	}
	cr_assert(prev == 0);
	double below1 = bc_vm_log(nextafter(1.0, 0));
	cr_assert(below1 < 0 && below1 == -0x1p-53); /* log(1 - 2^-53) rounds to -2^-53 */
}

Test(vmath, sincos2pi_within_one_ulp_of_mpfr_over_spread_words_edges_and_small_angles)
{
	struct worst ws = {0, 0, 0}, wc = {0, 0, 0};
	uint64_t st = 2;
	double us, uc;
	/* 2^13 evenly spread words (low bits varied), each edge k 2^29 +- 32, the first 256 */
	for (uint32_t i = 0; i < 8192; i++) {
		uint32_t w = i << 19 | (uint32_t)(mix(&st) >> 45);
		sincos_ulps(w, &us, &uc);
		note(&ws, us, w);
		note(&wc, uc, w);
	}
	for (uint32_t k = 0; k < 8; k++)
		for (int j = -32; j <= 32; j++) {
			uint32_t w = (k << 29) + (uint32_t)j;
			sincos_ulps(w, &us, &uc);
			note(&ws, us, w);
			note(&wc, uc, w);
		}
	for (uint32_t w = 0; w < 256; w++) {
		sincos_ulps(w, &us, &uc);
		note(&ws, us, w);
		note(&wc, uc, w);
	}
	cr_log_info("bc_vm_sincos2pi: worst sin %.4f ulp at w=%.0f, cos %.4f ulp at w=%.0f, %d words",
	            ws.ulps, ws.at, wc.ulps, wc.at, ws.n);
	BC_ASSERT_LE(ws.ulps, SINCOS_BOUND);
	BC_ASSERT_LE(wc.ulps, SINCOS_BOUND);
}

Test(vmath, sincos2pi_exact_at_multiples_of_a_quarter_turn)
{
	static const double want[4][2] = {{0, 1}, {1, 0}, {0, -1}, {-1, 0}};
	for (uint32_t q = 0; q < 4; q++) {
		double s, c;
		bc_vm_sincos2pi(q << 30, &s, &c);
		cr_assert(s == want[q][0] && c == want[q][1], "quadrant %u: %a %a", q, s, c);
		cr_assert(!signbit(s) || s != 0, "quadrant %u: sin is -0", q);
		cr_assert(!signbit(c) || c != 0, "quadrant %u: cos is -0", q);
	}
}

Test(vmath, sin2_plus_cos2_within_two_ulp_of_one)
{
	/* s^2 + c^2 - 1 exactly (256 bits hold both squares), in units of 2^-52 = ulp(1) */
	mpfr_t a, b;
	mpfr_inits2(256, a, b, (mpfr_ptr)0);
	uint64_t st = 3;
	double worst = 0;
	for (int i = 0; i < 100000; i++) {
		double s, c;
		bc_vm_sincos2pi((uint32_t)mix(&st), &s, &c);
		mpfr_set_d(a, s, MPFR_RNDN);
		mpfr_sqr(a, a, MPFR_RNDN);
		mpfr_set_d(b, c, MPFR_RNDN);
		mpfr_sqr(b, b, MPFR_RNDN);
		mpfr_add(a, a, b, MPFR_RNDN);
		mpfr_sub_ui(a, a, 1, MPFR_RNDN);
		mpfr_mul_2si(a, a, 52, MPFR_RNDN);
		worst = fmax(worst, fabs(mpfr_get_d(a, MPFR_RNDN)));
	}
	mpfr_clears(a, b, (mpfr_ptr)0);
	cr_log_info("bc_vm_sincos2pi: worst |s^2 + c^2 - 1| = %.3f ulp(1)", worst);
	BC_ASSERT_LE(worst, 2.0);
}

Test(vmath, sincos2pi_symmetric_across_quadrants_and_octant_edges)
{
	uint64_t st = 4;
	for (int i = 0; i < 100000; i++) {
		uint32_t w = (uint32_t)mix(&st);
		double s, c, s1, c1, sm, cm;
		bc_vm_sincos2pi(w, &s, &c);
		bc_vm_sincos2pi(w + (UINT32_C(1) << 30), &s1, &c1); /* a quarter turn on */
		cr_assert(s1 == c && c1 == -s, "w=%u", w);
		bc_vm_sincos2pi(-w, &sm, &cm); /* the mirror image */
		if (w % (UINT32_C(1) << 30) != UINT32_C(1) << 29) /* w at an octant edge maps to -pi/4 */
			cr_assert(sm == -s && cm == c, "w=%u", w);
	}
	/* At an octant edge sin comes from one kernel and cos from the other: at pi/4 they
	 * must agree, and the step across each edge must match the derivative. */
	double s, c;
	bc_vm_sincos2pi(UINT32_C(1) << 29, &s, &c);
	BC_ASSERT_ULPS(s, c, 1);
	BC_ASSERT_ULPS(s, 0.70710678118654752, 1);
	const double dtheta = 0x1.921fb54442d18p-30; /* 2 pi / 2^32 */
	for (uint32_t k = 1; k < 8; k += 2) {
		uint32_t w = k << 29;
		double sl, cl, sr, cr;
		bc_vm_sincos2pi(w, &s, &c);
		bc_vm_sincos2pi(w - 1, &sl, &cl);
		bc_vm_sincos2pi(w + 1, &sr, &cr);
		/* s(w+1) - s(w-1) = 2 dtheta cos(theta) to ~1e-18; one ulp of 0.7 is 1.1e-16 */
		cr_assert(fabs((sr - sl) - 2 * dtheta * c) <= 0x1p-52, "sin step at edge %u", k);
		cr_assert(fabs((cr - cl) + 2 * dtheta * s) <= 0x1p-52, "cos step at edge %u", k);
	}
}
