/*
 * robust_step_bound - the largest SGD learning rate for which every possible mini-batch step
 * contracts, on a quadratic problem with one curvature outlier.
 *
 * Seed 000_afccf42146ca7ee5.txt, section 数据异质性的挑战: f_i(x) = L_i x^2 / 2, most samples
 * with curvature L_L, one outlier with a very large L_H. "To converge stably under any
 * possible batch (the update a contraction), eta must be small enough for the worst-case
 * batch." From |1 - (eta/b) sum_{i in B} L_i| < 1, the worst batch (largest sum) holds the
 * outlier and b - 1 samples L_L, so
 *     eta_robust = 2b / (L_H + (b - 1) L_L),
 * and "a single badly behaved point can severely limit the learning rate of the whole
 * optimisation, even if it is very rare in the data set".
 *
 * Model verified: N >= 2 samples, sample 0 with curvature L_H, samples 1..N-1 with L_L,
 * L_H >= L_L > 0; each SGD step draws its batch B of b distinct samples (without
 * replacement within the batch; 1 <= b <= N), every b-subset equally likely, independently
 * of the other steps; x <- x - (eta/b) sum_{i in B} L_i x. Outputs, at eta = r eta_robust:
 *   eta        2b / (L_H + (b-1) L_L): the supremum of the rates at which every possible
 *              step contracts (at eta = eta_robust itself the worst step has factor -1);
 *   eta_ms     the mean-square threshold: E x_{t+1}^2 = E[(1 - eta s_B/b)^2] x_t^2, which is
 *              < x_t^2 iff eta < 2 E[s_B/b] / E[(s_B/b)^2];
 *   ms_factor  E[(1 - eta s_B/b)^2], the per-step mean-square factor (< 1: converges in mean
 *              square);
 *   lyap       E[log |1 - eta s_B/b|], the per-step Lyapunov exponent (< 0: x_t -> 0 almost
 *              surely, by the strong law applied to sum_t log|factor_t|).
 *
 * Derivation. s_B = sum_{i in B} L_i takes two values: s_1 = L_H + (b-1) L_L when the
 * outlier is in the batch (probability p = b/N: hypergeometric, one marked sample among N)
 * and s_0 = b L_L otherwise. With L_H >= L_L, s_1 >= s_0, so the step contracts for every
 * batch iff eta s_1 / b < 2, i.e. eta < 2b / s_1 (agrees with the seed). With D = L_H - L_L:
 *     E[s/b] = (N L_L + D) / N,   E[(s/b)^2] = (b L_L (N L_L + 2D) + D^2) / (N b),
 *     eta_ms = 2b (N L_L + D) / (b L_L (N L_L + 2D) + D^2).
 * With f_1 = 1 - 2r (the outlier batch: eta s_1/b = 2r exactly) and
 *     f_0 = 1 - eta L_L = (L_H - (2rb - b + 1) L_L) / (L_H + (b-1) L_L),
 *     ms_factor = (b f_1^2 + (N-b) f_0^2) / N,  lyap = (b log|f_1| + (N-b) log|f_0|) / N.
 * By Jensen, lyap <= log(ms_factor)/2, so a.s. convergence reaches past eta_ms.
 *
 * What the seed leaves open or gets wrong (findings, each with its point):
 *  - "worst batch = outlier + b-1 others" needs batches of distinct samples. Drawn with
 *    replacement a batch can hold the outlier up to b times: worst sum b L_H and bound
 *    2/L_H, below the formula for b >= 2 and L_H > L_L (outside point with_repl).
 *  - L_H >= L_L is needed (the seed's "very large L_H"); for L_H < L_L the worst batch has
 *    no outlier and the bound is 2/L_L (when N - 1 >= b): refused by the domain.
 *  - The bound is sufficient, not necessary: it guarantees that every step contracts, but
 *    SGD converges in mean square up to eta_ms and almost surely up to where lyap = 0, far
 *    past eta_robust when the outlier is rare (points ms_past_bound, as_past_ms). The seed's
 *    reading that eta "must be" below it for stable convergence is overly strict.
 *
 * Numerics. eta: 2b exact, fma(b-1, L_L, L_H) one rounding, one division: <= 1 ulp.
 * eta_ms: every term is positive (no cancellation), about ten roundings. ms_factor and lyap:
 * f_0 is formed as 1 - x (x = 2rb L_L / s_1) when x <= 1/2, else as (L_H - c L_L) / s_1
 * with the numerator split into exact parts (two-sum, fma); log|f| uses log1p for small arguments. Near a zero of f_0 or of
 * lyap itself the result is ill-conditioned (the ulp sweep measures how much). A rate at
 * which some batch's step lands exactly on x = 0 (f = 0: r = 1/2, or f_0 = 0) has lyap =
 * -infinity and is refused. Ranges: L in [1e-100, 1e100], b, N <= 1e9, r in (0, 1e6]: every
 * intermediate stays a normal double.
 */
