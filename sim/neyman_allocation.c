/*
 * neyman_allocation simulator - draws a stratified batch example by example.
 *
 * Stratum k has mean mu_k = k S (k = 1..K, S = sum_j W_j sigma_j: distinct, nonzero, on the
 * scale of the noise, so mu = sum_k W_k mu_k != 0) and standard deviation sigma_k; its draws
 * are mu_k + sigma_k E with E of mean 0 and variance 1 following `law`: centred unit
 * exponential (skewed, the default), uniform on [-sqrt 3, sqrt 3], or Gaussian.
 *
 * The batch is integer: alloc=neyman rounds the theory's n_k* = b W_k sigma_k / S,
 * alloc=proportional rounds b W_k, alloc=equal rounds b / K, each by largest remainder
 * (floors, then the leftover draws to the largest fractional parts, ties to the lower
 * index), so the n_k sum to b and equal the real allocation whenever it is integer.
 * A stratum with spread (sigma_k > 0) left with 0 draws then either gets 1, taken from the
 * stratum with the most (round=min1, the default; needs b >= the number of such strata),
 * or its term is left out of mu_hat = sum_k W_k ybar_k (round=drop), or it is left out and
 * the remaining weights are renormalised, mu_hat = sum' W_k ybar_k / sum' W_k (round=
 * reweight). A zero-spread stratum (sigma_k = 0) is constant, so its mean is known
 * exactly without a draw: with n_k = 0 (Neyman gives n_k* = 0) mu_hat uses W_k mu_k, which
 * keeps it unbiased with variance sum_k W_k^2 sigma_k^2 / n_k over the other strata, as in
 * the theory; that is the one term not drawn, and it is exact, not sampled from a law.
 * alloc=given takes the integers in n as they are (0 only where sigma_k = 0). alloc=srs is no stratification at all:
 * the simple random sample the seed compares with, b draws each from a stratum picked with
 * probability W_k, and mu_hat = their plain mean. The pick inverts the cumulative weights
 * with a uniform from one bulk fill per batch rather than calling gsl_ran_discrete, which
 * takes its uniform through gsl_rng_uniform one call at a time: with K <= 16 strata the
 * search is a few compares, and the per-call path made the srs point 61 ns per draw, half
 * the claim's harness time.
 *
 * One replicate draws n_k examples from every stratum, forms ybar_k and
 * mu_hat = sum_k W_k ybar_k (as above where a stratum has no draws), and observes
 * (mu_hat - mu)^2, whose mean is the variance of mu_hat when it is unbiased.
 * With pop = N >= 2 each stratum is instead a fixed population of N values (the law's
 * quantiles at (i + 1/2) / N, standardised to mean mu_k and population SD sigma_k) and the
 * n_k examples are drawn from it without replacement (selection sampling): outside the
 * model, whose draws are independent.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "bc_claim.h"
#include "bc_draws.h"
#include "bc_lanes.h"
#include "bc_law.h"

/* The simulator draws every example: beyond these a check point would take hours. */
#define SIM_B_MAX 1000000
#define SIM_POP_MAX 1000000
/* Observations are squares of numbers of order sigma_k, with variance of order sigma_k^4:
 * both must stay normal doubles. */
#define SIM_SIGMA_MIN 1e-70
#define SIM_SIGMA_MAX 1e70
/* sigma_k = 0 exactly is also accepted: that stratum's observations are all mu_k. */

struct plan {
	int K;
	enum bc_law law;
	int n[BC_VEC_MAX];
	double w[BC_VEC_MAX], sigma[BC_VEC_MAX], mu[BC_VEC_MAX];
	double mu_total; /* sum_k W_k mu_k over every stratum, drawn or not */
	bool reweight;   /* round=reweight: divide by the weight of the strata in mu_hat */
	double w_in;     /* that weight: strata with draws, or with sigma_k = 0 (known mean) */
	int pop;
	double *values; /* pop > 0: stratum k's population at values[k * pop] */
	size_t batch;             /* sum of n_k: the draws of a stratified batch */
	int srs_b;                /* alloc=srs: b draws from the mixture, else 0 */
	double cum[BC_VEC_MAX];   /* alloc=srs: W_1 + ... + W_k, over their sum */
};

/* Largest-remainder rounding of x[0..K-1] (summing to b up to rounding) to integers. */
static void largest_remainder(const double *x, int K, long b, int *n)
{
	double frac[BC_VEC_MAX];
	long total = 0;
	for (int k = 0; k < K; k++) {
		double f = floor(x[k]);
		n[k] = (int)f;
		frac[k] = x[k] - f;
		total += n[k];
	}
	for (long left = b - total; left > 0; left--) {
		int best = 0;
		for (int k = 1; k < K; k++)
			if (frac[k] > frac[best])
				best = k;
		n[best]++;
		frac[best] = -1;
	}
}

