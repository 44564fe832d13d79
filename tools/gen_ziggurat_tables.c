/*
 * gen_ziggurat_tables.c - writes src/ziggurat_tables.c, the layers of the normal and
 * exponential ziggurats defined in include/bc_ziggurat.h, to standard output.
 *
 *   make ziggurat-tables    builds this program and rewrites src/ziggurat_tables.c
 *
 * Everything is computed in MPFR with 256-bit significands and each number is printed as
 * the double nearest to it, in C's hexadecimal notation, so the file is exact and the
 * same wherever it is generated (MPFR's functions are correctly rounded). r is found by
 * bisection on the condition that the top layer ends at f = 1; the residual left is far
 * below the precision of a double.
 */
#include <stdio.h>
#include <stdlib.h>

#include <mpfr.h>

#define PREC 256
#include "bc_ziggurat.h"

#define LAYERS BC_ZIG_LAYERS

enum law { NORMAL, EXPONENTIAL };

/* f(x): exp(-x^2/2) or exp(-x) */
static void f(mpfr_t y, const mpfr_t x, enum law law)
{
	if (law == NORMAL) {
		mpfr_sqr(y, x, MPFR_RNDN);
		mpfr_div_2ui(y, y, 1, MPFR_RNDN);
		mpfr_neg(y, y, MPFR_RNDN);
	} else {
		mpfr_neg(y, x, MPFR_RNDN);
	}
	mpfr_exp(y, y, MPFR_RNDN);
}

/* f^-1(y) for 0 < y <= 1: sqrt(-2 log y) or -log y */
static void finv(mpfr_t x, const mpfr_t y, enum law law)
{
	mpfr_log(x, y, MPFR_RNDN);
	mpfr_neg(x, x, MPFR_RNDN);
	if (law == NORMAL) {
		mpfr_mul_2ui(x, x, 1, MPFR_RNDN);
		mpfr_sqrt(x, x, MPFR_RNDN);
	}
}

/* v = r f(r) + integral_r^inf f: the tail is sqrt(pi/2) erfc(r / sqrt 2) or exp(-r) */
static void area(mpfr_t v, const mpfr_t r, enum law law)
{
	mpfr_t t, u;
	mpfr_inits2(PREC, t, u, (mpfr_ptr)0);
	f(t, r, law);
	mpfr_mul(v, r, t, MPFR_RNDN);
	if (law == NORMAL) {
		mpfr_sqrt_ui(u, 2, MPFR_RNDN);
		mpfr_div(t, r, u, MPFR_RNDN);
		mpfr_erfc(t, t, MPFR_RNDN);
		mpfr_const_pi(u, MPFR_RNDN);
		mpfr_div_2ui(u, u, 1, MPFR_RNDN);
		mpfr_sqrt(u, u, MPFR_RNDN);
		mpfr_mul(t, t, u, MPFR_RNDN);
	} else {
		mpfr_neg(t, r, MPFR_RNDN);
		mpfr_exp(t, t, MPFR_RNDN);
	}
	mpfr_add(v, v, t, MPFR_RNDN);
	mpfr_clears(t, u, (mpfr_ptr)0);
}

/* The layers for tail start r: x[0..LAYERS - 1] and v. Returns f(x[L-1]) + v / x[L-1] - 1,
 * which is 0 at the right r, positive when r is too small (the layers reach f = 1 early:
 * then the rest of x is left at 0 and the residual is 1). */
static int layers(const mpfr_t r, enum law law, mpfr_t *x, mpfr_t v, mpfr_t residual)
{
	mpfr_t y;
	mpfr_init2(y, PREC);
	area(v, r, law);
	f(y, r, law);
	mpfr_div(x[0], v, y, MPFR_RNDN);
	mpfr_set(x[1], r, MPFR_RNDN);
	for (int i = 1; i < LAYERS; i++) {
		f(y, x[i], law);
		mpfr_div(residual, v, x[i], MPFR_RNDN);
		mpfr_add(y, y, residual, MPFR_RNDN);
		if (i == LAYERS - 1)
			break;
		if (mpfr_cmp_ui(y, 1) >= 0) {
			for (int k = i + 1; k < LAYERS; k++)
				mpfr_set_ui(x[k], 0, MPFR_RNDN);
			mpfr_set_ui(residual, 1, MPFR_RNDN);
			mpfr_clear(y);
			return 1;
		}
		finv(x[i + 1], y, law);
	}
	mpfr_sub_ui(residual, y, 1, MPFR_RNDN);
	mpfr_clear(y);
	return 0;
}

/* h(x) = x + dx (f(x) - fb) / (fa - fb) at x = a + p dx: a point (x, U) of the wedge is
 * under f exactly when x + U dx < h(x) (dx = b - a, y = fb + U (fa - fb)). */
