/*
 * bc_draws.h - variates in bulk, for the simulators' hot loops.
 *
 * Each function draws n variates from the generator's current replicate stream (bc_rng.h),
 * reading its words in order, a fixed number per variate, so a variate's value depends only
 * on where in the stream it is drawn, not on how the calls are split, except for normals:
 * they come in pairs, and a call for an odd number drops the last pair's second variate. Draw what a batch
 * needs in one call (all m samples), not one at a time: that is what lets the arithmetic
 * run in vector registers.
 *
 *   uniform      (k + 1/2) 2^-52 in (0, 1), k the top 52 bits of two words; 2 words each
 *   exponential  -log u, u as above (so at most 52 log 2 + log 2 = 36.7); 2 words each
 *   normal       Box-Muller pairs: radius sqrt(-2 log u) from u as above, angle 2 pi w
 *                2^-32 from a third word; 3 words a pair (n odd: the last pair's second
 *                variate is discarded); |z| is at most 8.57 (a tail of 1e-17 is cut)
 *   laplace      unit-scale Laplace: a sign bit and -log u from the other 63 bits of two
 *                words (u from 52 of them as above)
 */
#ifndef BC_DRAWS_H
#define BC_DRAWS_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

void bc_draw_uniform(gsl_rng *r, size_t n, double *out);
void bc_draw_exponential(gsl_rng *r, size_t n, double *out);
void bc_draw_normal(gsl_rng *r, size_t n, double *out);
void bc_draw_laplace(gsl_rng *r, size_t n, double *out);

#endif
