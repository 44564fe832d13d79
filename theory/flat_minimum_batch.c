/*
 * flat_minimum_batch - the batch size that holds SGD's stationary exploration radius at r
 * around a minimum whose Hessian has trace tau.
 *
 * Seed 000_afccf42146ca7ee5.txt, section 批量大小、噪声与曲率的相互作用: "through a
 * simplified Lyapunov-equation analysis ... under certain assumptions (在某些假设下), to keep
 * a fixed exploration radius r^2 = tr(S), S the stationary covariance of the parameters, the
 * batch size needed is
 *     b = eta sigma^2 d^2 / (2 tau r^2)";
 * read as: b is inversely proportional to tau, so a flatter minimum needs a larger batch for
 * the same r, and at a fixed b SGD explores less around sharper minima.
 *
 * The assumptions the seed does not state, found by deriving it. SGD x' = x - eta g near a
 * minimum, f = x^T H x / 2, g = H x + the mean of b per-sample noises, independent of each
 * other, of x and of the past (additive), covariance Sigma. The stationary covariance obeys
 * the discrete Lyapunov equation
 *     S = (I - eta H) S (I - eta H) + eta^2 Sigma / b.
 * "Simplified": dropping the eta^2 H S H term (the continuous-time, small-step limit) leaves
 * H S + S H = eta Sigma / b. With (A1) an isotropic Hessian H = (tau/d) I and (A2) isotropic
 * per-sample noise Sigma = sigma^2 I (sigma^2 PER COORDINATE), S = eta sigma^2 d /
 * (2 b tau) I, tr S = eta sigma^2 d^2 / (2 b tau), and tr S = r^2 gives the seed's b. Other
 * readings do not give d^2: sigma^2 as the total variance tr Sigma gives d, not d^2.
 *   The exact relation of the discrete process under (A1, A2): with lambda = tau/d, S =
 * eta sigma^2 / (b lambda (2 - eta lambda)) I, so
 *     b_exact = eta sigma^2 d^2 / (tau r^2 (2 - eta tau / d)) = b * 2 / (2 - eta tau / d),
 * which exists for eta tau / d < 2 (the stability edge). The seed's b is its eta tau/d -> 0
 * limit and undersizes the batch by the factor 2/(2 - eta tau/d) (1% at eta tau/d = 0.02):
 * at the seed's b the radius is r^2 2/(2 - eta tau/d), larger than promised.
 *   (A2) can be relaxed: under (A1) only tr Sigma = d sigma^2 enters (tr S = eta tr Sigma /
 * (b lambda (2 - eta lambda))). (A1) cannot: for any H with trace tau (and Sigma = sigma^2 I)
 * tr S = sum_j eta sigma^2 / (b lambda_j (2 - eta lambda_j)), and 1/(lambda (2 - eta lambda))
 * is convex, so by Jensen an anisotropic H of the same trace explores MORE: the trace alone
 * does not fix r (in the continuous limit tr S is proportional to tr H^-1 >= d^2 / tau).
 *   Not monotone in tau: at fixed eta, d, r, b_exact is proportional to 1/(tau (2 - eta
 * tau/d)), least at eta tau/d = 1; beyond it a sharper minimum needs a LARGER batch, and at
 * a fixed b explores more, not less.
 *
 * Outputs: b (the seed's), b_exact, and r2 = r^2, the radius both promise at their own b:
 * the simulator runs chains at one of them (an integer) and measures tr S.
 *
 * Numerics: b = (eta / (2 tau)) (sigma d / r)^2, five roundings, no overflow over the domain
 * (every intermediate within [1e-150, 1e168]); b_exact = b 2d / fma(-eta, tau, 2d), the
 * margin 2d - eta tau rounded once (d <= 1e9 is exact), so no cancellation near the edge:
 * about 8 roundings. The MPFR reference evaluates the literal formulas, eta tau exact.
 */
#include <math.h>
#include <stdio.h>

#include "bc_claim.h"

enum { ETA, SIGMA, D, TAU, R, BATCH, BSIM, LAW, HSPREAD, NSPREAD };

