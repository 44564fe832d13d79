/*
 * CLAIM_ID simulator - FILL IN: the mechanism, literally: what one replicate draws (every
 * sample of every batch, every SGD step) and what it observes. Never draw a statistic from
 * a law derived from the formula under test.
 */
#include <stdio.h>
#include <stdlib.h>

#include "bc_claim.h"
#include "bc_law.h"

/* What the simulator can do, narrower than the theory's domain where it must be: it draws
 * every sample (memory, time), and squared observations must stay finite and normal for
 * the SE (a squared mean of sigma-sized samples needs sigma within [1e-70, 1e70]). */
#define SIM_M_MAX 1000000

struct plan {
	double x;
	int m; /* draws per replicate */
	enum bc_law law;
};

/* Reads the parameters once per point and refuses, with a one-line message naming the
 * parameter and the range it can simulate, what it cannot. `batchcheck sim` prints the
 * message; tests/test_CLAIM_ID.c tests it with bc_test_expect_usage_error("sim CLAIM_ID ..."). */
static void *plan_new(const struct bc_claim *c, const struct bc_args *in, char *err,
                      size_t errlen)
{
	double m = bc_arg(c, in, "m");
	if (m > SIM_M_MAX) {
		snprintf(err, errlen, "parameter 'm' = %.0f is invalid for sim: valid range is integer "
		         "in [1, %d] (the simulator draws every sample)", m, SIM_M_MAX);
		return NULL;
	}
	struct plan *p = malloc(sizeof *p);
	if (!p) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	p->x = bc_arg(c, in, "x");
	p->m = (int)m;
	p->law = bc_law_named(bc_arg_choice(c, in, "law")); /* a simulator switch */
	return p;
}

static size_t work_doubles(const void *vp)
{
	return (size_t)((const struct plan *)vp)->m;
}

/* One replicate: `work` is this thread's scratch, uninitialised and not kept from one
 * replicate to the next (bc_claim.h): a population drawn from without replacement is built
 * once in plan_new (bc_law_population) and copied into `work` by each replicate before it
 * shuffles it (partial Fisher-Yates with gsl_rng_uniform_int). */
static void replicate(const void *vp, gsl_rng *r, double *work, double *obs)
{
	const struct plan *p = vp;
	bc_law_fill(p->law, r, (size_t)p->m, work); /* a whole batch in one call */
	double sum = 0;
	for (int i = 0; i < p->m; i++)
		sum += work[i];
	obs[0] = p->x * sum / p->m; /* FILL IN: the observation whose mean is the output */
}

static const char *const obs_names[] = {"value", NULL};

const struct bc_sim bc_sim_CLAIM_ID = {
	.obs = obs_names,
	.mechanism = "FILL IN: one sentence on what is simulated",
	.mechanism_tex = NULL, /* the same as LaTeX text (math in $...$) for the report */
	.plan_new = plan_new,
	.plan_free = free,
	.work_doubles = work_doubles,
	.replicate = replicate,
	/* Optional, for speed once the claim passes: .replicate_lanes, the same mechanism over
	 * BC_LANES replicates at once (include/bc_lanes.h; sim/bn_bias.c is an example). */
};