#include <math.h>
#include <stdio.h>

#include "bc_claim.h"

enum { B, N, LH, LL, R, T, REPL };

#define R_MAX 1e6

static const char *const repls[] = {"without", "with", NULL};

static const struct bc_param params[] = {
	[B] = {.name = "b", .kind = BC_INT, .lo = 1, .hi = 1e9,
	       .help = "batch size, at most N (distinct samples in a batch)"},
	[N] = {.name = "N", .kind = BC_INT, .lo = 2, .hi = 1e9,
	       .help = "number of samples: one outlier and N-1 ordinary ones"},
	[LH] = {.name = "LH", .kind = BC_REAL, .lo = 1e-100, .hi = 1e100,
	        .help = "curvature of the outlier, at least LL"},
	[LL] = {.name = "LL", .kind = BC_REAL, .lo = 1e-100, .hi = 1e100,
	        .help = "curvature of every other sample"},
	[R] = {.name = "r", .kind = BC_REAL, .lo = 0, .hi = R_MAX, .lo_open = true, .deflt = "1",
	       .help = "learning rate in units of the formula: eta = r * 2b/(LH + (b-1) LL) (for "
	               "ms_factor and lyap); not 1/2 nor where a batch's step lands exactly on 0"},
	[T] = {.name = "T", .kind = BC_INT, .lo = 1, .hi = 1e6, .deflt = "64", .sim_only = true,
	       .help = "SGD steps (batches) per replicate"},
	[REPL] = {.name = "repl", .kind = BC_CHOICE, .choices = repls, .deflt = "without",
	          .sim_only = true,
	          .help = "how a batch is drawn: b distinct samples (the model), or b independent "
	                  "draws with replacement (outside the model)"},
};

/* c = 2rb - b + 1, so that 1 - eta L_L = (L_H - c L_L) / (L_H + (b-1) L_L), exactly, at
 * 256 bits (2rb has at most 84 significant bits, c L_L at most 137): its sign decides
 * whether a step can land on 0. */
static int f0_sign_exact(const struct bc_args *in)
{
	mpfr_t c;
	mpfr_init2(c, 256);
	mpfr_set_d(c, in->x[R], MPFR_RNDN);
	mpfr_mul_d(c, c, 2 * in->x[B], MPFR_RNDN);
	mpfr_sub_d(c, c, in->x[B] - 1, MPFR_RNDN);
	mpfr_mul_d(c, c, in->x[LL], MPFR_RNDN);
	mpfr_d_sub(c, in->x[LH], c, MPFR_RNDN);
	int s = mpfr_sgn(c);
	mpfr_clear(c);
	return s;
}

static int validate(const struct bc_args *in, char *err, size_t errlen)
{
	if (in->x[B] > in->x[N]) {
		snprintf(err, errlen, "parameter 'b' = %.0f is invalid for N = %.0f: valid range is "
		         "integer in [1, N] = [1, %.0f] (a batch holds distinct samples)", in->x[B],
		         in->x[N], in->x[N]);
		return -1;
	}
	if (in->x[LH] < in->x[LL]) {
		snprintf(err, errlen, "parameter 'LH' = %.17g is invalid for LL = %.17g: valid range "
		         "is [LL, 1e100] (the outlier is the sample of largest curvature; for LH < LL "
		         "the worst batch holds no outlier)", in->x[LH], in->x[LL]);
		return -1;
	}
	if (in->x[R] == 0.5 || f0_sign_exact(in) == 0) {
		snprintf(err, errlen, "parameter 'r' = %.17g is invalid here: valid range is (0, 1e6] "
		         "except 1/2 and (LH + (b-1) LL)/(2b LL), where a batch's step lands exactly "
		         "on x = 0 and lyap = -infinity", in->x[R]);
		return -1;
	}
	return 0;
}

/* L_H - (2rb - b + 1) L_L, the numerator of f_0, to about one rounding even where it
 * cancels (near the zero of f_0): 2br and c L_L are split exactly (fma gives a product's
 * error, the two-sum a sum's), so only the tiny correction terms are rounded. */
