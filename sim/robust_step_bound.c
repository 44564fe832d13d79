/*
 * robust_step_bound simulator - runs mini-batch SGD on f_i(x) = L_i x^2 / 2 with one outlier.
 *
 * The data set is N samples: sample 0 has curvature L_H, samples 1..N-1 have L_L. One
 * replicate is a stretch of T SGD steps at eta = r * 2b / (L_H + (b-1) L_L) (the rate is
 * given in units of the formula; nothing else uses it). Each step draws its batch afresh:
 *   repl=without  b distinct sample indices, every b-subset equally likely (Floyd's
 *                 algorithm: for j = N-b..N-1 draw t uniform in [0, j], take t, or j if t
 *                 is taken already);
 *   repl=with     b indices, each uniform in [0, N), independently (outside the model);
 * then sums the per-sample gradients L_i x over the batch and steps
 * x <- x - (eta/b) sum L_i x. The map is linear in x, so each step starts from the
 * normalised iterate x = 1 (no underflow over long stretches) and its factor
 * f = x_{t+1}/x_t is the iterate it reaches. Observations, each a per-replicate value whose
 * mean the theory output of the same name predicts:
 *   eta        min over the stretch of 2b / sum_{i in B} L_i: the largest rate at which
 *              every observed step contracts (|1 - eta s/b| < 1 iff eta < 2b/s). It equals
 *              the formula once the worst batch has been drawn (with N/b small and T large,
 *              in every stretch); it can only be above otherwise; below it only if some
 *              batch is worse than the seed's worst;
 *   ms_factor  mean over the stretch of f^2 (each step's batch is independent of x, so its
 *              mean is E f^2);
 *   lyap       mean over the stretch of log |f|.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bc_claim.h"
#include "bc_rng.h"

/* Floyd's algorithm checks each draw against the batch so far: b^2 / 2 comparisons. */
#define SIM_B_MAX 4096
#define SIM_N_MAX 1000000000
/* steps per point: pilot 10^4 replicates times T steps times b samples */
#define SIM_T_MAX 100000

struct plan {
	int b, n, t;
	bool with;
	double lh, ll, eta;
};

static void *plan_new(const struct bc_claim *c, const struct bc_args *in, char *err,
                      size_t errlen)
{
	double b = bc_arg(c, in, "b"), t = bc_arg(c, in, "T");
	if (b > SIM_B_MAX) {
		snprintf(err, errlen, "parameter 'b' = %.0f is invalid for sim: valid range is "
		         "integer in [1, %d] (the simulator draws every sample of every batch)", b,
		         SIM_B_MAX);
		return NULL;
	}
	/* mutate: domain: the refusal of too many steps */
	if (t > SIM_T_MAX) {
		snprintf(err, errlen, "parameter 'T' = %.0f is invalid for sim: valid range is "
		         "integer in [1, %d]", t, SIM_T_MAX);
		return NULL;
	}
	struct plan *p = malloc(sizeof *p);
	if (!p) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	p->b = (int)b;
	p->n = (int)bc_arg(c, in, "N");
	p->t = (int)t;
	p->with = strcmp(bc_arg_choice(c, in, "repl"), "with") == 0;
	p->lh = bc_arg(c, in, "LH");
	p->ll = bc_arg(c, in, "LL");
	p->eta = bc_arg(c, in, "r") * (2 * b / fma(b - 1, p->ll, p->lh));
	return p;
}

static size_t work_doubles(const void *vp)
{
	return (size_t)((const struct plan *)vp)->b; /* the batch's sample indices */
}

/* The batch's indices into idx[0..b-1]. */
static void draw_batch(const struct plan *p, gsl_rng *r, double *idx)
{
	if (p->with) {
		/* mutate: equivalent cmp: one more index, in the spare double mc.c allocates and
		 * never used: later draws shift, their law does not */
		for (int i = 0; i < p->b; i++)
			idx[i] = (double)bc_rng_uniform_int(r, (unsigned long)p->n);
		return;
	}
	int k = 0;
	/* mutate: equivalent cmp: Floyd's algorithm makes every prefix uniform: the first b
	 * picks (the same draws) are a uniform b-subset of [0, N); the extra one goes to the
	 * spare double mc.c allocates and only shifts later draws, not their law */
	for (int j = p->n - p->b; j < p->n; j++) {
		double t = (double)bc_rng_uniform_int(r, (unsigned long)j + 1);
		for (int i = 0; i < k; i++)
			if (idx[i] == t) {
				t = j;
				break;
			}
		idx[k++] = t;
	}
}

static void replicate(const void *vp, gsl_rng *r, double *work, double *obs)
{
	const struct plan *p = vp;
	double eta_min = INFINITY, sq = 0, lg = 0;
	for (int step = 0; step < p->t; step++) {
		draw_batch(p, r, work);
		double x = 1, grad = 0, s = 0; /* s: the batch's curvature sum */
		for (int i = 0; i < p->b; i++) {
			/* mutate: equivalent 0->1: sample 1 as the outlier: every b-subset is as likely */
			double li = work[i] == 0 ? p->lh : p->ll;
			s += li;
			/* mutate: equivalent *->/: x = 1 */
			grad += li * x; /* per-sample gradient of L_i x^2 / 2 */
		}
		double next = x - p->eta * (grad / p->b);
		eta_min = fmin(eta_min, 2 * p->b / s);
		sq += next * next;
		lg += log(fabs(next));
	}
	obs[0] = eta_min;
	obs[1] = sq / p->t;
	obs[2] = lg / p->t;
}

static const char *const obs_names[] = {"eta", "ms_factor", "lyap", NULL};

const struct bc_sim bc_sim_robust_step_bound = {
	.obs = obs_names,
	.mechanism = "T SGD steps on L_i x^2/2 (one sample L_H, N-1 samples L_L), each on a "
	             "fresh batch of b distinct samples (or, repl=with, b draws with "
	             "replacement), every per-sample gradient summed; observes the smallest "
	             "2b/sum L_i of the stretch and the mean of f^2 and log|f|, f = x_{t+1}/x_t",
	.mechanism_tex = "$T$ SGD steps on $L_i x^2/2$ (one sample $L_H$, $N-1$ samples "
	                 "$L_L$), each on a fresh batch of $b$ distinct samples (or, "
	                 "\\texttt{repl=with}, $b$ draws with replacement), every per-sample "
	                 "gradient summed; observes the smallest $2b/\\sum_i L_i$ of the "
	                 "stretch and the mean of $f^2$ and $\\log|f|$, $f = x_{t+1}/x_t$",
	.plan_new = plan_new,
	.plan_free = free,
	.work_doubles = work_doubles,
	.replicate = replicate,
};
