/*
 * fixture.c - input of tests/test_mutate.c: a claim file in miniature. Not compiled.
 * Operators in comments are never mutated: a + b * c < d.
 */
#include <math.h>
#define TWICE(x) (2 * (x) - 1)

enum { A, B };

static const char *const words[] = {"a - b", "c * d", NULL};

static double helper(double x, double y)
{
	return pow(x, y) - 0.5;
}

static double unused(double x)
{
	return x + 1;
}

static void theory(const struct bc_args *in, struct bc_outputs *out)
{
	const double *v = in->x;
	double s = -v[A], t = fma(s, s, 1);
	out->v[0] = helper(s, t) / (s + t) * 0x1p-3;
	out->n += s < t; /* mutate: equivalent cmp: the fixture's own mark */
	if (in->p->q == "x >= y")
		t *= 2;
}

static void theory_mpfr(const struct bc_args *in, mpfr_t *out)
{
	mpfr_set_d(out[0], in->x[B] + 1, MPFR_RNDN);
}

static double wrong(const struct bc_args *in)
{
	return helper(in->x[A], 2);
}

static const struct bc_variant variants[] = {{"wrong", "v", "wrong", wrong}};

const struct bc_claim bc_claim_fixture = {
	.theory = theory,
	.theory_mpfr = theory_mpfr,
};