static void h_at(mpfr_t h, const mpfr_t p, const mpfr_t a, const mpfr_t dx, const mpfr_t fa,
                 const mpfr_t fb, enum law law)
{
	mpfr_t x, t;
	mpfr_inits2(PREC, x, t, (mpfr_ptr)0);
	mpfr_mul(x, dx, p, MPFR_RNDN);
	mpfr_add(x, x, a, MPFR_RNDN);
	f(h, x, law);
	mpfr_sub(h, h, fb, MPFR_RNDN);
	mpfr_sub(t, fa, fb, MPFR_RNDN);
	mpfr_div(h, h, t, MPFR_RNDN);
	mpfr_mul(h, h, dx, MPFR_RNDN);
	mpfr_add(h, h, x, MPFR_RNDN);
	mpfr_clears(x, t, (mpfr_ptr)0);
}

/* The extreme of h (sign +1: maximum, -1: minimum) over p in [0, 1]: the best of a grid of
 * 256 steps, then a golden-section search on the two steps around it, where h is smooth
 * and has one extreme (its second derivative is dx f'' / (fa - fb), of one sign away from
 * f's inflection and small on one grid step), to a bracket of 2^-80. */
static void h_extreme(mpfr_t best, int sign, const mpfr_t a, const mpfr_t dx, const mpfr_t fa,
                      const mpfr_t fb, enum law law)
{
	enum { M = 256 };
	mpfr_t p, q, h, lo, hi, c, d, hc, hd;
	mpfr_inits2(PREC, p, q, h, lo, hi, c, d, hc, hd, (mpfr_ptr)0);
	long kbest = 0;
	for (long k = 0; k <= M; k++) {
		mpfr_set_si(p, k, MPFR_RNDN);
		mpfr_div_si(p, p, M, MPFR_RNDN);
		h_at(h, p, a, dx, fa, fb, law);
		if (k == 0 || sign * mpfr_cmp(h, best) > 0)
			mpfr_set(best, h, MPFR_RNDN), kbest = k;
	}
	mpfr_set_si(lo, kbest > 0 ? kbest - 1 : 0, MPFR_RNDN);
	mpfr_div_si(lo, lo, M, MPFR_RNDN);
	mpfr_set_si(hi, kbest < M ? kbest + 1 : M, MPFR_RNDN);
	mpfr_div_si(hi, hi, M, MPFR_RNDN);
	mpfr_sqrt_ui(q, 5, MPFR_RNDN); /* q = (sqrt 5 - 1) / 2 */
	mpfr_sub_ui(q, q, 1, MPFR_RNDN);
	mpfr_div_2ui(q, q, 1, MPFR_RNDN);
	while (1) {
		mpfr_sub(p, hi, lo, MPFR_RNDN);
		if (mpfr_cmp_d(p, 0x1p-80) < 0)
			break;
		mpfr_mul(p, p, q, MPFR_RNDN);
		mpfr_sub(c, hi, p, MPFR_RNDN);
		mpfr_add(d, lo, p, MPFR_RNDN);
		h_at(hc, c, a, dx, fa, fb, law);
		h_at(hd, d, a, dx, fa, fb, law);
		if (sign * mpfr_cmp(hc, best) > 0)
			mpfr_set(best, hc, MPFR_RNDN);
		if (sign * mpfr_cmp(hd, best) > 0)
			mpfr_set(best, hd, MPFR_RNDN);
		if (sign * mpfr_cmp(hc, hd) > 0)
			mpfr_set(hi, d, MPFR_RNDN);
		else
			mpfr_set(lo, c, MPFR_RNDN);
	}
	mpfr_clears(p, q, h, lo, hi, c, d, hc, hd, (mpfr_ptr)0);
}

/*
 * The bounds that decide most wedge points without f, for the layer between a = x[i + 1]
 * and b = x[i] (the doubles of the table, as the generator uses them): the minimum and the
 * maximum of h over [a, b], moved outwards by 2^-36 b, far more than the search can miss
 * and than the rounding of x + U dx in double.
 */
