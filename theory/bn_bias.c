/*
 * bn_bias - bias of the mini-batch gradient through a batch-normalisation layer.
 *
 * Seed 000, section 批量依赖计算的偏差：以批量归一化为例: for a BN layer with only a scale
 * gamma and a loss l(gamma) proportional to (gamma r_i)^4, r_i the batch-normalised
 * activation,
 *     b(m, gamma, lambda) = E[g_mb] - dL_pop/dgamma = -6 lambda gamma^3 / (m + 1),
 * and g_corr = c(m) g_mb with c(m) = (m + 1)/(m - 1) is unbiased.
 *
 * Model verified (every convention the seed leaves open, pinned):
 *   inputs   x_1..x_m i.i.d. N(mu, sigma^2), any mu and sigma > 0;
 *   BN       xbar = (1/m) sum x_i, v = (1/m) sum (x_i - xbar)^2 (the biased, 1/m variance
 *            BN uses in training), no epsilon: r_i = (x_i - xbar)/sqrt(v);
 *   loss     per sample l_i = (lambda/4) (gamma r_i)^4, mini-batch loss the batch MEAN
 *            L_mb = (1/m) sum l_i, so g_mb = dL_mb/dgamma = lambda gamma^3 (1/m) sum r_i^4;
 *            xbar and v are functions of the x_i only (gamma acts after normalising), so
 *            differentiating through them adds nothing;
 *   target   population BN, z = (x - mu)/sigma: L_pop = E[(lambda/4)(gamma z)^4], so
 *            dL_pop/dgamma = lambda gamma^3 E[z^4] = 3 lambda gamma^3.
 *
 * Derivation: r_i and hence g_mb are unchanged by x -> a + s x (s > 0), so mu and sigma
 * drop out; take mu = 0, sigma = 1. The deviations d = x - xbar are a standard Gaussian
 * vector in the (m-1)-dimensional subspace orthogonal to (1..1): its length |d| and its
 * direction d/|d| are independent, |d|^2 ~ chi^2_{m-1}. With r_i = sqrt(m) d_i/|d|,
 *     E[d_i^4] = 3 ((m-1)/m)^2 = E[|d|^4] E[(d_i/|d|)^4] = (m-1)(m+1) E[(d_i/|d|)^4],
 *     E[r_i^4] = m^2 E[(d_i/|d|)^4] = 3 (m-1)/(m+1),
 *     E[g_mb]  = lambda gamma^3 3 (m-1)/(m+1) = ((m-1)/(m+1)) dL_pop/dgamma,
 *     b        = 3 lambda gamma^3 ((m-1) - (m+1))/(m+1) = -6 lambda gamma^3/(m+1),   (agrees)
 *     c(m) E[g_mb] = dL_pop/dgamma exactly, so bias_corrected = 0.                   (agrees)
 *
 * Conditions and readings the seed does not state (findings):
 *  - The loss constant: the seed's "proportional to" must be lambda/4 (it never defines
 *    lambda); with lambda (gamma r)^4 the bias is four times larger (-24 lambda gamma^3/(m+1),
 *    planted variant loss_without_quarter, which the simulations reject).
 *  - The target: the seed frames the bias against the full-batch gradient, "the statistics of
 *    the whole data set", but its formula is against the population. A uniform m-subset of a
 *    training set of N i.i.d. Gaussians is itself i.i.d., so E[g_mb] is as above and the
 *    full-batch gradient averages 3 lambda gamma^3 (N-1)/(N+1): the bias against it is
 *    -6 lambda gamma^3 (N-m)/((m+1)(N+1)), 0 at N = m and the seed's only as N -> infinity
 *    (outside point finite_data).
 *  - The variance convention: with v = (1/(m-1)) sum (x_i - xbar)^2, r_i^4 gains the factor
 *    ((m-1)/m)^2, so E[g_mb] = 3 lambda gamma^3 (m-1)^3/(m^2 (m+1)) and
 *    b = -3 lambda gamma^3 (4m^2 - 3m + 1)/(m^2 (m+1)), (4m^2 - 3m + 1)/(2m^2) times the
 *    seed's: 11/8 at m = 2, 53/32 at m = 4, 233/128 at m = 8, tending to 2 as m grows.
 *    c(m) then leaves -3 lambda gamma^3 (2m-1)/m^2 (outside points unbiased_var,
 *    unbiased_corr; planted variant unbiased_reading).
 *  - Gaussianity: E[r_i^4] above uses the Gaussian law's rotational symmetry. For another
 *    law E[g_mb] is not lambda gamma^3 3(m-1)/(m+1) and the target is lambda gamma^3 kappa
 *    (kappa its fourth standardised moment): the formula fails for a skewed, a heavy-tailed
 *    and a light-tailed input alike (outside points skewed_exp, uniform_corr, laplace).
 *  - No epsilon: BN's usual r_i = (x_i - xbar)/sqrt(v + eps) makes the bias depend on sigma^2
 *    relative to eps (outside point bn_epsilon); eps << sigma^2 is needed.
 *  - "The bias is negative" only for lambda gamma^3 > 0: it is a shrinkage of the gradient by
 *    (m-1)/(m+1) towards 0, so for gamma < 0 the bias is positive (point negative_gamma).
 *  - m >= 2: at m = 1 every r_i is 0/0. At m = 2 every r_i = +-1 and at m = 3
 *    (1/m) sum r_i^4 = 3/2 whatever the input law: g_mb is a constant there, so the formula
 *    holds at m = 2, 3 for any law with E[z^4] = 3, and c(m) g_mb is then the population
 *    gradient in every single batch (tested; no Gaussianity needed below m = 4).
 *
 * Numerics: no difference is formed (the -6 is the exact difference of the two integer
 * numerators, done in MPFR). -6 lambda gamma^3/(m+1) is built from frexp() mantissas in
 * double-double and scaled once by ldexp(), so no intermediate underflows or overflows
 * anywhere in the domain. The mantissa is then within a hair of correctly rounded, so the
 * result is within 1/2 ulp, or 3/4 ulp for a subnormal result (ldexp rounds a second time).
 * Plain products round five times: 3.5 ulp measured over random inputs.
 */