static double f0_numerator(double b, double r, double lh, double ll)
{
	double ph = 2 * b * r, pl = fma(2 * b, r, -ph); /* 2br = ph + pl exactly */
	/* mutate: mc-equivalent: in exact arithmetic e = ph + (1 - b) - s whatever s and v are,
	 * so s + e, the only use of s, is unchanged (the two-sum compensates; only the
	 * double-vs-MPFR sweep sees such a mutant) */
	double s = ph + (1 - b), v = s - ph;
	double e = (ph - (s - v)) + ((1 - b) - v); /* c = s + e + pl exactly */
	double t = s * ll, tl = fma(s, ll, -t);    /* s L_L = t + tl exactly */
	/* mutate: mc-equivalent -->+#2 -->+#3 +->- *->/ -tl->(nothing) +pl->(nothing): tl, pl
	 * and e are 0 in exact arithmetic, so is (e + pl) L_L with these mutants */
	return ((lh - t) - tl) - (e + pl) * ll;
}

/*
 * log |1 - x| for a step factor 1 - x, x = eta a >= 0, given accurate forms of the two
 * quantities that cancel: one = 1 - x (near x = 1) and g = 2 - x (near x = 2, where
 * |1 - x| = 1 - g is near 1 and the log must not lose it).
 */
static double log_abs_factor(double x, double one, double g)
{
	if (x <= 0.5)
		return log1p(-x);
	if (x <= 1.5)
		return log(fabs(one));
	/* mutate: equivalent cmp: at x = 3 both branches give log 2 (g = 2 - x = -1) */
	/* mutate: mc-equivalent int: both branches are log |1 - x| (log1p(-g) = log(x - 1)),
	 * in different accurate forms, for x in (2, 4] */
	if (x <= 3)
		return log1p(-g);
	return log(x - 1);
}

static void theory(const struct bc_args *in, struct bc_outputs *out)
{
	double b = in->x[B], n = in->x[N], lh = in->x[LH], ll = in->x[LL], r = in->x[R];
	double s1 = fma(b - 1, ll, lh); /* the worst batch's sum */
	double d = lh - ll;
	double nl = fma(n, ll, d);
	double eta_ms = 2 * b * nl / fma(b * ll, fma(n, ll, 2 * d), d * d);

	/* x1 = eta s_1 / b = 2r exactly: 1 - 2r is exact for r in [1/4, 3/4], 2 - 2r for r in
	 * [3/4, 3/2] */
	double x1 = 2 * r;
	double l1 = log_abs_factor(x1, 1 - x1, 2 - x1);
	double x0 = 2 * r * (b * (ll / s1)); /* eta L_L; b L_L / s_1 <= 1: no spurious underflow */
	double l0 = log_abs_factor(x0, f0_numerator(b, r, lh, ll) / s1,
	                           2 * f0_numerator(b, r / 2, lh, ll) / s1);
	double f1 = 1 - x1, f0 = x0 <= 0.5 ? 1 - x0 : f0_numerator(b, r, lh, ll) / s1;

	out->n = 4;
	snprintf(out->name[0], BC_NAME_LEN, "eta");
	out->v[0] = 2 * b / s1;
	snprintf(out->name[1], BC_NAME_LEN, "eta_ms");
	out->v[1] = eta_ms;
	snprintf(out->name[2], BC_NAME_LEN, "ms_factor");
	out->v[2] = fma(b, f1 * f1, (n - b) * (f0 * f0)) / n;
	snprintf(out->name[3], BC_NAME_LEN, "lyap");
	out->v[3] = fma(b, l1, (n - b) * l0) / n;
}

/* LH - (2br - b + 1) LL, exactly (at most 84 + 53 significant bits), into num. */
static void numerator_mpfr(mpfr_t num, double r, double b, double lh, double ll)
{
	mpfr_set_d(num, r, MPFR_RNDN);
	mpfr_mul_d(num, num, 2 * b, MPFR_RNDN);
	mpfr_sub_d(num, num, b - 1, MPFR_RNDN);
	mpfr_mul_d(num, num, ll, MPFR_RNDN);
	mpfr_d_sub(num, lh, num, MPFR_RNDN);
}

/*
 * x <- log |1 - x| (x = eta a, approximate on entry), where 1 - x = num(r)/s and
 * 2 - x = 2 num(r/2)/s, num(r) = lh - (2br - b + 1) ll (for the outlier's factor pass
 * b = 1, lh = ll = 1, s = 1: 1 - 2r).
 */
