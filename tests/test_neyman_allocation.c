/* neyman_allocation: exact cases, the lower-bound property, the domain, the simulator's
 * integer allocations, and the harness's verdicts on the claim. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_multimin.h>

#include "bc_claim.h"
#include "bc_harness.h"
#include "bc_test.h"
#include "bc_ulp.h"

#define SEED3 "W=0.5,0.3,0.2 sigma=4,2,1"

static const struct bc_claim *claim(void)
{
	return bc_test_claim("neyman_allocation");
}

/* All outputs at once (the shared bc_test_theory gives one): n_1..n_K and var. */
static void theory_at(const char *line, struct bc_outputs *out, struct bc_args *in)
{
	*in = bc_test_parse("neyman_allocation", line, false);
	claim()->theory(in, out);
	cr_assert_eq(out->n, in->len[0] + 1, "%s: K + 1 outputs", line);
}

static double output(const struct bc_outputs *out, const char *name)
{
	int i = bc_output_index(out, name);
	cr_assert(i >= 0, "no output %s", name);
	return out->v[i];
}

Test(neyman_allocation, seed_example_proportions_5_7_3_14_1_14)
{
	struct bc_outputs o;
	struct bc_args in;
	theory_at(SEED3 " b=1", &o, &in);
	BC_ASSERT_ULPS(output(&o, "n1"), 5.0 / 7, 1);
	BC_ASSERT_ULPS(output(&o, "n2"), 3.0 / 14, 1);
	BC_ASSERT_ULPS(output(&o, "n3"), 1.0 / 14, 1);
	BC_ASSERT_ULPS(output(&o, "var"), 7.84, 1); /* (2 + 0.6 + 0.2)^2 */
	theory_at(SEED3 " b=14", &o, &in);
	BC_ASSERT_ULPS(output(&o, "n1"), 10, 1);
	BC_ASSERT_ULPS(output(&o, "n2"), 3, 1);
	BC_ASSERT_ULPS(output(&o, "n3"), 1, 1);
	BC_ASSERT_ULPS(output(&o, "var"), 0.56, 1);
}

Test(neyman_allocation, reduces_to_known_cases)
{
	struct bc_outputs o;
	struct bc_args in;
	theory_at("W=1 sigma=3 b=7", &o, &in); /* one stratum: plain mean of b draws */
	cr_assert_eq(output(&o, "n1"), 7.0);
	BC_ASSERT_ULPS(output(&o, "var"), 9.0 / 7, 0.5);
	theory_at("W=0.25,0.25,0.25,0.25 sigma=2,2,2,2 b=12", &o, &in); /* all alike: b / K */
	for (int k = 0; k < 4; k++)
		cr_assert_eq(o.v[k], 3.0);
	BC_ASSERT_ULPS(output(&o, "var"), 1.0 / 3, 0.5);
	/* equal sigma: Neyman is proportional allocation, var = sigma^2 / b */
	theory_at("W=0.5,0.25,0.25 sigma=6,6,6 b=8", &o, &in);
	cr_assert_eq(o.v[0], 4.0);
	cr_assert_eq(o.v[1], 2.0);
	cr_assert_eq(o.v[2], 2.0);
	BC_ASSERT_ULPS(output(&o, "var"), 4.5, 0.5);
}

/* Scaling every sigma by 2^j leaves n* alone and scales var by 4^j, exactly: the double code
 * rounds once, so even the far ends of the range obey it. */
Test(neyman_allocation, scale_invariance_is_exact)
{
	struct bc_outputs ref, o;
	struct bc_args in;
	theory_at("W=0.6,0.3,0.1 sigma=0.7,3,11 b=37", &ref, &in);
	for (int j = -900; j <= 400; j += 100) {
		struct bc_args s = in;
		for (int k = 0; k < 3; k++)
			s.vec[1][k] = ldexp(in.vec[1][k], j);
		claim()->theory(&s, &o);
		for (int k = 0; k < 3; k++)
			cr_assert_eq(o.v[k], ref.v[k], "j = %d: n%d", j, k + 1);
		if (j >= -500) /* var stays normal */
			cr_assert_eq(o.v[3], ldexp(ref.v[3], 2 * j), "j = %d: var", j);
	}
}