static const char *const batches[] = {"exact", "seed", NULL};
static const char *const laws[] = {"gauss", "uniform", "laplace", "exp", NULL};

static const struct bc_param params[] = {
	[ETA] = {.name = "eta", .kind = BC_REAL, .lo = 1e-15, .hi = 1e15,
	         .help = "learning rate (eta tau / d < 2)"},
	[SIGMA] = {.name = "sigma", .kind = BC_REAL, .lo = 1e-30, .hi = 1e30,
	           .help = "per-sample gradient-noise standard deviation per coordinate"},
	[D] = {.name = "d", .kind = BC_INT, .lo = 1, .hi = 1e9, .help = "dimension"},
	[TAU] = {.name = "tau", .kind = BC_REAL, .lo = 1e-15, .hi = 1e15,
	         .help = "trace of the Hessian (eta tau / d < 2: beyond it SGD diverges)"},
	[R] = {.name = "r", .kind = BC_REAL, .lo = 1e-30, .hi = 1e30,
	       .help = "stationary exploration radius, r^2 = tr S (a b below 1 means no batch "
	               "keeps SGD that close: b = 1 explores the most)"},
	[BATCH] = {.name = "batch", .kind = BC_CHOICE, .choices = batches, .deflt = "exact",
	           .sim_only = true,
	           .help = "chains run at b_exact or at the seed's b (it must be an integer)"},
	[BSIM] = {.name = "bsim", .kind = BC_INT, .lo = 0, .hi = 1e6, .deflt = "0",
	          .sim_only = true,
	          .help = "0, or run the chains at this batch instead (for plots: r2 is then "
	                  "tr S there, which the relations put at r^2 b / bsim and "
	                  "r^2 b_exact / bsim)"},
	[LAW] = {.name = "law", .kind = BC_CHOICE, .choices = laws, .deflt = "gauss",
	         .sim_only = true, .help = "law of the per-sample noise draws"},
	[HSPREAD] = {.name = "hspread", .kind = BC_REAL, .lo = 0, .hi = 0.9, .deflt = "0",
	             .sim_only = true,
	             .help = "Hessian eigenvalues (tau/d)(1 + hspread x_j), x_j even in [-1, 1]: "
	                     "same trace, not isotropic (outside the regime when > 0)"},
	[NSPREAD] = {.name = "nspread", .kind = BC_REAL, .lo = 0, .hi = 0.9, .deflt = "0",
	             .sim_only = true,
	             .help = "noise variances sigma^2 (1 + nspread x_j): same mean, not isotropic"},
};

/* 2d - eta tau, rounded once. */
static double margin(const struct bc_args *in)
{
	return fma(-in->x[ETA], in->x[TAU], 2 * in->x[D]);
}

static int validate(const struct bc_args *in, char *err, size_t errlen)
{
	if (!(margin(in) > 0)) {
		snprintf(err, errlen, "parameters 'eta', 'tau' and 'd' are invalid together: "
		         "2 - eta*tau/d = %.3g, valid range is eta*tau/d < 2 (at 2 and beyond SGD "
		         "has no stationary state)", margin(in) / in->x[D]);
		return -1;
	}
	return 0;
}

static double seed_batch(const struct bc_args *in)
{
	double q = in->x[SIGMA] * in->x[D] / in->x[R];
	return in->x[ETA] / (2 * in->x[TAU]) * (q * q);
}

static void theory(const struct bc_args *in, struct bc_outputs *out)
{
	double b = seed_batch(in);
	out->n = 3;
	snprintf(out->name[0], BC_NAME_LEN, "b");
	snprintf(out->name[1], BC_NAME_LEN, "b_exact");
	snprintf(out->name[2], BC_NAME_LEN, "r2");
	out->v[0] = b;
	out->v[1] = b * (2 * in->x[D] / margin(in));
	out->v[2] = in->x[R] * in->x[R];
}

