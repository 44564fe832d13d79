/*
 * noise_scale_progress - expected one-step decrease of F(u) = u^2/2 under mini-batch SGD at
 * the optimal learning rate, and that rate.
 *
 * Seed 000, section 批量大小的角色：何时"越大越好"？: with the noise scale
 * S = sigma^2 / |grad F|^2 (sigma^2 the per-sample gradient variance), on F(u) = u^2/2
 * (u the distance from the optimum), one SGD step at the optimal learning rate decreases F
 * in expectation by
 *     (dF)_opt = (1/2) u^2 / (1 + S/b).
 * The seed reads it: b << S gives ~ b u^2 / (2S), linear in b; b >> S gives ~ u^2/2, the
 * noiseless step's maximum; returns diminish once b reaches S, and in a worked example
 * S = 3 makes b ~ 3 the "拐点" (knee / inflection point) beyond which larger batches bring no
 * significant speed-up. It also says S is large "at the start, where the gradient signal
 * is strong" and small "near the minimum, where the signal is weak".
 *
 * Model verified (the seed leaves all of this open): one step from u (any real; F is
 * symmetric) on F(u) = u^2/2 exactly (curvature 1); the stochastic gradient is
 * g = u + (1/b) sum_{i=1}^b e_i with e_i independent, mean 0, variance sigma^2, any law
 * (the check points use Gaussian, uniform and skewed exponential noise); the step is
 * u' = u - eta g, and "optimal" means the eta maximising E[F(u) - F(u')] for the given
 * u, sigma, b (an oracle: it needs u). Outputs: dF = that maximum, eta = its argmax, and
 * F_next = E[F(u')] at eta, the minimum over eta of the expected objective after the step
 * (F_next = u^2/2 - dF), which the not_below points use (below).
 *
 * Derivation. E g = u, E g^2 = u^2 + sigma^2/b (independence), and
 *     F(u) - F(u') = (u^2 - (u - eta g)^2)/2 = eta u g - eta^2 g^2 / 2,
 *     E[dF](eta) = eta u^2 - (eta^2/2)(u^2 + sigma^2/b),
 * a concave parabola in eta with maximum at
 *     eta* = u^2 / (u^2 + sigma^2/b) = 1 / (1 + S/b) = b u^2 / (b u^2 + sigma^2),
 *     dF* = eta* u^2 / 2 = (1/2) u^2 / (1 + S/b)                              (agrees),
 *     F_next = u^2/2 - dF* = (u^2/2) (S/b) / (1 + S/b) = sigma^2 / (2 b (1 + S/b)).
 * Off the optimum, at eta = c eta*: E[dF] = dF* (1 - (1 - c)^2), so c = 1/2 and 3/2 keep
 * 3/4 of it and c = 2 none (sim switch lr = c; the not_below points). Nothing but the
 * first two moments of the e_i enters: no Gaussianity.
 *
 * "No other rate does better", checked. A BC_NOT_BELOW point fails only when its estimate is
 * significantly BELOW the theory, so it fits a minimum, not the maximum dF. The points at
 * lr != 1 therefore compare the simulated E[F(u')] at the rate lr eta* with F_next, its
 * minimum over eta: since F_next = F(u) - dF exactly, "E[F(u')] not below F_next" is "E[dF]
 * at that rate not above dF", one-sided at the same z. (Comparing dF itself at a not_below
 * point would test the wrong side: it would fail a rate that does worse and pass one that
 * does better.) The in-regime points check dF (and F_next) at lr = 1.
 *
 * Domain. u = 0 with sigma > 0: E[dF](eta) = -eta^2 sigma^2 / (2b), so eta* = 0 and
 * dF* = F_next = 0 exactly (also the limit u -> 0). sigma = 0 with u != 0: eta* = 1,
 * dF* = u^2/2, F_next = 0 exactly (the noiseless step lands on the optimum). u = 0 and
 * sigma = 0 together: every eta gives dF = 0, eta* is undefined, and validate() refuses
 * it. |u| and sigma are bounded by 1e150 so that u^2/2 and sigma^2/2 are finite doubles; b
 * is an integer in [1, 1e15] (exact in double).
 *
 * Numerics. All terms are positive, so nothing cancels; the danger is overflow and
 * underflow of u^2, sigma^2 and their ratio (sigma/u can be 1e300). With a = |u|, s = sigma:
 *   s <= a:  q = (s/a)^2 / b = S/b <= 1,  eta = 1/(1+q),  dF = (a/2)(a eta),
 *            F_next = s (s eta / (2b))  (= a^2 q eta / 2, but q may underflow where
 *            F_next does not);
 *   s > a:   p = b (a/s)^2 = b/S,  eta = p/(1+p),  dF = (a/2)(a eta),
 *            F_next = (a/2)(a / (1+p)).
 * Each is at most six correctly rounded operations on positive numbers, and a relative
 * error in q or p enters 1+q or 1+p damped by q/(1+q) < 1; the halvings come first, so a
 * result in the subnormal range is rounded once at its own spacing. ulp_bound is the
 * measured worst case plus a margin.
 */
