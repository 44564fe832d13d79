/*
 * noise_scale_progress simulator - one SGD step on F(u) = u^2/2, taken literally.
 *
 * One replicate draws the b per-sample gradients u + sigma e_i (e_i of mean 0 and variance
 * 1 from `law`, a whole batch in one call), averages them into g, takes the step
 * u' = u - eta g and evaluates the objective before and after. It observes
 *     dF     = F(u) - F(u') = (eta g) (u + u') / 2   (the same number, without cancelling)
 *     F_next = F(u') = u'^2 / 2.
 * The rate is eta = lr * eta*, eta* the claim's own formula (a mechanism input, like a
 * learning-rate schedule; nothing is drawn from a law derived from the formula): lr = 1
 * is the step the formula describes, other lr test that no other rate does better.
 * rho > 0 breaks the model's independence: e_i = sqrt(rho) Z + sqrt(1 - rho) E_i with one
 * factor Z shared by the batch (outside the regime).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bc_claim.h"
#include "bc_lanes.h"
#include "bc_law.h"

/* The simulator draws every sample: beyond this a check point would take hours. */
#define SIM_B_MAX 1000000
/* Observations are squares of numbers of order |u| + sigma, and their variance is of order
 * their square: both must stay finite and normal. */
#define SIM_MAG_MIN 1e-70
#define SIM_MAG_MAX 1e70

struct plan {
	enum bc_law law;
	int b;
	double u, sigma, eta;
	double shared, own; /* sigma sqrt(rho), sigma sqrt(1 - rho) */
};

/* mutate: domain body: decides only a refusal */
static int magnitude_ok(double x)
{
	return x == 0 || (fabs(x) >= SIM_MAG_MIN && fabs(x) <= SIM_MAG_MAX);
}

static void *plan_new(const struct bc_claim *c, const struct bc_args *in, char *err,
                      size_t errlen)
{
	double u = bc_arg(c, in, "u"), sigma = bc_arg(c, in, "sigma"), b = bc_arg(c, in, "b");
	double rho = bc_arg(c, in, "rho");
	if (b > SIM_B_MAX) {
		snprintf(err, errlen, "parameter 'b' = %.0f is invalid for sim: valid range is integer "
		         "in [1, %d] (the simulator draws every sample)", b, SIM_B_MAX);
		return NULL;
	}
	if (!magnitude_ok(u)) {
		snprintf(err, errlen, "parameter 'u' = %.17g is invalid for sim: valid range is 0 or "
		         "|u| in [%g, %g] (the squared iterates must stay normal)", u, SIM_MAG_MIN,
		         SIM_MAG_MAX);
		return NULL;
	}
	if (!magnitude_ok(sigma)) {
		snprintf(err, errlen, "parameter 'sigma' = %.17g is invalid for sim: valid range is 0 "
		         "or [%g, %g] (the squared iterates must stay normal)", sigma, SIM_MAG_MIN,
		         SIM_MAG_MAX);
		return NULL;
	}
	struct plan *p = malloc(sizeof *p);
	if (!p) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	struct bc_outputs th;
	c->theory(in, &th);
	int ei = bc_output_index(&th, "eta");
	p->law = bc_law_named(bc_arg_choice(c, in, "law"));
	p->b = (int)b;
	p->u = u;
	p->sigma = sigma;
	p->eta = bc_arg(c, in, "lr") * th.v[ei];
	p->shared = sigma * sqrt(rho);
	p->own = sigma * sqrt(1 - rho);
	return p;
}

static size_t work_doubles(const void *vp)
{
	/* mutate: equivalent 1->2 1->0 +1->(nothing): the buffer size; b + 1 doubles are still
	 * there (mc.c allocates one more than asked) */
	return (size_t)((const struct plan *)vp)->b + 1;
}

static void replicate(const void *vp, gsl_rng *r, double *work, double *obs)
{
	const struct plan *p = vp;
	/* work[0]: the shared factor (unused when rho = 0); work[1..b]: the own parts */
	/* mutate: equivalent 1->2: one more draw after the b + 1 used, which stay the same (a
	 * stream is filled in order); work has room for it (mc.c adds one) */
	bc_law_fill(p->law, r, (size_t)p->b + 1, work);
	double sum = 0;
	for (int i = 1; i <= p->b; i++)
		sum += work[i];
	/* mean of the b per-sample gradients u + shared Z + own E_i */
	/* mutate: equivalent +->-#1: the shared factor's sign flipped: g keeps its mean and
	 * variance, and both observations are quadratic in g, so their means stay (any law) */
	double g = p->u + p->shared * work[0] + p->own * (sum / p->b);
	double step = p->eta * g, next = p->u - step;
	obs[0] = 0.5 * step * (p->u + next);
	obs[1] = 0.5 * next * next;
}

/* replicate() over BC_LANES replicates (bc_lanes.h): each lane's the same operations. */
BC_LANES_FN static void replicate_lanes(const void *vp, gsl_rng *r, double *work, double *obs)
{
	const struct plan *p = vp;
	enum { L = BC_LANES };
	double sum[L];
	bc_lanes_fill(p->law, r, (size_t)p->b + 1, work);
BC_OMP_SIMD
	for (int l = 0; l < L; l++)
		sum[l] = 0;
	for (int i = 1; i <= p->b; i++)
BC_OMP_SIMD
		for (int l = 0; l < L; l++)
			sum[l] += work[i * L + l];
BC_OMP_SIMD
	for (int l = 0; l < L; l++) {
		double g = p->u + p->shared * work[l] + p->own * (sum[l] / p->b);
		double step = p->eta * g, next = p->u - step;
		obs[l] = 0.5 * step * (p->u + next);
		obs[L + l] = 0.5 * next * next;
	}
}

static const char *const obs_names[] = {"dF", "F_next", NULL};

const struct bc_sim bc_sim_noise_scale_progress = {
	.obs = obs_names,
	.mechanism = "b per-sample gradients u + sigma e_i drawn (independent, or sharing a factor "
	             "for rho > 0), averaged, one SGD step u' = u - lr eta* g; observations "
	             "F(u) - F(u') and F(u')",
	.mechanism_tex = "$b$ per-sample gradients $u + \\sigma e_i$ drawn (independent, or "
	                 "sharing a factor for $\\rho > 0$), averaged, one SGD step $u' = u - "
	                 "\\mathrm{lr}\\,\\eta^\\star g$; observations $F(u) - F(u')$ and "
	                 "$F(u')$",
	.plan_new = plan_new,
	.plan_free = free,
	.work_doubles = work_doubles,
	.replicate = replicate,
	.replicate_lanes = replicate_lanes,
};