#include <math.h>
#include <stdio.h>

#include "bc_claim.h"

enum { M, GAMMA, LAMBDA, VAR, LAW, MU, SIGMA, EPS, DATA };

static const char *const vars[] = {"biased", "unbiased", NULL};
static const char *const laws[] = {"gauss", "uniform", "laplace", "exp", NULL};

static const struct bc_param params[] = {
	[M] = {.name = "m", .kind = BC_INT, .lo = 2, .hi = 1e9,
	       .help = "batch size (m = 1 normalises 0/0)"},
	[GAMMA] = {.name = "gamma", .kind = BC_REAL, .lo = -1e60, .hi = 1e60,
	           .help = "BN scale; |gamma| <= 1e60 keeps 6 lambda gamma^3 finite"},
	[LAMBDA] = {.name = "lambda", .kind = BC_REAL, .lo = 0, .hi = 1e100, .lo_open = true,
	            .help = "loss scale: per-sample loss (lambda/4) (gamma r)^4"},
	[VAR] = {.name = "var", .kind = BC_CHOICE, .choices = vars,
	         .deflt = "biased", .sim_only = true,
	         .help = "batch variance divides by m (biased, the model) or m-1 (unbiased)"},
	[LAW] = {.name = "law", .kind = BC_CHOICE, .choices = laws,
	         .deflt = "gauss", .sim_only = true,
	         .help = "input law: Gaussian (the model), uniform, Laplace, or exponential (skewed)"},
	[MU] = {.name = "mu", .kind = BC_REAL, .lo = -1e3, .hi = 1e3, .deflt = "0", .sim_only = true,
	        .help = "input mean"},
	[SIGMA] = {.name = "sigma", .kind = BC_REAL, .lo = 1e-3, .hi = 1e3,
	           .deflt = "1", .sim_only = true,
	           .help = "input standard deviation"},
	[EPS] = {.name = "eps", .kind = BC_REAL, .lo = 0, .hi = 1e3, .deflt = "0", .sim_only = true,
	         .help = "BN epsilon: r = (x - mean)/sqrt(var + eps) (0 in the model)"},
	[DATA] = {.name = "data", .kind = BC_INT, .lo = 0, .hi = 1e6,
	          .deflt = "0", .sim_only = true,
	          .help = "0 (the model): target the population gradient; N >= m: draw a training set of N, "
	          "the batch from it without replacement, and target its full-batch BN gradient"},
};

/*
 * k lambda gamma^3 / d, from the mantissas of gamma and lambda with one final scaling, so
 * no intermediate leaves the normal range whatever the exponents. The products are carried
 * as double-doubles (fma gives each product's rounding error exactly) and the quotient gets
 * one Newton correction, so the mantissa is within a hair of correctly rounded; only a
 * subnormal result is then rounded a second time, by ldexp.
 *
 * For `make mutate`: in exact arithmetic every error term e2..e5 and the Newton correction
 * are 0, and each fma pairs the high part it is given with its exact error, so a mutant of
 * an error term, of a high part (other than a division by fg, 0 at gamma = 0) or of the
 * correction computes the same real function: a formula wrong in MPFR as well would not
 * differ, only the double-vs-MPFR sweep sees it (marked mc-equivalent below).
 */