#include <math.h>
#include <stdio.h>

#include "bc_claim.h"

enum { U, SIGMA, B, LAW, LR, RHO };

static const char *const laws[] = {"gauss", "uniform", "laplace", "exp", NULL};

static const struct bc_param params[] = {
	[U] = {.name = "u", .kind = BC_REAL, .lo = -1e150, .hi = 1e150,
	       .help = "distance from the optimum, F(u) = u^2/2 (any sign; u = 0 with sigma > 0 "
	       "returns the exact optimum eta = 0, dF = 0)"},
	[SIGMA] = {.name = "sigma", .kind = BC_REAL, .lo = 0, .hi = 1e150,
	           .help = "standard deviation of one per-sample gradient's noise (sigma = 0 with "
	           "u != 0 returns the noiseless step eta = 1, dF = u^2/2; u = sigma = 0 is "
	           "refused: every rate is optimal)"},
	[B] = {.name = "b", .kind = BC_INT, .lo = 1, .hi = 1e15,
	       .help = "batch size: independent per-sample gradients averaged"},
	[LAW] = {.name = "law", .kind = BC_CHOICE, .choices = laws, .deflt = "gauss",
	         .sim_only = true,
	         .help = "law of the per-sample noise, scaled to variance sigma^2: Gaussian, "
	         "uniform, Laplace or centred exponential (skewed)"},
	[LR] = {.name = "lr", .kind = BC_REAL, .lo = 0, .hi = 4, .deflt = "1", .sim_only = true,
	        .help = "the step's learning rate as a multiple of the formula's eta (1: the "
	        "optimum; E[dF] = dF (1 - (1 - lr)^2))"},
	[RHO] = {.name = "rho", .kind = BC_REAL, .lo = 0, .hi = 1, .deflt = "0", .sim_only = true,
	         .help = "correlation of the batch's per-sample noises through a shared factor "
	         "(0: independent, the model; > 0 breaks it)"},
};

static int validate(const struct bc_args *in, char *err, size_t errlen)
{
	if (in->x[U] == 0 && in->x[SIGMA] == 0) {
		snprintf(err, errlen, "parameters 'u' = 0 and 'sigma' = 0 are invalid together: "
		         "valid ranges are u in [-1e+150, 1e+150] and sigma in [0, 1e+150], not both 0 "
		         "(every learning rate gives dF = 0: eta is undefined)");
		return -1;
	}
	return 0;
}

static void theory(const struct bc_args *in, struct bc_outputs *out)
{
	double a = fabs(in->x[U]), s = in->x[SIGMA], b = in->x[B];
	double eta, fnext;
	if (s <= a) {
		double t = s / a, q = t * t / b; /* S/b <= 1 */
		eta = 1 / (1 + q);
		fnext = s * (s * eta / (2 * b));
	} else {
		double t = a / s, p = (b * t) * t; /* b/S; b t first: t^2 alone may be subnormal */
		double one_p = 1 + p;
		eta = p / one_p;
		fnext = (0.5 * a) * (a / one_p);
	}
	out->n = 3;
	snprintf(out->name[0], BC_NAME_LEN, "dF");
	snprintf(out->name[1], BC_NAME_LEN, "eta");
	snprintf(out->name[2], BC_NAME_LEN, "F_next");
	out->v[0] = (0.5 * a) * (a * eta);
	out->v[1] = eta;
	out->v[2] = fnext;
}