/* The literal formulas: eta sigma^2 d^2 / (2 tau r^2), and with tau r^2 (2 - eta tau/d). */
static void theory_mpfr(const struct bc_args *in, mpfr_t *out)
{
	mpfr_prec_t prec = mpfr_get_prec(out[0]) + 128;
	mpfr_t num, den, t;
	mpfr_inits2(prec, num, den, t, (mpfr_ptr)0);
	mpfr_set_d(num, in->x[SIGMA], MPFR_RNDN);
	mpfr_sqr(num, num, MPFR_RNDN);
	mpfr_mul_d(num, num, in->x[ETA], MPFR_RNDN);
	mpfr_mul_d(num, num, in->x[D], MPFR_RNDN);
	mpfr_mul_d(num, num, in->x[D], MPFR_RNDN); /* eta sigma^2 d^2 */
	mpfr_set_d(den, in->x[R], MPFR_RNDN);
	mpfr_sqr(den, den, MPFR_RNDN);
	mpfr_mul_d(den, den, in->x[TAU], MPFR_RNDN); /* tau r^2 */
	mpfr_div(t, num, den, MPFR_RNDN);
	mpfr_div_ui(out[0], t, 2, MPFR_RNDN);
	mpfr_set_d(t, in->x[ETA], MPFR_RNDN);
	mpfr_mul_d(t, t, in->x[TAU], MPFR_RNDN);
	mpfr_div_d(t, t, in->x[D], MPFR_RNDN);
	mpfr_ui_sub(t, 2, t, MPFR_RNDN);
	mpfr_mul(den, den, t, MPFR_RNDN);
	mpfr_div(out[1], num, den, MPFR_RNDN);
	mpfr_set_d(t, in->x[R], MPFR_RNDN);
	mpfr_sqr(out[2], t, MPFR_RNDN);
	mpfr_clears(num, den, t, (mpfr_ptr)0);
}

/* The fragile input is eta tau / d near 2: visit it at every grid eta and d (sigma and r
 * only scale b, so one grid value of each). */
static void sweep_edges(const struct bc_args *grid, void (*visit)(const struct bc_args *, void *),
                        void *ctx)
{
	if (grid->x[TAU] != params[TAU].lo || grid->x[SIGMA] != params[SIGMA].lo ||
	    grid->x[R] != params[R].lo)
		return;
	static const double ratios[] = {0x1p-40, 1e-3, 0.5, 1, 1.5, 1.999, 2 - 0x1p-30,
	                                2 - 0x1p-51};
	struct bc_args in = *grid;
	for (size_t i = 0; i < sizeof ratios / sizeof *ratios; i++) {
		double tau = ratios[i] * in.x[D] / in.x[ETA];
		for (int step = -2; step <= 2; step++) {
			in.x[TAU] = tau;
			for (int n = 0; n < (step < 0 ? -step : step); n++)
				in.x[TAU] = nextafter(in.x[TAU], step < 0 ? 0 : INFINITY);
			if (in.x[TAU] >= params[TAU].lo && in.x[TAU] <= params[TAU].hi &&
			    margin(&in) > 0)
				visit(&in, ctx);
		}
	}
}

/* Each variant is a wrong relation b'(r), of the form K'/r^2 like the seed's: asked what
 * radius chains at the simulated batch B have, it answers r'^2 = K'/B = b' r^2 / B. */
static double simulated_batch(const struct bc_args *in)
{
	if (in->x[BSIM] > 0)
		return in->x[BSIM];
	double b = seed_batch(in);
	return in->x[BATCH] == 1 ? b : b * (2 * in->x[D] / margin(in));
}

static double radius_of(const struct bc_args *in, double wrong_b)
{
	return wrong_b * (in->x[R] * in->x[R]) / simulated_batch(in);
}

static double continuous_time(const struct bc_args *in)
{
	return radius_of(in, seed_batch(in));
}

static double no_two(const struct bc_args *in)
{
	return radius_of(in, 2 * seed_batch(in));
}

static double d_not_d2(const struct bc_args *in)
{
	return radius_of(in, seed_batch(in) / in->x[D]);
}

static double sigma_not_squared(const struct bc_args *in)
{
	return radius_of(in, seed_batch(in) / in->x[SIGMA]);
}

