/*
 * bc_ulp.h - how far a claim's double-precision closed form is from its MPFR reference.
 */
#ifndef BC_ULP_H
#define BC_ULP_H

#include <stdbool.h>

#include <mpfr.h>

#include "bc_claim.h"

#define BC_MPFR_PREC 256

/*
 * |d - ref| in units of the spacing of doubles at ref (2^-1074 in the subnormal range);
 * 0 when both are zero, infinity when d is not finite or ref is zero and d is not.
 */
double bc_ulp_error(double d, const mpfr_t ref);

/* The report's histogram of ulp errors: bin 0 holds exact outputs (0 ulp), bin i > 0 those
 * in (bc_ulp_edge[i-1], bc_ulp_edge[i]], the last bin everything above 32 ulp and every
 * non-finite output. */
#define BC_ULP_BINS 10
extern const double bc_ulp_edge[BC_ULP_BINS - 1]; /* 0, 1/4, 1/2, 1, 2, ..., 32 */

struct bc_ulp_result {
	int inputs;            /* how many inputs the sweep visited */
	long hist[BC_ULP_BINS]; /* every output at every input, binned by its ulp error */
	double worst;          /* worst ulp error over all outputs and inputs */
	char worst_output[BC_NAME_LEN];
	struct bc_args worst_in;
	int nonfinite;         /* outputs that were NaN or infinite: must be 0 */
	bool skipped;          /* not run (check --no-ulp): every other field is 0 */
};

/* Sweeps the claim's whole domain: a grid from the parameter ranges plus its edges, on
 * `threads` threads; the result is the same for any thread count. */
void bc_ulp_sweep(const struct bc_claim *c, struct bc_ulp_result *res, int threads);

#endif