/* dF = u^4 b / (2 D), eta = b u^2 / D, F_next = u^2 sigma^2 / (2 D), D = b u^2 + sigma^2:
 * MPFR's exponent range holds every intermediate. */
static void theory_mpfr(const struct bc_args *in, mpfr_t *out)
{
	mpfr_prec_t prec = mpfr_get_prec(out[0]) + 64;
	mpfr_t u2, s2, bu2, d;
	mpfr_inits2(prec, u2, s2, bu2, d, (mpfr_ptr)0);
	mpfr_set_d(u2, in->x[U], MPFR_RNDN);
	mpfr_sqr(u2, u2, MPFR_RNDN);
	mpfr_set_d(s2, in->x[SIGMA], MPFR_RNDN);
	mpfr_sqr(s2, s2, MPFR_RNDN);
	mpfr_mul_d(bu2, u2, in->x[B], MPFR_RNDN);
	mpfr_add(d, bu2, s2, MPFR_RNDN);
	mpfr_div(out[1], bu2, d, MPFR_RNDN);          /* eta */
	mpfr_mul(out[0], u2, out[1], MPFR_RNDN);      /* u^2 eta */
	mpfr_div_2ui(out[0], out[0], 1, MPFR_RNDN);   /* dF */
	mpfr_mul(out[2], u2, s2, MPFR_RNDN);
	mpfr_div(out[2], out[2], d, MPFR_RNDN);
	mpfr_div_2ui(out[2], out[2], 1, MPFR_RNDN);   /* F_next */
	mpfr_clears(u2, s2, bu2, d, (mpfr_ptr)0);
}

/* The fragile inputs: the branch switch s = a and its neighbours, the crossover S = b
 * (sigma = |u| sqrt b), and magnitudes from subnormal to 1e150 on both sides of each other,
 * where u^2, sigma^2 or their ratio would overflow or underflow if formed naively. */
static void sweep_edges(const struct bc_args *grid, void (*visit)(const struct bc_args *, void *),
                        void *ctx)
{
	if (grid->x[U] != 1 || grid->x[SIGMA] != 1)
		return;
	static const double mags[] = {0x1p-1074, 1e-310, 1e-300, 1e-200, 1e-160, 1e-150, 1e-100,
	                              1e-30, 1e-8, 0.3, 1, 3.7, 1e8, 1e30, 1e100, 1e140, 1e150};
	struct bc_args in = *grid;
	int n = (int)(sizeof mags / sizeof *mags);
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++) {
			in.x[U] = mags[i];
			in.x[SIGMA] = mags[j];
			visit(&in, ctx);
			in.x[U] = -mags[i];
			visit(&in, ctx);
		}
	double b = grid->x[B];
	for (int i = 0; i < n; i++) {
		double a = mags[i];
		in.x[U] = a;
		/* sigma = a and its neighbours: the branch switch */
		in.x[SIGMA] = a;
		visit(&in, ctx);
		in.x[SIGMA] = nextafter(a, 0);
		visit(&in, ctx);
		in.x[SIGMA] = nextafter(a, INFINITY);
		if (in.x[SIGMA] <= 1e150)
			visit(&in, ctx);
		/* S = b: sigma = a sqrt(b), and S = 3b, S = b/3 */
		for (double k = 1.0 / 3; k <= 3; k *= 3) {
			in.x[SIGMA] = a * sqrt(b * k);
			if (in.x[SIGMA] <= 1e150)
				visit(&in, ctx);
		}
	}
}

#define ARGS(in) double u = in->x[U], s = in->x[SIGMA], b = in->x[B]

/* The planted variants are written plainly (they run only at check points). */
static double swapped_ratio(const struct bc_args *in)
{
	ARGS(in);
	return 0.5 * u * u / (1 + b * u * u / (s * s));
}