static void log_abs_factor_mpfr(mpfr_t x, double r, double b, double lh, double ll,
                                const mpfr_t s)
{
	mpfr_t f;
	mpfr_init2(f, 256 + mpfr_get_prec(x));
	if (mpfr_cmp_d(x, 0.5) <= 0) {
		mpfr_neg(x, x, MPFR_RNDN);
		mpfr_log1p(x, x, MPFR_RNDN);
	} else if (mpfr_cmp_d(x, 1.5) <= 0) {
		numerator_mpfr(f, r, b, lh, ll);
		mpfr_div(f, f, s, MPFR_RNDN);
		mpfr_abs(f, f, MPFR_RNDN);
		mpfr_log(x, f, MPFR_RNDN);
	} else if (mpfr_cmp_d(x, 3) <= 0) {
		numerator_mpfr(f, r / 2, b, lh, ll);
		mpfr_mul_2ui(f, f, 1, MPFR_RNDN);
		mpfr_div(f, f, s, MPFR_RNDN);
		mpfr_neg(f, f, MPFR_RNDN);
		mpfr_log1p(x, f, MPFR_RNDN);
	} else {
		mpfr_sub_ui(x, x, 1, MPFR_RNDN);
		mpfr_log(x, x, MPFR_RNDN);
	}
	mpfr_clear(f);
}

static void theory_mpfr(const struct bc_args *in, mpfr_t *out)
{
	mpfr_prec_t prec = mpfr_get_prec(out[0]) + 64;
	mpfr_t b, n, lh, ll, s1, d, t, u, f1, f0, one;
	mpfr_inits2(prec, b, n, lh, ll, s1, d, t, u, f1, f0, one, (mpfr_ptr)0);
	mpfr_set_ui(one, 1, MPFR_RNDN);
	mpfr_set_d(b, in->x[B], MPFR_RNDN);
	mpfr_set_d(n, in->x[N], MPFR_RNDN);
	mpfr_set_d(lh, in->x[LH], MPFR_RNDN);
	mpfr_set_d(ll, in->x[LL], MPFR_RNDN);
	/* s1 = LH + (b-1) LL */
	mpfr_sub_ui(t, b, 1, MPFR_RNDN);
	mpfr_mul(t, t, ll, MPFR_RNDN);
	mpfr_add(s1, t, lh, MPFR_RNDN);
	mpfr_mul_ui(out[0], b, 2, MPFR_RNDN);
	mpfr_div(out[0], out[0], s1, MPFR_RNDN);
	/* eta_ms = 2 E[s/b] / E[(s/b)^2], from the two batch types directly (not the
	 * simplified form the double uses): p = b/N, a1 = s1/b, a0 = LL */
	mpfr_div(t, s1, b, MPFR_RNDN); /* a1 */
	mpfr_sub(u, n, b, MPFR_RNDN);  /* N - b */
	mpfr_mul(d, t, b, MPFR_RNDN);  /* b a1 */
	mpfr_fma(d, u, ll, d, MPFR_RNDN); /* b a1 + (N-b) a0 = N E[a] */
	mpfr_sqr(f0, t, MPFR_RNDN);
	mpfr_mul(f0, f0, b, MPFR_RNDN); /* b a1^2 */
	mpfr_sqr(f1, ll, MPFR_RNDN);
	mpfr_fma(f0, u, f1, f0, MPFR_RNDN); /* N E[a^2] */
	mpfr_div(out[1], d, f0, MPFR_RNDN);
	mpfr_mul_ui(out[1], out[1], 2, MPFR_RNDN);
	/* eta = r 2b / s1; x1 = eta a1, x0 = eta LL (the steps' factors are 1 - x) */
	mpfr_mul_d(t, out[0], in->x[R], MPFR_RNDN); /* eta */
	mpfr_mul(f1, t, s1, MPFR_RNDN);
	mpfr_div(f1, f1, b, MPFR_RNDN);
	mpfr_mul(f0, t, ll, MPFR_RNDN);
	/* ms_factor = (b (1 - x1)^2 + (N-b) (1 - x0)^2) / N */
	mpfr_ui_sub(t, 1, f1, MPFR_RNDN);
	mpfr_sqr(t, t, MPFR_RNDN);
	mpfr_mul(t, t, b, MPFR_RNDN);
	mpfr_ui_sub(d, 1, f0, MPFR_RNDN);
	mpfr_sqr(d, d, MPFR_RNDN);
	mpfr_fma(t, u, d, t, MPFR_RNDN);
	mpfr_div(out[2], t, n, MPFR_RNDN);
	/* lyap = (b log|1 - x1| + (N-b) log|1 - x0|) / N, each log from an exact form where
	 * it cancels (the same branches as the double) */
	log_abs_factor_mpfr(f1, in->x[R], 1, 1, 1, one);
	log_abs_factor_mpfr(f0, in->x[R], in->x[B], in->x[LH], in->x[LL], s1);
	mpfr_mul(t, f1, b, MPFR_RNDN);
	mpfr_fma(t, u, f0, t, MPFR_RNDN);
	mpfr_div(out[3], t, n, MPFR_RNDN);
	mpfr_clears(b, n, lh, ll, s1, d, t, u, f1, f0, one, (mpfr_ptr)0);
}