static double plus_margin(const struct bc_args *in)
{
	double q = in->x[ETA] * in->x[TAU] / in->x[D];
	return radius_of(in, 2 * seed_batch(in) / (2 + q));
}

static const struct bc_variant variants[] = {
	{"continuous_time", "r2",
	 "the seed's own relation held against the discrete chain: b = eta sigma^2 d^2 / "
	 "(2 tau r^2), the eta tau/d -> 0 limit", continuous_time,
	 .what_tex = "the seed's own relation held against the discrete chain: $b = "
	             "\\eta\\sigma^2 d^2 / (2\\tau r^2)$, the $\\eta\\tau/d \\to 0$ limit"},
	{"no_two", "r2", "the 2 dropped: b = eta sigma^2 d^2 / (tau r^2)", no_two,
	 .what_tex = "the 2 dropped: $b = \\eta\\sigma^2 d^2 / (\\tau r^2)$"},
	{"d_not_d2", "r2",
	 "d for d^2 (sigma^2 read as the total noise variance tr Sigma)", d_not_d2,
	 .what_tex = "$d$ for $d^2$ ($\\sigma^2$ read as the total noise variance "
	             "$\\operatorname{tr}\\Sigma$)"},
	{"sigma_not_squared", "r2", "sigma for sigma^2", sigma_not_squared,
	 .what_tex = "$\\sigma$ for $\\sigma^2$"},
	{"plus_margin", "r2", "2 + eta tau/d for 2 - eta tau/d in the exact relation",
	 plus_margin,
	 .what_tex = "$2 + \\eta\\tau/d$ for $2 - \\eta\\tau/d$ in the exact relation"},
};

/* eta tau/d in [0.25, 1.5] so that chains mix fast (a burn-in of at most 29 steps); r is
 * chosen so that the relation's b is a small integer (the simulator runs only there): |x|^2
 * averaged over d coordinates and a window of at least 64 steps varies little, so the 1%
 * detectable error at power 0.9 needs fewer chains than the pilot's 10000. */
static const struct bc_point points[] = {
	{"iso_unit", BC_IN_REGIME, "eta=1 sigma=1 d=4 tau=4 r=1", "r2",
	 "chains at b_exact = 4 (eta tau/d = 1; the seed's b is 2): tr S = r^2", NULL,
	 .why_tex = "chains at $b_{\\mathrm{exact}} = 4$ ($\\eta\\tau/d = 1$; the seed's $b$ "
	            "is 2): $\\operatorname{tr} S = r^2$"},
	{"iso_quarter", BC_IN_REGIME, "eta=0.25 sigma=1.5 d=4 tau=4 r=0.6546536707079771",
	 "r2", "eta tau/d = 0.25, b_exact = 3: tr S = r^2 (the seed's b, 2.625, is 12.5% short)",
	 NULL,
	 .why_tex = "$\\eta\\tau/d = 0.25$, $b_{\\mathrm{exact}} = 3$: $\\operatorname{tr} S = "
	            "r^2$ (the seed's $b$, 2.625, is 12.5\\% short)"},
	{"aniso_noise", BC_IN_REGIME,
	 "eta=0.5 sigma=2 d=6 tau=6 r=1.4142135623730951 nspread=0.8 law=laplace", "r2",
	 "noise variances spread 9:1 with mean sigma^2 (heavy tails): only tr Sigma enters, "
	 "b_exact = 4", NULL,
	 .why_tex = "noise variances spread 9:1 with mean $\\sigma^2$ (heavy tails): only "
	            "$\\operatorname{tr}\\Sigma$ enters, $b_{\\mathrm{exact}} = 4$"},
	{"iso_d16", BC_IN_REGIME, "eta=0.3 sigma=0.5 d=16 tau=80 r=0.4898979485566356 law=uniform",
	 "r2", "16 dimensions, eta tau/d = 1.5, b_exact = 2", NULL,
	 .why_tex = "16 dimensions, $\\eta\\tau/d = 1.5$, $b_{\\mathrm{exact}} = 2$"},
	{"one_dim", BC_IN_REGIME, "eta=1 sigma=1 d=1 tau=1 r=0.5", "r2",
	 "d = 1, where the simulator spreads nothing (its grid x_j of spreads would divide by "
	 "d - 1 = 0): b_exact = 4, tr S = r^2", NULL,
	 .why_tex = "$d = 1$, where the simulator spreads nothing (its grid $x_j$ of spreads "
	            "would divide by $d - 1 = 0$): $b_{\\mathrm{exact}} = 4$, "
	            "$\\operatorname{tr} S = r^2$"},
	{"seed_batch", BC_OUTSIDE, "eta=0.5 sigma=1 d=4 tau=4 r=0.5 batch=seed", "r2",
	 "chains at the seed's b = 4 with eta tau/d = 0.5: tr S = r^2 2/(2 - 0.5) = 1.33 r^2, "
	 "the small-step limit not reached", NULL,
	 .why_tex = "chains at the seed's $b = 4$ with $\\eta\\tau/d = 0.5$: "
	            "$\\operatorname{tr} S = r^2 \\cdot 2/(2 - 0.5) = 1.33\\,r^2$, the "
	            "small-step limit not reached"},
	{"aniso_hessian", BC_OUTSIDE, "eta=1 sigma=1 d=4 tau=4 r=1 hspread=0.6", "r2",
	 "the same trace, eigenvalues (1 + 0.6 x_j) tau/d: tr S above r^2 at b_exact", NULL,
	 .why_tex = "the same trace, eigenvalues $(1 + 0.6\\,x_j)\\,\\tau/d$: "
	            "$\\operatorname{tr} S$ above $r^2$ at $b_{\\mathrm{exact}}$"},
};