static void wedge_bounds(double ad, double bd, double fad, double fbd, enum law law,
                         double *dx_out, double *accept, double *reject)
{
	mpfr_t a, dx, fa, fb, margin, lo, hi;
	mpfr_inits2(PREC, a, dx, fa, fb, margin, lo, hi, (mpfr_ptr)0);
	mpfr_set_d(a, ad, MPFR_RNDN);
	mpfr_set_d(dx, bd, MPFR_RNDN);
	mpfr_sub(dx, dx, a, MPFR_RNDN);
	*dx_out = mpfr_get_d(dx, MPFR_RNDN);
	mpfr_set_d(dx, *dx_out, MPFR_RNDN); /* the dx the generator multiplies by */
	mpfr_set_d(fa, fad, MPFR_RNDN);
	mpfr_set_d(fb, fbd, MPFR_RNDN);
	h_extreme(lo, -1, a, dx, fa, fb, law);
	h_extreme(hi, +1, a, dx, fa, fb, law);
	mpfr_set_d(margin, bd * 0x1p-36, MPFR_RNDN);
	mpfr_sub(lo, lo, margin, MPFR_RNDN);
	mpfr_add(hi, hi, margin, MPFR_RNDN);
	*accept = mpfr_get_d(lo, MPFR_RNDD);
	*reject = mpfr_get_d(hi, MPFR_RNDU);
	mpfr_clears(a, dx, fa, fb, margin, lo, hi, (mpfr_ptr)0);
}

static void print_row(int i, double d)
{
	printf("%s%a,%s", i % 3 == 0 ? "\t\t" : " ", d, i % 3 == 2 ? "\n" : "");
}

static void print_table(const char *name, enum law law, double lo, double hi)
{
	mpfr_t a, b, mid, v, residual, y, x[LAYERS + 1];
	mpfr_inits2(PREC, a, b, mid, v, residual, y, (mpfr_ptr)0);
	for (int i = 0; i <= LAYERS; i++)
		mpfr_init2(x[i], PREC);
	mpfr_set_d(a, lo, MPFR_RNDN); /* residual > 0 */
	mpfr_set_d(b, hi, MPFR_RNDN); /* residual < 0 */
	for (int it = 0; it < PREC + 8; it++) {
		mpfr_add(mid, a, b, MPFR_RNDN);
		mpfr_div_2ui(mid, mid, 1, MPFR_RNDN);
		layers(mid, law, x, v, residual);
		if (mpfr_sgn(residual) > 0)
			mpfr_set(a, mid, MPFR_RNDN);
		else
			mpfr_set(b, mid, MPFR_RNDN);
	}
	if (layers(a, law, x, v, residual) != 0 || mpfr_cmp_d(residual, 0x1p-200) > 0 ||
	    mpfr_cmp_d(residual, -0x1p-200) < 0) {
		fprintf(stderr, "gen_ziggurat_tables: %s: no root between %g and %g\n", name, lo, hi);
		exit(1);
	}
	mpfr_set_ui(x[LAYERS], 0, MPFR_RNDN);

	double xd[LAYERS + 1], fd[LAYERS + 1];
	for (int i = 0; i <= LAYERS; i++) {
		xd[i] = mpfr_get_d(x[i], MPFR_RNDN);
		f(y, x[i], law);
		fd[i] = mpfr_get_d(y, MPFR_RNDN);
	}
	double dx[LAYERS] = {0}, accept[LAYERS] = {0}, reject[LAYERS] = {0};
	for (int i = 1; i < LAYERS; i++)
		wedge_bounds(xd[i + 1], xd[i], fd[i + 1], fd[i], law, &dx[i], &accept[i], &reject[i]);

	printf("const struct bc_zig %s = {\n", name);
	printf("\t%a, /* r = %.17g */\n", mpfr_get_d(a, MPFR_RNDN), mpfr_get_d(a, MPFR_RNDN));
	printf("\t%a, /* v = %.17g */\n", mpfr_get_d(v, MPFR_RNDN), mpfr_get_d(v, MPFR_RNDN));
	const char *names[] = {"x", "f(x)", "dx", "accept", "reject"};
	const double *rows[] = {xd, fd, dx, accept, reject};
	for (int t = 0; t < 5; t++) {
		int n = t < 2 ? LAYERS + 1 : LAYERS;
		printf("\t{ /* %s */\n", names[t]);
		for (int i = 0; i < n; i++)
			print_row(i, rows[t][i]);
		printf("%s\t},\n", n % 3 ? "\n" : "");
	}
	printf("};\n");
	for (int i = 0; i <= LAYERS; i++)
		mpfr_clear(x[i]);
	mpfr_clears(a, b, mid, v, residual, y, (mpfr_ptr)0);
}

int main(void)
{
	printf("/*\n"
	       " * ziggurat_tables.c - the layers of the normal and exponential ziggurats\n"
	       " * (include/bc_ziggurat.h says what they are). Generated by\n"
	       " * tools/gen_ziggurat_tables.c (`make ziggurat-tables`): do not edit.\n"
	       " */\n"
	       "#include \"bc_ziggurat.h\"\n\n");
	print_table("bc_zig_normal", NORMAL, 3.0, 5.0);
	printf("\n");
	print_table("bc_zig_exponential", EXPONENTIAL, 6.0, 11.0);
	return 0;
}