/* The optimum, without Monte Carlo: any positive allocation summing to b has
 * sum W^2 sigma^2 / n >= var, equal at n*, and exceeds it by the exact identity
 * var (1 + (1/b) sum (n - n*)^2 / n). */
Test(neyman_allocation, var_is_the_minimum_of_the_seeds_variance)
{
	struct bc_outputs o;
	struct bc_args in;
	theory_at("W=0.35,0.25,0.2,0.1,0.1 sigma=1.5,0.2,4,2.5,0.7 b=40", &o, &in);
	int K = 5;
	double var = output(&o, "var"), at_opt = 0;
	for (int k = 0; k < K; k++) {
		double ws = in.vec[0][k] * in.vec[1][k];
		at_opt += ws * ws / o.v[k];
	}
	BC_ASSERT_REL(at_opt, var, 1e-14);
	unsigned x = 7;
	for (int trial = 0; trial < 1000; trial++) {
		double n[5], sum = 0, v = 0, excess = 0;
		for (int k = 0; k < K; k++) {
			x = x * 1103515245u + 12345u;
			n[k] = 0.01 + (x >> 8) % 1000;
			sum += n[k];
		}
		for (int k = 0; k < K; k++) {
			n[k] *= 40 / sum;
			double ws = in.vec[0][k] * in.vec[1][k];
			v += ws * ws / n[k];
			excess += (n[k] - o.v[k]) * (n[k] - o.v[k]) / n[k];
		}
		BC_ASSERT_LE(var * (1 - 1e-14), v);
		BC_ASSERT_REL(v, var * (1 + excess / 40), 1e-12);
	}
}

/* sum_k W_k^2 sigma_k^2 / n_k over n_k = b softmax(theta)_k, theta_K = 0: every positive
 * allocation summing to b, with no constraint left for the minimiser. */
struct seed_variance {
	int K;
	double b, ws2[BC_VEC_MAX];
};

static void allocation_of(const gsl_vector *theta, const struct seed_variance *sv, double *n)
{
	double sum = 0;
	for (int k = 0; k < sv->K; k++)
		sum += n[k] = k < sv->K - 1 ? exp(gsl_vector_get(theta, (size_t)k)) : 1.0;
	for (int k = 0; k < sv->K; k++)
		n[k] *= sv->b / sum;
}

static double seed_variance_at(const gsl_vector *theta, void *params)
{
	const struct seed_variance *sv = params;
	double n[BC_VEC_MAX], v = 0;
	allocation_of(theta, sv, n);
	for (int k = 0; k < sv->K; k++)
		v += sv->ws2[k] / n[k];
	return v;
}

/* The seed's optimisation problem solved numerically (GSL's Nelder-Mead, started from the
 * equal allocation), independent of the closed form: its minimiser is n*, its minimum var. */
Test(neyman_allocation, n_star_is_the_numerical_minimiser)
{
	static const char *const lines[] = {
		SEED3 " b=14",
		"W=0.8,0.2 sigma=1,6 b=20",
		"W=0.35,0.25,0.2,0.1,0.1 sigma=1.5,0.2,4,2.5,0.7 b=40",
	};
	for (size_t t = 0; t < sizeof lines / sizeof *lines; t++) {
		struct bc_outputs o;
		struct bc_args in;
		theory_at(lines[t], &o, &in);
		struct seed_variance sv = {.K = in.len[0], .b = in.x[2]};
		for (int k = 0; k < sv.K; k++)
			sv.ws2[k] = pow(in.vec[0][k] * in.vec[1][k], 2);
		size_t dim = (size_t)sv.K - 1;
		gsl_multimin_function f = {seed_variance_at, dim, &sv};
		gsl_vector *theta = gsl_vector_calloc(dim), *step = gsl_vector_alloc(dim);
		gsl_vector_set_all(step, 0.5);
		gsl_multimin_fminimizer *m =
		        gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, dim);
		gsl_multimin_fminimizer_set(m, &f, theta, step);
		int status = GSL_CONTINUE;
		for (int it = 0; it < 20000 && status == GSL_CONTINUE; it++) {
			if (gsl_multimin_fminimizer_iterate(m))
				break;
			/* f is flat to rounding within ~1e-8 of the minimum: stop at 1e-7 */
			status = gsl_multimin_test_size(gsl_multimin_fminimizer_size(m), 1e-7);
		}
		cr_assert_eq(status, GSL_SUCCESS, "%s: the minimiser did not converge", lines[t]);
		double n[BC_VEC_MAX];
		allocation_of(gsl_multimin_fminimizer_x(m), &sv, n);
		for (int k = 0; k < sv.K; k++)
			BC_ASSERT_REL(n[k], o.v[k], 1e-5);
		BC_ASSERT_REL(gsl_multimin_fminimizer_minimum(m), output(&o, "var"), 1e-12);
		gsl_multimin_fminimizer_free(m);
		gsl_vector_free(theta);
		gsl_vector_free(step);
	}
}