/* Fragile inputs: L_H = L_L (D = 0), L_H a hair above L_L, b = N (every batch the whole
 * set), r near 1/2 (the outlier step near 0) and near the zero of f_0. */
static void sweep_edges(const struct bc_args *grid, void (*visit)(const struct bc_args *, void *),
                        void *ctx)
{
	if (grid->x[R] != 1)
		return;
	struct bc_args in = *grid;
	in.x[LH] = grid->x[LL];
	visit(&in, ctx);
	in.x[LH] = nextafter(grid->x[LL], INFINITY);
	visit(&in, ctx);
	in = *grid;
	in.x[B] = grid->x[N];
	visit(&in, ctx);
	in = *grid;
	for (double rel = 1e-12; rel < 0.1; rel *= 100) {
		in.x[R] = 0.5 * (1 + rel);
		visit(&in, ctx);
		in.x[R] = 0.5 * (1 - rel);
		visit(&in, ctx);
		/* f_0 = 0 at r0 = s1 / (2b LL) */
		double r0 = fma(grid->x[B] - 1, grid->x[LL], grid->x[LH]) / (2 * grid->x[B] * grid->x[LL]);
		if (r0 * (1 + rel) > R_MAX)
			continue; /* that zero lies beyond r's range */
		in.x[R] = r0 * (1 + rel);
		visit(&in, ctx);
		in.x[R] = r0 * (1 - rel);
		visit(&in, ctx);
	}
}

#define ARGS(in) double b = in->x[B], n = in->x[N], lh = in->x[LH], ll = in->x[LL]

static double missing_factor_2(const struct bc_args *in)
{
	ARGS(in);
	(void)n;
	return b / (lh + (b - 1) * ll);
}

static double off_by_one_b(const struct bc_args *in)
{
	ARGS(in);
	(void)n;
	return 2 * b / (lh + b * ll);
}

static double average_batch(const struct bc_args *in)
{
	ARGS(in);
	(void)b;
	return 2 * n / (lh + (n - 1) * ll);
}

/* The seed's reading: past the bound the worst batch sets the behaviour, as if every batch
 * were the worst: factor (1 - 2r)^2. */
static double worst_case_every_step(const struct bc_args *in)
{
	double f = 1 - 2 * in->x[R];
	return f * f;
}

static const struct bc_variant variants[] = {
	{"missing_factor_2", "eta", "b/(LH + (b-1) LL): the factor 2 of |1 - z| < 1 dropped",
	 missing_factor_2,
	 .what_tex = "$b/\\bigl(L_H + (b-1) L_L\\bigr)$: the factor 2 of $|1 - z| < 1$ dropped"},
	{"off_by_one_b", "eta", "2b/(LH + b LL): b ordinary samples beside the outlier",
	 off_by_one_b,
	 .what_tex = "$2b/(L_H + b L_L)$: $b$ ordinary samples beside the outlier"},
	{"average_batch", "eta", "2N/(LH + (N-1) LL): the average curvature, not the worst batch",
	 average_batch,
	 .what_tex = "$2N/\\bigl(L_H + (N-1) L_L\\bigr)$: the average curvature, not the worst "
	             "batch"},
	{"worst_case_every_step", "ms_factor",
	 "(1 - 2r)^2: every step as bad as the worst batch, so past the bound SGD diverges",
	 worst_case_every_step,
	 .what_tex = "$(1 - 2r)^2$: every step as bad as the worst batch, so past the bound "
	             "SGD diverges"},
};

