/*
 * corr_batch_var simulator - builds each correlated batch sample by sample.
 *
 * One replicate draws a whole batch X_1..X_m with mean 0 and takes G = mean(X); the
 * observation is G^2, whose expectation is Var(G). The correlation comes from an explicit
 * mechanism, never from the law of G:
 *   factor   X_i = sigma (sqrt(rho) F + sqrt(1 - rho) E_i): one shared cause F plus an own
 *            part E_i, all independent with mean 0 and variance 1 (rho >= 0);
 *   cholesky X = sigma L Z with L L' the correlation matrix (1 on the diagonal, rho off
 *            it), factored by GSL: a Gaussian batch for any rho, negative included;
 *   ar1      X_1 = sigma E_1, X_i = rho X_{i-1} + sigma sqrt(1 - rho^2) E_i: each X_i has
 *            variance sigma^2 and neighbours correlation rho, but lag-k pairs only rho^k,
 *            which breaks the claim's constant-correlation condition (outside the regime).
 * E and F follow `law`: standard Gaussian, or a centred unit exponential (skewed).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>

#include "bc_claim.h"
#include "bc_law.h"

/* The simulator draws every sample: beyond this a check point would take hours. */
#define SIM_M_MAX 1000000
/* Observations are squares of numbers of order sigma, and their variance is of order
 * sigma^4: both must stay normal doubles. */
#define SIM_SIGMA_MIN 1e-70
#define SIM_SIGMA_MAX 1e70
#define CHOLESKY_M_MAX 2000

enum mech { FACTOR, CHOLESKY, AR1 };

struct plan {
	enum mech mech;
	enum bc_law law;
	int m;
	double shared, own; /* factor: sigma sqrt(rho), sigma sqrt(1-rho); ar1: rho, innovation */
	double sigma;
	gsl_matrix *chol; /* cholesky: lower factor of the correlation matrix */
};

static void *plan_new(const struct bc_claim *c, const struct bc_args *in, char *err,
                      size_t errlen)
{
	double sigma = bc_arg(c, in, "sigma"), m = bc_arg(c, in, "m"), rho = bc_arg(c, in, "rho");
	const char *mech = bc_arg_choice(c, in, "mech");
	enum bc_law law = bc_law_named(bc_arg_choice(c, in, "law"));
	if (m > SIM_M_MAX) {
		snprintf(err, errlen, "parameter 'm' = %.0f is invalid for sim: valid range is integer "
		         "in [1, %d] (the simulator draws every sample)", m, SIM_M_MAX);
		return NULL;
	}
	if (!(sigma >= SIM_SIGMA_MIN && sigma <= SIM_SIGMA_MAX)) {
		snprintf(err, errlen, "parameter 'sigma' = %.17g is invalid for sim: valid range is "
		         "[%g, %g] (the squared batch means must not underflow or overflow)", sigma,
		         SIM_SIGMA_MIN, SIM_SIGMA_MAX);
		return NULL;
	}
	if (strcmp(mech, "auto") == 0)
		mech = rho >= 0 ? "factor" : "cholesky";
	struct plan *p = calloc(1, sizeof *p);
	if (!p) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	p->law = law;
	p->m = (int)m;
	p->sigma = sigma;
	if (strcmp(mech, "factor") == 0) {
		if (rho < 0) {
			snprintf(err, errlen, "parameter 'rho' = %.17g is invalid for mech=factor: valid "
			         "range is [0, 1] (use mech=cholesky for negative rho)", rho);
			free(p);
			return NULL;
		}
		p->mech = FACTOR;
		p->shared = sigma * sqrt(rho);
		p->own = sigma * sqrt(1 - rho);
	} else if (strcmp(mech, "ar1") == 0) {
		if (!(fabs(rho) < 1)) {
			snprintf(err, errlen, "parameter 'rho' = %.17g is invalid for mech=ar1: valid "
			         "range is (-1, 1)", rho);
			free(p);
			return NULL;
		}
		p->mech = AR1;
		p->shared = rho;
		p->own = sigma * sqrt((1 - rho) * (1 + rho));
	} else {
		p->mech = CHOLESKY;
		if (law != BC_LAW_GAUSS || m > CHOLESKY_M_MAX) {
			snprintf(err, errlen, "mech=cholesky draws Gaussian batches of at most %d "
			         "samples: valid are law=gauss and m in [1, %d]", CHOLESKY_M_MAX,
			         CHOLESKY_M_MAX);
			free(p);
			return NULL;
		}
		p->chol = gsl_matrix_alloc((size_t)m, (size_t)m);
		gsl_matrix_set_all(p->chol, rho);
		for (size_t i = 0; i < (size_t)m; i++)
			gsl_matrix_set(p->chol, i, i, 1.0);
		gsl_error_handler_t *old = gsl_set_error_handler_off();
		int status = gsl_linalg_cholesky_decomp1(p->chol);
		gsl_set_error_handler(old);
		if (status) {
			snprintf(err, errlen, "parameter 'rho' = %.17g is invalid for mech=cholesky: the "
			         "correlation matrix must be positive definite, rho in (-1/(m-1), 1)", rho);
			gsl_matrix_free(p->chol);
			free(p);
			return NULL;
		}
	}
	return p;
}

static void plan_free(void *vp)
{
	struct plan *p = vp;
	if (p->chol)
		gsl_matrix_free(p->chol);
	free(p);
}

static size_t work_doubles(const void *vp)
{
	const struct plan *p = vp;
	return p->mech == CHOLESKY ? 2 * (size_t)p->m : 0;
}

static void replicate(const void *vp, gsl_rng *r, double *work, double *obs)
{
	const struct plan *p = vp;
	double sum = 0;
	if (p->mech == FACTOR) {
		double common = p->shared * bc_law_draw(p->law, r);
		for (int i = 0; i < p->m; i++)
			sum += common + p->own * bc_law_draw(p->law, r);
	} else if (p->mech == AR1) {
		double x = p->sigma * bc_law_draw(p->law, r);
		sum = x;
		for (int i = 1; i < p->m; i++) {
			x = p->shared * x + p->own * bc_law_draw(p->law, r);
			sum += x;
		}
	} else {
		gsl_vector_view z = gsl_vector_view_array(work, (size_t)p->m);
		gsl_vector_view x = gsl_vector_view_array(work + p->m, (size_t)p->m);
		for (int i = 0; i < p->m; i++)
			work[i] = bc_law_draw(p->law, r);
		gsl_vector_memcpy(&x.vector, &z.vector);
		gsl_blas_dtrmv(CblasLower, CblasNoTrans, CblasNonUnit, p->chol, &x.vector);
		for (int i = 0; i < p->m; i++)
			sum += work[p->m + i];
		sum *= p->sigma;
	}
	double g = sum / p->m;
	obs[0] = g * g;
}

static const char *const obs_names[] = {"var", NULL};

const struct bc_sim bc_sim_corr_batch_var = {
	.obs = obs_names,
	.mechanism = "each batch built sample by sample from a shared factor, a Cholesky factor "
	             "of the correlation matrix, or an AR(1) chain; observation (mean of batch)^2",
	.plan_new = plan_new,
	.plan_free = plan_free,
	.work_doubles = work_doubles,
	.replicate = replicate,
};