static void expect_error(const char *line, bool allow_sim, const char *frag1, const char *frag2)
{
	struct bc_args in;
	char err[BC_ERR_LEN] = "";
	int rc = bc_param_parse_line(claim(), line, allow_sim, &in, err, sizeof err);
	cr_assert_eq(rc, -1, "'%s' was accepted", line);
	cr_assert(strstr(err, frag1), "'%s': message '%s' lacks '%s'", line, err, frag1);
	cr_assert(strstr(err, frag2), "'%s': message '%s' lacks '%s'", line, err, frag2);
	cr_assert(!strchr(err, '\n'), "message must be one line");
}

Test(neyman_allocation, domain_errors_name_the_parameter_and_range)
{
	expect_error("W=0.5,0.4 sigma=1,2 b=4", false, "'W' sums to 0.9", "summing to 1");
	expect_error("W=0.5,0.6 sigma=1,2 b=4", false, "'W' sums to 1.1", "(0, 1]");
	expect_error("W=0.5,0.5 sigma=1 b=4", false, "'sigma' has 1 entries but 'W' has 2",
	             "one sigma_k per stratum weight");
	expect_error("W=1 sigma=1,2 b=4", false, "'sigma'", "'W'");
	expect_error("W=0.5,0.5,0 sigma=1,2,3 b=4", false, "parameter 'W'", "each in (0, 1]");
	expect_error("W=1.5,-0.5 sigma=1,2 b=4", false, "parameter 'W'", "each in (0, 1]");
	expect_error("W=0.5,0.5 sigma=0,0 b=4", false, "parameter 'sigma' is 0 in every stratum",
	             "at least one sigma_k > 0");
	expect_error("W=1 sigma=0 b=4", false, "parameter 'sigma'", "at least one sigma_k > 0");
	expect_error("W=0.5,0.5 sigma=1,-2 b=4", false, "parameter 'sigma'", "each in [0, 1e+150]");
	expect_error("W=0.5,0.5 sigma=1,1e151 b=4", false, "parameter 'sigma'", "[0, 1e+150]");
	expect_error("W=0.5,0.5 sigma=1,nan b=4", false, "parameter 'sigma'", "[0, 1e+150]");
	expect_error("W=0.5,0.5 sigma=1,2 b=0", false, "parameter 'b'", "integer in [1, 1e+15]");
	expect_error("W=0.5,0.5 sigma=1,2 b=2.5", false, "parameter 'b'", "integer");
	expect_error("W=0.5,0.5 sigma=1,2", false, "missing parameter 'b'", "integer");
	expect_error("W=0.0625,0.0625,0.0625,0.0625,0.0625,0.0625,0.0625,0.0625,0.0625,0.0625,"
	             "0.0625,0.0625,0.0625,0.0625,0.0625,0.0625,0.0625 sigma=1 b=4",
	             false, "parameter 'W' has more than 16 entries", "at most 16");
	expect_error(SEED3 " b=4 alloc=equal", false, "'alloc' is a simulator switch", "sim");
	/* rounding in the weights is fine; a visible shortfall is not */
	struct bc_args in;
	char err[BC_ERR_LEN];
	cr_assert_eq(bc_param_parse_line(claim(), "W=0.1,0.2,0.7 sigma=1,2,3 b=4", false, &in, err,
	                                 sizeof err), 0, "%s", err);
	expect_error("W=0.333333,0.333333,0.333333 sigma=1,2,3 b=4", false, "'W' sums to",
	             "|sum - 1| <= 1e-12");
}