static void *fail(struct plan *p, char *err, size_t errlen, const char *msg)
{
	snprintf(err, errlen, "%s", msg);
	if (p)
		free(p->values);
	free(p);
	return NULL;
}

static void *plan_new(const struct bc_claim *c, const struct bc_args *in, char *err,
                      size_t errlen)
{
	char msg[BC_ERR_LEN];
	int K, ks, kn;
	const double *w = bc_arg_vec(c, in, "W", &K), *sigma = bc_arg_vec(c, in, "sigma", &ks);
	const double *given = bc_arg_vec(c, in, "n", &kn);
	double b = bc_arg(c, in, "b"), pop = bc_arg(c, in, "pop");
	const char *alloc = bc_arg_choice(c, in, "alloc"), *law = bc_arg_choice(c, in, "law");
	const char *round = bc_arg_choice(c, in, "round");
	bool drop = strcmp(round, "min1") != 0;
	if (b > SIM_B_MAX) {
		snprintf(msg, sizeof msg, "parameter 'b' = %.0f is invalid for sim: valid range is "
		         "integer in [1, %d] (the simulator draws every example)", b, SIM_B_MAX);
		return fail(NULL, err, errlen, msg);
	}
	for (int k = 0; k < K; k++)
		if (!(sigma[k] == 0 || (sigma[k] >= SIM_SIGMA_MIN && sigma[k] <= SIM_SIGMA_MAX))) {
			snprintf(msg, sizeof msg, "parameter 'sigma' = %.17g at entry %d is invalid for "
			         "sim: valid is 0 or in [%g, %g] (the squared errors must not underflow "
			         "or overflow)", sigma[k], k + 1, SIM_SIGMA_MIN, SIM_SIGMA_MAX);
			return fail(NULL, err, errlen, msg);
		}
	if (pop == 1 || pop > SIM_POP_MAX) {
		snprintf(msg, sizeof msg, "parameter 'pop' = %.0f is invalid: valid is 0 (independent "
		         "draws) or integer in [2, %d]", pop, SIM_POP_MAX);
		return fail(NULL, err, errlen, msg);
	}
	bool is_given = strcmp(alloc, "given") == 0;
	if (is_given != bc_arg_given(c, in, "n"))
		return fail(NULL, err, errlen, is_given
		            ? "parameter 'n' is missing: alloc=given needs n=n_1,...,n_K"
		            : "parameter 'n' is valid only with alloc=given");
	/* mutate: equivalent 1->2: room for two plans, zeroed, one used */
	struct plan *p = calloc(1, sizeof *p);
	if (!p)
		return fail(NULL, err, errlen, "out of memory");
	p->K = K;
	p->law = bc_law_named(law);
	p->pop = (int)pop;
	p->reweight = strcmp(round, "reweight") == 0;
	int spread = 0; /* strata with sigma_k > 0: those that need draws */
	/* mutate: domain: spread only decides the refusal of b < spread (round=min1) */
	for (int k = 0; k < K; k++)
		spread += sigma[k] > 0;

	if (is_given) {
		long sum = 0;
		for (int k = 0; k < kn; k++) {
			if (given[k] != floor(given[k]) || (given[k] == 0 && k < K && sigma[k] > 0)) {
				snprintf(msg, sizeof msg, "parameter 'n' = %.17g at entry %d is invalid: "
				         "valid are integers in [1, 1000000], or 0 where sigma_k = 0",
				         /* mutate: domain: the refusal message */
				         given[k], k + 1);
				return fail(p, err, errlen, msg);
			}
			p->n[k] = (int)given[k];
			sum += p->n[k];
		}
		if (kn != K || sum != (long)b) {
			snprintf(msg, sizeof msg, "parameter 'n' has %d entries summing to %ld: valid "
			         "are %d integers (one per stratum) summing to b = %.0f", kn, sum, K, b);
			return fail(p, err, errlen, msg);
		}
	} else if (strcmp(alloc, "srs") == 0) {
		if (pop != 0)
			return fail(p, err, errlen, "parameter 'pop' is invalid with alloc=srs: valid "
			            "is 0 (the simple random sample draws independently)");
		p->srs_b = (int)b;
		double total = 0, run = 0;
		for (int k = 0; k < K; k++)
			total += w[k];
		for (int k = 0; k < K; k++)
			p->cum[k] = (run += w[k]) / total;
	} else {
		double x[BC_VEC_MAX];
		if (strcmp(alloc, "neyman") == 0) {
			struct bc_outputs th;
			c->theory(in, &th);
			for (int k = 0; k < K; k++)
				x[k] = th.v[k];
		} else {
			for (int k = 0; k < K; k++)
				x[k] = strcmp(alloc, "equal") == 0 ? b / K : b * w[k];
		}
		largest_remainder(x, K, (long)b, p->n);
		if (!drop) {
			if (b < spread) {
				snprintf(msg, sizeof msg, "parameter 'b' = %.0f is invalid with round=min1: "
				         "valid is b >= %d, the number of strata with sigma_k > 0 (each needs "
				         "a draw)", b, spread);
				return fail(p, err, errlen, msg);
			}
			for (int k = 0; k < K; k++)
				if (p->n[k] == 0 && sigma[k] > 0) {
					int big = 0;
					for (int j = 1; j < K; j++)
						if (p->n[j] > p->n[big])
							big = j;
					p->n[big]--;
					p->n[k] = 1;
				}
		}
	}
	(void)ks; /* validate() made it equal to K */

	double s = 0;
	for (int k = 0; k < K; k++)
		s += w[k] * sigma[k];
	for (int k = 0; k < K; k++) {
		p->w[k] = w[k];
		p->sigma[k] = sigma[k];
		p->mu[k] = (k + 1) * s;
		p->mu_total += w[k] * p->mu[k];
		if (p->n[k] > 0 || sigma[k] == 0)
			p->w_in += w[k];
		p->batch += (size_t)p->n[k];
	}

	if (p->pop) {
		for (int k = 0; k < K; k++)
			if (p->n[k] > p->pop) {
				snprintf(msg, sizeof msg, "parameter 'pop' = %d is invalid: stratum %d gets "
				         /* mutate: domain: the refusal message */
				         "%d draws, and without replacement pop >= n_k", p->pop, k + 1, p->n[k]);
				return fail(p, err, errlen, msg);
			}
		p->values = malloc((size_t)K * (size_t)p->pop * sizeof *p->values);
		if (!p->values)
			return fail(p, err, errlen, "out of memory");
		double *z = p->values; /* the standardised population, then stratum by stratum */
		bc_law_population(p->law, p->pop, z);
		for (int k = K - 1; k >= 0; k--)
			for (int i = 0; i < p->pop; i++)
				p->values[(size_t)k * (size_t)p->pop + (size_t)i] =
				        p->mu[k] + p->sigma[k] * z[i];
	}
	return p;
}

