/*
 * CLAIM_ID simulator - FILL IN: the mechanism, literally: what one replicate draws (every
 * sample of every batch, every SGD step) and what it observes. Never draw a statistic from
 * a law derived from the formula under test.
 */
#include <stdlib.h>

#include "bc_claim.h"
#include "bc_law.h"

struct plan {
	double x;
	int m; /* draws per replicate */
};

/* Reads the parameters once per point and refuses, with a one-line message naming the
 * parameter and the range it can simulate, what it cannot. */
static void *plan_new(const struct bc_claim *c, const struct bc_args *in, char *err,
                      size_t errlen)
{
	(void)err, (void)errlen;
	struct plan *p = malloc(sizeof *p);
	if (p) {
		p->x = bc_arg(c, in, "x");
		p->m = 16; /* FILL IN */
	}
	return p;
}

static size_t work_doubles(const void *vp)
{
	return (size_t)((const struct plan *)vp)->m;
}

/* One replicate: `work` is this thread's scratch, uninitialised (bc_claim.h). */
static void replicate(const void *vp, gsl_rng *r, double *work, double *obs)
{
	const struct plan *p = vp;
	bc_law_fill(BC_LAW_GAUSS, r, (size_t)p->m, work); /* a whole batch in one call */
	double sum = 0;
	for (int i = 0; i < p->m; i++)
		sum += work[i];
	obs[0] = p->x * sum / p->m; /* FILL IN: the observation whose mean is the output */
}

static const char *const obs_names[] = {"value", NULL};

const struct bc_sim bc_sim_CLAIM_ID = {
	.obs = obs_names,
	.mechanism = "FILL IN: one sentence on what is simulated",
	.plan_new = plan_new,
	.plan_free = free,
	.work_doubles = work_doubles,
	.replicate = replicate,
};
