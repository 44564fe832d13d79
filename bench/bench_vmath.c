/*
 * bench_vmath.c - bc_vmath.h's accuracy over dense sweeps, and its speed in an omp simd loop.
 *
 *   build/bench_vmath [REPS]     speed: ns per element, best of 5 runs of REPS (default
 *                                2000) passes over 4096 inputs, for bc_vm_log and
 *                                bc_vm_sincos2pi (default ISA and AVX2 clones, whose
 *                                results must be bit-identical) and for libm's log and
 *                                sin + cos in a plain loop; `valgrind --tool=callgrind
 *                                --toggle-collect=vm_log_base build/bench_vmath 1` counts
 *                                instructions where the machine is too busy to time
 *   build/bench_vmath accuracy   worst error in ulps against MPFR: log over a grid of every
 *                                binade, the neighbourhood of 1 and 2e6 random inputs;
 *                                sincos2pi over 2^24 evenly spaced words plus every edge
 *
 * Build and run: make bench-vmath (speed) or build/bench_vmath accuracy (about two minutes).
 * Timings are wall-clock on a shared machine: compare the ratios of one run.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mpfr.h>

#include "bc_ulp.h"
#include "bc_vmath.h"

#define PREC 128 /* 75 bits above double: the reference is exact to ~2^-22 ulp */

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* splitmix64: a reproducible source of test inputs, independent of the project's streams */
static uint64_t mix(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

struct worst {
	double ulps;
	double at;
	long n;
};

static void log_at(double x, mpfr_t ref, struct worst *w)
{
	mpfr_set_d(ref, x, MPFR_RNDN);
	mpfr_log(ref, ref, MPFR_RNDN);
	double u = bc_ulp_error(bc_vm_log(x), ref);
	w->n++;
	if (!(u <= w->ulps)) {
		w->ulps = u;
		w->at = x;
	}
}

static void sincos_at(uint32_t word, mpfr_t a, mpfr_t ref, struct worst *ws, struct worst *wc)
{
	double s, c;
	bc_vm_sincos2pi(word, &s, &c);
	mpfr_const_pi(a, MPFR_RNDN);
	mpfr_mul_ui(a, a, word, MPFR_RNDN);
	mpfr_mul_2si(a, a, -31, MPFR_RNDN);
	/* pi rounded to PREC bits makes sin(pi) ~ 1e-38, not 0: the exact zeros are set */
	if (word % (UINT32_C(1) << 31) == 0)
		mpfr_set_zero(ref, 1);
	else
		mpfr_sin(ref, a, MPFR_RNDN);
	double u = bc_ulp_error(s, ref);
	ws->n++;
	if (!(u <= ws->ulps)) {
		ws->ulps = u;
		ws->at = word;
	}
	if ((word - (UINT32_C(1) << 30)) % (UINT32_C(1) << 31) == 0)
		mpfr_set_zero(ref, 1);
	else
		mpfr_cos(ref, a, MPFR_RNDN);
	u = bc_ulp_error(c, ref);
	wc->n++;
	if (!(u <= wc->ulps)) {
		wc->ulps = u;
		wc->at = word;
	}
}

static int accuracy(void)
{
	mpfr_t ref, a;
	mpfr_init2(ref, PREC);
	mpfr_init2(a, PREC);
	uint64_t st = 42;

	struct worst grid = {0, 0, 0}, near1 = {0, 0, 0}, rnd = {0, 0, 0}, uni = {0, 0, 0};
	/* every binade of the normal range, 512 evenly spaced significands each */
	for (int e = -1022; e < 1024; e++)
		for (int j = 0; j < 512; j++)
			log_at(ldexp(1.0 + j / 512.0 + 0x1p-30, e), ref, &grid);
	/* 1 - j 2^-53 and 1 + j 2^-52, then a log-spaced walk away from 1 on both sides */
	for (int j = 0; j < 65536; j++) {
		log_at(1.0 - j * 0x1p-53, ref, &near1);
		log_at(1.0 + j * 0x1p-52, ref, &near1);
	}
	for (double d = 0x1p-40; d < 0.5; d *= 1.0001) {
		log_at(1.0 - d, ref, &near1);
		log_at(1.0 + d, ref, &near1);
	}
	/* 10^6 log-uniform on [2^-64, 1] (random exponent, random significand), then 10^6
	 * uniforms (k + 1) 2^-53 as the generators make them */
	for (int i = 0; i < 1000000; i++) {
		uint64_t b = mix(&st);
		double x = ldexp(1.0 + (double)(b >> 12) * 0x1p-52, -(int)(b % 64) - 1);
		log_at(x, ref, &rnd);
		log_at((double)((mix(&st) >> 11) + 1) * 0x1p-53, ref, &uni);
	}
	printf("bc_vm_log, worst error in ulps of the true value (MPFR %d bits):\n", PREC);
	printf("  binade grid [2^-1022, 2^1024)  %8ld inputs  %.4f ulp at %a\n", grid.n, grid.ulps, grid.at);
	printf("  near 1 (both sides)            %8ld inputs  %.4f ulp at %a\n", near1.n, near1.ulps, near1.at);
	printf("  log-uniform [2^-64, 1]         %8ld inputs  %.4f ulp at %a\n", rnd.n, rnd.ulps, rnd.at);
	printf("  uniform (k+1) 2^-53            %8ld inputs  %.4f ulp at %a\n", uni.n, uni.ulps, uni.at);

	struct worst sd = {0, 0, 0}, cd = {0, 0, 0}, se = {0, 0, 0}, ce = {0, 0, 0};
	for (uint32_t i = 0; i < (UINT32_C(1) << 24); i++)
		sincos_at(i << 8 | (uint32_t)(i * 37u & 255u), a, ref, &sd, &cd);
	/* each multiple of 2^29 (quadrant and octant edges) +- 4096, and small words */
	for (uint32_t k = 0; k < 8; k++)
		for (int j = -4096; j <= 4096; j++)
			sincos_at((k << 29) + (uint32_t)j, a, ref, &se, &ce);
	printf("bc_vm_sincos2pi, worst error in ulps of the true value:\n");
	printf("  2^24 spread words     %8ld  sin %.4f ulp at w=%.0f  cos %.4f ulp at w=%.0f\n",
	       sd.n, sd.ulps, sd.at, cd.ulps, cd.at);
	printf("  edges k 2^29 +- 4096  %8ld  sin %.4f ulp at w=%.0f  cos %.4f ulp at w=%.0f\n",
	       se.n, se.ulps, se.at, ce.ulps, ce.at);
	mpfr_clear(ref);
	mpfr_clear(a);
	mpfr_free_cache();
	return 0;
}

enum { N = 4096 };
static int reps = 2000;

/* The loops under test, each once for the default ISA and once cloned for AVX2. */
#define LOOPS(SUFFIX, ATTR)                                                                  \
	ATTR static void vm_log_##SUFFIX(const double *x, double *y)                          \
	{                                                                                     \
		_Pragma("omp simd") for (int i = 0; i < N; i++) y[i] = bc_vm_log(x[i]);       \
	}                                                                                     \
	ATTR static void vm_sincos_##SUFFIX(const uint32_t *w, double *s, double *c)          \
	{                                                                                     \
		_Pragma("omp simd") for (int i = 0; i < N; i++) bc_vm_sincos2pi(w[i], &s[i], &c[i]); \
	}                                                                                     \
	ATTR static void libm_log_##SUFFIX(const double *x, double *y)                        \
	{                                                                                     \
		for (int i = 0; i < N; i++)                                                   \
			y[i] = log(x[i]);                                                     \
	}                                                                                     \
	ATTR static void libm_sincos_##SUFFIX(const uint32_t *w, double *s, double *c)        \
	{                                                                                     \
		for (int i = 0; i < N; i++) {                                                 \
			double a = (double)w[i] * 0x1.921fb54442d18p-30;                      \
			s[i] = sin(a);                                                        \
			c[i] = cos(a);                                                        \
		}                                                                             \
	}

LOOPS(base, )
#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_AVX2_CLONE 1
LOOPS(avx2, __attribute__((target("avx2"))))
#endif

static double best_ns_log(void (*f)(const double *, double *), const double *x, double *y)
{
	double best = 1e30;
	for (int trial = 0; trial < 5; trial++) {
		double t0 = now();
		for (int r = 0; r < reps; r++)
			f(x, y);
		double t = (now() - t0) / ((double)N * reps) * 1e9;
		best = t < best ? t : best;
	}
	return best;
}

static double best_ns_sincos(void (*f)(const uint32_t *, double *, double *), const uint32_t *w,
                             double *s, double *c)
{
	double best = 1e30;
	for (int trial = 0; trial < 5; trial++) {
		double t0 = now();
		for (int r = 0; r < reps; r++)
			f(w, s, c);
		double t = (now() - t0) / ((double)N * reps) * 1e9;
		best = t < best ? t : best;
	}
	return best;
}

static int speed(void)
{
	static double x[N], y[N], s[N], c[N], y2[N], s2[N], c2[N];
	static uint32_t w[N];
	uint64_t st = 7;
	for (int i = 0; i < N; i++) {
		x[i] = (double)((mix(&st) >> 11) + 1) * 0x1p-53;
		w[i] = (uint32_t)mix(&st);
	}
	printf("ns per element, best of 5 runs of %d x %d (wall clock, shared machine)\n", reps, N);
	printf("  %-26s %8.3f\n", "bc_vm_log, default ISA", best_ns_log(vm_log_base, x, y));
	printf("  %-26s %8.3f\n", "libm log, default ISA", best_ns_log(libm_log_base, x, y));
	printf("  %-26s %8.3f\n", "bc_vm_sincos2pi, default", best_ns_sincos(vm_sincos_base, w, s, c));
	printf("  %-26s %8.3f\n", "libm sin + cos, default", best_ns_sincos(libm_sincos_base, w, s, c));
#ifdef HAVE_AVX2_CLONE
	if (__builtin_cpu_supports("avx2")) {
		printf("  %-26s %8.3f\n", "bc_vm_log, AVX2", best_ns_log(vm_log_avx2, x, y));
		printf("  %-26s %8.3f\n", "libm log, AVX2", best_ns_log(libm_log_avx2, x, y));
		printf("  %-26s %8.3f\n", "bc_vm_sincos2pi, AVX2", best_ns_sincos(vm_sincos_avx2, w, s, c));
		printf("  %-26s %8.3f\n", "libm sin + cos, AVX2", best_ns_sincos(libm_sincos_avx2, w, s, c));
		/* the point of bc_vmath.h: the vector width does not change a single bit */
		vm_log_base(x, y);
		vm_log_avx2(x, y2);
		vm_sincos_base(w, s, c);
		vm_sincos_avx2(w, s2, c2);
		int same = !memcmp(y, y2, sizeof y) && !memcmp(s, s2, sizeof s) && !memcmp(c, c2, sizeof c);
		printf("default and AVX2 results bit-identical: %s\n", same ? "yes" : "NO");
		if (!same)
			return 1;
	}
#endif
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "accuracy") == 0)
		return accuracy();
	if (argc == 2)
		reps = atoi(argv[1]);
	if (argc > 2 || reps < 1) {
		fprintf(stderr, "usage: bench_vmath [accuracy | REPS]\n");
		return 2;
	}
	return speed();
}
