/*
 * bc_chain.h - the SGD-chain engine: independent chains of mini-batch SGD on a quadratic,
 * every per-sample gradient of every step drawn, observed by time averages after a burn-in.
 *
 * Model. f(x) = x^T H x / 2 in d dimensions, H = Q diag(lambda) Q^T (Q orthogonal, or the
 * identity), minimum at 0. Step t draws a batch of b samples; sample i's gradient is
 *     g_i = (1 + k e'_i) H x + xi_i,    xi_i = Q M (sqrt(rho) F + sqrt(1 - rho) e_i),
 * e_i and F d-vectors and e'_i scalars, all independent draws of one law of mean 0 and
 * variance 1 (bc_law.h), F shared by the batch. So xi_i is additive noise whose covariance
 * in the eigenbasis is C = M M^T (M any square root the caller gives), correlated across
 * the batch when rho > 0; k > 0 adds multiplicative noise (a random per-sample Hessian
 * (1 + k e'_i) H, as in least squares). SGD: x' = x - eta (1/b) sum_i g_i, from x_0 = 0.
 *
 * The batch's gradient is formed as sum_i g_i = (b + k sum_i e'_i) H x + Q M (...sum_i e_i):
 * every sample's draws enter, and the sums are what each sample's gradient would add.
 *
 * Burn-in (the rule every chain claim uses). In the eigenbasis, y = Q^T x, each coordinate's
 * second moment obeys the closed recursion
 *     E y_j'^2 = kappa_j E y_j^2 + eta^2 Var(batch noise along u_j),
 *     kappa_j = (1 - eta lambda_j)^2 + eta^2 lambda_j^2 k^2 / b,
 * exact for any C, rho and law (the noise is independent of x and of the multiplier). From
 * y_0 = 0, E y_j^2(t) = e_j (1 - kappa_j^t): the residual bias is negative and at most
 * kappa^t relative, kappa = max_j kappa_j, for every y_j^2, for |x|^2 and for the squared
 * step. A chain with kappa < 1 burns T = ceil(log(BC_CHAIN_BURN_BIAS) / log kappa) steps, so
 * the bias of every time average is below 1e-7 relative: a tenth of the smallest detectable
 * error `check --detect` accepts (1e-6). kappa >= 1: no stationary state; refused.
 *
 * Observation: the mean over the W = max(BC_CHAIN_WINDOW_MIN, 2T) steps after the burn-in
 * (so at most a third of a chain's steps are burn-in)
 * (or over the single step `at`, see the spec). One chain is one replicate: the averages
 * are taken within a chain, the harness's SE across independent chains only.
 */
#ifndef BC_CHAIN_H
#define BC_CHAIN_H

#include <stdbool.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "bc_lanes.h"
#include "bc_law.h"

#define BC_CHAIN_DMAX 64
#define BC_CHAIN_BURN_BIAS 1e-7
#define BC_CHAIN_WINDOW_MIN 64
#define BC_CHAIN_STEPS_MAX 1000000 /* burn-in beyond this: a chain too slow to simulate */
#define BC_CHAIN_B_MAX 1000000

/* The rule above in words, for simulators' mechanism strings (list --verbose, the report). */
#define BC_CHAIN_RULE \
	"a burn-in of T = ceil(log 1e-7 / log kappa) steps from x0 = 0, kappa the chain's " \
	"slowest second-moment contraction (residual bias below 1e-7), then the mean over a " \
	"window of max(64, 2T) steps"

struct bc_chain_spec {
	int d;                    /* 1 .. BC_CHAIN_DMAX */
	const double *lambda;     /* d eigenvalues of H, > 0 */
	const double *basis;      /* Q, d x d row-major, column j = eigenvector j; NULL: identity */
	const double *noise_root; /* M, d x d row-major, in the eigenbasis; NULL: identity */
	double noise_scale;       /* xi multiplied by this (a scalar sigma); 0 is taken as 1 */
	double rho;               /* [0, 1): share of the noise common to the batch */
	double k;                 /* >= 0: per-sample curvature spread */
	enum bc_law law;
	int b;                    /* batch size, 1 .. BC_CHAIN_B_MAX */
	double eta;               /* learning rate, > 0 */
	int at;                   /* 0: stationary (burn-in, then the window); t >= 1: observe
	                             only step t from x_0 = 0 (x_{t-1} and its update) */
};

/* Time averages of one chain. */
struct bc_chain_obs {
	double sq[BC_CHAIN_DMAX]; /* (u_j^T x)^2, j the eigendirection */
	double sq_norm;           /* |x|^2 = sum_j (u_j^T x)^2 */
	double sq_step;           /* |x_{t+1} - x_t|^2 */
};

struct bc_chain;

/* Checks and prepares a chain; NULL with a one-line message naming what is out of range. */
struct bc_chain *bc_chain_new(const struct bc_chain_spec *s, char *err, size_t errlen);
void bc_chain_free(struct bc_chain *ch);

/* kappa of the header (the slowest second-moment contraction), the burn-in T, the window. */
double bc_chain_contraction(const struct bc_chain *ch);
int bc_chain_burn_in(const struct bc_chain *ch);
int bc_chain_window(const struct bc_chain *ch);

/* Scratch each thread must give bc_chain_run, in doubles. */
size_t bc_chain_work_doubles(const struct bc_chain *ch);

/* A chain as a simulator's plan: `.plan_free = bc_chain_plan_free, .work_doubles =
 * bc_chain_plan_work` in a struct bc_sim whose plan_new returns bc_chain_new. */
void bc_chain_plan_free(void *plan);
size_t bc_chain_plan_work(const void *plan);

/* One chain from x_0 = 0: every draw from r, the averages into *o. */
void bc_chain_run(const struct bc_chain *ch, gsl_rng *r, double *work, struct bc_chain_obs *o);

/* The same for BC_LANES chains at once (a simulator's replicate_lanes, bc_lanes.h): lane l
 * from lane l's stream into o[l], bit for bit what bc_chain_run gives; work holds
 * BC_LANES times bc_chain_work_doubles. */
void bc_chain_run_lanes(const struct bc_chain *ch, gsl_rng *r, double *work,
                        struct bc_chain_obs *o);

/* A d x d lower-triangular M with M M^T = the covariance of standard deviations sd[j] and
 * pairwise correlation corr (0 <= corr < 1). Returns 0, or -1 if it is not positive
 * definite. */
int bc_chain_equicorrelated_root(int d, const double *sd, double corr, double *m);

/* A d x d rotation, Haar-distributed, fixed by (claim_id, index): the model's basis, the
 * same in every run and thread (drawn from a stream of its own, not the run's seed). */
void bc_chain_random_basis(int d, const char *claim_id, unsigned index, double *q);

#endif
