/*
 * bn_bias simulator - a literal BatchNorm forward pass and its gamma-gradient, per batch.
 *
 * One replicate draws a batch x_1..x_m = mu + sigma e_i (e_i i.i.d. with mean 0, variance 1,
 * from `law`), takes the batch mean and the batch variance (divided by m, or by m-1 with
 * var=unbiased), normalises r_i = (x_i - mean)/sqrt(var + eps), and differentiates the
 * mini-batch loss L_mb = (1/m) sum (lambda/4) (gamma r_i)^4 with respect to gamma:
 * g_mb = (1/m) sum lambda gamma^3 r_i^4 (the batch statistics do not involve gamma).
 * Observations: g_mb - G and c g_mb - G, with c the theory's output c (the seed's factor
 * (m+1)/(m-1)), so a wrong c in the theory shows as a bias of the corrected gradient.
 *
 * With data=N (> 0) the replicate instead draws a training set of N samples, takes the batch
 * as a uniform m-subset of it (partial Fisher-Yates shuffle), and replaces G by that set's own
 * full-batch BN gradient, computed the same way over all N.
 *
 * G is the population gradient, a constant of the model rather than the formula under
 * test: the same loss under BN with the population mean and variance (and the same eps),
 *     G = lambda gamma^3 E[(x - mu)^4] / (sigma^2 + eps)^2 = lambda gamma^3 kappa / (1 + eps/sigma^2)^2,
 * with kappa = E[e^4] the law's own fourth standardised moment: 3 (Gaussian), 9/5
 * (uniform), 6 (Laplace), 9 (exponential). Nothing here uses the law of g_mb.
 *
 * Units. Given the batch, r_i does not involve gamma or lambda (BN's statistics are the
 * x_i's; gamma scales after normalising), so
 *     g_mb - G = lambda gamma^3 (r4 - kappa'),   c g_mb - G = lambda gamma^3 (c r4 - kappa'),
 * r4 = (1/m) sum r_i^4 and kappa' = kappa / (1 + eps/sigma^2)^2 (with data=N, the set's own
 * full-batch r4): each observation is lambda gamma^3 times a bracket that does not depend on
 * it. The loop computes the bracket, of order kappa', and multiplies once at the end. The
 * engine takes its moments of the observations as written, so the squared deviations scale
 * by (lambda gamma^3)^2; there is no hook to scale back after the moments. Over the whole
 * domain the bracket's per-replicate SD is, where not exactly 0, at least ~3e-34 (measured;
 * rounding-level with data = m and eps/sigma^2 = 1e9; a real spread is at least ~3e-21,
 * m = 1e6, uniform law, same eps), so for |lambda gamma^3| >= 1e-100 the squared deviations
 * (block means' included) stay above ~1e-270, in the normal range, and the SE is the one the
 * same draws give at lambda gamma^3 = 1, scaled (tested; bit for bit for powers of 2).
 * Below, the squares lose digits and then vanish (SE 0 from about 1e-162 at m = 4; m2 wrong
 * in the 11th digit at 2^-460 ~ 2.6e-139 with eps/sigma^2 = 1e9), so such inputs are refused;
 * gamma = 0 is kept: every observation is then exactly 0, and so is the SE.
 */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>

#include "bc_claim.h"
#include "bc_lanes.h"
#include "bc_law.h"

/* The simulator draws every sample: beyond this a check point would take hours. */
#define SIM_M_MAX 1000000
/* An observation is lambda gamma^3 times at most (m-1)^2 <= 1e12; its square must be finite.
 * Below SIM_LG3_MIN the squared deviations would leave the normal range (see Units above). */
#define SIM_LG3_MAX 1e130
#define SIM_LG3_MIN 1e-100

struct plan {
	enum bc_law law;
	int m;
	double mu, sigma, eps;
	bool unbiased;      /* batch variance divides by m - 1, not m */
	int n_data;         /* 0: the population; else the training set's size N */
	double lg3;   /* lambda gamma^3 */
	double c;     /* the theory's correction factor */
	double kappa; /* G / lambda gamma^3, G the population gradient */
};