static void plan_free(void *vp)
{
	struct plan *p = vp;
	free(p->values);
	free(p);
}

static size_t work_doubles(const void *vp)
{
	const struct plan *p = vp;
	return p->srs_b ? 2 * (size_t)p->srs_b : p->batch; /* srs: b picks, then b draws */
}

static void replicate(const void *vp, gsl_rng *r, double *work, double *obs)
{
	const struct plan *p = vp;
	double mu_hat = 0;
	size_t drawn = 0; /* the batch's draws, stratum after stratum, made in one call */
	if (!p->srs_b && !p->pop)
		bc_law_fill(p->law, r, p->batch, work);
	if (p->srs_b) {
		const double *u = work, *e = work + p->srs_b;
		bc_draw_uniform(r, (size_t)p->srs_b, work);
		bc_law_fill(p->law, r, (size_t)p->srs_b, work + p->srs_b);
		for (int i = 0; i < p->srs_b; i++) {
			/* the first k with u < cum[k], the last if rounding left a gap: cum is
			 * nondecreasing, so that k counts the cum[j] <= u below K - 1 (counted
			 * without a branch: the stratum is random, a loop mispredicts its exit) */
			int k = 0;
			/* mutate: equivalent drop: cum[K - 1] is exactly 1 (run ends equal to total:
			 * the same additions in the same order) and u < 1, so without the - 1 the count
			 * adds u >= cum[K - 1], which is 0 */
			for (int j = 0; j < p->K - 1; j++)
				k += u[i] >= p->cum[j];
			mu_hat += p->mu[k] + p->sigma[k] * e[i];
		}
		mu_hat /= p->srs_b;
	}
	for (int k = 0; k < p->K && !p->srs_b; k++) {
		int n = p->n[k];
		if (n == 0) {
			/* constant stratum: its mean is known; otherwise round=drop or reweight */
			if (p->sigma[k] == 0)
				mu_hat += p->w[k] * p->mu[k];
			continue;
		}
		double sum = 0;
		if (p->pop) {
			const double *v = p->values + (size_t)k * (size_t)p->pop;
			for (int i = 0, need = n; need > 0; i++)
				if (bc_rng_uniform(r) * (p->pop - i) < need) {
					sum += v[i];
					need--;
				}
			sum /= n;
		} else { /* mu_k + sigma_k E_i, summed: mu_k + sigma_k mean(E) */
			const double *e = work + drawn;
			for (int i = 0; i < n; i++)
				sum += e[i];
			sum = p->mu[k] + p->sigma[k] * (sum / n);
			drawn += n;
		}
		mu_hat += p->w[k] * sum;
	}
	if (p->reweight)
		mu_hat /= p->w_in;
	double d = mu_hat - p->mu_total;
	obs[0] = d * d;
}

