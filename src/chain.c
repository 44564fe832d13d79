/*
 * chain.c - the SGD-chain engine (bc_chain.h): set-up, the burn-in rule, and the step loop.
 *
 * The step loop is the hot path of every chain claim. It draws the noises of many steps in
 * one bc_law_fill call and forms a batch's gradient from the batch sums of its draws (a
 * d-vector sum over b samples, then one d x d product), so a step costs b d draws plus
 * O(d^2) arithmetic, and with the identity basis and noise root only O(d). The matrix
 * products are written out rather than called through GSL's BLAS: d is at most 64 and a
 * call per product per step would cost more than the product.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>

#include "bc_chain.h"
#include "bc_draws.h"
#include "bc_lanes.h"
#include "bc_param.h"
#include "bc_rng.h"

#define CHUNK 65536 /* draws per bc_law_fill call, at most */

struct bc_chain {
	int d, b;
	bool dense;       /* basis or noise root given: d x d products */
	bool rotated;     /* basis given: observe Q^T x */
	double eta, k;
	enum bc_law law;
	int n_shared, n_mult, per_step; /* draws per step: F, e'_i, and all of them */
	int observe_from, steps, steps_per_fill, burn, window;
	double kappa;
	double lambda[BC_CHAIN_DMAX];
	double h[BC_CHAIN_DMAX * BC_CHAIN_DMAX];   /* H = Q diag(lambda) Q^T (dense only) */
	double qt[BC_CHAIN_DMAX * BC_CHAIN_DMAX];  /* Q^T (rotated only) */
	double a_own[BC_CHAIN_DMAX * BC_CHAIN_DMAX];    /* scale sqrt(1 - rho) Q M / b */
	double a_shared[BC_CHAIN_DMAX * BC_CHAIN_DMAX]; /* scale sqrt(rho) Q M */
	double s_own, s_shared; /* the same two factors when Q M is the identity */
};

static int refuse(char *err, size_t errlen, const char *msg)
{
	snprintf(err, errlen, "%s", msg);
	return -1;
}

static int check_spec(const struct bc_chain_spec *s, char *err, size_t errlen)
{
	char msg[BC_ERR_LEN];
	if (s->d < 1 || s->d > BC_CHAIN_DMAX) {
		snprintf(msg, sizeof msg, "chain dimension d = %d is invalid: valid range is integer "
		         "in [1, %d]", s->d, BC_CHAIN_DMAX);
		return refuse(err, errlen, msg);
	}
	if (s->b < 1 || s->b > BC_CHAIN_B_MAX) {
		snprintf(msg, sizeof msg, "batch size b = %d is invalid for sim: valid range is "
		         "integer in [1, %d] (every sample is drawn)", s->b, BC_CHAIN_B_MAX);
		return refuse(err, errlen, msg);
	}
	if (!(s->eta > 0 && isfinite(s->eta)))
		return refuse(err, errlen, "chain learning rate eta must be finite and > 0");
	for (int j = 0; j < s->d; j++)
		if (!(s->lambda[j] > 0 && isfinite(s->lambda[j])))
			return refuse(err, errlen, "chain curvatures lambda_j must be finite and > 0");
	if (!(s->rho >= 0 && s->rho < 1))
		return refuse(err, errlen, "chain noise sharing rho must be in [0, 1)");
	if (!(s->k >= 0 && isfinite(s->k)))
		return refuse(err, errlen, "chain curvature spread k must be finite and >= 0");
	if (s->at < 0 || s->at > BC_CHAIN_STEPS_MAX) {
		snprintf(msg, sizeof msg, "chain step at = %d is invalid: valid range is integer in "
		         "[0, %d]", s->at, BC_CHAIN_STEPS_MAX);
		return refuse(err, errlen, msg);
	}
	return 0;
}

/* kappa = max_j (1 - eta lambda_j)^2 + eta^2 lambda_j^2 k^2 / b (bc_chain.h). */
static double contraction(const struct bc_chain_spec *s)
{
	double kappa = 0;
	for (int j = 0; j < s->d; j++) {
		double el = s->eta * s->lambda[j];
		double kj = (1 - el) * (1 - el) + el * el * s->k * s->k / s->b;
		if (kj > kappa)
			kappa = kj;
	}
	return kappa;
}

