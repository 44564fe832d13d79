/*
 * bc_law.h - the standardised laws (mean 0, variance 1) the simulators draw from, chosen by
 * the name a claim's `law=` switch carries. One place, so every simulator means the same
 * thing by "uniform" and draws it the same way.
 */
#ifndef BC_LAW_H
#define BC_LAW_H

#include <math.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "bc_draws.h"
#include "bc_simd.h"

enum bc_law {
	BC_LAW_GAUSS,   /* N(0, 1) */
	BC_LAW_UNIFORM, /* uniform on [-sqrt 3, sqrt 3]: light tails, kurtosis 9/5 */
	BC_LAW_LAPLACE, /* Laplace of scale 1/sqrt 2: heavy tails, kurtosis 6 */
	BC_LAW_EXP      /* unit exponential minus 1: skewed, kurtosis 9 */
};

/* The law named "gauss", "uniform", "laplace" or "exp" (a claim's choice list has already
 * refused anything else). */
static inline enum bc_law bc_law_named(const char *name)
{
	return strcmp(name, "uniform") == 0   ? BC_LAW_UNIFORM
	       : strcmp(name, "laplace") == 0 ? BC_LAW_LAPLACE
	       : strcmp(name, "exp") == 0     ? BC_LAW_EXP
	                                      : BC_LAW_GAUSS;
}

/* The affine map from the drawn variates (uniform on (0, 1), Laplace and exponential of
 * scale 1, normal) to the law's, in place over n values. */
static inline void bc_law_standardise(enum bc_law law, size_t n, double *x)
{
	switch (law) {
	case BC_LAW_UNIFORM:
BC_OMP_SIMD /* GCC -O2 leaves a loop of unknown length scalar */
		for (size_t i = 0; i < n; i++)
			x[i] = (2 * x[i] - 1) * 1.7320508075688772; /* sqrt 3 */
		return;
	case BC_LAW_LAPLACE:
BC_OMP_SIMD
		for (size_t i = 0; i < n; i++)
			x[i] *= 0.70710678118654752; /* sqrt 1/2 */
		return;
	case BC_LAW_EXP:
BC_OMP_SIMD
		for (size_t i = 0; i < n; i++)
			x[i] -= 1;
		return;
	case BC_LAW_GAUSS:
	default:
		return;
	}
}

/* n draws of mean 0 and variance 1 (bc_draws.h says how each is made from the stream).
 * Draw a batch's samples in one call: that is the fast path. */
static inline void bc_law_fill(enum bc_law law, gsl_rng *r, size_t n, double *out)
{
	switch (law) {
	case BC_LAW_UNIFORM:
		bc_draw_uniform(r, n, out);
		break;
	case BC_LAW_LAPLACE:
		bc_draw_laplace(r, n, out);
		break;
	case BC_LAW_EXP:
		bc_draw_exponential(r, n, out);
		break;
	case BC_LAW_GAUSS:
	default:
		bc_draw_normal(r, n, out);
	}
	bc_law_standardise(law, n, out);
}

/* One draw, where a mechanism needs them one at a time (slower: a call per draw). */
static inline double bc_law_draw(enum bc_law law, gsl_rng *r)
{
	double x;
	bc_law_fill(law, r, 1, &x);
	return x;
}

/*
 * A finite population of n >= 2 values shaped like the law: its quantiles at (i + 1/2) / n,
 * standardised to mean 0 and population variance 1 (divisor n), into out[0..n-1], in
 * increasing order. For simulating draws without replacement from a data set.
 */
void bc_law_population(enum bc_law law, int n, double *out);

/* E[e^4] of a draw e: the law's fourth standardised moment. */
static inline double bc_law_kurtosis(enum bc_law law)
{
	static const double kurtosis[] = {
		[BC_LAW_GAUSS] = 3.0, [BC_LAW_UNIFORM] = 9.0 / 5.0, [BC_LAW_LAPLACE] = 6.0,
		[BC_LAW_EXP] = 9.0};
	return kurtosis[law];
}

#endif