static double lambda_gamma3_times(double lambda, double gamma, double k, double d)
{
	int eg, el;
	double fg = frexp(gamma, &eg), fl = frexp(lambda, &el);
	double p2 = fg * fg, e2 = fma(fg, fg, -p2);                  /* fg^2 = p2 + e2 */
	/* mutate: mc-equivalent +->- *->/#2: an error term (see above) */
	double p3 = p2 * fg, e3 = fma(p2, fg, -p3) + e2 * fg;        /* fg^3 ~ p3 + e3 */
	/* mutate: mc-equivalent: error terms and a high part (fl > 0: lambda > 0) */
	double p4 = p3 * fl, e4 = fma(p3, fl, -p4) + e3 * fl;        /* fg^3 fl */
	/* mutate: mc-equivalent: error terms and a high part (k = -6) */
	double p5 = p4 * k, e5 = fma(p4, k, -p5) + e4 * k;           /* k fg^3 fl */
	/* mutate: mc-equivalent: the first guess, which the correction makes exact */
	double q = p5 / d;
	/* mutate: mc-equivalent: the Newton correction, 0 in exact arithmetic */
	q += (fma(-q, d, p5) + e5) / d;
	return ldexp(q, 3 * eg + el);
}

static void theory(const struct bc_args *in, struct bc_outputs *out)
{
	double m = in->x[M], gamma = in->x[GAMMA], lambda = in->x[LAMBDA];
	out->n = 3;
	snprintf(out->name[0], BC_NAME_LEN, "bias");
	snprintf(out->name[1], BC_NAME_LEN, "c");
	snprintf(out->name[2], BC_NAME_LEN, "bias_corrected");
	out->v[0] = lambda_gamma3_times(lambda, gamma, -6, m + 1);
	out->v[1] = (m + 1) / (m - 1);
	out->v[2] = 0.0; /* c(m) 3 (m-1)/(m+1) - 3 = 0 exactly */
}

/*
 * The derivation's pieces at high precision: E[(1/m) sum r^4] = 3(m-1)/(m+1) against the
 * target's E[z^4] = 3, over common denominators whose numerators are exact integers.
 */
static void theory_mpfr(const struct bc_args *in, mpfr_t *out)
{
	mpfr_prec_t prec = mpfr_get_prec(out[0]);
	mpfr_t lg3, mm1, mp1, num, den;
	mpfr_inits2(prec, lg3, mm1, mp1, num, den, (mpfr_ptr)0);
	mpfr_set_d(lg3, in->x[GAMMA], MPFR_RNDN);
	mpfr_pow_ui(lg3, lg3, 3, MPFR_RNDN);
	mpfr_mul_d(lg3, lg3, in->x[LAMBDA], MPFR_RNDN);
	mpfr_set_d(mm1, in->x[M], MPFR_RNDN);
	mpfr_sub_ui(mm1, mm1, 1, MPFR_RNDN); /* m - 1, exact */
	mpfr_set_d(mp1, in->x[M], MPFR_RNDN);
	mpfr_add_ui(mp1, mp1, 1, MPFR_RNDN); /* m + 1, exact */

	/* bias = lambda gamma^3 (3(m-1) - 3(m+1)) / (m+1) */
	mpfr_sub(num, mm1, mp1, MPFR_RNDN);
	mpfr_mul_ui(num, num, 3, MPFR_RNDN);
	mpfr_mul(out[0], lg3, num, MPFR_RNDN);
	mpfr_div(out[0], out[0], mp1, MPFR_RNDN);

	/* c = (m+1)/(m-1) */
	mpfr_div(out[1], mp1, mm1, MPFR_RNDN);

	/* bias_corrected = lambda gamma^3 ((m+1) 3(m-1) - 3 (m-1)(m+1)) / ((m-1)(m+1)) */
	mpfr_mul(den, mm1, mp1, MPFR_RNDN); /* < 2^60: exact */
	mpfr_mul_ui(num, den, 3, MPFR_RNDN);
	mpfr_mul_ui(out[2], den, 3, MPFR_RNDN);
	mpfr_sub(num, num, out[2], MPFR_RNDN);
	mpfr_mul(out[2], lg3, num, MPFR_RNDN);
	mpfr_div(out[2], out[2], den, MPFR_RNDN);
	mpfr_clears(lg3, mm1, mp1, num, den, (mpfr_ptr)0);
}

/*
 * Where the double is most fragile: results that cross into the subnormal range (rounded
 * twice there), and ordinary mantissas that exercise every rounding. Visited once per
 * (m, lambda) of the grid, from the grid's gamma = 0 row.
 */