static double missing_half(const struct bc_args *in)
{
	ARGS(in);
	return u * u / (1 + s * s / (u * u * b));
}

static double sigma_not_squared(const struct bc_args *in)
{
	ARGS(in);
	return 0.5 * u * u / (1 + s / (u * u * b));
}

static double no_one_plus(const struct bc_args *in)
{
	ARGS(in);
	return 0.5 * u * u / (s * s / (u * u * b));
}

static double eta_squared(const struct bc_args *in)
{
	ARGS(in);
	double eta = 1 / (1 + s * s / (u * u * b));
	return 0.5 * u * u * eta * eta;
}

static const struct bc_variant variants[] = {
	{"swapped_S_over_b", "dF", "S/b written b/S: u^2 / (2 (1 + b/S))", swapped_ratio,
	 .what_tex = "$S/b$ written $b/S$: $u^2 / \\bigl(2 (1 + b/S)\\bigr)$"},
	{"missing_half", "dF", "the 1/2 dropped: u^2 / (1 + S/b)", missing_half,
	 .what_tex = "the $1/2$ dropped: $u^2 / (1 + S/b)$"},
	{"sigma_not_squared", "dF", "S = sigma / u^2 instead of sigma^2 / u^2", sigma_not_squared,
	 .what_tex = "$S = \\sigma/u^2$ instead of $\\sigma^2/u^2$"},
	{"dropped_one", "dF", "the b << S approximation b u^2 / (2S) used everywhere",
	 no_one_plus,
	 .what_tex = "the $b \\ll S$ approximation $b u^2/(2S)$ used everywhere"},
	{"eta_squared_u2_half", "dF", "eta*^2 u^2 / 2 (the noise term's share left in): "
	 "u^2 / (2 (1 + S/b)^2)", eta_squared,
	 .what_tex = "${\\eta^\\star}^2 u^2/2$ (the noise term's share left in): $u^2 / "
	             "\\bigl(2 (1 + S/b)^2\\bigr)$"},
};

#define SEED_EX "u=1 sigma=1.7320508075688772" /* S = 3 to 1e-16 (sqrt 3 rounded) */