Test(neyman_allocation, cli_bad_input_exits_2_with_one_line)
{
	bc_test_expect_usage_error("theory neyman_allocation W=0.5,0.4 sigma=1,2 b=4", "'W' sums to");
	bc_test_expect_usage_error("theory neyman_allocation W=0.5,0.5 sigma=1,2,3 b=4", "'sigma' has 3");
	bc_test_expect_usage_error("theory neyman_allocation W=0.5,0.5 sigma=0,0 b=4",
	                 "'sigma' is 0 in every stratum");
	bc_test_expect_usage_error("sim neyman_allocation W=0.5,0.5 sigma=0,0 b=4",
	                 "'sigma' is 0 in every stratum");
	bc_test_expect_usage_error("sim neyman_allocation W=0.5,0.5 sigma=0,1e-80 b=4",
	                 "valid is 0 or in [1e-70, 1e+70]");
	bc_test_expect_usage_error("sim neyman_allocation W=0.5,0.3,0.2 sigma=4,0,1 b=11 "
	                 "alloc=given n=10,1,0", "or 0 where sigma_k = 0");
	bc_test_expect_usage_error("theory neyman_allocation W=0.5,0.5 sigma=1,2 b=4 pop=10",
	                 "simulator switch");
	bc_test_expect_usage_error("sim neyman_allocation " SEED3 " b=14 alloc=given", "'n' is missing");
	bc_test_expect_usage_error("sim neyman_allocation " SEED3 " b=14 n=10,3,1", "only with alloc=given");
	bc_test_expect_usage_error("sim neyman_allocation " SEED3 " b=14 alloc=given n=10,3",
	                 "summing to b = 14");
	bc_test_expect_usage_error("sim neyman_allocation " SEED3 " b=14 alloc=given n=10,2,1",
	                 "summing to b = 14");
	bc_test_expect_usage_error("sim neyman_allocation " SEED3 " b=14 alloc=given n=10,2.5,1.5",
	                 "valid are integers");
	bc_test_expect_usage_error("sim neyman_allocation " SEED3 " b=14 alloc=given n=10,4,0", "'n'");
	bc_test_expect_usage_error("sim neyman_allocation " SEED3 " b=2", "b >= 3");
	bc_test_expect_usage_error("sim neyman_allocation W=0.5,0.3,0.2 sigma=4,0,1 b=1",
	                 "b >= 2, the number of strata with sigma_k > 0");
	bc_test_expect_usage_error("sim neyman_allocation " SEED3 " b=2000000", "for sim");
	bc_test_expect_usage_error("sim neyman_allocation " SEED3 " b=14 pop=1", "'pop'");
	bc_test_expect_usage_error("sim neyman_allocation " SEED3 " b=28 pop=10", "pop >= n_k");
	bc_test_expect_usage_error("sim neyman_allocation " SEED3 " b=14 law=cauchy", "exp|uniform|gauss");
	bc_test_expect_usage_error("sim neyman_allocation " SEED3 " b=14 alloc=srs pop=40",
	                 "'pop' is invalid with alloc=srs");
	bc_test_expect_usage_error("sweep neyman_allocation " SEED3 " b=14,x", "'b'");
}

static char *sim_outputs(const char *args)
{
	char cmd[512], *out, *err;
	snprintf(cmd, sizeof cmd, "sim neyman_allocation %s --samples 3000 --seed 11", args);
	cr_assert_eq(bc_test_cli(cmd, &out, &err), 0, "%s: %s", cmd, err);
	free(err);
	char *o = strstr(out, "\"outputs\"");
	cr_assert(o, "%s", out);
	char *copy = strdup(o);
	free(out);
	return copy;
}

/* The simulator's integer batch, seen through identical draws: a rounded allocation
 * reproduces bit for bit the run with the same integers given explicitly. */
static void expect_same_batch(const char *rounded, const char *given)
{
	char *a = sim_outputs(rounded), *b = sim_outputs(given);
	cr_assert_str_eq(a, b, "'%s' did not draw the batch '%s'", rounded, given);
	free(a);
	free(b);
}