static void sweep_edges(const struct bc_args *grid, void (*visit)(const struct bc_args *, void *),
                        void *ctx)
{
	if (grid->x[GAMMA] != 0)
		return;
	struct bc_args in = *grid;
	double m = grid->x[M], lambda = grid->x[LAMBDA];
	/* |gamma| at which 6 lambda gamma^3/(m+1) is the smallest normal double */
	double g0 = exp((log(0x1p-1022) + log(m + 1) - log(6) - log(lambda)) / 3);
	static const double around[] = {0x1p-20, 0x1p-12, 0x1p-6, 0.3, 0.77, 0.999, 1.0,
	                                1.001, 1.3, 2.9, 17.0};
	for (size_t i = 0; i < sizeof around / sizeof *around; i++)
		for (int s = -1; s <= 1; s += 2) {
			in.x[GAMMA] = s * g0 * around[i];
			if (fabs(in.x[GAMMA]) <= 1e60)
				visit(&in, ctx);
		}
	for (int k = 1; k <= 40; k++) {
		in.x[GAMMA] = (1 + k / 7.3) * pow(10, (k % 9) - 4) * (k % 2 ? 1 : -1);
		visit(&in, ctx);
	}
}

#define ARGS(in) double m = in->x[M], gamma = in->x[GAMMA], lambda = in->x[LAMBDA]

static double over_m(const struct bc_args *in)
{
	ARGS(in);
	return -6 * lambda * gamma * gamma * gamma / m;
}

static double over_m_minus_1(const struct bc_args *in)
{
	ARGS(in);
	return -6 * lambda * gamma * gamma * gamma / (m - 1);
}

static double half_coefficient(const struct bc_args *in)
{
	ARGS(in);
	return -3 * lambda * gamma * gamma * gamma / (m + 1);
}

static double loss_without_quarter(const struct bc_args *in)
{
	ARGS(in);
	return -24 * lambda * gamma * gamma * gamma / (m + 1);
}

static double gamma_squared(const struct bc_args *in)
{
	ARGS(in);
	return -6 * lambda * gamma * gamma / (m + 1);
}

static double unbiased_reading(const struct bc_args *in)
{
	ARGS(in);
	return -3 * lambda * gamma * gamma * gamma * (4 * m * m - 3 * m + 1) / (m * m * (m + 1));
}

/* c'(m) = m/(m-1): c' 3(m-1)/(m+1) - 3 = -3/(m+1), times lambda gamma^3. */
static double correction_m_over_m_minus_1(const struct bc_args *in)
{
	ARGS(in);
	return -3 * lambda * gamma * gamma * gamma / (m + 1);
}

static const struct bc_variant variants[] = {
	{"over_m", "bias", "m where m+1 belongs: -6 lambda gamma^3 / m", over_m,
	 .what_tex = "$m$ where $m+1$ belongs: $-6\\lambda\\gamma^3/m$"},
	{"over_m_minus_1", "bias", "divided by m-1: -6 lambda gamma^3 / (m-1)", over_m_minus_1,
	 .what_tex = "divided by $m-1$: $-6\\lambda\\gamma^3/(m-1)$"},
	{"half_coefficient", "bias", "the coefficient halved: -3 lambda gamma^3 / (m+1)",
	 half_coefficient,
	 .what_tex = "the coefficient halved: $-3\\lambda\\gamma^3/(m+1)$"},
	{"loss_without_quarter", "bias",
	 "per-sample loss lambda (gamma r)^4 instead of (lambda/4)(gamma r)^4: -24 lambda gamma^3/(m+1)",
	 loss_without_quarter,
	 .what_tex = "per-sample loss $\\lambda(\\gamma r)^4$ instead of "
	             "$\\frac{\\lambda}{4}(\\gamma r)^4$: $-24\\lambda\\gamma^3/(m+1)$"},
	{"gamma_squared", "bias", "wrong power of gamma: -6 lambda gamma^2 / (m+1)", gamma_squared,
	 .what_tex = "wrong power of $\\gamma$: $-6\\lambda\\gamma^2/(m+1)$"},
	{"unbiased_reading", "bias",
	 "the bias derived with the 1/(m-1) batch variance: -3 lambda gamma^3 (4m^2-3m+1)/(m^2(m+1))",
	 unbiased_reading,
	 .what_tex = "the bias derived with the $1/(m-1)$ batch variance: $-3\\lambda\\gamma^3 "
	             "(4m^2 - 3m + 1)/\\bigl(m^2 (m+1)\\bigr)$"},
	{"correction_m_over_m_minus_1", "bias_corrected",
	 "correction factor m/(m-1) instead of (m+1)/(m-1): leaves -3 lambda gamma^3/(m+1)",
	 correction_m_over_m_minus_1,
	 .what_tex = "correction factor $m/(m-1)$ instead of $(m+1)/(m-1)$: leaves "
	             "$-3\\lambda\\gamma^3/(m+1)$"},
};

