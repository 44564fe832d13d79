/*
 * est.c - pairwise sums, two-pass moments and their order-fixed merge.
 */
#include <math.h>

#include "bc_est.h"

double bc_est_pairwise_sum(const double *x, size_t n, size_t stride)
{
	if (n <= 16) {
		double s = 0.0;
		for (size_t i = 0; i < n; i++)
			s += x[i * stride];
		return s;
	}
	size_t half = n / 2;
	return bc_est_pairwise_sum(x, half, stride) +
	       bc_est_pairwise_sum(x + half * stride, n - half, stride);
}

/* Pairwise sum of squared deviations from `mean`. */
static double pairwise_sq_dev(const double *x, size_t n, size_t stride, double mean)
{
	if (n <= 16) {
		double s = 0.0;
		for (size_t i = 0; i < n; i++) {
			double d = x[i * stride] - mean;
			s += d * d;
		}
		return s;
	}
	size_t half = n / 2;
	return pairwise_sq_dev(x, half, stride, mean) +
	       pairwise_sq_dev(x + half * stride, n - half, stride, mean);
}

struct bc_moments bc_est_moments(const double *x, size_t n, size_t stride)
{
	struct bc_moments m = {(double)n, 0.0, 0.0};
	if (n == 0)
		return m;
	m.mean = bc_est_pairwise_sum(x, n, stride) / (double)n;
	m.m2 = pairwise_sq_dev(x, n, stride, m.mean);
	return m;
}

struct bc_moments bc_est_merge(struct bc_moments a, struct bc_moments b)
{
	if (a.n == 0)
		return b;
	if (b.n == 0)
		return a;
	double n = a.n + b.n;
	double delta = b.mean - a.mean;
	struct bc_moments m;
	m.n = n;
	m.mean = a.mean + delta * (b.n / n);
	m.m2 = a.m2 + b.m2 + delta * delta * (a.n * (b.n / n));
	return m;
}

double bc_est_sd(struct bc_moments m)
{
	return m.n < 2 ? 0.0 : sqrt(m.m2 / (m.n - 1.0));
}

double bc_est_se(struct bc_moments m)
{
	return m.n < 2 ? 0.0 : bc_est_sd(m) / sqrt(m.n);
}