static const struct bc_finding findings[] = {
	{"iso_unit",
	 "The seed's 'certain assumptions' are: additive noise independent across samples and "
	 "steps, an isotropic Hessian H = (tau/d) I, per-sample noise of variance sigma^2 PER "
	 "COORDINATE (sigma^2 as the total variance gives d, not d^2), and the continuous-time "
	 "Lyapunov equation H S + S H = eta Sigma / b, which drops eta^2 H S H. For the discrete "
	 "process the exact relation is b_exact = eta sigma^2 d^2 / (tau r^2 (2 - eta tau/d)), "
	 "for eta tau/d < 2; the chains confirm it (points iso_unit, iso_quarter, iso_d16). "
	 "Isotropic noise is not needed: only its trace enters (aniso_noise).",
	 .brief = "Unstated assumptions found; the exact discrete b verified",
	 .brief_tex = "Unstated assumptions found; the exact discrete $b$ verified",
	 .text_tex = "The seed's `certain assumptions' are: additive noise independent across "
	             "samples and steps, an isotropic Hessian $H = (\\tau/d)\\,I$, per-sample "
	             "noise of variance $\\sigma^2$ \\emph{per coordinate} ($\\sigma^2$ as the "
	             "total variance gives $d$, not $d^2$), and the continuous-time Lyapunov "
	             "equation $HS + SH = \\eta\\Sigma/b$, which drops $\\eta^2 HSH$. For the "
	             "discrete process the exact relation is $b_{\\mathrm{exact}} = "
	             "\\eta\\sigma^2 d^2 / \\bigl(\\tau r^2 (2 - \\eta\\tau/d)\\bigr)$, for "
	             "$\\eta\\tau/d < 2$; the chains confirm it (points \\texttt{iso\\_unit}, "
	             "\\texttt{iso\\_quarter}, \\texttt{iso\\_d16}). Isotropic noise is not "
	             "needed: only its trace enters (\\texttt{aniso\\_noise})."},
	{"seed_batch",
	 "The seed's b is the eta tau/d -> 0 limit of b_exact and undersizes the batch by the "
	 "factor 2/(2 - eta tau/d): 1% at eta tau/d = 0.02, 33% at 0.5 (this point: at the "
	 "seed's b the radius is 1.33 r), 100% at 1 (variant continuous_time, rejected). The "
	 "error's sign is always the same: SGD at the seed's b explores MORE than r.",
	 .brief = "The seed's b undersizes the batch by 2/(2 - eta tau/d)",
	 .brief_tex = "The seed's $b$ undersizes the batch by $2/(2 - \\eta\\tau/d)$",
	 .text_tex = "The seed's $b$ is the $\\eta\\tau/d \\to 0$ limit of "
	             "$b_{\\mathrm{exact}}$ and undersizes the batch by the factor $2/(2 - "
	             "\\eta\\tau/d)$: 1\\% at $\\eta\\tau/d = 0.02$, 33\\% at 0.5 (this point: "
	             "at the seed's $b$ the radius is $1.33\\,r$), 100\\% at 1 (variant "
	             "\\texttt{continuous\\_time}, rejected). The error's sign is always the "
	             "same: SGD at the seed's $b$ explores \\emph{more} than $r$."},
	{"aniso_hessian",
	 "The trace alone does not fix the radius: at the same tau an anisotropic Hessian gives "
	 "a larger tr S (1/(lambda (2 - eta lambda)) is convex, so by Jensen; in the continuous "
	 "limit tr S is proportional to tr H^-1 >= d^2/tau), so b must grow, not stay at the "
	 "seed's value. 'Flatness = small tr H' is not what sets the exploration radius.",
	 .brief = "The trace alone does not fix the radius (anisotropic H)",
	 .brief_tex = "The trace alone does not fix the radius (anisotropic $H$)",
	 .text_tex = "The trace alone does not fix the radius: at the same $\\tau$ an "
	             "anisotropic Hessian gives a larger $\\operatorname{tr} S$ "
	             "($1/\\bigl(\\lambda (2 - \\eta\\lambda)\\bigr)$ is convex, so by Jensen; "
	             "in the continuous limit $\\operatorname{tr} S$ is proportional to "
	             "$\\operatorname{tr} H^{-1} \\ge d^2/\\tau$), so $b$ must grow, not stay "
	             "at the seed's value. `Flatness $=$ small $\\operatorname{tr} H$' is not "
	             "what sets the exploration radius."},
	{"continuous_time",
	 "'b is inversely proportional to tau; at a fixed b SGD explores less around sharper "
	 "minima' holds only for eta tau/d < 1: the exact b is proportional to 1/(tau (2 - eta "
	 "tau/d)), least at eta tau/d = 1, and beyond it a sharper minimum needs a LARGER batch "
	 "for the same radius, and at a fixed b is explored more (plot).",
	 .brief = "'Sharper minima are explored less' only for eta tau/d < 1",
	 .brief_tex = "`Sharper minima are explored less' only for $\\eta\\tau/d < 1$",
	 .text_tex = "`$b$ is inversely proportional to $\\tau$; at a fixed $b$ SGD explores "
	             "less around sharper minima' holds only for $\\eta\\tau/d < 1$: the exact "
	             "$b$ is proportional to $1/\\bigl(\\tau (2 - \\eta\\tau/d)\\bigr)$, least "
	             "at $\\eta\\tau/d = 1$, and beyond it a sharper minimum needs a "
	             "\\emph{larger} batch for the same radius, and at a fixed $b$ is explored "
	             "more (plot)."},
};