static const struct bc_point points[] = {
	{"small_batch", BC_IN_REGIME, "m=4 gamma=1.5 lambda=0.5", "bias",
	 "Gaussian inputs, 1/m variance, no epsilon", NULL,
	 .why_tex = "Gaussian inputs, $1/m$ variance, no $\\epsilon$"},
	{"shifted_scaled", BC_IN_REGIME, "m=6 gamma=0.8 lambda=2 mu=5 sigma=3", "bias",
	 "input mean and scale drop out: N(5, 9) inputs give the same bias", NULL,
	 .why_tex = NULL},
	{"negative_gamma", BC_IN_REGIME, "m=16 gamma=-1.2 lambda=0.7", "bias",
	 "gamma < 0: the bias is positive (a shrinkage toward 0, not an underestimate)", NULL,
	 .why_tex = "$\\gamma < 0$: the bias is positive (a shrinkage toward 0, not an "
	            "underestimate)"},
	{"corrected", BC_IN_REGIME, "m=5 gamma=1.3 lambda=1", "bias_corrected",
	 "c(m) g_mb is unbiased; detectable error relative to the uncorrected bias", "bias",
	 .why_tex = "$c(m)\\,g_{\\mathrm{mb}}$ is unbiased; detectable error relative to the "
	            "uncorrected bias"},
	{"unbiased_var", BC_OUTSIDE, "m=8 gamma=1 lambda=1 var=unbiased", "bias",
	 "batch variance divided by m-1: the bias is -3(4m^2-3m+1)/(m^2(m+1)), not -6/(m+1)",
	 NULL,
	 .why_tex = "batch variance divided by $m-1$: the bias is $-3(4m^2 - 3m + "
	            "1)/\\bigl(m^2 (m+1)\\bigr)$, not $-6/(m+1)$"},
	{"unbiased_corr", BC_OUTSIDE, "m=8 gamma=1 lambda=1 var=unbiased",
	 "bias_corrected", "batch variance divided by m-1: c(m) leaves -3(2m-1)/m^2", "bias",
	 .why_tex = "batch variance divided by $m-1$: $c(m)$ leaves $-3(2m - 1)/m^2$"},
	{"skewed_exp", BC_OUTSIDE, "m=8 gamma=1 lambda=1 law=exp", "bias",
	 "skewed (exponential) inputs, kappa = 9: not Gaussian", NULL,
	 .why_tex = "skewed (exponential) inputs, $\\kappa = 9$: not Gaussian"},
	{"uniform_corr", BC_OUTSIDE, "m=6 gamma=1 lambda=1 law=uniform", "bias_corrected",
	 "light-tailed (uniform) inputs, kappa = 9/5: c(m) no longer removes the bias", "bias",
	 .why_tex = "light-tailed (uniform) inputs, $\\kappa = 9/5$: $c(m)$ no longer removes "
	            "the bias"},
	{"laplace", BC_OUTSIDE, "m=8 gamma=1 lambda=1 law=laplace", "bias",
	 "heavy-tailed (Laplace) inputs, kappa = 6: not Gaussian", NULL,
	 .why_tex = "heavy-tailed (Laplace) inputs, $\\kappa = 6$: not Gaussian"},
	{"bn_epsilon", BC_OUTSIDE, "m=8 gamma=1 lambda=1 eps=0.5", "bias",
	 "BN with epsilon = sigma^2/2 in both the batch and the population normalisation", NULL,
	 .why_tex = "BN with $\\epsilon = \\sigma^2/2$ in both the batch and the population "
	            "normalisation"},
	{"finite_data", BC_OUTSIDE, "m=4 gamma=1 lambda=1 data=8", "bias",
	 "target the full-batch gradient of a training set of N = 8, not the population: the bias "
	 "is -6(N-m)/((m+1)(N+1)) = -8/15 on average, not -6/5", NULL,
	 .why_tex = "target the full-batch gradient of a training set of $N = 8$, not the "
	            "population: the bias is $-6(N-m)/\\bigl((m+1)(N+1)\\bigr) = -8/15$ on "
	            "average, not $-6/5$"},
	{"whole_data", BC_OUTSIDE, "m=4 gamma=1 lambda=1 data=4", "bias",
	 "the batch is the whole training set (N = m): against the set's own full-batch gradient "
	 "the bias is -6(N-m)/((m+1)(N+1)) = 0 (up to rounding), not -6/5: the bias comes from "
	 "sampling the batch, not from BN itself", NULL,
	 .why_tex = "the batch is the whole training set ($N = m$): against the set's own "
	            "full-batch gradient the bias is $-6(N-m)/\\bigl((m+1)(N+1)\\bigr) = 0$ (up "
	            "to rounding), not $-6/5$: the bias comes from sampling the batch, not from "
	            "BN itself"},
};

