/*
 * bc_stats.h - the decision rule's arithmetic, kept apart so it can be tested with known
 * answers.
 *
 * A check compares a Monte Carlo estimate with a value v: it rejects v when
 * |estimate - v| > z * SE, with z the two-sided Bonferroni quantile for a family-wise
 * false-alarm rate alpha over n comparisons. It is powered to detect a relative error
 * `rel` of a scale (normally |theory|) with probability `power` when
 * (z + z_power) * SE <= rel * scale, which sizes the run from a pilot's standard deviation.
 */
#ifndef BC_STATS_H
#define BC_STATS_H

#include <stdint.h>

/* Two-sided z for family-wise rate alpha spread over n comparisons (Bonferroni). */
double bc_stats_z_alarm(double alpha, int n);

/* One-sided normal quantile for the requested power, e.g. 0.9 -> 1.2816. */
double bc_stats_z_power(double power);

/*
 * Replicates needed so that a relative error `rel` of `scale` is detected with the given
 * quantiles, from a per-replicate standard deviation `sd`, inflated by `margin` (>= 1)
 * against the pilot's own sampling error. Returns UINT64_MAX when it cannot be done.
 */
uint64_t bc_stats_replicates_needed(double sd, double scale, double rel, double z,
                                    double z_power, double margin);

/* Smallest relative error of `scale` detectable with the given SE and quantiles. */
double bc_stats_detectable(double se, double scale, double z, double z_power);

#endif