static const struct bc_point points[] = {
	{"seed_example", BC_IN_REGIME, SEED_EX " b=3", "dF",
	 "the seed's worked example S = 3 at b = S = 3: dF = u^2/4, half the noiseless step "
	 "(S/b = b/S here: swapped_S_over_b coincides, the other points reject it)", NULL,
	 .why_tex = "the seed's worked example $S = 3$ at $b = S = 3$: $\\Delta F = u^2/4$, "
	            "half the noiseless step ($S/b = b/S$ here: "
	            "\\texttt{swapped\\_S\\_over\\_b} coincides, the other points reject it)"},
	{"near_min", BC_IN_REGIME, "u=0.5 sigma=1.5 b=4", "dF",
	 "near the minimum: weak gradient, S = 9 > b = 4 (progress nearly linear in b)", NULL,
	 .why_tex = "near the minimum: weak gradient, $S = 9 > b = 4$ (progress nearly linear "
	            "in $b$)"},
	{"far_start", BC_IN_REGIME, "u=-3 sigma=2.5 b=1", "dF",
	 "far from the minimum (u < 0): strong gradient, S = 0.69, b = 1 > S already", NULL,
	 .why_tex = "far from the minimum ($u < 0$): strong gradient, $S = 0.69$, $b = 1 > S$ "
	            "already"},
	{"exp_noise", BC_IN_REGIME, "u=2 sigma=3 b=4 law=exp", "dF",
	 "skewed (centred exponential) per-sample noise, S/b = 0.56: no Gaussianity needed",
	 NULL,
	 .why_tex = "skewed (centred exponential) per-sample noise, $S/b = 0.56$: no "
	            "Gaussianity needed"},
	{"uniform_b12", BC_IN_REGIME, SEED_EX " b=12 law=uniform", "dF",
	 "S = 3 at b = 4S: 80% of the noiseless step, 60% more than at b = S; uniform noise",
	 NULL,
	 .why_tex = "$S = 3$ at $b = 4S$: 80\\% of the noiseless step, 60\\% more than at $b = "
	            "S$; uniform noise"},
	{"lr_half", BC_NOT_BELOW, SEED_EX " b=3 lr=0.5", "F_next",
	 "half the optimal rate: E[F after] not below its minimum F_next (E[dF] = 3/4 dF)",
	 NULL,
	 .why_tex = "half the optimal rate: $\\mathrm{E}[F(u')]$ not below its "
	            "minimum $F_{\\mathrm{next}}$ ($\\mathrm{E}[\\Delta F] = "
	            "\\frac34\\,\\Delta F$)"},
	{"lr_0.8", BC_NOT_BELOW, SEED_EX " b=3 lr=0.8 law=laplace", "F_next",
	 "0.8 times the optimal rate, Laplace noise: E[F after] not below F_next", NULL,
	 .why_tex = "0.8 times the optimal rate, Laplace noise: "
	            "$\\mathrm{E}[F(u')]$ not below $F_{\\mathrm{next}}$"},
	{"lr_1.25", BC_NOT_BELOW, SEED_EX " b=3 lr=1.25", "F_next",
	 "1.25 times the optimal rate: E[F after] not below F_next", NULL,
	 .why_tex = "1.25 times the optimal rate: $\\mathrm{E}[F(u')]$ not below "
	            "$F_{\\mathrm{next}}$"},
	{"lr_double", BC_NOT_BELOW, "u=0.5 sigma=1 b=2 lr=2", "F_next",
	 "twice the optimal rate: no progress in expectation, E[F after] = F(u)", NULL,
	 .why_tex = "twice the optimal rate: no progress in expectation, "
	            "$\\mathrm{E}[F(u')] = F(u)$"},
	{"F_next_opt", BC_IN_REGIME, "u=0.5 sigma=1 b=2 law=laplace", "F_next",
	 "at the optimal rate E[F after] equals its minimum F_next (Laplace noise)", NULL,
	 .why_tex = "at the optimal rate $\\mathrm{E}[F(u')]$ equals its minimum "
	            "$F_{\\mathrm{next}}$ (Laplace noise)"},
	{"near_F_next", BC_IN_REGIME, "u=2 sigma=1.5 b=3", "F_next",
	 "F_next where sigma <= |u| with b > 1 (S/b = 0.19): the branch of the closed form that "
	 "far_start reaches only at b = 1 and no other point compares F_next in", NULL,
	 .why_tex = "$F_{\\mathrm{next}}$ where $\\sigma \\le |u|$ with $b > 1$ ($S/b = "
	            "0.19$): the branch of the closed form that \\texttt{far\\_start} reaches "
	            "only at $b = 1$ and no other point compares $F_{\\mathrm{next}}$ in"},
	{"shared_b1", BC_IN_REGIME, "u=1 sigma=1.2 b=1 rho=0.5", "dF",
	 "the shared-factor mechanism of shared_noise at b = 1: one sample's noise sigma "
	 "(sqrt(rho) Z + sqrt(1 - rho) E) has variance sigma^2 whatever rho, and only the first "
	 "two moments enter, so the model's dF holds; checks that mechanism against its own law",
	 NULL,
	 .why_tex = "the shared-factor mechanism of \\texttt{shared\\_noise} at $b = 1$: one "
	            "sample's noise $\\sigma(\\sqrt{\\rho}\\,Z + \\sqrt{1 - \\rho}\\,E)$ has "
	            "variance $\\sigma^2$ whatever $\\rho$, and only the first two moments "
	            "enter, so the model's $\\Delta F$ holds; checks that mechanism against "
	            "its own law"},
	{"shared_noise", BC_OUTSIDE, "u=1 sigma=1 b=64 rho=0.25", "dF",
	 "the batch's noises share a factor (correlation 0.25): b = 64 >> S = 1, but the mean's "
	 "noise variance is 0.26 sigma^2, not sigma^2/64; E[dF] = 0.373 against 0.492", NULL,
	 .why_tex = "the batch's noises share a factor (correlation 0.25): $b = 64 \\gg S = "
	            "1$, but the mean's noise variance is $0.26\\,\\sigma^2$, not "
	            "$\\sigma^2/64$; $\\mathrm{E}[\\Delta F] = 0.373$ against 0.492"},
};

