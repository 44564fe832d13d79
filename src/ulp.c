/*
 * ulp.c - double versus MPFR over a claim's whole domain.
 *
 * The grid takes, for every theory parameter, its closed ends (or the nearest double
 * inside an open end), values spread over the range (log-spaced when it is positive, so
 * tiny and huge magnitudes both appear), and a few special values; the claim adds the
 * inputs where its formula is most fragile (sweep_edges).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bc_ulp.h"

#define GRID_MAX 24

double bc_ulp_error(double d, const mpfr_t ref)
{
	if (!isfinite(d))
		return INFINITY;
	if (mpfr_zero_p(ref))
		return d == 0.0 ? 0.0 : INFINITY;
	/* ref = f * 2^e with 0.5 <= |f| < 1, so doubles near it are spaced 2^(e-53). */
	long e = mpfr_get_exp(ref);
	long ulp_exp = e - 53 < -1074 ? -1074 : e - 53;
	mpfr_t diff;
	mpfr_init2(diff, BC_MPFR_PREC + 64);
	mpfr_sub_d(diff, ref, d, MPFR_RNDN);
	mpfr_abs(diff, diff, MPFR_RNDN);
	mpfr_mul_2si(diff, diff, -ulp_exp, MPFR_RNDN);
	double u = mpfr_get_d(diff, MPFR_RNDU);
	mpfr_clear(diff);
	return u;
}

static int add(double *v, int n, double x, const struct bc_param *p)
{
	if (n < GRID_MAX && bc_param_in_range(p, x)) {
		for (int i = 0; i < n; i++)
			if (v[i] == x)
				return n;
		v[n++] = x;
	}
	return n;
}

/* The values the grid takes for one scalar parameter. */
static int grid_values(const struct bc_param *p, double *v)
{
	int n = 0;
	if (p->kind == BC_CHOICE || p->kind == BC_VECTOR || p->sim_only)
		return 0; /* held at its default */
	double lo = p->lo_open ? nextafter(p->lo, INFINITY) : p->lo;
	double hi = p->hi_open ? nextafter(p->hi, -INFINITY) : p->hi;
	if (p->kind == BC_INT) {
		static const double small[] = {0, 1, 2, 3, 5, 7, 16, 100, 1000, 65537};
		n = add(v, n, lo, p);
		n = add(v, n, hi, p);
		n = add(v, n, hi - 1, p);
		for (size_t i = 0; i < sizeof small / sizeof *small; i++)
			n = add(v, n, small[i], p);
		return n;
	}
	n = add(v, n, lo, p);
	n = add(v, n, hi, p);
	if (lo > 0) {
		double step = (log(hi) - log(lo)) / 8;
		for (int i = 1; i < 8; i++)
			n = add(v, n, exp(log(lo) + i * step), p);
	} else {
		for (int i = 1; i < 8; i++)
			n = add(v, n, lo + (hi - lo) * i / 8, p);
	}
	static const double special[] = {0, 1e-300, -1e-300, 1e-9, -1e-9, 0.5, -0.5, 1, -1};
	for (size_t i = 0; i < sizeof special / sizeof *special; i++)
		n = add(v, n, special[i], p);
	return n;
}

struct sweep_ctx {
	const struct bc_claim *c;
	struct bc_ulp_result *res;
	mpfr_t out[BC_MAX_OUT];
};

const double bc_ulp_edge[BC_ULP_BINS - 1] = {0, 0.25, 0.5, 1, 2, 4, 8, 16, 32};

static int ulp_bin(double u)
{
	int i = 0;
	while (i < BC_ULP_BINS - 1 && !(u <= bc_ulp_edge[i])) /* NaN and inf: the last bin */
		i++;
	return i;
}

