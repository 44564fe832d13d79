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
 *   exponential  how). Each variate starts with one 32-bit word w: layer w & 1023, sign
 *   laplace      bit 10 (normal, Laplace), abscissa (j + 1/2) 2^-21 x[layer] from the
 *                top 21 bits j. Accepted at once (normal 99.57%, exponential and Laplace
 *                99.36%): 1 word. Otherwise the variate takes the words right after it in
 *                the stream: a 64-bit unit (two words, the first the low half; its top 52
 *                bits make a uniform (k + 1/2) 2^-52) for a wedge test, and if that fails
 *                it starts afresh with the next word; the normal's tail beyond r = 4.039
 *                takes 2 units a try (Marsaglia's tail method), the exponential's beyond
 *                r = 9.256 adds r to an exponential drawn afresh from the next word. On
 *                average 1.011 words per normal and 1.016 per exponential
 *                (tests/test_draws.c checks the count against the tables). Laplace is an
 *                exponential given the first word's sign.
 *                Resolution: within a layer the values lie on a grid of x[layer] 2^-21
 *                (midpoints), so any probability the law gives differs from the exact one
 *                by at most about 2^-21 of the layer's mass (5e-7 relative), far below
 *                the smallest error a check detects (1e-3, the thorough battery); the
 *                normal's tail and the wedges use 52-bit uniforms.
 *                The tail cut: |normal| < 12.61 (-log of a 52-bit uniform is at most 36.74,
 *                so the tail's a < sqrt(2 * 36.74)): a mass of 2e-36 is cut. Exponential
 *                and Laplace are not cut.
 *                Until 2026-11-28 each variate started with a 64-bit unit (52-bit
 *                abscissa, 2 words): half the Philox words for the same law, at a
 *                resolution no check can see; every Monte Carlo number changed once then.
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

/* The same variates for each lane of a lane group (bc_rng_lanes): draw i of lane l, from
 * lane l's stream, into out[i * BC_LANES + l]; they leave the last lane selected. */
void bc_draw_uniform_lanes(gsl_rng *r, size_t n, double *out);
void bc_draw_exponential_lanes(gsl_rng *r, size_t n, double *out);
void bc_draw_normal_lanes(gsl_rng *r, size_t n, double *out);
void bc_draw_laplace_lanes(gsl_rng *r, size_t n, double *out);

/* Nonzero: the baseline loop even where the AVX2 one could run (for the tests). */
extern int bc_draws_portable_only;

#endif