static void *plan_new(const struct bc_claim *cl, const struct bc_args *in, char *err,
                      size_t errlen)
{
	double m = bc_arg(cl, in, "m");
	if (m > SIM_M_MAX) {
		snprintf(err, errlen, "parameter 'm' = %.0f is invalid for sim: valid range is integer "
		         "in [2, %d] (the simulator draws every sample)", m, SIM_M_MAX);
		return NULL;
	}
	double gamma = bc_arg(cl, in, "gamma"), lg3 = bc_arg(cl, in, "lambda") * (gamma * gamma * gamma);
	/* The test is on gamma, not on lg3: a product that underflows to 0 is refused, not
	 * taken for gamma = 0. The relative slack 1e-14 (far inside both bounds' margins)
	 * absorbs the product's and the decimal inputs' rounding, so inputs whose exact product
	 * is a printed bound (lambda=1e-40 gamma=1e-20) are accepted. */
	double a = fabs(lg3);
	/* mutate: domain: the refusal of |lambda gamma^3| out of range */
	if (gamma != 0 && !(a >= SIM_LG3_MIN * (1 - 1e-14) && a <= SIM_LG3_MAX * (1 + 1e-14))) {
		char val[40];
		if (a >= DBL_MIN)
			snprintf(val, sizeof val, "%.15g", a); /* shows any refused value != a bound */
		else /* underflowed: give its decimal exponent instead */
			snprintf(val, sizeof val, "10^%.1f",
			         /* mutate: domain: the refusal message */
			         log10(bc_arg(cl, in, "lambda")) + 3 * log10(fabs(gamma)));
		snprintf(err, errlen, "parameters 'lambda', 'gamma' give |lambda gamma^3| = %s, invalid "
		         "for sim: valid is 0 or in [%g, %g] (the squared gradients must stay finite "
		         "and normal, or the SE is wrong)", val, SIM_LG3_MIN, SIM_LG3_MAX);
		return NULL;
	}
	double n_data = bc_arg(cl, in, "data");
	/* mutate: domain: the refusal of a data set smaller than the batch */
	if (n_data != 0 && n_data < m) {
		snprintf(err, errlen, "parameter 'data' = %.0f is invalid for sim: valid is 0 or an "
		         "integer in [%.0f, %d] (the batch of m is drawn from the data set)", n_data, m,
		         SIM_M_MAX);
		return NULL;
	}
	struct plan *p = calloc(1, sizeof *p);
	if (!p) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	p->law = bc_law_named(bc_arg_choice(cl, in, "law"));
	p->m = (int)m;
	p->mu = bc_arg(cl, in, "mu");
	p->sigma = bc_arg(cl, in, "sigma");
	p->eps = bc_arg(cl, in, "eps");
	p->unbiased = strcmp(bc_arg_choice(cl, in, "var"), "unbiased") == 0;
	p->n_data = (int)n_data;
	p->lg3 = lg3;
	struct bc_outputs th;
	cl->theory(in, &th);
	p->c = th.v[bc_output_index(&th, "c")];
	double shrink = 1 + p->eps / (p->sigma * p->sigma);
	p->kappa = bc_law_kurtosis(p->law) / (shrink * shrink);
	return p;
}

static void plan_free(void *p)
{
	free(p);
}

static size_t work_doubles(const void *vp)
{
	const struct plan *p = vp;
	return (size_t)(p->n_data > p->m ? p->n_data : p->m);
}

/*
 * (1/n) sum r_i^4 of x[0..n-1] normalised by its own mean and variance (ss / (n - unbiased)),
 * two-pass; NAN when all n are equal (BN would divide 0 by 0).
 */
static double mean_r4(const double *x, int n, bool unbiased, double eps)
{
	double sum = 0;
	for (int i = 0; i < n; i++)
		sum += x[i];
	double mean = sum / n, ss = 0;
	for (int i = 0; i < n; i++)
		/* mutate: mc-equivalent -->+ -mean->(nothing): sum (x+mean)(x-mean) and
		 * sum x (x-mean) equal sum (x-mean)^2 in exact arithmetic (sum (x - mean) = 0); only
		 * their rounding differs, which cancellation makes noise of mean about 0 (measured
		 * at m = 3, mu/sigma = 10^6, the domain's worst: r4's mean moves by less than its
		 * SE over 10^4 batches, 2e-4 relative) */
		ss += (x[i] - mean) * (x[i] - mean);
	if (ss == 0)
		return NAN;
	double inv_sd = 1 / sqrt(ss / (unbiased ? n - 1 : n) + eps);
	double r4 = 0;
	for (int i = 0; i < n; i++) {
		double ri = (x[i] - mean) * inv_sd;
		double r2 = ri * ri;
		r4 += r2 * r2;
	}
	return r4 / n;
}

static void replicate(const void *vp, gsl_rng *r, double *x, double *obs)
{
	const struct plan *p = vp;
	int m = p->m, n = p->n_data ? p->n_data : m;
	/* dL_mb/dgamma = lambda gamma^3 r4, L_mb = (1/m) sum (lambda/4) (gamma r_i)^4; the target
	 * is lambda gamma^3 kappa (population) or the data set's own full-batch r4. A batch of m
	 * equal draws has probability 0 under every law here, but draws are made of finitely
	 * many random bits, so it can happen (about 2^-32 per replicate at m = 2 for a law
	 * drawn by the ziggurat, one 32-bit word a variate in its common case); BN would
	 * divide 0 by 0. Such a draw is repeated: conditioning on a null event. */
	double r4, target;
	do {
		bc_law_fill(p->law, r, (size_t)n, x);
		for (int i = 0; i < n; i++)
			/* mutate: equivalent +->-: the mirror image of the batch: every r_i changes
			 * sign, r^4 does not, and the target is the kurtosis or the data's own r4 */
			x[i] = p->mu + p->sigma * x[i];
		target = p->kappa;
		if (p->n_data) {
			target = mean_r4(x, n, p->unbiased, p->eps);
			/* the batch: a uniform m-subset, by a partial Fisher-Yates shuffle */
			/* mutate: equivalent 0->1: x[0] then always joins m - 1 of the others: the
			 * data are i.i.d., so any m of them chosen without looking at their values
			 * have the same joint law with the data set (other draws, same law) */
			for (int i = 0; i < m; i++) {
				int j = i + (int)bc_rng_uniform_int(r, (unsigned long)(n - i));
				double t = x[i];
				x[i] = x[j];
				x[j] = t;
			}
		}
		r4 = mean_r4(x, m, p->unbiased, p->eps);
	} while (isnan(r4) || isnan(target));
	obs[0] = p->lg3 * (r4 - target);
	obs[1] = p->lg3 * (p->c * r4 - target);
}