extern const struct bc_sim bc_sim_bn_bias;

static const struct bc_finding findings[] = {
	{"loss_without_quarter",
	 "The seed says only that the loss is proportional to (gamma r_i)^4 and never defines "
	 "lambda. The stated bias holds for the per-sample loss (lambda/4)(gamma r_i)^4, which the "
	 "simulator pins; read as lambda (gamma r_i)^4 the bias would be four times larger, "
	 "-24 lambda gamma^3/(m+1), and the simulations reject that planted variant.",
	 .brief = "lambda undefined: the loss must be (lambda/4)(gamma r_i)^4",
	 .brief_tex = "$\\lambda$ undefined: the loss must be $\\frac{\\lambda}{4}(\\gamma r_i)^4$",
	 .text_tex = "The seed says only that the loss is proportional to $(\\gamma r_i)^4$ "
	             "and never defines $\\lambda$. The stated bias holds for the per-sample "
	             "loss $\\frac{\\lambda}{4}(\\gamma r_i)^4$, which the simulator pins; "
	             "read as $\\lambda(\\gamma r_i)^4$ the bias would be four times larger, "
	             "$-24\\lambda\\gamma^3/(m+1)$, and the simulations reject that planted "
	             "variant."},
	{"unbiased_var", "The seed does not say which batch variance BN uses. The formula needs the "
	                 "1/m variance; with the 1/(m-1) variance the bias is "
	                 "-3 lambda gamma^3 (4m^2 - 3m + 1)/(m^2 (m+1)), (4m^2 - 3m + 1)/(2m^2) times "
	                 "the seed's: 1.375 at m = 2, 1.66 at m = 4, 1.82 at m = 8, tending to 2 as m "
	                 "grows.",
	 .brief = "BN must use the 1/m variance: 1/(m-1) gives a larger bias",
	 .brief_tex = "BN must use the $1/m$ variance: $1/(m-1)$ gives a larger bias",
	 .text_tex = "The seed does not say which batch variance BN uses. The formula needs "
	             "the $1/m$ variance; with the $1/(m-1)$ variance the bias is "
	             "$-3\\lambda\\gamma^3 (4m^2 - 3m + 1)/\\bigl(m^2 (m+1)\\bigr)$, $(4m^2 - "
	             "3m + 1)/(2m^2)$ times the seed's: 1.375 at $m = 2$, 1.66 at $m = 4$, "
	             "1.82 at $m = 8$, tending to 2 as $m$ grows."},
	{"unbiased_corr", "With the 1/(m-1) batch variance the correction c(m) = (m+1)/(m-1) no longer "
	                  "removes the bias: -3 lambda gamma^3 (2m - 1)/m^2 remains.",
	 .brief = "With the 1/(m-1) variance c(m) leaves a bias",
	 .brief_tex = "With the $1/(m-1)$ variance $c(m)$ leaves a bias",
	 .text_tex = "With the $1/(m-1)$ batch variance the correction $c(m) = (m+1)/(m-1)$ no "
	             "longer removes the bias: $-3\\lambda\\gamma^3 (2m - 1)/m^2$ remains."},
	{"skewed_exp", "The seed does not say the inputs must be Gaussian. The derivation uses "
	               "Gaussianity, and every other law tested breaks the formula: for a skewed "
	               "(exponential) input the bias is many times larger.",
	 .brief = "Inputs must be Gaussian: skewed inputs, much larger bias"},
	{"laplace", "Heavy tails break it too: with Laplace inputs (kurtosis 6) the bias is "
	            "several times the formula's, with the same sign.",
	 .brief = "Heavy-tailed (Laplace) inputs break it too"},
	{"uniform_corr", "Light tails break the correction: with uniform inputs (kurtosis 9/5) "
	                 "c(m) = (m+1)/(m-1) no longer removes the bias: the corrected gradient is "
	                 "still biased, upwards.",
	 .brief = "Uniform inputs: c(m) no longer removes the bias",
	 .brief_tex = "Uniform inputs: $c(m)$ no longer removes the bias",
	 .text_tex = "Light tails break the correction: with uniform inputs (kurtosis $9/5$) "
	             "$c(m) = (m+1)/(m-1)$ no longer removes the bias: the corrected gradient "
	             "is still biased, upwards."},
	{"bn_epsilon", "The seed's BN has no epsilon. With the usual sqrt(v + eps) the bias depends on "
	               "eps relative to the input variance; the formula needs eps << sigma^2.",
	 .brief = "BN's epsilon must be negligible against the input variance",
	 .brief_tex = "BN's $\\epsilon$ must be negligible against the input variance",
	 .text_tex = "The seed's BN has no $\\epsilon$. With the usual $\\sqrt{v + \\epsilon}$ "
	             "the bias depends on $\\epsilon$ relative to the input variance; the "
	             "formula needs $\\epsilon \\ll \\sigma^2$."},
	{"finite_data", "The seed opens with the mini-batch gradient as an estimate of the full-batch "
	                "gradient and says BN's gradient uses the batch's statistics instead of those "
	                "of the whole data set, but its formula measures the bias against the "
	                "population (infinite-data) gradient. For a training set of N Gaussian samples, "
	                "the batch drawn from it without replacement, the bias against that set's "
	                "full-batch BN gradient is on average -6 lambda gamma^3 (N-m)/((m+1)(N+1)): "
	                "-8/15 instead of -6/5 at m = 4, N = 8, and 0 at N = m. The seed's value is the "
	                "limit N -> infinity.",
	 .brief = "Against a finite training set the bias is smaller",
	 .text_tex = "The seed opens with the mini-batch gradient as an estimate of the "
	             "full-batch gradient and says BN's gradient uses the batch's statistics "
	             "instead of those of the whole data set, but its formula measures the "
	             "bias against the population (infinite-data) gradient. For a training set "
	             "of $N$ Gaussian samples, the batch drawn from it without replacement, "
	             "the bias against that set's full-batch BN gradient is on average "
	             "$-6\\lambda\\gamma^3 (N-m)/\\bigl((m+1)(N+1)\\bigr)$: $-8/15$ instead of "
	             "$-6/5$ at $m = 4$, $N = 8$, and 0 at $N = m$. The seed's value is the "
	             "limit $N \\to \\infty$."},
	{"whole_data", "At N = m, when the batch is the whole training set (full-batch training), "
	               "BN's batch statistics are the data set's own and the bias against the "
	               "set's full-batch gradient is exactly 0 (the simulation gives 0 up to "
	               "rounding), not -6 lambda gamma^3/(m+1): the bias the seed describes comes "
	               "from sampling the batch out of a larger set.",
	 .brief = "A batch that is the whole training set has no bias",
	 .text_tex = "At $N = m$, when the batch is the whole training set (full-batch "
	             "training), BN's batch statistics are the data set's own and the bias "
	             "against the set's full-batch gradient is exactly 0 (the simulation gives 0 "
	             "up to rounding), not $-6\\lambda\\gamma^3/(m+1)$: the bias the seed "
	             "describes comes from sampling the batch out of a larger set."},
	{"negative_gamma", "The seed calls the bias negative and says the gradient underestimates the "
	                   "true one. It is a shrinkage by (m-1)/(m+1) towards 0: the magnitude is "
	                   "underestimated for every gamma, but for gamma < 0 the bias is positive.",
	 .brief = "'The bias is negative' fails for gamma < 0: a shrinkage",
	 .brief_tex = "`The bias is negative' fails for $\\gamma < 0$: a shrinkage",
	 .text_tex = "The seed calls the bias negative and says the gradient underestimates "
	             "the true one. It is a shrinkage by $(m-1)/(m+1)$ towards 0: the "
	             "magnitude is underestimated for every $\\gamma$, but for $\\gamma < 0$ "
	             "the bias is positive."},
};

