/*
 * sqrt_lr_law simulator - SGD on h x^2 / 2, every per-sample gradient of every step drawn.
 *
 * One replicate is one independent chain of the framework's SGD-chain engine (bc_chain.h)
 * in d = 1, x_0 = 0: step t draws a batch of b samples; sample i has gradient
 * h (1 + hspread e'_i) x + sigma (sqrt(rho) F + sqrt(1 - rho) e_i) (F shared by the batch;
 * rho = 0 and hspread = 0 in the regime), all draws of `law`; x_{t+1} = x_t - eta mean_i g_i,
 * Delta_t = x_{t+1} - x_t. The rate is lr times the seed's formula in double (rate=law) or
 * lr times eta_0 sqrt(b) (rate=sqrtb): the formula under test only sets the step; nothing
 * is drawn from a law derived from it.
 *
 * Stationary (at=0): the engine's burn-in rule (bias below 1e-7 relative, from the
 * contraction (1 - eta h)^2 + eta^2 h^2 hspread^2 / b), then the mean of Delta_t^2 (upd2)
 * and of x_t^2 (mse) over the window: an average within one chain, so each replicate stays
 * one independent observation and the harness's SE, taken across chains only, is honest.
 * at = k >= 1 observes only the k-th step from x_0 = 0 (Delta_{k-1}^2 and x_{k-1}^2): not
 * stationary, outside the regime.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bc_chain.h"
#include "bc_claim.h"

static void *plan_new(const struct bc_claim *c, const struct bc_args *in, char *err,
                      size_t errlen)
{
	struct bc_outputs th;
	c->theory(in, &th);
	double lr = bc_arg(c, in, "lr"), b = bc_arg(c, in, "b"), h = bc_arg(c, in, "h");
	bool sqrtb = strcmp(bc_arg_choice(c, in, "rate"), "sqrtb") == 0;
	/* mutate: domain: the refusal of too large a batch */
	if (b > BC_CHAIN_B_MAX) {
		snprintf(err, errlen, "parameter 'b' = %.0f is invalid for sim: valid range is integer "
		         "in [1, %d] (every sample is drawn)", b, BC_CHAIN_B_MAX);
		return NULL;
	}
	struct bc_chain_spec s = {
		.d = 1,
		.lambda = &h,
		.noise_scale = bc_arg(c, in, "sigma"),
		.rho = bc_arg(c, in, "rho"),
		.k = bc_arg(c, in, "hspread"),
		.law = bc_law_named(bc_arg_choice(c, in, "law")),
		.b = (int)b,
		.eta = lr * th.v[bc_output_index(&th, sqrtb ? "eta_sqrtb" : "eta")],
		.at = (int)bc_arg(c, in, "at"),
	};
	return bc_chain_new(&s, err, errlen);
}

static void replicate(const void *p, gsl_rng *r, double *work, double *obs)
{
	struct bc_chain_obs o;
	bc_chain_run(p, r, work, &o);
	obs[0] = o.sq_step;
	obs[1] = o.sq_norm;
}

static void replicate_lanes(const void *p, gsl_rng *r, double *work, double *obs)
{
	struct bc_chain_obs o[BC_LANES];
	bc_chain_run_lanes(p, r, work, o);
	for (int l = 0; l < BC_LANES; l++) {
		obs[l] = o[l].sq_step;
		obs[BC_LANES + l] = o[l].sq_norm;
	}
}

static const char *const obs_names[] = {"upd2", "mse", NULL};

const struct bc_sim bc_sim_sqrt_lr_law = {
	.obs = obs_names,
	.mechanism = "independent SGD chains on h x^2/2 (the SGD-chain engine), each step a batch "
	             "of b per-sample gradients h_i x + xi_i, every one drawn; " BC_CHAIN_RULE
	             " of Delta^2 and of x^2 (at=k: the k-th step alone)",
	.mechanism_tex = "independent SGD chains on $h x^2/2$ (the SGD-chain engine), each "
	                 "step a batch of $b$ per-sample gradients $h_i x + \\xi_i$, every one "
	                 "drawn; a burn-in of $T = \\lceil \\log 10^{-7} / \\log\\kappa "
	                 "\\rceil$ steps from $x_0 = 0$, $\\kappa$ the chain's slowest "
	                 "second-moment contraction (residual bias below $10^{-7}$), then the "
	                 "mean over a window of $\\max(64, 2T)$ steps of $\\Delta^2$ and of "
	                 "$x^2$ (\\texttt{at=k}: the $k$-th step alone)",
	.plan_new = plan_new,
	.plan_free = bc_chain_plan_free,
	.work_doubles = bc_chain_plan_work,
	.replicate = replicate,
	.replicate_lanes = replicate_lanes,
};
