/*
 * draws.c - uniform, exponential, normal and Laplace variates in bulk (see bc_draws.h).
 *
 * The hot path leaves GSL's distributions here: each of those is a call per variate, with
 * a call per word inside, and a ziggurat whose rejection branches keep it scalar. These
 * transforms take a fixed number of words per variate and have no data-dependent branches,
 * so each chunk is one vectorisable loop; the logarithm, sine and cosine are the
 * vectorisable polynomials of bc_vmath.h, not libm's scalar calls. Inverse transforms
 * rather than rejection also make each variate a pure function of its place in the
 * stream. tests/test_draws.c tests each law as GSL tests its own: moments, a
 * Kolmogorov-Smirnov test, and tails, on fixed seeds.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "bc_draws.h"
#include "bc_rng_state.h"
#include "bc_simd.h"
#include "bc_vmath.h"

#define CHUNK 128 /* variates per vector loop */

/* The uniform (k + 1/2) 2^-52 in (0, 1), k the top 52 bits of a 64-bit word pair: made
 * from the bits of a double in [1, 2), since converting a 64-bit integer to double has no
 * vector instruction before AVX-512. The subtraction is exact. */
static inline double unit(uint32_t hi, uint32_t lo)
{
	uint64_t k = (((uint64_t)hi << 32) | lo) >> 12;
	return bc_vm_double(k | UINT64_C(0x3ff0000000000000)) - (1 - 0x1p-53);
}

/* The variates of a chunk are computed four at a time (an AVX2 vector of doubles), from
 * buffers padded with zero words: no scalar remainder loop, whatever n is. The padding's
 * variates are computed and dropped; the stream advances by the words of n variates only. */
#define PAD(k) (((k) + 3) & ~(size_t)3)

/* The next k variates' words (words_each apiece) into w, zeros up to the padded count. */
static void words_for(struct bc_rng_state *st, uint32_t *w, size_t k, size_t words_each)
{
	bc_rng_words(st, w, (uint32_t)(words_each * k));
	memset(w + words_each * k, 0, words_each * (PAD(k) - k) * sizeof *w);
}

BC_CLONES static void draw_uniform(gsl_rng *r, size_t n, double *out)
{
	struct bc_rng_state *st = bc_rng_state_of(r);
	uint32_t w[2 * CHUNK];
	double u[CHUNK];
	for (size_t done = 0; done < n; done += CHUNK) {
		size_t k = n - done < CHUNK ? n - done : CHUNK;
		words_for(st, w, k, 2);
#pragma omp simd
		for (size_t i = 0; i < PAD(k); i++)
			u[i] = unit(w[2 * i], w[2 * i + 1]);
		memcpy(out + done, u, k * sizeof *u);
	}
}

BC_CLONES static void draw_exponential(gsl_rng *r, size_t n, double *out)
{
	struct bc_rng_state *st = bc_rng_state_of(r);
	uint32_t w[2 * CHUNK];
	double e[CHUNK];
	for (size_t done = 0; done < n; done += CHUNK) {
		size_t k = n - done < CHUNK ? n - done : CHUNK;
		words_for(st, w, k, 2);
#pragma omp simd
		for (size_t i = 0; i < PAD(k); i++)
			e[i] = -bc_vm_log(unit(w[2 * i], w[2 * i + 1]));
		memcpy(out + done, e, k * sizeof *e);
	}
}

BC_CLONES static void draw_laplace(gsl_rng *r, size_t n, double *out)
{
	struct bc_rng_state *st = bc_rng_state_of(r);
	uint32_t w[2 * CHUNK];
	double e[CHUNK];
	for (size_t done = 0; done < n; done += CHUNK) {
		size_t k = n - done < CHUNK ? n - done : CHUNK;
		words_for(st, w, k, 2);
#pragma omp simd
		for (size_t i = 0; i < PAD(k); i++) {
			double x = -bc_vm_log(unit(w[2 * i] << 1 | w[2 * i + 1] >> 31, w[2 * i + 1] << 1));
			e[i] = w[2 * i] >> 31 ? -x : x;
		}
		memcpy(out + done, e, k * sizeof *e);
	}
}

BC_CLONES static void draw_normal(gsl_rng *r, size_t n, double *out)
{
	struct bc_rng_state *st = bc_rng_state_of(r);
	uint32_t w[3 * CHUNK / 2];
	double z[CHUNK];
	for (size_t done = 0; done < n; done += CHUNK) {
		size_t k = n - done < CHUNK ? n - done : CHUNK, pairs = (k + 1) / 2;
		words_for(st, w, pairs, 3);
#pragma omp simd
		for (size_t i = 0; i < PAD(pairs); i++) {
			double radius = sqrt(-2 * bc_vm_log(unit(w[3 * i], w[3 * i + 1])));
			double s, c;
			bc_vm_sincos2pi(w[3 * i + 2], &s, &c);
			z[2 * i] = radius * c;
			z[2 * i + 1] = radius * s;
		}
		memcpy(out + done, z, k * sizeof *z);
	}
}

/* The exported entry points: the clones stay inside this file, where every compiler that
 * supports them dispatches them (clang 14 cannot export a target_clones function). */
void bc_draw_uniform(gsl_rng *r, size_t n, double *out)
{
	draw_uniform(r, n, out);
}

void bc_draw_exponential(gsl_rng *r, size_t n, double *out)
{
	draw_exponential(r, n, out);
}

void bc_draw_laplace(gsl_rng *r, size_t n, double *out)
{
	draw_laplace(r, n, out);
}

void bc_draw_normal(gsl_rng *r, size_t n, double *out)
{
	draw_normal(r, n, out);
}
