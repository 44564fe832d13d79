/*
 * lanes.c - the lane-wise draws and the scalar fall-back of bc_lanes.h.
 */
#include <assert.h>

#include "bc_claim.h"
#include "bc_lanes.h"

/* The raw variates of each law, drawn lane-wise (bc_law_fill's, bc_law.h). */
static void (*const lane_draws[])(gsl_rng *, size_t, double *) = {
	[BC_LAW_GAUSS] = bc_draw_normal_lanes, [BC_LAW_UNIFORM] = bc_draw_uniform_lanes,
	[BC_LAW_LAPLACE] = bc_draw_laplace_lanes, [BC_LAW_EXP] = bc_draw_exponential_lanes};

BC_CLONES static void lanes_fill(enum bc_law law, gsl_rng *r, size_t n, double *out)
{
	lane_draws[law](r, n, out);
	bc_law_standardise(law, n * BC_LANES, out); /* element for element, as bc_law_fill */
}

/* The clones stay static: clang 14 cannot export a target_clones function. */
void bc_lanes_fill(enum bc_law law, gsl_rng *r, size_t n, double *out)
{
	lanes_fill(law, r, n, out);
}

void bc_lanes_each(void (*replicate)(const void *plan, gsl_rng *r, double *work, double *obs),
                   const void *plan, gsl_rng *r, double *work, int n_obs, double *obs)
{
	double one[BC_MAX_OUT];
	assert(n_obs <= BC_MAX_OUT);
	for (int l = 0; l < BC_LANES; l++) {
		bc_rng_lane(r, l);
		replicate(plan, r, work, one);
		for (int k = 0; k < n_obs; k++)
			obs[k * BC_LANES + l] = one[k];
	}
}