extern const struct bc_sim bc_sim_flat_minimum_batch;

const struct bc_claim bc_claim_flat_minimum_batch = {
	.id = "flat_minimum_batch",
	.title = "Batch size that holds SGD's exploration radius around a minimum",
	.source = "seed 000_afccf42146ca7ee5.txt, section 批量大小、噪声与曲率的相互作用",
	.seed_formula = "b = eta sigma^2 d^2 / (2 tau r^2)",
	.seed_tex = "b = \\frac{\\eta \\sigma^{2} d^{2}}{2 \\tau r^{2}}",
	.model = "SGD x' = x - eta g near a minimum, f = x^T H x / 2 with H = (tau/d) I "
	         "(isotropic), g = H x + the mean of b per-sample noises, independent of each "
	         "other, of x and of the past, covariance Sigma with tr Sigma = d sigma^2 (sigma^2 "
	         "per coordinate), any law; r^2 = tr S, S the stationary covariance; the seed's b "
	         "solves the continuous-time Lyapunov equation H S + S H = eta Sigma / b, b_exact "
	         "the discrete one S = (I - eta H) S (I - eta H) + eta^2 Sigma / b, for "
	         "eta tau/d < 2",
	.model_tex = "SGD $x' = x - \\eta g$ near a minimum, $f = x^{\\top} H x/2$ with $H = "
	             "(\\tau/d)\\,I$ (isotropic), $g = Hx$ $+$ the mean of $b$ per-sample noises, "
	             "independent of each other, of $x$ and of the past, covariance $\\Sigma$ with "
	             "$\\operatorname{tr}\\Sigma = d\\sigma^2$ ($\\sigma^2$ per coordinate), any "
	             "law; $r^2 = \\operatorname{tr} S$, $S$ the stationary covariance; the seed's "
	             "$b$ solves the continuous-time Lyapunov equation $HS + SH = \\eta\\Sigma/b$, "
	             "$b_{\\mathrm{exact}}$ the discrete one $S = (I - \\eta H)S(I - \\eta H) + "
	             "\\eta^2\\Sigma/b$, for $\\eta\\tau/d < 2$",
	.seed_status = BC_SEED_CONDITIONS,
	.findings = findings,
	.n_findings = sizeof findings / sizeof *findings,
	.params = params,
	.n_params = sizeof params / sizeof *params,
	.validate = validate,
	.theory = theory,
	.theory_mpfr = theory_mpfr,
	.ulp_bound = 8, /* measured worst 5.59 (b_exact, eta tau/d near 2), plus margin */
	.sweep_edges = sweep_edges,
	.sim = &bc_sim_flat_minimum_batch,
	.points = points,
	.n_points = sizeof points / sizeof *points,
	.variants = variants,
	.n_variants = sizeof variants / sizeof *variants,
	.plot_caption = "The squared exploration radius tr S of SGD chains at a fixed batch (b = 4, "
	                "d = 4, eta = sigma = 1) against the sharpness eta tau/d. The seed's relation "
	                "(dashed, proportional to 1/tau) is the small-step limit of the exact one; "
	                "beyond eta tau/d = 1 sharper minima are explored MORE. Squares: Hessians of "
	                "the same trace, not isotropic, explore more than the trace predicts.",
	.plot_caption_tex = "The squared exploration radius $\\operatorname{tr} S$ of SGD chains at "
	                    "a fixed batch ($b = 4$, $d = 4$, $\\eta = \\sigma = 1$) against the "
	                    "sharpness $\\eta\\tau/d$. The seed's relation (dashed, proportional to "
	                    "$1/\\tau$) is the small-step limit of the exact one; beyond "
	                    "$\\eta\\tau/d = 1$ sharper minima are explored \\emph{more}. Squares: "
	                    "Hessians of the same trace, not isotropic, explore more than the trace "
	                    "predicts.",
	.seed_quote = "通过一个简化的[Lyapunov方程](@entry_id:165178)分析，我们可以建立起[批量大小](@entry_id:174288)$b$"
	              "、Hessian迹$\\tau$和[稳态](@entry_id:182458)探索半径$r$之间的关系。在某些假设"
	              "下，要维持一个固定的探索半径$r^2 = \\operatorname{tr}(S)$（其中$S$是参数的[稳"
	              "态](@entry_id:182458)协方差矩阵），所需的[批量大小](@entry_id:174288)为[@problem_id:3150555]"
	              "：\n"
	              "$$\n"
	              "b = \\frac{\\eta \\sigma^{2} d^{2}}{2 \\tau r^{2}}\n"
	              "$$",
	.seed_quote_en = "A simplified Lyapunov-equation analysis relates the batch size $b$, the "
	                 "Hessian trace $\\tau$ and the stationary exploration radius $r$. Under "
	                 "certain assumptions, holding the exploration radius at $r^2 = "
	                 "\\operatorname{tr}(S)$ (where $S$ is the stationary covariance matrix of "
	                 "the parameters) requires the batch size $b = \\eta\\sigma^2 d^2/(2\\tau "
	                 "r^2)$.",
};