static const struct bc_finding findings[] = {
	{"far_start", "The seed's examples of when S is large or small are swapped. "
	              "S = sigma^2 / |grad F|^2 is small where the gradient is strong (far from the "
	              "minimum, as at the start of training: here u = -3, S = 0.69) and large "
	              "where it is weak (near the minimum: point near_min, u = 0.5, S = 9; or on "
	              "a plateau, the seed's one correct example). The seed says S is large 'at "
	              "the start, where the gradient signal is strong' and small 'near the "
	              "minimum, where the signal is weak', and that small S means the signal may "
	              "be drowned in noise: small S means the signal dominates (algebra; the two "
	              "points illustrate it).",
	 .brief = "Its examples of a large and a small noise scale are swapped",
	 .text_tex = "The seed's examples of when $S$ is large or small are swapped. $S = "
	             "\\sigma^2/\\|\\nabla F\\|^2$ is small where the gradient is strong (far "
	             "from the minimum, as at the start of training: here $u = -3$, $S = "
	             "0.69$) and large where it is weak (near the minimum: point "
	             "\\texttt{near\\_min}, $u = 0.5$, $S = 9$; or on a plateau, the seed's "
	             "one correct example). The seed says $S$ is large `at the start, where "
	             "the gradient signal is strong' and small `near the minimum, where the "
	             "signal is weak', and that small $S$ means the signal may be drowned in "
	             "noise: small $S$ means the signal dominates (algebra; the two points "
	             "illustrate it)."},
	{"seed_example", "The worked example S = 3, b of about 3, is a knee only in a loose sense. "
	                 "dF(b) = (u^2/2) b / (b + S) is concave for every b > 0, so it has no "
	                 "inflection point (拐点 read literally) and its returns diminish from b = 1 "
	                 "on, not from b = S. What b = S marks is where the asymptotes b u^2/(2S) "
	                 "and u^2/2 cross: progress is half the noiseless step and each sample buys "
	                 "half what it buys when b << S. Larger batches still speed up each step "
	                 "substantially: b = 4S gives 80% of the noiseless step, 60% more than "
	                 "b = S (point uniform_b12); it is progress per sample, dF/b, that falls.",
	 .brief = "No knee at b = S: returns diminish from b = 1 on",
	 .brief_tex = "No knee at $b = S$: returns diminish from $b = 1$ on",
	 .text_tex = "The worked example $S = 3$, $b$ of about 3, is a knee only in a loose "
	             "sense. $\\Delta F(b) = \\frac{u^2}{2}\\,\\frac{b}{b + S}$ is concave for "
	             "every $b > 0$, so it has no inflection point (拐点 read literally) and its "
	             "returns diminish from $b = 1$ on, not from $b = S$. What $b = S$ marks "
	             "is where the asymptotes $b u^2/(2S)$ and $u^2/2$ cross: progress is half "
	             "the noiseless step and each sample buys half what it buys when $b \\ll "
	             "S$. Larger batches still speed up each step substantially: $b = 4S$ "
	             "gives 80\\% of the noiseless step, 60\\% more than $b = S$ (point "
	             "\\texttt{uniform\\_b12}); it is progress per sample, $\\Delta F/b$, that "
	             "falls."},
	{"lr_half", "The optimal learning rate eta* = 1/(1 + S/b) = b u^2 / (b u^2 + sigma^2), "
	            "which the seed does not state, depends on u, the distance to the optimum, "
	            "which SGD does not know (it sees only the stochastic gradient), and changes "
	            "every step: the formula is an oracle's progress. A misjudged rate c eta* "
	            "keeps dF (1 - (1 - c)^2) in expectation: 3/4 at c = 1/2 (this point) and "
	            "c = 3/2, nothing at c = 2 (point lr_double), an expected increase beyond.",
	 .brief = "The optimal rate needs u, which SGD does not know (an oracle)",
	 .brief_tex = "The optimal rate needs $u$, which SGD does not know (an oracle)",
	 .text_tex = "The optimal learning rate $\\eta^\\star = 1/(1 + S/b) = b u^2/(b u^2 + "
	             "\\sigma^2)$, which the seed does not state, depends on $u$, the distance "
	             "to the optimum, which SGD does not know (it sees only the stochastic "
	             "gradient), and changes every step: the formula is an oracle's progress. "
	             "A misjudged rate $c\\,\\eta^\\star$ keeps $\\Delta F\\,\\bigl(1 - (1 - "
	             "c)^2\\bigr)$ in expectation: $3/4$ at $c = 1/2$ (this point) and $c = "
	             "3/2$, nothing at $c = 2$ (point \\texttt{lr\\_double}), an expected "
	             "increase beyond."},
	{"shared_noise", "b must count independent samples, which the seed does not say. If the "
	                 "batch's per-sample noises are correlated (a shared factor, correlation "
	                 "rho), the mean's noise variance is sigma^2 (1 + (b-1) rho) / b, so the "
	                 "progress tends to u^2 / (2 (1 + rho S)), not u^2/2, as b grows: b >> S "
	                 "no longer gives the noiseless step (here b = 64, S = 1, rho = 0.25: "
	                 "E[dF] = 0.373 at the formula's rate, against its 0.492).",
	 .brief = "b must count independent samples: shared noise caps progress",
	 .brief_tex = "$b$ must count independent samples: shared noise caps progress",
	 .text_tex = "$b$ must count independent samples, which the seed does not say. If the "
	             "batch's per-sample noises are correlated (a shared factor, correlation "
	             "$\\rho$), the mean's noise variance is $\\sigma^2 \\bigl(1 + "
	             "(b-1)\\rho\\bigr)/b$, so the progress tends to $u^2/\\bigl(2 (1 + \\rho "
	             "S)\\bigr)$, not $u^2/2$, as $b$ grows: $b \\gg S$ no longer gives the "
	             "noiseless step (here $b = 64$, $S = 1$, $\\rho = 0.25$: "
	             "$\\mathrm{E}[\\Delta F] = 0.373$ at the formula's rate, against its "
	             "0.492)."},
	{"exp_noise", "The formula needs only the noise's mean 0 and variance sigma^2 and the "
	              "independence of the batch's samples: it holds for skewed (this point), "
	              "uniform (uniform_b12) and Laplace (F_next_opt) noise, not only Gaussian.",
	 .brief = "Any noise law of variance sigma^2 will do, not only Gaussian",
	 .brief_tex = "Any noise law of variance $\\sigma^2$ will do, not only Gaussian",
	 .text_tex = "The formula needs only the noise's mean 0 and variance $\\sigma^2$ and "
	             "the independence of the batch's samples: it holds for skewed (this "
	             "point), uniform (\\texttt{uniform\\_b12}) and Laplace "
	             "(\\texttt{F\\_next\\_opt}) noise, not only Gaussian."},
	{"near_min", "The formula assumes F(u) = u^2/2 exactly (curvature 1, the seed's own "
	             "example); for F = h u^2/2 it reads F(u) / (1 + S/b) with "
	             "S = sigma^2 / |grad F|^2 and eta* = 1 / (h (1 + S/b)) (algebra). Its "
	             "asymptote b u^2 / (2S) for b << S is right, but only an approximation at "
	             "moderate S/b (here S = 9, b = 4: dF is 31% of the noiseless step, against "
	             "44% from the asymptote).",
	 .brief = "Curvature fixed at 1; the b << S asymptote only approximate",
	 .brief_tex = "Curvature fixed at 1; the $b \\ll S$ asymptote only approximate",
	 .text_tex = "The formula assumes $F(u) = u^2/2$ exactly (curvature 1, the seed's own "
	             "example); for $F = h u^2/2$ it reads $F(u)/(1 + S/b)$ with $S = "
	             "\\sigma^2/\\|\\nabla F\\|^2$ and $\\eta^\\star = 1/\\bigl(h (1 + "
	             "S/b)\\bigr)$ (algebra). Its asymptote $b u^2/(2S)$ for $b \\ll S$ is "
	             "right, but only an approximation at moderate $S/b$ (here $S = 9$, $b = "
	             "4$: $\\Delta F$ is 31\\% of the noiseless step, against 44\\% from the "
	             "asymptote)."},
};

