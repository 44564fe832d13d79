/*
 * corr_batch_var - variance of the mean of a batch of correlated samples.
 *
 * Seed 000, section 小批量方法的核心权衡: for m samples with common variance sigma^2 and
 * common pairwise correlation rho, the batch mean G has
 *     Var(G) = sigma^2 (1 + (m - 1) rho) / m.
 *
 * Model verified: X_1..X_m with Var(X_i) = sigma^2 and Corr(X_i, X_j) = rho for every
 * i != j (exchangeable second moments). Nothing else: no distributional assumption; the
 * check points use Gaussian and skewed (centred exponential) laws alike.
 *
 * Derivation:
 *     Var(G) = m^-2 sum_i sum_j Cov(X_i, X_j)
 *            = m^-2 (m sigma^2 + m (m - 1) rho sigma^2)
 *            = sigma^2 (1 + (m - 1) rho) / m.                               (agrees)
 *
 * The seed states its conditions (common variance, the same rho for every pair) and its
 * limit Var -> rho sigma^2 for rho > 0 only, so the formula holds exactly as written.
 * Remarks (findings that sharpen it):
 *  - The domain is implicit: the covariance matrix sigma^2 ((1 - rho) I + rho 11') has
 *    eigenvalues sigma^2 (1 - rho) and sigma^2 (1 + (m - 1) rho), so such a batch exists only
 *    for -1/(m - 1) <= rho <= 1, where the formula is >= 0. Below, it returns a negative
 *    "variance"; the domain check refuses it. For rho < 0 the batch size is bounded,
 *    m <= 1 - 1/rho.
 *  - The seed motivates the formula with time-series data, which its model does not cover:
 *    an AR(1) batch (lag-k correlation rho^k) has variance
 *        (sigma^2/m) (1 + 2 sum_{k=1}^{m-1} (1 - k/m) rho^k),
 *    below the formula for rho > 0 and m >= 3 (the formula overstates it; outside point
 *    ar1_batch), above it for rho < 0 (the lag-2 correlation rho^2 exceeds rho), equal at
 *    m = 2. Nor does it level off: as m grows it tends to sigma^2 (1 + rho)/((1 - rho) m),
 *    so the floor rho sigma^2 the seed describes is an artefact of constant correlation
 *    (outside point ar1_long).
 *
 * Numerics: 1 + (m - 1) rho cancels as rho approaches -1/(m - 1); fma() forms it with one
 * rounding, so the result stays within a few ulps of MPFR over the whole domain.
 *
 * The edge as a double: -1/(m - 1) is rarely a double, and a user types the double nearest
 * to it (rho=-0.2 for m = 6), which may lie a fraction of an ulp below it. That double is
 * accepted and stands for the edge: 1 + (m - 1) rho is then a tiny negative number, taken
 * as 0 (variance 0) in both the double and the MPFR closed form. Every double above it is
 * above the edge, every double below it is below and refused, so the bound the error
 * message prints, pasted back, is accepted.
 */
#include <math.h>
#include <stdio.h>

#include "bc_claim.h"

enum { SIGMA, M, RHO, LAW, MECH };

static const char *const laws[] = {"gauss", "exp", NULL};
static const char *const mechs[] = {"auto", "factor", "centred", "cholesky", "ar1", NULL};

static const struct bc_param params[] = {
	[SIGMA] = {.name = "sigma", .kind = BC_REAL, .lo = 0, .hi = 1e150, .lo_open = true,
	           .help = "common standard deviation of each sample"},
	[M] = {.name = "m", .kind = BC_INT, .lo = 1, .hi = 1e9, .help = "batch size"},
	[RHO] = {.name = "rho", .kind = BC_REAL, .lo = -1, .hi = 1,
	         .help = "pairwise correlation, at least -1/(m-1) (its nearest double included)"},
	[LAW] = {.name = "law", .kind = BC_CHOICE, .choices = laws,
	         .deflt = "gauss", .sim_only = true,
	         .help = "law of the independent parts: Gaussian or centred exponential (skewed)"},
	[MECH] = {.name = "mech", .kind = BC_CHOICE, .choices = mechs,
	          .deflt = "auto", .sim_only = true,
	          .help = "how the batch is correlated: shared factor (rho >= 0), centred own parts plus "
	          "a scaled common mean (any rho with 1 + (m-1) rho >= 2^-60, any law), Cholesky "
	          "factor of the correlation matrix (Gaussian, rho kept away from -1/(m-1) so the "
	          "factor's rounding stays negligible), or AR(1) chain (outside the regime); "
	          "auto = factor if rho >= 0, else centred"},
};

