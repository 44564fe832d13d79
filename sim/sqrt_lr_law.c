/*
 * sqrt_lr_law simulator - SGD on h x^2 / 2, every per-sample gradient of every step drawn.
 *
 * One replicate is one independent chain, x_0 = 0. Step t draws a batch of b samples; sample
 * i has gradient g_i = h_i x_t + xi_i, with xi_i = sigma (sqrt(rho) F + sqrt(1 - rho) e_i)
 * (F shared by the batch; rho = 0 in the regime) and h_i = h (1 + hspread e'_i) (hspread = 0
 * in the regime), e_i, e'_i, F independent draws of `law` (mean 0, variance 1); then
 * x_{t+1} = x_t - eta mean_i g_i, Delta_t = x_{t+1} - x_t. The rate is lr times the seed's
 * formula in double (rate=law) or lr times eta_0 sqrt(b) (rate=sqrtb): the formula under test
 * only sets the step; nothing is drawn from a law derived from it.
 *
 * Stationary (at=0): from x_0 = 0, E x_t^2 = v (1 - c^t) with c = (1 - eta h)^2 +
 * eta^2 h^2 hspread^2 / b < 1 (the chain's second-moment contraction), so after T_burn =
 * ceil(log(1e-6) / log c) steps E x_t^2 and E Delta_t^2 are within 1e-6 relative of their
 * stationary values (below, never above; 1e-4 of the 1% the harness detects). The
 * observation is the mean of Delta_t^2 (upd2) and of x_t^2 (mse) over the next W = 32 steps:
 * an average within one chain, so each replicate stays one independent observation and the
 * harness's SE, taken across chains only, is honest. at = k >= 1 observes only the k-th step
 * from x_0 = 0 (Delta_{k-1}^2 and x_{k-1}^2): not stationary, outside the regime.
 *
 * The noises of many steps are drawn in one bc_law_fill call (at most CHUNK draws), in the
 * order step by step, F then the b noises then the b curvature draws.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bc_claim.h"
#include "bc_law.h"

#define WINDOW 32
#define BURN_BIAS 1e-6
#define CHUNK 65536            /* draws per bc_law_fill call, at most */
#define SIM_STEPS_MAX 1000000  /* burn-in beyond this: eta h too small to simulate */
#define SIM_B_MAX 1000000

struct plan {
	enum bc_law law;
	int b, per_step, steps, observe_from; /* steps run; observations from this step on */
	int steps_per_fill;
	double eta, h, hs, sig_own, sig_shared;
};

static void *plan_new(const struct bc_claim *c, const struct bc_args *in, char *err,
                      size_t errlen)
{
	struct bc_outputs th;
	c->theory(in, &th);
	double lr = bc_arg(c, in, "lr"), b = bc_arg(c, in, "b"), h = bc_arg(c, in, "h");
	double sigma = bc_arg(c, in, "sigma"), hspread = bc_arg(c, in, "hspread");
	double rho = bc_arg(c, in, "rho"), at = bc_arg(c, in, "at");
	bool sqrtb = strcmp(bc_arg_choice(c, in, "rate"), "sqrtb") == 0;
	double eta = lr * th.v[bc_output_index(&th, sqrtb ? "eta_sqrtb" : "eta")];
	if (b > SIM_B_MAX) {
		snprintf(err, errlen, "parameter 'b' = %.0f is invalid for sim: valid range is integer "
		         "in [1, %d] (every sample is drawn)", b, SIM_B_MAX);
		return NULL;
	}
	double contraction = (1 - eta * h) * (1 - eta * h) + eta * eta * h * h * hspread * hspread / b;
	if (!(contraction < 1)) {
		snprintf(err, errlen, "the rate %.17g gives eta*h = %.17g: the chain has no stationary "
		         "state (needs (1 - eta h)^2 + (eta h hspread)^2 / b < 1)", eta, eta * h);
		return NULL;
	}
	double burn = contraction > 0 ? ceil(log(BURN_BIAS) / log(contraction)) : 1;
	if (at == 0 && !(burn <= SIM_STEPS_MAX)) {
		snprintf(err, errlen, "eta*h = %.3g needs %.3g burn-in steps: at most %d are simulated",
		         eta * h, burn, SIM_STEPS_MAX);
		return NULL;
	}
	struct plan *p = malloc(sizeof *p);
	if (!p) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	p->law = bc_law_named(bc_arg_choice(c, in, "law"));
	p->b = (int)b;
	p->per_step = 1 + (int)b + (hspread > 0 ? (int)b : 0);
	if (at == 0) {
		p->observe_from = (int)fmax(burn, 1);
		p->steps = p->observe_from + WINDOW;
	} else {
		p->observe_from = (int)at - 1;
		p->steps = (int)at;
	}
	p->steps_per_fill = CHUNK / p->per_step;
	if (p->steps_per_fill < 1)
		p->steps_per_fill = 1;
	if (p->steps_per_fill > p->steps)
		p->steps_per_fill = p->steps;
	p->eta = eta;
	p->h = h;
	p->hs = hspread;
	p->sig_own = sigma * sqrt(1 - rho);
	p->sig_shared = sigma * sqrt(rho);
	return p;
}

static size_t work_doubles(const void *vp)
{
	const struct plan *p = vp;
	return (size_t)p->steps_per_fill * (size_t)p->per_step;
}

static void replicate(const void *vp, gsl_rng *r, double *work, double *obs)
{
	const struct plan *p = vp;
	double x = 0, sum_d2 = 0, sum_x2 = 0;
	int left = 0;
	const double *z = work;
	for (int t = 0; t < p->steps; t++) {
		if (left == 0) {
			int n = p->steps - t < p->steps_per_fill ? p->steps - t : p->steps_per_fill;
			bc_law_fill(p->law, r, (size_t)n * (size_t)p->per_step, work);
			z = work;
			left = n;
		}
		/* the b per-sample gradients h_i x + xi_i, summed */
		double shared = p->sig_shared * z[0], g = 0;
		const double *e = z + 1, *ec = z + 1 + p->b;
		if (p->hs > 0)
			for (int i = 0; i < p->b; i++)
				g += p->h * (1 + p->hs * ec[i]) * x + (shared + p->sig_own * e[i]);
		else
			for (int i = 0; i < p->b; i++)
				g += p->h * x + (shared + p->sig_own * e[i]);
		double delta = -p->eta * (g / p->b);
		if (t >= p->observe_from) {
			sum_d2 += delta * delta;
			sum_x2 += x * x;
		}
		x += delta;
		z += p->per_step;
		left--;
	}
	int n_obs = p->steps - p->observe_from;
	obs[0] = sum_d2 / n_obs;
	obs[1] = sum_x2 / n_obs;
}

static const char *const obs_names[] = {"upd2", "mse", NULL};

const struct bc_sim bc_sim_sqrt_lr_law = {
	.obs = obs_names,
	.mechanism = "independent SGD chains on h x^2/2 from x0 = 0, each step a batch of b "
	             "per-sample gradients h_i x + xi_i drawn one by one; after a burn-in with "
	             "residual bias below 1e-6, the mean over 32 steps of Delta^2 and of x^2",
	.plan_new = plan_new,
	.plan_free = free,
	.work_doubles = work_doubles,
	.replicate = replicate,
};
