/*
 * bc_est.h - estimates that travel with their standard errors.
 *
 * Moments of a block of replicate observations are computed two-pass with pairwise sums;
 * blocks are merged with Chan et al.'s update in a fixed order, so the result depends only
 * on the observations and the block size, never on how many threads produced them.
 */
#ifndef BC_EST_H
#define BC_EST_H

#include <stddef.h>

struct bc_moments {
	double n;    /* number of observations */
	double mean;
	double m2;   /* sum of squared deviations from the mean */
};

/* Pairwise (cascade) sum of x[0], x[stride], ..., x[(n-1)*stride]. */
double bc_est_pairwise_sum(const double *x, size_t n, size_t stride);

/* Two-pass moments of a strided array. */
struct bc_moments bc_est_moments(const double *x, size_t n, size_t stride);

/* Moments of the union of two disjoint samples (Chan, Golub & LeVeque). */
struct bc_moments bc_est_merge(struct bc_moments a, struct bc_moments b);

/* Unbiased sample standard deviation; 0 for fewer than two observations. */
double bc_est_sd(struct bc_moments m);

/* Standard error of the mean: sd / sqrt(n). */
double bc_est_se(struct bc_moments m);

#endif