Test(neyman_allocation, simulator_rounds_to_the_intended_integers, .timeout = 60)
{
	expect_same_batch(SEED3 " b=14", SEED3 " b=14 alloc=given n=10,3,1");
	expect_same_batch(SEED3 " b=28 law=uniform", SEED3 " b=28 alloc=given n=20,6,2 law=uniform");
	expect_same_batch(SEED3 " b=10", SEED3 " b=10 alloc=given n=7,2,1");
	expect_same_batch(SEED3 " b=17", SEED3 " b=17 alloc=given n=12,4,1");
	expect_same_batch("W=0.5,0.5 sigma=1,1 b=3", "W=0.5,0.5 sigma=1,1 b=3 alloc=given n=2,1");
	/* a constant stratum gets no draw, even with round=min1: its mean is known */
	expect_same_batch("W=0.5,0.3,0.2 sigma=4,0,1 b=11",
	                  "W=0.5,0.3,0.2 sigma=4,0,1 b=11 alloc=given n=10,0,1");
	expect_same_batch(SEED3 " b=20 alloc=proportional", SEED3 " b=20 alloc=given n=10,6,4");
	expect_same_batch(SEED3 " b=21 alloc=equal", SEED3 " b=21 alloc=given n=7,7,7");
	expect_same_batch("W=0.25,0.25,0.25,0.25 sigma=10,0.1,0.1,0.1 b=8",
	                  "W=0.25,0.25,0.25,0.25 sigma=10,0.1,0.1,0.1 b=8 alloc=given n=5,1,1,1");
	expect_same_batch("W=0.25,0.2,0.15,0.1,0.1,0.1,0.05,0.05 sigma=1,2,1,3,0.5,1,4,3 b=32",
	                  "W=0.25,0.2,0.15,0.1,0.1,0.1,0.05,0.05 sigma=1,2,1,3,0.5,1,4,3 b=32 "
	                  "alloc=given n=5,8,3,6,1,2,4,3");
	/* dropping the empty stratum draws a different (biased) batch than giving it one draw */
	char *a = sim_outputs("W=0.92,0.08 sigma=5,1 b=20 round=drop");
	char *b = sim_outputs("W=0.92,0.08 sigma=5,1 b=20 alloc=given n=19,1");
	cr_assert_str_neq(a, b);
	free(a);
	free(b);
}

/* alloc=srs draws b examples from the whole mixture (stratum k with probability W_k, mean
 * mu_k = k S): the sample mean's variance is (sum W sigma^2 + sum W (mu_k - mu)^2) / b. */
Test(neyman_allocation, simple_random_sample_has_the_mixture_variance, .timeout = 60)
{
	char *out, *err;
	cr_assert_eq(bc_test_cli("sim neyman_allocation " SEED3 " b=20 alloc=srs --samples 400000",
	                         &out, &err), 0, "%s", err);
	double est, se, S = 2.8, w[] = {0.5, 0.3, 0.2}, sd[] = {4, 2, 1}, mu = 0, within = 0,
	                between = 0;
	char *v = strstr(out, "\"var\":{\"estimate\":");
	cr_assert(v && sscanf(v, "\"var\":{\"estimate\":%lf,\"se\":%lf", &est, &se) == 2, "%s",
	          out);
	for (int k = 0; k < 3; k++)
		mu += w[k] * (k + 1) * S;
	for (int k = 0; k < 3; k++) {
		within += w[k] * sd[k] * sd[k];
		between += w[k] * pow((k + 1) * S - mu, 2);
	}
	double want = (within + between) / 20;
	BC_ASSERT_LE(fabs(est - want), 5 * se);
	BC_ASSERT_LE(se, 0.005 * want); /* precise enough to tell it from within / 20 alone */
	free(out);
	free(err);
}