const struct bc_claim bc_claim_bn_bias = {
	.id = "bn_bias",
	.title = "Bias of the mini-batch gradient through batch normalisation",
	.source = "seed 000_afccf42146ca7ee5.txt, section 批量依赖计算的偏差：以批量归一化为例",
	.seed_formula = "E[g_mb] - dL_pop/dgamma = -6 lambda gamma^3 / (m+1); c(m) = (m+1)/(m-1) "
	                "removes it",
	.seed_tex = "b(m,\\gamma,\\lambda) = \\mathbb{E}[g_{\\mathrm{mb}}] - \\frac{d\\mathcal{L}_{\\mathrm{pop}}}"
	            "{d\\gamma} = -\\frac{6\\lambda\\gamma^3}{m+1},\\quad c(m) = \\frac{m+1}{m-1}",
	.seed_status = BC_SEED_CONDITIONS,
	.findings = findings,
	.n_findings = sizeof findings / sizeof *findings,
	.plot_caption = "Top: the bias against the batch size m for Gaussian inputs, with the "
	                "1/m batch variance (the model) and the 1/(m-1) one, each uncorrected and "
	                "corrected by c(m), against the seed's formula and the derived laws. "
	                "Bottom, outside the model: the bias at m = 8 and m = 32 against the "
	                "inputs' kurtosis (uniform, Gaussian, Laplace, exponential), against the "
	                "seed's value for each m.",
	.plot_caption_tex = "Top: the bias against the batch size $m$ for Gaussian inputs, with "
	                    "the $1/m$ batch variance (the model) and the $1/(m-1)$ one, each "
	                    "uncorrected and corrected by $c(m)$, against the seed's formula and the "
	                    "derived laws. Bottom, outside the model: the bias at $m = 8$ and "
	                    "$m = 32$ against the inputs' kurtosis (uniform, Gaussian, Laplace, "
	                    "exponential), against the seed's value for each $m$.",
	.model = "x_i i.i.d. Gaussian (any mean and variance); BN r_i = (x_i - mean)/sqrt(v) with "
	         "v the 1/m batch variance and no epsilon; per-sample loss (lambda/4)(gamma r_i)^4, "
	         "mini-batch loss the batch mean; target: the same loss under population BN, "
	         "gradient 3 lambda gamma^3; m >= 2",
	.model_tex = "$x_i$ i.i.d.\\ Gaussian (any mean and variance); BN $r_i = (x_i - \\bar "
	             "x)/\\sqrt{v}$ with $v$ the $1/m$ batch variance and no $\\epsilon$; per-sample "
	             "loss $\\frac{\\lambda}{4}(\\gamma r_i)^4$, mini-batch loss the batch mean; "
	             "target: the same loss under population BN, gradient $3\\lambda\\gamma^3$; $m "
	             "\\ge 2$",
	.params = params,
	.n_params = sizeof params / sizeof *params,
	.validate = NULL,
	.theory = theory,
	.theory_mpfr = theory_mpfr,
	/* Measured worst over the sweep: 0.737 ulp (a subnormal bias, double rounding; 0.749 over
	 * 2e6 random inputs); analytic 3/4 plus the double-double's ~2^-100. Margin to 1. */
	.ulp_bound = 1.0,
	.sweep_edges = sweep_edges,
	.sim = &bc_sim_bn_bias,
	.points = points,
	.n_points = sizeof points / sizeof *points,
	.variants = variants,
	.n_variants = sizeof variants / sizeof *variants,
	.seed_quote = "例如，对于一个只包含缩放因子$\\gamma$的BN层和一个$\\ell(\\gamma) \\propto (\\gamma "
	              "r_i)^4$的损失函数（其中$r_i$是[批量归一化](@entry_id:634986)的激活值），小批"
	              "量梯度$g_{\\text{mb}}$的[期望值](@entry_id:153208)与真实总体梯度之间的偏差为[@problem_id:3150658]"
	              "：\n"
	              "$$\n"
	              "b(m, \\gamma, \\lambda) = \\mathbb{E}[g_{\\text{mb}}] - \\frac{d\\mathcal{L}_{\\text{pop}}}{d\\gamma} "
	              "= -\\frac{6\\lambda\\gamma^3}{m+1}\n"
	              "$$\n"
	              "其中$m$是[批量大小](@entry_id:174288)。这个偏差是负的，意味着朴素的小批量[梯"
	              "度系统](@entry_id:275982)性地低估了真实梯度。 [...] 幸运的是，对于这个特定的"
	              "模型，我们可以导出一个修正因子$c(m) = \\frac{m+1}{m-1}$，通过使用修正后的梯度$g_{\\text{corr}} "
	              "= c(m) g_{\\text{mb}}$来消除这种偏差。",
	.seed_quote_en = "For example, for a BN layer with only a scale factor $\\gamma$ and a loss "
	                 "$\\ell(\\gamma) \\propto (\\gamma r_i)^4$ (where $r_i$ is the "
	                 "batch-normalised activation), the bias of the expected mini-batch "
	                 "gradient $g_{\\text{mb}}$ against the true population gradient is "
	                 "$b(m,\\gamma,\\lambda) = \\mathbb{E}[g_{\\text{mb}}] - "
	                 "d\\mathcal{L}_{\\text{pop}}/d\\gamma = -6\\lambda\\gamma^3/(m+1)$, where "
	                 "$m$ is the batch size. The bias is negative: the naive mini-batch "
	                 "gradient systematically underestimates the true gradient. [...] "
	                 "Fortunately, for this particular model we can derive a correction factor "
	                 "$c(m) = (m+1)/(m-1)$ that removes the bias through the corrected gradient "
	                 "$g_{\\text{corr}} = c(m)\\,g_{\\text{mb}}$.",
};
