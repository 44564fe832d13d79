/*
 * flat_minimum_batch simulator - SGD chains in d dimensions at the batch size a relation
 * gives, their stationary tr S measured.
 *
 * One replicate is one independent chain of the SGD-chain engine (bc_chain.h) from x_0 = 0:
 * H diagonal with eigenvalues (tau/d)(1 + hspread x_j), x_j evenly spaced over [-1, 1]
 * (isotropic at hspread = 0; tr H = tau always; tr S does not depend on the basis, so none
 * is rotated), per-sample noise with independent coordinates of variance
 * sigma^2 (1 + nspread x_j), drawn from `law`; each step a batch of B per-sample gradients,
 * B = b_exact or the seed's b (batch=), which must be an integer, or bsim. After the
 * engine's burn-in the observation is the window's mean of |x|^2: one number per chain, an
 * estimate of tr S.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bc_chain.h"
#include "bc_claim.h"

#define INTEGER_TOL 1e-9 /* relative distance of a relation's b from an integer */

static void *plan_new(const struct bc_claim *c, const struct bc_args *in, char *err,
                      size_t errlen)
{
	double dd = bc_arg(c, in, "d");
	if (dd > BC_CHAIN_DMAX) {
		snprintf(err, errlen, "parameter 'd' = %.0f is invalid for sim: valid range is integer "
		         "in [1, %d]", dd, BC_CHAIN_DMAX);
		return NULL;
	}
	struct bc_outputs th;
	c->theory(in, &th);
	const char *which = bc_arg_choice(c, in, "batch");
	double b = th.v[bc_output_index(&th, strcmp(which, "seed") == 0 ? "b" : "b_exact")];
	double bsim = bc_arg(c, in, "bsim");
	if (bsim > 0) {
		b = bsim;
		/* mutate: domain: the refusal of a batch size that is not an integer */
	} else if (!(fabs(b - round(b)) <= INTEGER_TOL * b && round(b) >= 1 &&
	             /* mutate: domain: (the same) */
	             round(b) <= BC_CHAIN_B_MAX)) {
		snprintf(err, errlen, "the %s batch size is %.17g: the simulator runs only where it is "
		         "an integer in [1, %d] (choose r so that it is, or give bsim)",
		         /* mutate: domain: the refusal message */
		         strcmp(which, "seed") == 0 ? "seed's" : "exact", b, BC_CHAIN_B_MAX);
		return NULL;
	}
	int d = (int)dd;
	double eta = bc_arg(c, in, "eta"), tau = bc_arg(c, in, "tau"), sigma = bc_arg(c, in, "sigma");
	double hs = bc_arg(c, in, "hspread"), ns = bc_arg(c, in, "nspread");
	/* mutate: equivalent int: root[0] is always set below, before any use */
	double lambda[BC_CHAIN_DMAX], root[BC_CHAIN_DMAX * BC_CHAIN_DMAX] = {0};
	/* The x_j are symmetric about 0 and, in the model (hspread = 0), H is isotropic, so the
	 * mean of |x|^2 depends on the noise only through tr Sigma: mirroring a spread, or moving
	 * the noise root's entries within it (same sum of squares), leaves it unchanged. Not
	 * marked equivalent for `make mutate`: with hspread > 0 and nspread > 0 together (valid
	 * input, outside the model, at no check point) such a mutant changes the mean of |x|^2,
	 * and no check point can see it; they are gaps. */
	for (int j = 0; j < d; j++) {
		double x = d == 1 ? 0 : 2.0 * j / (d - 1) - 1;
		lambda[j] = tau / d * (1 + hs * x);
		root[j * d + j] = sigma * sqrt(1 + ns * x);
	}
	struct bc_chain_spec spec = {
		.d = d,
		.lambda = lambda,
		.noise_root = ns > 0 ? root : NULL,
		.noise_scale = ns > 0 ? 1 : sigma,
		.law = bc_law_named(bc_arg_choice(c, in, "law")),
		.b = (int)round(b),
		.eta = eta,
	};
	return bc_chain_new(&spec, err, errlen);
}

static void replicate(const void *p, gsl_rng *r, double *work, double *obs)
{
	struct bc_chain_obs o;
	bc_chain_run(p, r, work, &o);
	obs[0] = o.sq_norm;
}

static void replicate_lanes(const void *p, gsl_rng *r, double *work, double *obs)
{
	struct bc_chain_obs o[BC_LANES];
	bc_chain_run_lanes(p, r, work, o);
	for (int l = 0; l < BC_LANES; l++) {
		obs[l] = o[l].sq_norm;
	}
}

static const char *const obs_names[] = {"r2", NULL};

const struct bc_sim bc_sim_flat_minimum_batch = {
	.obs = obs_names,
	.mechanism = "independent SGD chains (the SGD-chain engine) in d dimensions with Hessian "
	             "trace tau, at the batch size the relation gives, each step a batch of "
	             "per-sample gradients with additive noise, every one drawn; " BC_CHAIN_RULE
	             " of |x|^2 (tr S)",
	.mechanism_tex = "independent SGD chains (the SGD-chain engine) in $d$ dimensions with "
	                 "Hessian trace $\\tau$, at the batch size the relation gives, each "
	                 "step a batch of per-sample gradients with additive noise, every one "
	                 "drawn; a burn-in of $T = \\lceil \\log 10^{-7} / \\log\\kappa "
	                 "\\rceil$ steps from $x_0 = 0$, $\\kappa$ the chain's slowest "
	                 "second-moment contraction (residual bias below $10^{-7}$), then the "
	                 "mean over a window of $\\max(64, 2T)$ steps of $|x|^2$ "
	                 "($\\operatorname{tr} S$)",
	.plan_new = plan_new,
	.plan_free = bc_chain_plan_free,
	.work_doubles = bc_chain_plan_work,
	.replicate = replicate,
	.replicate_lanes = replicate_lanes,
};