static int validate(const struct bc_args *in, char *err, size_t errlen)
{
	double m = in->x[M], rho = in->x[RHO];
	/* -1 / (m - 1) is the double nearest the edge (m - 1 is exact): the smallest accepted. */
	if (m > 1 && rho < -1 / (m - 1)) {
		snprintf(err, errlen,
		         "parameter 'rho' = %.17g is invalid for m = %.0f: valid range is "
		         "[-1/(m-1), 1] = [%.17g, 1] (no batch has that correlation matrix)",
		         rho, m, -1 / (m - 1));
		return -1;
	}
	return 0;
}

static void theory(const struct bc_args *in, struct bc_outputs *out)
{
	double s = in->x[SIGMA], m = in->x[M], rho = in->x[RHO];
	out->n = 1;
	snprintf(out->name[0], BC_NAME_LEN, "var");
	/* fmax: at the edge double below -1/(m-1) the exact value is a tiny negative; it is 0 */
	/* mutate: mc-equivalent 0->(-1)#2: fmax(t, -1) differs from fmax(t, 0) only where t < 0,
	 * at the edge double only, where the simulator refuses (it needs t >= 2^-60) */
	out->v[0] = (s * s) * (fmax(fma(m - 1, rho, 1), 0) / m);
}

static void theory_mpfr(const struct bc_args *in, mpfr_t *out)
{
	mpfr_t t;
	/* at least 128 bits: (m - 1) rho (30 + 53 bits) and its sign after + 1 come out exact */
	mpfr_prec_t prec = mpfr_get_prec(out[0]);
	mpfr_init2(t, prec > 128 ? prec : 128);
	mpfr_set_d(t, in->x[M], MPFR_RNDN);
	mpfr_sub_ui(t, t, 1, MPFR_RNDN);
	mpfr_mul_d(t, t, in->x[RHO], MPFR_RNDN);
	mpfr_add_ui(t, t, 1, MPFR_RNDN);
	/* Negative only at the edge double below -1/(m-1), which
	 * validate accepts as the edge itself (see the header): variance 0 there. */
	if (mpfr_sgn(t) < 0)
		mpfr_set_ui(t, 0, MPFR_RNDN);
	mpfr_set_d(out[0], in->x[SIGMA], MPFR_RNDN);
	mpfr_sqr(out[0], out[0], MPFR_RNDN);
	mpfr_mul(out[0], out[0], t, MPFR_RNDN);
	mpfr_div_d(out[0], out[0], in->x[M], MPFR_RNDN);
	mpfr_clear(t);
}

/* The fragile edge: rho at, and just above, -1/(m-1), where 1 + (m-1) rho cancels. */
static void sweep_edges(const struct bc_args *grid, void (*visit)(const struct bc_args *, void *),
                        void *ctx)
{
	if (grid->x[M] < 2 || grid->x[RHO] != 0)
		return;
	struct bc_args in = *grid;
	double edge = -1 / (grid->x[M] - 1);
	for (int k = 0; k < 8; k++) {
		in.x[RHO] = edge;
		visit(&in, ctx);
		edge = nextafter(edge, 1);
	}
	for (double rel = 1e-15; rel < 1; rel *= 1000) {
		in.x[RHO] = -1 / (grid->x[M] - 1) * (1 - rel);
		visit(&in, ctx);
	}
}

#define ARGS(in) double s = in->x[SIGMA], m = in->x[M], rho = in->x[RHO]

static double off_by_one(const struct bc_args *in)
{
	ARGS(in);
	return s * s * (1 + m * rho) / m;
}

static double dropped_correlation(const struct bc_args *in)
{
	ARGS(in);
	(void)rho;
	return s * s / m;
}

static double wrong_power_of_m(const struct bc_args *in)
{
	ARGS(in);
	return s * s * (1 + (m - 1) * rho) / (m * m);
}

static double swapped_shared_and_own(const struct bc_args *in)
{
	ARGS(in);
	return s * s * ((1 - rho) + rho / m);
}

static const struct bc_variant variants[] = {
	{"off_by_one_m", "var", "(m-1) written as m: sigma^2 (1 + m rho) / m", off_by_one,
	 .what_tex = "$(m-1)$ written as $m$: $\\sigma^2 (1 + m\\rho)/m$"},
	{"dropped_correlation", "var", "the i.i.d. law sigma^2 / m, ignoring rho",
	 dropped_correlation,
	 .what_tex = "the i.i.d.\\ law $\\sigma^2/m$, ignoring $\\rho$"},
	{"wrong_power_of_m", "var", "divided by m^2 instead of m", wrong_power_of_m,
	 .what_tex = "divided by $m^2$ instead of $m$"},
	{"swapped_shared_and_own", "var",
	 "the shared part averaged away instead of the own part: sigma^2 ((1 - rho) + rho / m)",
	 swapped_shared_and_own,
	 .what_tex = "the shared part averaged away instead of the own part: $\\sigma^2 "
	             "\\bigl((1 - \\rho) + \\rho/m\\bigr)$"},
};

