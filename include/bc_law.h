/*
 * bc_law.h - the standardised laws (mean 0, variance 1) the simulators draw from, chosen by
 * the name a claim's `law=` switch carries. One place, so every simulator means the same
 * thing by "uniform" and draws it the same way.
 */
#ifndef BC_LAW_H
#define BC_LAW_H

#include <math.h>
#include <string.h>

#include <gsl/gsl_randist.h>

enum bc_law {
	BC_LAW_GAUSS,   /* N(0, 1), GSL's ziggurat */
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

/* One draw of mean 0 and variance 1. */
static inline double bc_law_draw(enum bc_law law, gsl_rng *r)
{
	switch (law) {
	case BC_LAW_UNIFORM:
		return gsl_ran_flat(r, -sqrt(3.0), sqrt(3.0));
	case BC_LAW_LAPLACE:
		return gsl_ran_laplace(r, sqrt(0.5));
	case BC_LAW_EXP:
		return gsl_ran_exponential(r, 1.0) - 1.0;
	case BC_LAW_GAUSS:
	default:
		return gsl_ran_gaussian_ziggurat(r, 1.0);
	}
}

/* E[e^4] of a draw e: the law's fourth standardised moment. */
static inline double bc_law_kurtosis(enum bc_law law)
{
	static const double kurtosis[] = {
		[BC_LAW_GAUSS] = 3.0, [BC_LAW_UNIFORM] = 9.0 / 5.0, [BC_LAW_LAPLACE] = 6.0,
		[BC_LAW_EXP] = 9.0};
	return kurtosis[law];
}

#endif
