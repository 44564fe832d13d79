/*
 * bc_draws.h - variates in bulk, for the simulators' hot loops.
 *
 * Each function draws n variates from the generator's current replicate stream (bc_rng.h),
 * reading its words in order, so a variate's value depends only on where in the stream it
 * starts, not on how the calls are split. Draw what a batch needs in one call (all m
 * samples), not one at a time: that is what lets the arithmetic run in vector registers.
 *
 *   uniform      (k + 1/2) 2^-52 in (0, 1), k the top 52 bits of two words (the first
 *                word high); exactly 2 words each
 *   normal       ziggurat of 1024 layers (Marsaglia and Tsang; src/draws.c says why and
 *   exponential  how). Each variate starts with a 64-bit unit of two words,
 *   laplace      v = w0 + 2^32 w1: layer v & 1023, sign bit 10 (normal, Laplace),
 *                abscissa from bits 12..63. Accepted at once (normal 99.57%, exponential
 *                and Laplace 99.36%): 2 words. Otherwise the variate takes the units right
 *                after it in the stream: 1 for a wedge test, and if that fails it starts
 *                afresh with the next unit; the normal's tail beyond r = 4.039 takes 2
 *                units a try (Marsaglia's tail method), the exponential's beyond r = 9.256
 *                adds r to an exponential drawn afresh from the next unit. On average 2.013
 *                words per normal and 2.019 per exponential (tests/test_draws.c checks the
 *                count against the tables). Laplace is an exponential given the first
 *                unit's sign.
 *                The tail cut: |normal| < 12.61 (-log of a 52-bit uniform is at most 36.74,
 *                so the tail's a < sqrt(2 * 36.74)): a mass of 2e-36 is cut. Exponential
 *                and Laplace are not cut; their values lie on a grid of x[layer] 2^-52.
 *
 * The common case runs in AVX2 where the CPU has it; set bc_draws_portable_only (tests)
 * to run the baseline loop instead: the bits are the same.
 */
#ifndef BC_DRAWS_H
#define BC_DRAWS_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

void bc_draw_uniform(gsl_rng *r, size_t n, double *out);
void bc_draw_exponential(gsl_rng *r, size_t n, double *out);
void bc_draw_normal(gsl_rng *r, size_t n, double *out);
void bc_draw_laplace(gsl_rng *r, size_t n, double *out);

/* Nonzero: the baseline loop even where the AVX2 one could run (for the tests). */
extern int bc_draws_portable_only;

#endif
