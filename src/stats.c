/*
 * stats.c - z from alpha, power, and run sizes; GSL supplies the normal quantiles.
 */
#include <math.h>

#include <gsl/gsl_cdf.h>

#include "bc_stats.h"

double bc_stats_z_alarm(double alpha, int n)
{
	return gsl_cdf_ugaussian_Qinv(alpha / (2.0 * (n > 0 ? n : 1)));
}

double bc_stats_z_power(double power)
{
	return gsl_cdf_ugaussian_Pinv(power);
}

uint64_t bc_stats_replicates_needed(double sd, double scale, double rel, double z,
                                    double z_power, double margin)
{
	if (!(sd >= 0) || !(scale > 0) || !(rel > 0))
		return UINT64_MAX;
	double r = (z + z_power) * sd * margin / (rel * scale);
	r *= r;
	if (!(r < 0x1p62))
		return UINT64_MAX;
	return (uint64_t)ceil(r);
}

double bc_stats_detectable(double se, double scale, double z, double z_power)
{
	return scale > 0 ? (z + z_power) * se / scale : INFINITY;
}