/* The table the plot reads: parameters, then n1..nK, var, then var_est var_se. */
Test(neyman_allocation, sweep_table_columns)
{
	char *out, *err;
	cr_assert_eq(bc_test_cli("sweep neyman_allocation alloc=neyman,equal " SEED3
	                         " b=14,28 --samples 100", &out, &err), 0, "%s", err);
	cr_assert(strstr(out, "\n# b n1 n2 n3 var var_est var_se\n"), "%s", out);
	cr_assert(strstr(out, "\n14 10 3 1 0.55999999999999994 "), "%s", out);
	cr_assert(strstr(out, "\n\n\n14 10 3 1 "), "two blocks: %s", out);
	free(out);
	free(err);
}

/* Optimality is checked at several allocations (the verdicts of every point and variant
 * are tests/test_conformance.c's, for every claim). */
Test(neyman_allocation, optimality_is_checked_at_several_allocations)
{
	const struct bc_claim *c = claim();
	int not_below = 0;
	for (int p = 0; p < c->n_points; p++)
		not_below += c->points[p].kind == BC_NOT_BELOW;
	BC_ASSERT_LE(3, not_below); /* optimality is checked at several allocations */
}

/* sum_k W_k^2 sigma_k^2 / n_k for an integer batch; a constant stratum (sigma_k = 0) with
 * no draw contributes 0 (its mean is known). */
static double batch_variance(const struct bc_args *in, const int *n)
{
	double v = 0;
	for (int k = 0; k < in->len[0]; k++) {
		double ws = in->vec[0][k] * in->vec[1][k];
		v += ws == 0 ? 0 : ws * ws / n[k];
	}
	return v;
}

/* Largest remainder, written again here (ties to the lower index), so that the rounding
 * the findings talk about is checked independently of the simulator's copy. */
static void round_largest_remainder(const double *x, int K, int b, int *n)
{
	double frac[BC_VEC_MAX];
	int total = 0;
	for (int k = 0; k < K; k++) {
		n[k] = (int)floor(x[k]);
		frac[k] = x[k] - n[k];
		total += n[k];
	}
	for (; total < b; total++) {
		int best = 0;
		for (int k = 1; k < K; k++)
			best = frac[k] > frac[best] ? k : best;
		n[best]++;
		frac[best] = -1;
	}
}

static const struct bc_point *point_named(const char *name)
{
	for (int p = 0; p < claim()->n_points; p++)
		if (strcmp(claim()->points[p].name, name) == 0)
			return &claim()->points[p];
	return NULL;
}

/* "Rounding costs little when every n_k* >= 1" is false: at n* = (1.5, 1.5), b = 3 the best
 * integer batch is 12.5% above the bound, and a flagged point shows it. What holds instead:
 * with every n_k* >= 1, largest-remainder rounding costs less than (1/b) sum 1/floor(n_k*). */
Test(neyman_allocation, best_integer_batch_can_cost_12_5_percent_with_every_n_star_above_1)
{
	struct bc_outputs o;
	struct bc_args in;
	theory_at("W=0.5,0.5 sigma=1,1 b=3", &o, &in);
	double best = INFINITY;
	for (int n1 = 1; n1 <= 2; n1++)
		best = fmin(best, batch_variance(&in, (int[]){n1, 3 - n1}));
	BC_ASSERT_REL(best / output(&o, "var"), 1.125, 1e-15);
	const struct bc_point *pt = point_named("rounded_b3");
	cr_assert(pt && pt->kind == BC_OUTSIDE, "no outside point shows the rounding cost");
	cr_assert_str_eq(pt->args, "W=0.5,0.5 sigma=1,1 b=3");

	unsigned x = 12345;
	for (int trial = 0; trial < 20000; trial++) {
		char line[256];
		int K = 2 + trial % 4, b = K + (int)((x = x * 1103515245u + 12345u) >> 16) % 40;
		double w[BC_VEC_MAX], sd[BC_VEC_MAX], sum = 0;
		for (int k = 0; k < K; k++) {
			x = x * 1103515245u + 12345u;
			w[k] = 1 + (x >> 16) % 100;
			x = x * 1103515245u + 12345u;
			sd[k] = 0.1 + (x >> 16) % 100;
			sum += w[k];
		}
		int len = snprintf(line, sizeof line, "b=%d W=", b);
		for (int k = 0; k < K; k++)
			len += snprintf(line + len, sizeof line - (size_t)len, "%s%.17g", k ? "," : "",
			                w[k] / sum);
		len += snprintf(line + len, sizeof line - (size_t)len, " sigma=");
		for (int k = 0; k < K; k++)
			len += snprintf(line + len, sizeof line - (size_t)len, "%s%.17g", k ? "," : "",
			                sd[k]);
		char err[BC_ERR_LEN];
		if (bc_param_parse_line(claim(), line, false, &in, err, sizeof err) != 0)
			continue; /* the weights' rounding missed |sum - 1| <= 1e-12 */
		claim()->theory(&in, &o);
		double bound = 0;
		for (int k = 0; k < K; k++)
			bound += o.v[k] >= 1 ? 1 / floor(o.v[k]) : INFINITY;
		if (!isfinite(bound))
			continue; /* some n_k* < 1: the statement does not apply */
		int n[BC_VEC_MAX];
		round_largest_remainder(o.v, K, b, n);
		double cost = batch_variance(&in, n) / output(&o, "var") - 1;
		cr_assert(cost < bound / b + 1e-12, "%s: cost %g, bound %g", line, cost, bound / b);
	}
}