extern const struct bc_sim bc_sim_noise_scale_progress;

const struct bc_claim bc_claim_noise_scale_progress = {
	.id = "noise_scale_progress",
	.title = "One SGD step's progress against the batch size, relative to the noise scale",
	.source = "seed 000_afccf42146ca7ee5.txt, section 批量大小的角色：何时\"越大越好\"？",
	.seed_formula = "(dF)_opt = (1/2) u^2 / (1 + S/b), S = sigma^2 / |grad F|^2, F(u) = u^2/2",
	.seed_tex = "(\\Delta F)_{\\mathrm{opt}} = \\frac{1}{2}\\,\\frac{u^2}{1 + S/b},\\quad "
	            "S = \\frac{\\sigma^2}{\\|\\nabla F\\|^2}",
	.model = "F(u) = u^2/2; one step u' = u - eta g with g = u + (1/b) sum e_i, e_i "
	         "independent, mean 0, variance sigma^2, any law; dF = max over eta of "
	         "E[F(u) - F(u')], at eta = b u^2 / (b u^2 + sigma^2) (an oracle rate: it needs u); "
	         "F_next = E[F(u')] there; u = sigma = 0 refused",
	.model_tex = "$F(u) = u^2/2$; one step $u' = u - \\eta g$ with $g = u + \\frac1b\\sum_i "
	             "e_i$, the $e_i$ independent, mean 0, variance $\\sigma^2$, any law; $\\Delta F "
	             "= \\max_\\eta \\mathrm{E}[F(u) - F(u')]$, at $\\eta^\\star = bu^2/(bu^2 + "
	             "\\sigma^2)$ (an oracle rate: it needs $u$); $F_{\\mathrm{next}} = "
	             "\\mathrm{E}[F(u')]$ there; $u = \\sigma = 0$ refused",
	.seed_status = BC_SEED_CONDITIONS,
	.findings = findings,
	.n_findings = sizeof findings / sizeof *findings,
	.params = params,
	.n_params = sizeof params / sizeof *params,
	.validate = validate,
	.theory = theory,
	.theory_mpfr = theory_mpfr,
	.ulp_bound = 4, /* measured worst 2.89 ulp (dF at u = 1e-8, sigma = 3.7, b = 16), plus margin */
	.sweep_edges = sweep_edges,
	.sim = &bc_sim_noise_scale_progress,
	.points = points,
	.n_points = sizeof points / sizeof *points,
	.variants = variants,
	.n_variants = sizeof variants / sizeof *variants,
	.seed_quote = "噪声尺度$S$定义为单样本梯度[方差](@entry_id:200758)与当前真实梯度范数平方的比"
	              "值，即$S = \\frac{\\sigma^2}{\\|\\nabla f(w)\\|^2}$。 [...] 考虑目标函数$F(u) "
	              "= \\frac{1}{2}u^2$，其中$u$是与最优参数的偏差。经过推导可以发现，在使用最优["
	              "学习率](@entry_id:140210)时，SGD单步更新带来的期望目标函数下降量为：\n"
	              "$$\n"
	              "(\\Delta F)_{\\text{opt}} = \\frac{1}{2} \\frac{u^2}{1 + S/b}\n"
	              "$$",
	.seed_quote_en = "The noise scale $S$ is the ratio of the single-sample gradient variance "
	                 "to the squared norm of the current true gradient, $S = "
	                 "\\sigma^2/\\|\\nabla f(w)\\|^2$. [...] Consider the objective $F(u) = "
	                 "\\frac{1}{2}u^2$, where $u$ is the deviation from the optimal parameter. "
	                 "A derivation shows that with the optimal learning rate the expected "
	                 "decrease of the objective in one SGD step is $(\\Delta F)_{\\text{opt}} = "
	                 "\\frac{1}{2}\\,u^2/(1 + S/b)$.",
};