static const struct bc_point points[] = {
	{"eta_b4", BC_IN_REGIME, "b=4 N=8 LH=100 LL=1 T=64", "eta",
	 "the smallest observed 2b/s_B over 64 steps (the largest rate at which every observed "
	 "step contracts) is the formula: the outlier batch appears in every stretch", NULL,
	 .why_tex = "the smallest observed $2b/s_B$ over 64 steps (the largest rate at which "
	            "every observed step contracts) is the formula: the outlier batch appears "
	            "in every stretch"},
	{"eta_b16", BC_IN_REGIME, "b=16 N=32 LH=1000 LL=0.5 T=64", "eta",
	 "a larger batch: the outlier's weight in the worst batch is diluted by 15 others", NULL,
	 .why_tex = NULL},
	{"eta_b2_close", BC_IN_REGIME, "b=2 N=6 LH=3 LL=2 T=128", "eta",
	 "a mild outlier (LH/LL = 1.5)", NULL,
	 .why_tex = "a mild outlier ($L_H/L_L = 1.5$)"},
	{"ms_past_bound", BC_IN_REGIME, "b=4 N=1000 LH=100 LL=1 r=1.5 T=32", "ms_factor",
	 "eta = 1.5 times the bound: a rare outlier (p = b/N = 0.004) and SGD still converges in "
	 "mean square (factor < 1; eta_ms is 7.8 times the bound)", NULL,
	 .why_tex = "$\\eta = 1.5$ times the bound: a rare outlier ($p = b/N = 0.004$) and SGD "
	            "still converges in mean square (factor $< 1$; $\\eta_{\\mathrm{ms}}$ is "
	            "7.8 times the bound)"},
	{"as_past_ms", BC_IN_REGIME, "b=2 N=8 LH=10 LL=1 r=2.5 T=32", "lyap",
	 "eta = 2.5 times the bound, past eta_ms (1.41 times it): mean square diverges, but the "
	 "Lyapunov exponent is negative, so SGD converges almost surely", NULL,
	 .why_tex = "$\\eta = 2.5$ times the bound, past $\\eta_{\\mathrm{ms}}$ (1.41 times "
	            "it): mean square diverges, but the Lyapunov exponent is negative, so SGD "
	            "converges almost surely"},
	{"ms_diverges", BC_IN_REGIME, "b=2 N=8 LH=10 LL=1 r=2.5 T=32", "ms_factor",
	 "same point: the mean-square factor exceeds 1", NULL, .why_tex = NULL},
	{"lyap_near_one", BC_IN_REGIME, "b=2 N=4 LH=2 LL=1.5 r=0.6 T=32", "lyap",
	 "a mild outlier at 0.6 times the bound: both step factors 1 - eta s/b (1 - 1.2 and "
	 "1 - 1.03) lie in (-0.5, 0.5], where lyap takes log |1 - x| from its accurate form of "
	 "1 - x; as_past_ms reaches only the form for x > 3", NULL,
	 .why_tex = "a mild outlier at 0.6 times the bound: both step factors $1 - \\eta s/b$ "
	            "($1 - 1.2$ and $1 - 1.03$) lie in $(-0.5, 0.5]$, where \\texttt{lyap} "
	            "takes $\\log|1 - x|$ from its accurate form of $1 - x$; "
	            "\\texttt{as\\_past\\_ms} reaches only the form for $x > 3$"},
	{"lyap_near_two", BC_IN_REGIME, "b=2 N=4 LH=2 LL=1.5 r=1.2 T=32", "lyap",
	 "the same data at 1.2 times the bound: both factors' x (2.4 and 2.06) lie in (1.5, 3], "
	 "where lyap takes log |1 - x| from its accurate form of 2 - x", NULL,
	 .why_tex = "the same data at 1.2 times the bound: both factors' $x$ (2.4 and 2.06) "
	            "lie in $(1.5, 3]$, where \\texttt{lyap} takes $\\log|1 - x|$ from its "
	            "accurate form of $2 - x$"},
	{"with_repl", BC_OUTSIDE, "b=2 N=4 LH=100 LL=1 T=256 repl=with", "eta",
	 "batches drawn with replacement: a batch can hold the outlier b times, so the smallest "
	 "observed 2b/s_B is 2/LH, not the formula", NULL,
	 .why_tex = "batches drawn with replacement: a batch can hold the outlier $b$ times, "
	            "so the smallest observed $2b/s_B$ is $2/L_H$, not the formula"},
};