/* A finding resting on a not_below point needs an effect the point can show: its integer
 * batch's exact variance must exceed the bound by several times the 1% detectable error
 * (rounded_b17's +0.47% cannot carry a finding). */
Test(neyman_allocation, findings_on_not_below_points_have_a_visible_effect)
{
	const struct bc_claim *c = claim();
	int checked = 0;
	for (int f = 0; f < c->n_findings; f++) {
		const struct bc_point *pt = c->findings[f].point ? point_named(c->findings[f].point) : NULL;
		if (!pt || pt->kind != BC_NOT_BELOW)
			continue;
		struct bc_args in;
		struct bc_outputs o;
		char err[BC_ERR_LEN];
		cr_assert_eq(bc_param_parse_line(c, pt->args, true, &in, err, sizeof err), 0, "%s", err);
		c->theory(&in, &o);
		int K = in.len[0], b = (int)bc_arg(c, &in, "b"), n[BC_VEC_MAX];
		const char *alloc = bc_arg_choice(c, &in, "alloc");
		double x[BC_VEC_MAX];
		for (int k = 0; k < K; k++)
			x[k] = strcmp(alloc, "neyman") == 0 ? o.v[k]
			     : strcmp(alloc, "proportional") == 0 ? b * in.vec[0][k]
			     : strcmp(alloc, "equal") == 0 ? (double)b / K
			     : strcmp(alloc, "given") == 0 ? bc_arg_vec(c, &in, "n", &(int){0})[k]
			     : NAN;
		cr_assert(!isnan(x[0]), "%s: alloc=%s is not a stratified batch", pt->name, alloc);
		round_largest_remainder(x, K, b, n);
		for (int k = 0; k < K; k++)
			cr_assert(n[k] >= 1, "%s: stratum %d has no draw", pt->name, k + 1);
		double excess = batch_variance(&in, n) / output(&o, "var") - 1;
		cr_assert(excess > 0.03, "finding on %s: its effect %.2f%% is within a few times "
		          "the 1%% detectable error", pt->name, 100 * excess);
		checked++;
	}
	BC_ASSERT_LE(1, checked);
}

/* sigma_k = 0 is a legal edge: n_k* = 0 exactly, var = S^2 / b over the other strata, the
 * double code agrees with MPFR there, and only sigma = 0 everywhere is refused. */