/* Steps of burn-in and observation; -1 with a message when the chain is unstable or slow. */
static int schedule(struct bc_chain *ch, const struct bc_chain_spec *s, char *err,
                    size_t errlen)
{
	char msg[BC_ERR_LEN];
	ch->kappa = contraction(s);
	if (!(ch->kappa < 1)) {
		snprintf(msg, sizeof msg, "the chain has no stationary state: its second-moment "
		         "contraction max_j (1 - eta lambda_j)^2 + (eta lambda_j k)^2 / b = %.17g is "
		         "not below 1", ch->kappa);
		return refuse(err, errlen, msg);
	}
	double burn = ch->kappa > 0 ? ceil(log(BC_CHAIN_BURN_BIAS) / log(ch->kappa)) : 0;
	if (s->at == 0 && !(burn <= BC_CHAIN_STEPS_MAX)) {
		snprintf(msg, sizeof msg, "the chain contracts by %.6g per step and needs %.3g "
		         "burn-in steps: at most %d are simulated", ch->kappa, burn,
		         BC_CHAIN_STEPS_MAX);
		return refuse(err, errlen, msg);
	}
	ch->burn = (int)burn;
	if (s->at == 0) {
		ch->window = 2 * ch->burn > BC_CHAIN_WINDOW_MIN ? 2 * ch->burn : BC_CHAIN_WINDOW_MIN;
		ch->observe_from = ch->burn > 1 ? ch->burn : 1; /* x_0 = 0 is never stationary */
		ch->steps = ch->observe_from + ch->window;
	} else {
		ch->window = 1;
		ch->observe_from = s->at - 1;
		ch->steps = s->at;
	}
	return 0;
}

/* out = a b, d x d row-major; a NULL operand is the identity. */
static void matmul(int d, const double *a, const double *b, double *out)
{
	for (int i = 0; i < d; i++)
		for (int j = 0; j < d; j++) {
			double sum = 0;
			for (int l = 0; l < d; l++)
				sum += (a ? a[i * d + l] : i == l) * (b ? b[l * d + j] : l == j);
			out[i * d + j] = sum;
		}
}

struct bc_chain *bc_chain_new(const struct bc_chain_spec *s, char *err, size_t errlen)
{
	if (check_spec(s, err, errlen))
		return NULL;
	struct bc_chain *ch = calloc(1, sizeof *ch);
	if (!ch) {
		refuse(err, errlen, "out of memory");
		return NULL;
	}
	if (schedule(ch, s, err, errlen)) {
		free(ch);
		return NULL;
	}
	int d = s->d;
	ch->d = d;
	ch->b = s->b;
	ch->eta = s->eta;
	ch->k = s->k;
	ch->law = s->law;
	ch->dense = s->basis || s->noise_root;
	ch->rotated = s->basis != NULL;
	memcpy(ch->lambda, s->lambda, (size_t)d * sizeof *ch->lambda);
	double scale = s->noise_scale > 0 ? s->noise_scale : 1;
	ch->s_own = scale * sqrt(1 - s->rho) / s->b;
	ch->s_shared = scale * sqrt(s->rho);
	if (ch->dense) {
		double ql[BC_CHAIN_DMAX * BC_CHAIN_DMAX];
		for (int i = 0; i < d; i++)
			for (int j = 0; j < d; j++)
				ql[i * d + j] = (s->basis ? s->basis[i * d + j] : i == j) * s->lambda[j];
		double qt[BC_CHAIN_DMAX * BC_CHAIN_DMAX];
		for (int i = 0; i < d; i++)
			for (int j = 0; j < d; j++)
				qt[i * d + j] = s->basis ? s->basis[j * d + i] : i == j;
		matmul(d, ql, qt, ch->h);
		memcpy(ch->qt, qt, sizeof qt);
		double qm[BC_CHAIN_DMAX * BC_CHAIN_DMAX];
		matmul(d, s->basis, s->noise_root, qm);
		for (int i = 0; i < d * d; i++) {
			ch->a_own[i] = qm[i] * ch->s_own;
			ch->a_shared[i] = qm[i] * ch->s_shared;
		}
	}
	ch->n_shared = s->rho > 0 ? d : 0;
	ch->n_mult = s->k > 0 ? s->b : 0;
	ch->per_step = ch->n_shared + s->b * d + ch->n_mult;
	ch->steps_per_fill = CHUNK / ch->per_step;
	if (ch->steps_per_fill < 1)
		ch->steps_per_fill = 1;
	if (ch->steps_per_fill > ch->steps)
		ch->steps_per_fill = ch->steps;
	return ch;
}

