/*
 * The bulk variate generators, tested as GSL tests its own (test/test.c in GSL's randist):
 * moments, a Kolmogorov-Smirnov test against the exact CDF, and tail frequencies, each on a
 * fixed stream, so a failure is reproducible. Tolerances are 5 standard errors (moments,
 * tails) and the KS statistic's 0.1% critical value: a wrong scale, shift, sign or law
 * fails by far.
 */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>

#include "bc_draws.h"
#include "bc_law.h"
#include "bc_rng.h"
#include "bc_test.h"

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

/* A variate's value depends on its place in the stream, not on how calls are split (the
 * normals come in pairs: a split at an even count). */
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
		fills[f](r, 2, parts);
		fills[f](r, 130, parts + 2);
		fills[f](r, 168, parts + 132);
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