/* mean_r4 for each lane of x[i * BC_LANES + l], into r4[l]: the same operations. */
static BC_ALWAYS_INLINE void mean_r4_lanes(const double *x, int n, bool unbiased, double eps, double *r4)
{
	enum { L = BC_LANES };
	double sum[L], mean[L], ss[L], inv_sd[L];
BC_OMP_SIMD
	for (int l = 0; l < L; l++)
		sum[l] = ss[l] = r4[l] = 0;
	for (int i = 0; i < n; i++)
BC_OMP_SIMD
		for (int l = 0; l < L; l++)
			sum[l] += x[i * L + l];
BC_OMP_SIMD
	for (int l = 0; l < L; l++)
		mean[l] = sum[l] / n;
	for (int i = 0; i < n; i++)
BC_OMP_SIMD
		for (int l = 0; l < L; l++)
			ss[l] += (x[i * L + l] - mean[l]) * (x[i * L + l] - mean[l]);
	double dof = unbiased ? n - 1 : n;
BC_OMP_SIMD
	for (int l = 0; l < L; l++)
		inv_sd[l] = 1 / sqrt(ss[l] / dof + eps);
	for (int i = 0; i < n; i++)
BC_OMP_SIMD
		for (int l = 0; l < L; l++) {
			double ri = (x[i * L + l] - mean[l]) * inv_sd[l];
			double r2 = ri * ri;
			r4[l] += r2 * r2;
		}
	for (int l = 0; l < L; l++)
		r4[l] = ss[l] == 0 ? NAN : r4[l] / n;
}

/* replicate() over BC_LANES replicates (bc_lanes.h) for batches from the population; a lane
 * whose batch is degenerate is redrawn alone, and data sets are drawn one lane at a time. */
BC_LANES_FN static void replicate_lanes(const void *vp, gsl_rng *r, double *x, double *obs)
{
	const struct plan *p = vp;
	enum { L = BC_LANES };
	if (p->n_data) {
		bc_lanes_each(replicate, p, r, x, 2, obs);
		return;
	}
	int m = p->m;
	double r4[L], mu = p->mu, sigma = p->sigma;
	bc_lanes_fill(p->law, r, (size_t)m, x);
BC_OMP_SIMD
	for (int i = 0; i < m * L; i++)
		x[i] = mu + sigma * x[i];
	mean_r4_lanes(x, m, p->unbiased, p->eps, r4);
	for (int l = 0; l < L; l++)
		while (isnan(r4[l])) { /* as replicate(), on x's first m doubles, now free */
			bc_rng_lane(r, l);
			bc_law_fill(p->law, r, (size_t)m, x);
			for (int i = 0; i < m; i++)
				x[i] = p->mu + p->sigma * x[i];
			r4[l] = mean_r4(x, m, p->unbiased, p->eps);
		}
BC_OMP_SIMD
	for (int l = 0; l < L; l++) {
		obs[l] = p->lg3 * (r4[l] - p->kappa);
		obs[L + l] = p->lg3 * (p->c * r4[l] - p->kappa);
	}
}

static const char *const obs_names[] = {"bias", "bias_corrected", NULL};

const struct bc_sim bc_sim_bn_bias = {
	.obs = obs_names,
	.mechanism = "each batch drawn sample by sample, normalised by its own mean and variance "
	             "(1/m or 1/(m-1), optional epsilon); observation: the gamma-derivative of "
	             "the mean (lambda/4)(gamma r)^4 loss, and c(m) times it, minus the "
	             "population-BN gradient",
	.mechanism_tex = "each batch drawn sample by sample, normalised by its own mean and "
	                 "variance ($1/m$ or $1/(m-1)$, optional $\\epsilon$); observation: "
	                 "the $\\gamma$-derivative of the mean $\\frac{\\lambda}{4}(\\gamma "
	                 "r)^4$ loss, and $c(m)$ times it, minus the population-BN gradient",
	.plan_new = plan_new,
	.plan_free = plan_free,
	.work_doubles = work_doubles,
	.replicate = replicate,
	.replicate_lanes = replicate_lanes,
};