void bc_chain_free(struct bc_chain *ch)
{
	free(ch);
}

double bc_chain_contraction(const struct bc_chain *ch)
{
	return ch->kappa;
}

int bc_chain_burn_in(const struct bc_chain *ch)
{
	return ch->burn;
}

int bc_chain_window(const struct bc_chain *ch)
{
	return ch->window;
}

size_t bc_chain_work_doubles(const struct bc_chain *ch)
{
	return (size_t)ch->steps_per_fill * (size_t)ch->per_step;
}

void bc_chain_plan_free(void *plan)
{
	bc_chain_free(plan);
}

size_t bc_chain_plan_work(const void *plan)
{
	return bc_chain_work_doubles(plan);
}

/* The batch's mean gradient into g, from this step's draws z = [F | e_1 .. e_b | e'_1..b]. */
static void batch_gradient(const struct bc_chain *ch, const double *z, const double *x,
                           double *g)
{
	int d = ch->d, b = ch->b;
	const double *f = z, *e = z + ch->n_shared, *em = e + b * d;
	double esum[BC_CHAIN_DMAX];
	/* esum[j] = e[j] + e[d + j] + ... in that order, four coordinates at a time in
	 * registers: summed in memory, each addition waited for the store of the one before
	 * (twice the adder's latency; at d = 1, 60% of a chain's time) */
	for (int j = 0; j < d; j += 4) {
		int w = d - j < 4 ? d - j : 4;
		double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
		for (int i = 0; i < b; i++) {
			const double *row = e + (size_t)i * (size_t)d + (size_t)j;
			s0 += row[0];
			if (w > 1)
				s1 += row[1];
			if (w > 2)
				s2 += row[2];
			if (w > 3)
				s3 += row[3];
		}
		esum[j] = s0;
		if (w > 1)
			esum[j + 1] = s1;
		if (w > 2)
			esum[j + 2] = s2;
		if (w > 3)
			esum[j + 3] = s3;
	}
	double mult = 1;
	if (ch->n_mult) {
		double s = 0;
		for (int i = 0; i < b; i++)
			s += em[i];
		mult = 1 + ch->k * s / b;
	}
	if (!ch->dense) {
		for (int j = 0; j < d; j++) {
			double xi = ch->s_own * esum[j] + (ch->n_shared ? ch->s_shared * f[j] : 0);
			g[j] = mult * ch->lambda[j] * x[j] + xi;
		}
		return;
	}
	for (int i = 0; i < d; i++) {
		double hx = 0, xi = 0;
		for (int j = 0; j < d; j++) {
			hx += ch->h[i * d + j] * x[j];
			xi += ch->a_own[i * d + j] * esum[j];
		}
		if (ch->n_shared)
			for (int j = 0; j < d; j++)
				xi += ch->a_shared[i * d + j] * f[j];
		g[i] = mult * hx + xi;
	}
}

void bc_chain_run(const struct bc_chain *ch, gsl_rng *r, double *work, struct bc_chain_obs *o)
{
	int d = ch->d;
	double x[BC_CHAIN_DMAX] = {0}, g[BC_CHAIN_DMAX];
	double sq[BC_CHAIN_DMAX] = {0}, sq_step = 0;
	int left = 0;
	const double *z = work;
	for (int t = 0; t < ch->steps; t++) {
		if (left == 0) {
			int n = ch->steps - t < ch->steps_per_fill ? ch->steps - t : ch->steps_per_fill;
			bc_law_fill(ch->law, r, (size_t)n * (size_t)ch->per_step, work);
			z = work;
			left = n;
		}
		batch_gradient(ch, z, x, g);
		if (t >= ch->observe_from) {
			for (int i = 0; i < d; i++) {
				double y = x[i];
				if (ch->rotated) {
					y = 0;
					for (int j = 0; j < d; j++)
						y += ch->qt[i * d + j] * x[j];
				}
				sq[i] += y * y;
				sq_step += ch->eta * ch->eta * g[i] * g[i];
			}
		}
		for (int i = 0; i < d; i++)
			x[i] -= ch->eta * g[i];
		z += ch->per_step;
		left--;
	}
	double n_obs = ch->steps - ch->observe_from, norm = 0;
	for (int i = 0; i < d; i++) {
		o->sq[i] = sq[i] / n_obs;
		norm += sq[i];
	}
	o->sq_norm = norm / n_obs;
	o->sq_step = sq_step / n_obs;
}

