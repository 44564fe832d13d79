/*
 * eigen_stationary_error simulator - SGD in d dimensions on a quadratic whose Hessian is
 * not diagonal, the error observed along one eigenvector.
 *
 * One replicate is one independent chain of the SGD-chain engine (bc_chain.h) from x_0 = 0:
 * H = Q diag(lambda, lambda_2, .., lambda_d) Q^T, Q the rot-th fixed random rotation (the
 * identity for rot=0), eta lambda_j spread evenly over [0.5, 1.5] for the other directions;
 * each step draws b per-sample gradients H x + xi_j (times 1 + k e'_j when k > 0), xi_j of
 * covariance C in the eigenbasis with C_11 = s, C_jj = j s and correlation corr between
 * directions (a share rho common to the batch when rho > 0). After the engine's burn-in the
 * observation is the window's mean of (u_1^T x)^2, u_1 the eigenvector of lambda: one
 * number per chain, so the SE is taken across independent chains only.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bc_chain.h"
#include "bc_claim.h"

static void *plan_new(const struct bc_claim *c, const struct bc_args *in, char *err,
                      size_t errlen)
{
	int d = (int)bc_arg(c, in, "d");
	double eta = bc_arg(c, in, "eta"), s = bc_arg(c, in, "s"), b = bc_arg(c, in, "b");
	if (b > BC_CHAIN_B_MAX) {
		snprintf(err, errlen, "parameter 'b' = %.0f is invalid for sim: valid range is integer "
		         "in [1, %d] (every sample is drawn)", b, BC_CHAIN_B_MAX);
		return NULL;
	}
	double lambda[BC_CHAIN_DMAX], sd[BC_CHAIN_DMAX];
	double root[BC_CHAIN_DMAX * BC_CHAIN_DMAX], basis[BC_CHAIN_DMAX * BC_CHAIN_DMAX];
	lambda[0] = bc_arg(c, in, "lambda");
	sd[0] = sqrt(s);
	/* The other directions only keep the dynamics honest: in the eigenbasis direction 0
	 * moves on its own, with noise of variance s whatever the others' (the observation). */
	for (int j = 1; j < d; j++) {
		/* mutate: mc-equivalent -->+#2: another direction's eta lambda_j, still in
		 * [0.5, 1.5): only the burn-in (a bias below 1e-7) changes */
		lambda[j] = (d == 2 ? 1 : 0.5 + (j - 1) / (d - 2.0)) / eta;
		/* mutate: equivalent: another direction's noise scale: the noise along u_0 keeps
		 * variance s, and the burn-in does not depend on it */
		sd[j] = sqrt((j + 1) * s);
	}
	if (bc_chain_equicorrelated_root(d, sd, bc_arg(c, in, "corr"), root)) {
		snprintf(err, errlen, "parameter 'corr' is invalid for sim: valid range is [0, 0.99]");
		return NULL;
	}
	unsigned rot = (unsigned)bc_arg(c, in, "rot");
	if (rot > 0)
		bc_chain_random_basis(d, c->id, rot, basis);
	struct bc_chain_spec spec = {
		.d = d,
		.lambda = lambda,
		/* mutate: equivalent 0->1: rot = 1 then runs on the axes: direction 0's dynamics,
		 * in its eigenbasis, are the same for any rotation */
		.basis = rot > 0 ? basis : NULL,
		.noise_root = root,
		.rho = bc_arg(c, in, "rho"),
		.k = bc_arg(c, in, "k"),
		.law = bc_law_named(bc_arg_choice(c, in, "law")),
		.b = (int)b,
		.eta = eta,
	};
	return bc_chain_new(&spec, err, errlen);
}

static void replicate(const void *p, gsl_rng *r, double *work, double *obs)
{
	struct bc_chain_obs o;
	bc_chain_run(p, r, work, &o);
	obs[0] = o.sq[0];
}

static void replicate_lanes(const void *p, gsl_rng *r, double *work, double *obs)
{
	struct bc_chain_obs o[BC_LANES];
	bc_chain_run_lanes(p, r, work, o);
	for (int l = 0; l < BC_LANES; l++) {
		obs[l] = o[l].sq[0];
	}
}

static const char *const obs_names[] = {"e", NULL};

const struct bc_sim bc_sim_eigen_stationary_error = {
	.obs = obs_names,
	.mechanism = "independent SGD chains (the SGD-chain engine) in d dimensions on a "
	             "quadratic with a rotated, non-diagonal Hessian, each step a batch of b "
	             "per-sample gradients with noise correlated across eigendirections, every "
	             "one drawn; " BC_CHAIN_RULE " of (u^T x)^2 along the eigenvector of lambda",
	.mechanism_tex = "independent SGD chains (the SGD-chain engine) in $d$ dimensions on a "
	                 "quadratic with a rotated, non-diagonal Hessian, each step a batch of "
	                 "$b$ per-sample gradients with noise correlated across "
	                 "eigendirections, every one drawn; a burn-in of $T = \\lceil \\log "
	                 "10^{-7} / \\log\\kappa \\rceil$ steps from $x_0 = 0$, $\\kappa$ the "
	                 "chain's slowest second-moment contraction (residual bias below "
	                 "$10^{-7}$), then the mean over a window of $\\max(64, 2T)$ steps of "
	                 "$(u^{\\top} x)^2$ along the eigenvector of $\\lambda$",
	.plan_new = plan_new,
	.plan_free = bc_chain_plan_free,
	.work_doubles = bc_chain_plan_work,
	.replicate = replicate,
	.replicate_lanes = replicate_lanes,
};