static const struct bc_point points[] = {
	{"moderate", BC_IN_REGIME, "sigma=2 m=8 rho=0.3", "var",
	 "Gaussian batch, shared-factor correlation", NULL, .why_tex = NULL},
	{"skewed_weak", BC_IN_REGIME, "sigma=0.5 m=32 rho=0.05 law=exp", "var",
	 "skewed (exponential) samples: the formula needs no Gaussianity", NULL,
	 .why_tex = NULL},
	{"negative", BC_IN_REGIME, "sigma=1.5 m=5 rho=-0.2", "var",
	 "negative correlation, Gaussian batch from centred own parts and a scaled mean", NULL,
	 .why_tex = NULL},
	{"strong", BC_IN_REGIME, "sigma=1 m=40 rho=0.9", "var",
	 "strong correlation: the batch acts almost like one sample", NULL, .why_tex = NULL},
	{"cholesky", BC_IN_REGIME, "sigma=1.2 m=3 rho=0.4 mech=cholesky", "var",
	 "the batch drawn from the Cholesky factor of its correlation matrix, a mechanism no "
	 "other in-regime point uses", NULL, .why_tex = NULL},
	{"ar1_pair", BC_IN_REGIME, "sigma=1.5 m=2 rho=0.6 mech=ar1", "var",
	 "an AR(1) batch of two: its one pair correlates rho, as in the model, so the formula "
	 "holds; checks the AR(1) recurrence the outside points use against its own law", NULL,
	 .why_tex = "an AR(1) batch of two: its one pair correlates $\\rho$, as in the model, "
	            "so the formula holds; checks the AR(1) recurrence the outside points use "
	            "against its own law"},
	{"ar1_batch", BC_OUTSIDE, "sigma=1 m=16 rho=0.5 mech=ar1", "var",
	 "pairwise correlation not constant: AR(1) batch with lag-1 correlation rho", NULL,
	 .why_tex = "pairwise correlation not constant: AR(1) batch with lag-1 correlation "
	            "$\\rho$"},
	{"ar1_long", BC_OUTSIDE, "sigma=1 m=1024 rho=0.5 mech=ar1", "var",
	 "a long AR(1) batch: its mean's variance keeps falling like 1/m, with no floor at "
	 "rho sigma^2", NULL,
	 .why_tex = "a long AR(1) batch: its mean's variance keeps falling like $1/m$, with no "
	            "floor at $\\rho\\sigma^2$"},
};

static const struct bc_finding findings[] = {
	{NULL, "Implicit domain (remark): the seed does not say that rho must be at least "
	       "-1/(m-1). No batch has a smaller common correlation (the correlation matrix would "
	       "have a negative eigenvalue 1 + (m-1) rho), and the formula then returns a negative "
	       "variance; the suite refuses such inputs. So for rho < 0 the batch size is "
	       "bounded, m <= 1 - 1/rho.",
	 .brief = "Implicit domain: no batch has correlation below -1/(m-1)",
	 .brief_tex = "Implicit domain: no batch has correlation below $-1/(m-1)$",
	 .text_tex = "Implicit domain (remark): the seed does not say that $\\rho$ must be at "
	             "least $-1/(m-1)$. No batch has a smaller common correlation (the "
	             "correlation matrix would have a negative eigenvalue $1 + (m-1)\\rho$), "
	             "and the formula then returns a negative variance; the suite refuses such "
	             "inputs. So for $\\rho < 0$ the batch size is bounded, $m \\le 1 - "
	             "1/\\rho$."},
	{"ar1_batch", "The seed motivates the formula with time-series data, which its model "
	              "(the same rho for every pair) does not cover: in an AR(1) batch pairs k "
	              "apart correlate with rho^k, and for rho > 0 the formula overstates the "
	              "variance of the batch mean (understates it for rho < 0).",
	 .brief = "AR(1) time series lie outside it: the variance is overstated",
	 .text_tex = "The seed motivates the formula with time-series data, which its model "
	             "(the same $\\rho$ for every pair) does not cover: in an AR(1) batch "
	             "pairs $k$ apart correlate with $\\rho^k$, and for $\\rho > 0$ the "
	             "formula overstates the variance of the batch mean (understates it for "
	             "$\\rho < 0$)."},
	{"ar1_long", "The seed reads the formula as a floor: for rho > 0 the variance tends to "
	             "rho sigma^2 however large the batch. For the time-series data it cites this "
	             "does not hold: an AR(1) batch mean has variance "
	             "(sigma^2/m)(1 + 2 sum_{k<m} (1 - k/m) rho^k), which tends to "
	             "sigma^2 (1 + rho)/((1 - rho) m) and so still vanishes like 1/m: the batch "
	             "acts like m (1 - rho)/(1 + rho) independent samples, not like a single one.",
	 .brief = "No floor for AR(1) data: the variance still falls like 1/m",
	 .brief_tex = "No floor for AR(1) data: the variance still falls like $1/m$",
	 .text_tex = "The seed reads the formula as a floor: for $\\rho > 0$ the variance "
	             "tends to $\\rho\\sigma^2$ however large the batch. For the time-series "
	             "data it cites this does not hold: an AR(1) batch mean has variance "
	             "$\\frac{\\sigma^2}{m}\\bigl(1 + 2\\sum_{k<m} (1 - k/m)\\rho^k\\bigr)$, "
	             "which tends to $\\sigma^2 (1 + \\rho)/\\bigl((1 - \\rho) m\\bigr)$ and "
	             "so still vanishes like $1/m$: the batch acts like $m(1 - \\rho)/(1 + "
	             "\\rho)$ independent samples, not like a single one."},
};