/*
 * bc_chain_run over BC_LANES chains at once (bc_lanes.h): the same operations in the same
 * order for each lane, an inner loop over the lanes, so a step's serial arithmetic (the
 * batch sums, x's update) runs for every lane in one vector instruction.
 */
#define L BC_LANES
static BC_ALWAYS_INLINE void batch_gradient_lanes(const struct bc_chain *ch, const double *z,
                                                  const double (*x)[L], double (*g)[L])
{
	int d = ch->d, b = ch->b;
	const double *f = z, *e = z + (size_t)ch->n_shared * L, *em = e + (size_t)b * (size_t)d * L;
	double esum[BC_CHAIN_DMAX][L], mult[L];
	for (int j = 0; j < d; j++) {
BC_OMP_SIMD
		for (int l = 0; l < L; l++)
			esum[j][l] = 0;
		for (int i = 0; i < b; i++)
BC_OMP_SIMD
			for (int l = 0; l < L; l++)
				esum[j][l] += e[((size_t)i * (size_t)d + (size_t)j) * L + (size_t)l];
	}
BC_OMP_SIMD
	for (int l = 0; l < L; l++)
		mult[l] = 1;
	if (ch->n_mult) {
		double s[L];
BC_OMP_SIMD
		for (int l = 0; l < L; l++)
			s[l] = 0;
		for (int i = 0; i < b; i++)
BC_OMP_SIMD
			for (int l = 0; l < L; l++)
				s[l] += em[i * L + l];
BC_OMP_SIMD
		for (int l = 0; l < L; l++)
			mult[l] = 1 + ch->k * s[l] / b;
	}
	if (!ch->dense) {
		for (int j = 0; j < d; j++)
BC_OMP_SIMD
			for (int l = 0; l < L; l++) {
				double xi = ch->s_own * esum[j][l] +
				            (ch->n_shared ? ch->s_shared * f[j * L + l] : 0);
				g[j][l] = mult[l] * ch->lambda[j] * x[j][l] + xi;
			}
		return;
	}
	for (int i = 0; i < d; i++) {
		double hx[L], xi[L];
BC_OMP_SIMD
		for (int l = 0; l < L; l++)
			hx[l] = xi[l] = 0;
		for (int j = 0; j < d; j++)
BC_OMP_SIMD
			for (int l = 0; l < L; l++) {
				hx[l] += ch->h[i * d + j] * x[j][l];
				xi[l] += ch->a_own[i * d + j] * esum[j][l];
			}
		if (ch->n_shared)
			for (int j = 0; j < d; j++)
BC_OMP_SIMD
				for (int l = 0; l < L; l++)
					xi[l] += ch->a_shared[i * d + j] * f[j * L + l];
BC_OMP_SIMD
		for (int l = 0; l < L; l++)
			g[i][l] = mult[l] * hx[l] + xi[l];
	}
}