Test(neyman_allocation, zero_spread_stratum_gets_n_star_0)
{
	struct bc_outputs o;
	struct bc_args in;
	theory_at("W=0.5,0.3,0.2 sigma=4,0,1 b=11", &o, &in);
	BC_ASSERT_ULPS(output(&o, "n1"), 10, 1);
	cr_assert_eq(output(&o, "n2"), 0.0);
	BC_ASSERT_ULPS(output(&o, "n3"), 1, 1);
	BC_ASSERT_ULPS(output(&o, "var"), 0.44, 1);
	static const char *const lines[] = {
		"W=0.5,0.3,0.2 sigma=4,0,1 b=11",
		"W=0.5,0.5 sigma=0,0x1p-1074 b=7",        /* var underflows to 0 */
		"W=0x1p-1074,0.5,0.5 sigma=1e150,0,1e-300 b=1e15",
		"W=0.25,0.25,0.25,0.25 sigma=0,1e150,0,1e150 b=3",
		"W=1 sigma=1e-300 b=1",
	};
	mpfr_t ref[BC_MAX_OUT];
	for (int i = 0; i < BC_MAX_OUT; i++)
		mpfr_init2(ref[i], BC_MPFR_PREC);
	for (size_t t = 0; t < sizeof lines / sizeof *lines; t++) {
		theory_at(lines[t], &o, &in);
		claim()->theory_mpfr(&in, ref);
		for (int i = 0; i < o.n; i++) {
			double u = bc_ulp_error(o.v[i], ref[i]);
			cr_assert(u <= 0.5, "%s: %s off by %g ulp", lines[t], o.name[i], u);
			if (i < in.len[0] && in.vec[1][i] == 0)
				cr_assert_eq(o.v[i], 0.0, "%s: %s", lines[t], o.name[i]);
		}
	}
	for (int i = 0; i < BC_MAX_OUT; i++)
		mpfr_clear(ref[i]);
}

/* The double-vs-MPFR sweep visits zero-spread strata (beside huge and tiny sigmas and
 * weights) and never the refused all-zero input. */
struct zero_visits {
	int zero, refused;
};

static void count_zero(const struct bc_args *in, void *ctx)
{
	struct zero_visits *z = ctx;
	int zeros = 0;
	for (int k = 0; k < in->len[1]; k++)
		zeros += in->vec[1][k] == 0;
	z->zero += zeros > 0;
	char err[BC_ERR_LEN];
	z->refused += claim()->validate(in, err, sizeof err) != 0;
}

Test(neyman_allocation, sweep_visits_zero_spread_strata)
{
	struct bc_args grid;
	struct bc_outputs o;
	theory_at(SEED3 " b=14", &o, &grid);
	struct zero_visits z = {0, 0};
	claim()->sweep_edges(&grid, count_zero, &z);
	BC_ASSERT_LE(100, z.zero);
	cr_assert_eq(z.refused, 0, "the sweep visits %d refused inputs", z.refused);
}

static void sim_estimate(const char *args, double *est, double *se)
{
	char cmd[512], *out, *err;
	snprintf(cmd, sizeof cmd, "sim neyman_allocation %s --samples 400000", args);
	cr_assert_eq(bc_test_cli(cmd, &out, &err), 0, "%s: %s", cmd, err);
	char *v = strstr(out, "\"var\":{\"estimate\":");
	cr_assert(v && sscanf(v, "\"var\":{\"estimate\":%lf,\"se\":%lf", est, se) == 2, "%s", out);
	free(out);
	free(err);
}

/* Once stratum 2 (n_2* = 0.34) is rounded to no draw, both ways of closing the gap are
 * biased by their own formula, with the simulator's means mu_k = k S: omitting its term
 * (round=drop, mu_hat = W_1 ybar_1) and renormalising (round=reweight, mu_hat = ybar_1). */
Test(neyman_allocation, an_empty_stratum_biases_both_estimators, .timeout = 60)
{
	double w1 = 0.92, w2 = 0.08, s1 = 5, b = 20, S = w1 * s1 + w2 * 1, mu1 = S, mu2 = 2 * S;
	double var = S * S / b, est, se;
	double drop = w1 * w1 * s1 * s1 / b + pow(w2 * mu2, 2);
	double reweight = s1 * s1 / b + pow(w2 * (mu1 - mu2), 2);
	sim_estimate("W=0.92,0.08 sigma=5,1 b=20 round=drop", &est, &se);
	BC_ASSERT_LE(fabs(est - drop), 5 * se);
	BC_ASSERT_LE(10 * se, fabs(drop - var));
	sim_estimate("W=0.92,0.08 sigma=5,1 b=20 round=reweight", &est, &se);
	BC_ASSERT_LE(fabs(est - reweight), 5 * se);
	BC_ASSERT_LE(10 * se, fabs(reweight - var));
	BC_ASSERT_LE(10 * se, fabs(reweight - drop));
}