/* replicate() over BC_LANES replicates (bc_lanes.h), each lane's the same operations in
 * the same order; finite populations one lane at a time. */
BC_LANES_FN static void replicate_lanes(const void *vp, gsl_rng *r, double *work, double *obs)
{
	const struct plan *p = vp;
	enum { L = BC_LANES };
	if (p->pop) {
		bc_lanes_each(replicate, p, r, work, 1, obs);
		return;
	}
	double mu_hat[L];
BC_OMP_SIMD
	for (int l = 0; l < L; l++)
		mu_hat[l] = 0;
	if (p->srs_b) {
		const double *u = work, *e = work + (size_t)p->srs_b * L;
		bc_draw_uniform_lanes(r, (size_t)p->srs_b, work);
		bc_lanes_fill(p->law, r, (size_t)p->srs_b, work + (size_t)p->srs_b * L);
		for (int i = 0; i < p->srs_b; i++)
			for (int l = 0; l < L; l++) { /* no simd hint: clang cannot vectorise the pick */
				int k = 0;
				for (int j = 0; j < p->K - 1; j++)
					k += u[i * L + l] >= p->cum[j];
				mu_hat[l] += p->mu[k] + p->sigma[k] * e[i * L + l];
			}
BC_OMP_SIMD
		for (int l = 0; l < L; l++)
			mu_hat[l] /= p->srs_b;
	} else {
		size_t drawn = 0;
		bc_lanes_fill(p->law, r, p->batch, work);
		for (int k = 0; k < p->K; k++) {
			int n = p->n[k];
			if (n == 0) {
				if (p->sigma[k] == 0)
BC_OMP_SIMD
					for (int l = 0; l < L; l++)
						mu_hat[l] += p->w[k] * p->mu[k];
				continue;
			}
			double sum[L];
			const double *e = work + drawn * L;
BC_OMP_SIMD
			for (int l = 0; l < L; l++)
				sum[l] = 0;
			for (int i = 0; i < n; i++)
BC_OMP_SIMD
				for (int l = 0; l < L; l++)
					sum[l] += e[i * L + l];
BC_OMP_SIMD
			for (int l = 0; l < L; l++)
				mu_hat[l] += p->w[k] * (p->mu[k] + p->sigma[k] * (sum[l] / n));
			drawn += (size_t)n;
		}
	}
BC_OMP_SIMD
	for (int l = 0; l < L; l++) {
		double d = (p->reweight ? mu_hat[l] / p->w_in : mu_hat[l]) - p->mu_total;
		obs[l] = d * d;
	}
}

static const char *const obs_names[] = {"var", NULL};

const struct bc_sim bc_sim_neyman_allocation = {
	.obs = obs_names,
	.mechanism = "each replicate draws n_k examples (Neyman, proportional, equal or given "
	             "integer allocation) from every stratum, independently or without "
	             "replacement from a finite stratum, and observes (sum_k W_k ybar_k - mu)^2 "
	             "(a zero-spread stratum with no draws enters with its known mean; a "
	             "stratum with spread and none is dropped or reweighted as `round` says); "
	             "or (alloc=srs) draws b examples from the whole data set, each from stratum k "
	             "with probability W_k, and observes (their mean - mu)^2",
	.mechanism_tex = "each replicate draws $n_k$ examples (Neyman, proportional, equal or "
	                 "given integer allocation) from every stratum, independently or "
	                 "without replacement from a finite stratum, and observes "
	                 "$\\bigl(\\sum_k W_k \\bar y_k - \\mu\\bigr)^2$ (a zero-spread "
	                 "stratum with no draws enters with its known mean; a stratum with "
	                 "spread and none is dropped or reweighted as \\texttt{round} says); "
	                 "or (\\texttt{alloc=srs}) draws $b$ examples from the whole data set, "
	                 "each from stratum $k$ with probability $W_k$, and observes "
	                 "$(\\text{their mean} - \\mu)^2$",
	.plan_new = plan_new,
	.plan_free = plan_free,
	.work_doubles = work_doubles,
	.replicate = replicate,
	.replicate_lanes = replicate_lanes,
};