static void visit(const struct bc_args *in, void *vctx)
{
	struct sweep_ctx *ctx = vctx;
	char err[BC_ERR_LEN];
	if (ctx->c->validate && ctx->c->validate(in, err, sizeof err))
		return;
	struct bc_outputs d;
	ctx->c->theory(in, &d);
	ctx->c->theory_mpfr(in, ctx->out);
	ctx->res->inputs++;
	for (int k = 0; k < d.n; k++) {
		if (!isfinite(d.v[k]))
			ctx->res->nonfinite++;
		double u = bc_ulp_error(d.v[k], ctx->out[k]);
		ctx->res->hist[ulp_bin(u)]++;
		if (u > ctx->res->worst || ctx->res->worst_output[0] == '\0') {
			ctx->res->worst = u;
			snprintf(ctx->res->worst_output, BC_NAME_LEN, "%s", d.name[k]);
			ctx->res->worst_in = *in;
		}
	}
}

/* Folds `part` (a later stretch of the sweep) into `res`, as visiting its inputs after
 * res's would: the first input of the largest error wins. */
static void merge(struct bc_ulp_result *res, const struct bc_ulp_result *part)
{
	res->inputs += part->inputs;
	res->nonfinite += part->nonfinite;
	for (int i = 0; i < BC_ULP_BINS; i++)
		res->hist[i] += part->hist[i];
	if (part->worst_output[0] && (part->worst > res->worst || res->worst_output[0] == '\0')) {
		res->worst = part->worst;
		memcpy(res->worst_output, part->worst_output, sizeof res->worst_output);
		res->worst_in = part->worst_in;
	}
}

/* Grid points per task: each task sweeps a stretch in order, and stretches are merged in
 * order, so the result is the serial sweep's whatever the thread count. */
#define STRETCH 64

void bc_ulp_sweep(const struct bc_claim *c, struct bc_ulp_result *res, int threads)
{
	memset(res, 0, sizeof *res);
	double values[BC_MAX_PARAMS][GRID_MAX];
	int count[BC_MAX_PARAMS];
	struct bc_args base;
	char err[BC_ERR_LEN];
	/* Parameters off the grid (switches, vectors) are held at their defaults. */
	memset(&base, 0, sizeof base);
	long points = 1;
	for (int i = 0; i < c->n_params; i++) {
		count[i] = grid_values(&c->params[i], values[i]);
		if (count[i] == 0 && c->params[i].deflt)
			(void)bc_param_set(&c->params[i], i, c->params[i].deflt, &base, err, sizeof err);
		if (count[i])
			points *= count[i];
	}
	long stretches = (points + STRETCH - 1) / STRETCH;
	struct bc_ulp_result *parts = calloc((size_t)stretches, sizeof *parts);
	if (!parts) { /* no memory for the parallel sweep: the serial one needs none */
		threads = 1;
		stretches = 1;
	}
#pragma omp parallel num_threads(threads)
	{
		struct sweep_ctx ctx = {c, NULL, {{{0}}}};
		for (int k = 0; k < BC_MAX_OUT; k++)
			mpfr_init2(ctx.out[k], BC_MPFR_PREC);
#pragma omp for schedule(dynamic, 1)
		for (long s = 0; s < stretches; s++) {
			ctx.res = parts ? &parts[s] : res;
			long first = parts ? s * STRETCH : 0, last = parts ? first + STRETCH : points;
			for (long g = first; g < last && g < points; g++) {
				struct bc_args in = base;
				long rest = g; /* parameter 0 varies fastest, as the grid is laid out */
				for (int i = 0; i < c->n_params; i++)
					if (count[i]) {
						in.x[i] = values[i][rest % count[i]];
						rest /= count[i];
					}
				visit(&in, &ctx);
				if (c->sweep_edges)
					c->sweep_edges(&in, visit, &ctx);
			}
		}
		for (int k = 0; k < BC_MAX_OUT; k++)
			mpfr_clear(ctx.out[k]);
	}
	if (parts) {
		for (long s = 0; s < stretches; s++)
			merge(res, &parts[s]);
		free(parts);
	}
}