static const struct bc_finding findings[] = {
	{"with_repl", "The worst batch 'the outlier plus b-1 L_L samples' exists only when a "
	              "batch holds distinct samples (drawn without replacement). With "
	              "replacement the outlier can fill the whole batch: worst sum b L_H, and "
	              "every step contracts only for eta < 2/L_H, which for b >= 2 is below the "
	              "seed's bound (b = 2, N = 4, L_H = 100: 0.02 against 0.0396).",
	 .brief = "Needs distinct samples: with replacement the bound is 2/L_H",
	 .brief_tex = "Needs distinct samples: with replacement the bound is $2/L_H$",
	 .text_tex = "The worst batch `the outlier plus $b-1$ $L_L$ samples' exists only when "
	             "a batch holds distinct samples (drawn without replacement). With "
	             "replacement the outlier can fill the whole batch: worst sum $b L_H$, and "
	             "every step contracts only for $\\eta < 2/L_H$, which for $b \\ge 2$ is "
	             "below the seed's bound ($b = 2$, $N = 4$, $L_H = 100$: 0.02 against "
	             "0.0396)."},
	{NULL, "L_H >= L_L is needed (the seed says only that L_H is 'very large'): for "
	       "L_H < L_L the worst batch holds no outlier and the bound is 2/L_L; the domain "
	       "refuses LH < LL.",
	 .brief = "Needs L_H >= L_L, which the seed does not state",
	 .brief_tex = "Needs $L_H \\ge L_L$, which the seed does not state",
	 .text_tex = "$L_H \\ge L_L$ is needed (the seed says only that $L_H$ is `very "
	             "large'): for $L_H < L_L$ the worst batch holds no outlier and the bound "
	             "is $2/L_L$; the domain refuses $L_H < L_L$."},
	{"eta_b4", "The condition is strict: at eta = eta_robust itself the worst batch's "
	           "factor is 1 - 2 = -1 (|.| = 1, no contraction); the formula is the "
	           "supremum of the contracting rates, not an admissible rate (tested).",
	 .brief = "At the bound no step contracts: a supremum, not a safe rate",
	 .text_tex = "The condition is strict: at $\\eta = \\eta_{\\mathrm{robust}}$ itself "
	             "the worst batch's factor is $1 - 2 = -1$ ($|\\cdot| = 1$, no "
	             "contraction); the formula is the supremum of the contracting rates, not "
	             "an admissible rate (tested)."},
	{"ms_past_bound", "The bound is sufficient, not necessary, for convergence: it "
	                  "guarantees that every step contracts, but SGD converges in mean "
	                  "square iff eta < eta_ms = 2 E[s_B/b] / E[(s_B/b)^2], which is far "
	                  "above it when the outlier is rare (b = 4, N = 1000, L_H = 100: 7.8 "
	                  "times; simulated at 1.5 times: factor 0.79 < 1). The seed's "
	                  "conclusion that a single rare outlier 'must' limit the rate holds "
	                  "only for the worst-case (every-step) guarantee.",
	 .brief = "Sufficient, not necessary: SGD converges far above it",
	 .text_tex = "The bound is sufficient, not necessary, for convergence: it guarantees "
	             "that every step contracts, but SGD converges in mean square iff $\\eta < "
	             "\\eta_{\\mathrm{ms}} = 2\\,\\mathrm{E}[s_B/b] / \\mathrm{E}[(s_B/b)^2]$, "
	             "which is far above it when the outlier is rare ($b = 4$, $N = 1000$, "
	             "$L_H = 100$: 7.8 times; simulated at 1.5 times: factor $0.79 < 1$). The "
	             "seed's conclusion that a single rare outlier `must' limit the rate holds "
	             "only for the worst-case (every-step) guarantee."},
	{"as_past_ms", "Almost-sure convergence reaches further still: it needs only "
	               "E log|1 - eta s_B/b| < 0. At 2.5 times the bound (b = 2, N = 8, "
	               "L_H = 10, L_L = 1), past eta_ms (1.41 times), the mean square diverges "
	               "(point ms_diverges, factor 4.0) but the Lyapunov exponent is negative, so x_t -> 0 almost "
	               "surely.",
	 .brief = "Almost surely it converges even past the mean-square edge",
	 .text_tex = "Almost-sure convergence reaches further still: it needs only "
	             "$\\mathrm{E}\\log|1 - \\eta s_B/b| < 0$. At 2.5 times the bound ($b = "
	             "2$, $N = 8$, $L_H = 10$, $L_L = 1$), past $\\eta_{\\mathrm{ms}}$ (1.41 "
	             "times), the mean square diverges (point \\texttt{ms\\_diverges}, factor "
	             "4.0) but the Lyapunov exponent is negative, so $x_t \\to 0$ almost "
	             "surely."},
	{"worst_case_every_step", "Read as 'past the bound SGD is unstable', the seed's text "
	                          "predicts a mean-square factor (1 - 2r)^2 >= 1 for r >= 1; "
	                          "the simulation rejects it.",
	 .brief = "'Unstable past the bound' is rejected by the simulations",
	 .brief_tex = "`Unstable past the bound' is rejected by the simulations",
	 .text_tex = "Read as `past the bound SGD is unstable', the seed's text predicts a "
	             "mean-square factor $(1 - 2r)^2 \\ge 1$ for $r \\ge 1$; the simulation "
	             "rejects it."},
};

