/*
 * bc_lanes.h - simulators that run BC_LANES replicates side by side (bc_sim.replicate_lanes).
 *
 * A replicate's arithmetic is a chain of dependent operations (a batch's sum, its mean,
 * the squares about it), so one replicate at a time leaves most of the CPU idle. Written
 * over lanes, the same operations run for BC_LANES replicates at once, in vector
 * registers, each lane computing exactly what replicate() computes for its own replicate:
 * the same IEEE operations in the same order, so the same bits (the engine checks that
 * on every run, bc_mc.h). Arrays hold lane l of element i at [i * BC_LANES + l]: write
 * the mechanism as the scalar code does, with an inner loop over the lanes, e.g.
 *
 *     bc_lanes_fill(p->law, r, m, x);            x[i * BC_LANES + l]: draw i of lane l
 *     double sum[BC_LANES] = {0};
 *     for (int i = 0; i < m; i++)
 *     BC_OMP_SIMD
 *             for (int l = 0; l < BC_LANES; l++)
 *                     sum[l] += x[i * BC_LANES + l];
 *
 * and obs[k * BC_LANES + l] for observation k of lane l. A rare case one lane takes alone
 * (a redraw) continues that lane's stream after bc_rng_lane(r, l) with the scalar code.
 */
#ifndef BC_LANES_H
#define BC_LANES_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "bc_law.h"
#include "bc_rng.h"
#include "bc_simd.h"

/* Before a replicate_lanes definition: compiled for AVX-512, AVX2 and the baseline, the
 * widest the CPU has chosen at start-up (bc_simd.h); every clone gives the same bits.
 * Not under clang (14 names the resolver of every static clone set alike, so two claims'
 * replicate_lanes collide at link time): there the baseline alone. */
#ifdef __clang__
#define BC_LANES_FN
#else
#define BC_LANES_FN BC_CLONES
#endif

/* n draws of the law for each lane: draw i of lane l into out[i * BC_LANES + l], each
 * lane's from its own stream, as bc_law_fill draws them. Leaves lane BC_LANES - 1
 * selected. */
void bc_lanes_fill(enum bc_law law, gsl_rng *r, size_t n, double *out);

/* Observations of every lane by the scalar replicate(), one lane after the other, for the
 * cases a lanes simulator does not write over lanes: obs[k * BC_LANES + l]. */
void bc_lanes_each(void (*replicate)(const void *plan, gsl_rng *r, double *work, double *obs),
                   const void *plan, gsl_rng *r, double *work, int n_obs, double *obs);

#endif