extern const struct bc_sim bc_sim_corr_batch_var;

const struct bc_claim bc_claim_corr_batch_var = {
	.id = "corr_batch_var",
	.title = "Variance of the mean of a correlated batch",
	.source = "seed 000_afccf42146ca7ee5.txt, section 小批量方法的核心权衡",
	.seed_formula = "sigma_eff^2 = sigma^2 (1 + (m-1) rho) / m",
	.seed_tex = "\\sigma_{\\mathrm{eff}}^2 = \\sigma^2 \\frac{1 + (m-1)\\rho}{m}",
	.model = "X_1..X_m with Var(X_i) = sigma^2 and Corr(X_i, X_j) = rho for all i != j (as "
	         "the seed states), any law; such a batch exists only for -1/(m-1) <= rho <= 1",
	.model_tex = "$X_1,\\dots,X_m$ with $\\operatorname{Var}X_i = \\sigma^2$ and "
	             "$\\operatorname{Corr}(X_i,X_j) = \\rho$ for all $i \\ne j$ (as the seed "
	             "states), any law; such a batch exists only for $-1/(m-1) \\le \\rho \\le 1$",
	.seed_status = BC_SEED_EXACT,
	.findings = findings,
	.n_findings = sizeof findings / sizeof *findings,
	.params = params,
	.n_params = sizeof params / sizeof *params,
	.validate = validate,
	.theory = theory,
	.theory_mpfr = theory_mpfr,
	.ulp_bound = 2.0, /* four correctly rounded operations: at most 2 ulp */
	.sweep_edges = sweep_edges,
	.sim = &bc_sim_corr_batch_var,
	.points = points,
	.n_points = sizeof points / sizeof *points,
	.variants = variants,
	.n_variants = sizeof variants / sizeof *variants,
	.seed_quote = "设每个$X_i$具有相同的均值$\\mu$和[方差](@entry_id:200758)$\\sigma^2$。如果样"
	              "本之间不是独立的，而是存在一个共同的成对[相关系数](@entry_id:147037)$\\rho$（"
	              "即对所有$i \\neq j$，$\\operatorname{Corr}(X_i, X_j) = \\rho$），那么小批量均"
	              "值估计$G = \\frac{1}{m} \\sum_{i=1}^{m} X_{i}$的[方差](@entry_id:200758)将不"
	              "再是简单的$\\frac{\\sigma^2}{m}$。 [...] 代入$\\operatorname{Var}(X_i) = \\sigma^2$"
	              "和$\\operatorname{Cov}(X_i, X_j) = \\rho\\sigma^2$，我们得到：\n"
	              "$$\n"
	              "\\sigma_{\\text{eff}}^2 = \\frac{1}{m^2} (m\\sigma^2 + m(m-1)\\rho\\sigma^2) "
	              "= \\sigma^2 \\frac{1+(m-1)\\rho}{m}\n"
	              "$$",
	.seed_quote_en = "Let every $X_i$ have the same mean $\\mu$ and variance $\\sigma^2$. If "
	                 "the samples are not independent but share a common pairwise correlation "
	                 "coefficient $\\rho$ (that is, $\\operatorname{Corr}(X_i, X_j) = \\rho$ "
	                 "for all $i \\neq j$), the variance of the mini-batch mean $G = "
	                 "\\frac{1}{m}\\sum_{i=1}^m X_i$ is no longer simply $\\sigma^2/m$. [...] "
	                 "Substituting $\\operatorname{Var}(X_i) = \\sigma^2$ and "
	                 "$\\operatorname{Cov}(X_i, X_j) = \\rho\\sigma^2$, we obtain "
	                 "$\\sigma_{\\text{eff}}^2 = \\sigma^2 (1 + (m-1)\\rho)/m$.",
};
