/*
 * law.c - what the standardised laws of bc_law.h need beyond drawing: a finite population.
 */
#include <math.h>

#include <gsl/gsl_cdf.h>

#include "bc_law.h"

/* The law's quantile at u in (0, 1), up to an affine map (standardised afterwards). */
static double quantile(enum bc_law law, double u)
{
	switch (law) {
	case BC_LAW_EXP:
		return -log1p(-u);
	case BC_LAW_UNIFORM:
		return u;
	case BC_LAW_LAPLACE:
		return u < 0.5 ? log(2 * u) : -log(2 * (1 - u));
	case BC_LAW_GAUSS:
	default:
		return gsl_cdf_ugaussian_Pinv(u);
	}
}

void bc_law_population(enum bc_law law, int n, double *out)
{
	double mean = 0, ss = 0;
	for (int i = 0; i < n; i++) {
		out[i] = quantile(law, (i + 0.5) / n);
		mean += out[i];
	}
	mean /= n;
	for (int i = 0; i < n; i++)
		ss += (out[i] - mean) * (out[i] - mean);
	double sd = sqrt(ss / n);
	for (int i = 0; i < n; i++)
		out[i] = (out[i] - mean) / sd;
}