BC_CLONES static void chain_run_lanes(const struct bc_chain *ch, gsl_rng *r, double *work,
                                     struct bc_chain_obs *o)
{
	int d = ch->d;
	double x[BC_CHAIN_DMAX][L] = {{0}}, g[BC_CHAIN_DMAX][L];
	double sq[BC_CHAIN_DMAX][L] = {{0}}, sq_step[L] = {0};
	int left = 0;
	const double *z = work;
	for (int t = 0; t < ch->steps; t++) {
		if (left == 0) {
			int n = ch->steps - t < ch->steps_per_fill ? ch->steps - t : ch->steps_per_fill;
			bc_lanes_fill(ch->law, r, (size_t)n * (size_t)ch->per_step, work);
			z = work;
			left = n;
		}
		batch_gradient_lanes(ch, z, (const double (*)[L])x, g);
		if (t >= ch->observe_from) {
			for (int i = 0; i < d; i++) {
				double y[L];
BC_OMP_SIMD
				for (int l = 0; l < L; l++)
					y[l] = x[i][l];
				if (ch->rotated) {
BC_OMP_SIMD
					for (int l = 0; l < L; l++)
						y[l] = 0;
					for (int j = 0; j < d; j++)
BC_OMP_SIMD
						for (int l = 0; l < L; l++)
							y[l] += ch->qt[i * d + j] * x[j][l];
				}
BC_OMP_SIMD
				for (int l = 0; l < L; l++) {
					sq[i][l] += y[l] * y[l];
					sq_step[l] += ch->eta * ch->eta * g[i][l] * g[i][l];
				}
			}
		}
		for (int i = 0; i < d; i++)
BC_OMP_SIMD
			for (int l = 0; l < L; l++)
				x[i][l] -= ch->eta * g[i][l];
		z += (size_t)ch->per_step * L;
		left--;
	}
	double n_obs = ch->steps - ch->observe_from;
	for (int l = 0; l < L; l++) {
		double norm = 0;
		for (int i = 0; i < d; i++) {
			o[l].sq[i] = sq[i][l] / n_obs;
			norm += sq[i][l];
		}
		o[l].sq_norm = norm / n_obs;
		o[l].sq_step = sq_step[l] / n_obs;
	}
}
#undef L

/* The clones stay static: clang 14 cannot export a target_clones function. */
void bc_chain_run_lanes(const struct bc_chain *ch, gsl_rng *r, double *work,
                        struct bc_chain_obs *o)
{
	chain_run_lanes(ch, r, work, o);
}

int bc_chain_equicorrelated_root(int d, const double *sd, double corr, double *m)
{
	if (d < 1 || d > BC_CHAIN_DMAX || !(corr >= 0 && corr < 1))
		return -1;
	gsl_matrix *a = gsl_matrix_alloc((size_t)d, (size_t)d);
	if (!a)
		return -1;
	for (int i = 0; i < d; i++)
		for (int j = 0; j < d; j++)
			gsl_matrix_set(a, (size_t)i, (size_t)j, i == j ? 1 : corr);
	gsl_error_handler_t *old = gsl_set_error_handler_off();
	int rc = gsl_linalg_cholesky_decomp1(a);
	gsl_set_error_handler(old);
	if (rc == 0) /* the root of the correlation matrix, rows scaled by the SDs */
		for (int i = 0; i < d; i++)
			for (int j = 0; j < d; j++)
				m[i * d + j] = j <= i ? sd[i] * gsl_matrix_get(a, (size_t)i, (size_t)j) : 0;
	gsl_matrix_free(a);
	return rc == 0 ? 0 : -1;
}

void bc_chain_random_basis(int d, const char *claim_id, unsigned index, double *q)
{
	/* Haar: the Q of a Gaussian matrix's QR, each column signed by its R diagonal. */
	size_t n = (size_t)d * (size_t)d;
	double g[BC_CHAIN_DMAX * BC_CHAIN_DMAX];
	gsl_rng *r = bc_rng_new();
	struct bc_stream_id id = {index, bc_rng_claim_hash(claim_id), BC_PURPOSE_MODEL, 0};
	bc_rng_key(r, &id, 0);
	bc_draw_normal(r, n, g);
	gsl_rng_free(r);
	gsl_matrix_view a = gsl_matrix_view_array(g, (size_t)d, (size_t)d);
	gsl_vector *tau = gsl_vector_alloc((size_t)d);
	gsl_matrix *qm = gsl_matrix_alloc((size_t)d, (size_t)d);
	gsl_matrix *rm = gsl_matrix_alloc((size_t)d, (size_t)d);
	if (!tau || !qm || !rm)
		abort(); /* a few kilobytes: set-up cannot go on without them */
	gsl_linalg_QR_decomp(&a.matrix, tau);
	gsl_linalg_QR_unpack(&a.matrix, tau, qm, rm);
	for (int j = 0; j < d; j++) {
		double sign = gsl_matrix_get(rm, (size_t)j, (size_t)j) < 0 ? -1 : 1;
		for (int i = 0; i < d; i++)
			q[i * d + j] = sign * gsl_matrix_get(qm, (size_t)i, (size_t)j);
	}
	gsl_matrix_free(rm);
	gsl_matrix_free(qm);
	gsl_vector_free(tau);
}