extern const struct bc_sim bc_sim_robust_step_bound;

const struct bc_claim bc_claim_robust_step_bound = {
	.id = "robust_step_bound",
	.title = "Robust learning rate with one curvature outlier",
	.source = "seed 000_afccf42146ca7ee5.txt, section 数据异质性的挑战",
	.seed_formula = "eta_robust = 2b / (L_H + (b-1) L_L)",
	.seed_tex = "\\eta_{\\mathrm{robust}} = \\frac{2b}{L_H + (b-1)L_L}",
	.model = "f_i(x) = L_i x^2/2, one sample L_H >= L_L, N-1 samples L_L; each step a batch "
	         "of b <= N distinct samples (uniform b-subset, independent steps); eta is the "
	         "supremum of rates at which every possible step contracts; also eta_ms, and "
	         "at eta = r eta_robust the mean-square factor and Lyapunov exponent",
	.model_tex = "$f_i(x) = L_i x^2/2$, one sample $L_H \\ge L_L$, $N-1$ samples $L_L$; each "
	             "step a batch of $b \\le N$ distinct samples (uniform $b$-subset, independent "
	             "steps); $\\eta_{\\mathrm{robust}}$ is the supremum of rates at which every "
	             "possible step contracts; also $\\eta_{\\mathrm{ms}}$, and at $\\eta = "
	             "r\\,\\eta_{\\mathrm{robust}}$ the mean-square factor and Lyapunov exponent",
	.seed_status = BC_SEED_CONDITIONS,
	.findings = findings,
	.n_findings = sizeof findings / sizeof *findings,
	.params = params,
	.n_params = sizeof params / sizeof *params,
	.validate = validate,
	.theory = theory,
	.theory_mpfr = theory_mpfr,
	.ulp_bound = 16, /* measured worst 7.5 ulp (lyap, where b log|f_1| + (N-b) log|f_0|
	                   * partly cancels), doubled */
	.sweep_edges = sweep_edges,
	.sim = &bc_sim_robust_step_bound,
	.points = points,
	.n_points = sizeof points / sizeof *points,
	.variants = variants,
	.n_variants = sizeof variants / sizeof *variants,
	.seed_quote = "考虑一个简单的二次模型$f_i(x) = \\frac{1}{2}L_i x^2$，其中大部分样本具有较小"
	              "的$L_L$，但有一个离群点具有非常大的$L_H$。 [...] 通过分析[收敛条件](@entry_id:166121)$|1 "
	              "- \\frac{\\eta}{b}\\sum_{i \\in B_t} L_i|  1$，我们可以推导出保证稳定性的最大["
	              "学习率](@entry_id:140210)。这个最大[学习率](@entry_id:140210)由使得$\\sum_{i "
	              "\\in B_t} L_i$最大的批量决定，也就是包含那个$L_H$离群点和$b-1$个$L_L$样本的批"
	              "量。最终，我们得到一个稳健的学习率[上界](@entry_id:274738)[@problem_id:3150655]"
	              "：\n"
	              "$$\n"
	              "\\eta_{\\text{robust}} = \\frac{2b}{L_H + (b-1)L_L}\n"
	              "$$ [...] 这个结果警示我们，单个“行为恶劣”的数据点就可能严重限制整个优化过程的"
	              "学习率，即使它在数据集中非常罕见。",
	.seed_quote_en = "Consider a simple quadratic model $f_i(x) = \\frac{1}{2}L_i x^2$ in which "
	                 "most samples have a small $L_L$ but one outlier has a very large $L_H$. "
	                 "[...] Analysing the convergence condition $|1 - \\frac{\\eta}{b}\\sum_{i "
	                 "\\in B_t} L_i| < 1$ (the seed's text has lost the $<$), we can derive the "
	                 "largest learning rate that guarantees stability. It is set by the batch "
	                 "with the largest $\\sum_{i \\in B_t} L_i$, the one holding the outlier "
	                 "$L_H$ and $b-1$ samples $L_L$. We finally obtain a robust upper bound on "
	                 "the learning rate, $\\eta_{\\text{robust}} = 2b/(L_H + (b-1)L_L)$. [...] "
	                 "This result warns us that a single 'badly behaved' data point can "
	                 "severely limit the learning rate of the whole optimisation, even when it "
	                 "is very rare in the data set.",
};
