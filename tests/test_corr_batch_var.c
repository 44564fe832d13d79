/* corr_batch_var: exact special cases, and the harness's verdicts on it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "bc_claim.h"
#include "bc_harness.h"
#include "bc_law.h"
#include "bc_rng.h"
#include "bc_test.h"
#include "bc_ulp.h"

static double var_at(const char *line)
{
	const struct bc_claim *c = bc_claim_find("corr_batch_var");
	struct bc_args in;
	char err[BC_ERR_LEN];
	cr_assert_eq(bc_param_parse_line(c, line, false, &in, err, sizeof err), 0, "%s", err);
	struct bc_outputs out;
	c->theory(&in, &out);
	cr_assert_eq(out.n, 1);
	return out.v[0];
}

Test(corr_batch_var, reduces_to_known_cases)
{
	cr_assert_eq(var_at("sigma=3 m=9 rho=0"), 1.0);  /* independent: sigma^2 / m */
	cr_assert_eq(var_at("sigma=3 m=9 rho=1"), 9.0);  /* identical: one sample */
	cr_assert_eq(var_at("sigma=3 m=1 rho=-1"), 9.0); /* one sample, any rho */
	cr_assert_eq(var_at("sigma=1 m=5 rho=-0.25"), 0.0); /* rho = -1/(m-1): the mean is fixed */
	BC_ASSERT_ULPS(var_at("sigma=2 m=8 rho=0.3"), 1.55, 2);
}

Test(corr_batch_var, never_negative_near_the_lower_edge)
{
	for (int m = 2; m < 200; m++) {
		char line[128];
		snprintf(line, sizeof line, "sigma=1 m=%d rho=%.17g", m, -1.0 / (m - 1));
		struct bc_args in;
		char err[BC_ERR_LEN];
		const struct bc_claim *c = bc_claim_find("corr_batch_var");
		if (bc_param_parse_line(c, line, false, &in, err, sizeof err) == 0) {
			struct bc_outputs out;
			c->theory(&in, &out);
			cr_assert(out.v[0] >= 0, "m=%d: %g", m, out.v[0]);
		}
	}
}

/* The number after `key` in the JSON `sim` printed. */
static double json_number(const char *json, const char *key)
{
	const char *at = strstr(json, key);
	cr_assert(at, "no %s in %s", key, json);
	return strtod(at + strlen(key), NULL);
}

/* The lower end L of "valid range is [L, 1]" in an error message, as the text printed. */
static void range_low(const char *err, char *low, size_t len)
{
	const char *at = strstr(err, "valid range is [");
	cr_assert(at, "no range in '%s'", err);
	at = strrchr(at, '[') + 1; /* the last: "[-1/(m-1), 1] = [L, 1]" */
	size_t n = strcspn(at, ",");
	cr_assert(n > 0 && n < len, "'%s'", err);
	memcpy(low, at, n);
	low[n] = '\0';
}

/* Runs `sim` and returns z = (estimate - theory) / SE, theory from the library. */
static double sim_z(const char *line, int samples)
{
	char args[256], *out, *err;
	snprintf(args, sizeof args, "sim corr_batch_var %s --samples %d --threads 2", line, samples);
	int rc = bc_test_cli(args, &out, &err);
	cr_assert_eq(rc, 0, "%s: %s", args, err);
	double est = json_number(out, "\"estimate\":"), se = json_number(out, "\"se\":");
	free(out);
	free(err);
	/* theory refuses simulator switches: compare with the claim's own parameters */
	char th[256];
	snprintf(th, sizeof th, "%s", line);
	for (char *sw = strchr(th, ' '); sw; sw = strchr(sw + 1, ' '))
		if (strncmp(sw, " law=", 5) == 0 || strncmp(sw, " mech=", 6) == 0)
			*sw = '\0';
	double theory = var_at(th);
	cr_assert(se > 0, "%s: SE %g", line, se);
	return (est - theory) / se;
}

/* Near rho = -1/(m-1) the true variance is ~1e-17 sigma^2: a batch whose own rounding is of
 * order u sigma^2 (the old Cholesky factor: z = 92 at m = 16) cannot estimate it. */
Test(corr_batch_var, sim_agrees_with_theory_next_to_the_lower_edge, .timeout = 60)
{
	static const char *const lines[] = {
		"sigma=1 m=16 rho=-0.06666666666666667",
		"sigma=1 m=4 rho=-0.3333333333333333",
		"sigma=1 m=16 rho=-0.06666666666666667 law=exp",
		"sigma=3e-50 m=1000 rho=-0.001001001001001001",
		"sigma=1 m=144 rho=-0.006993006993006993", /* 1 + (m-1) rho = 2^-60, the least */
	};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		double z = sim_z(lines[i], 100000);
		cr_assert(fabs(z) <= 5, "%s: z = %g", lines[i], z);
	}
}

/* Where even the samples' rounding outweighs Var(mean) (exactly at the edge it is 0), the
 * simulator refuses with a range that, pasted back, it accepts and simulates correctly, and
 * the double below that end is refused. The same for mech=cholesky's narrower range. */
Test(corr_batch_var, sim_refuses_the_unresolvable_edge_with_a_range_it_accepts, .timeout = 60)
{
	static const struct {
		int m;
		const char *mech;
	} cases[] = {{5, "auto"}, {6, "auto"}, {2, "centred"}, {1025, "auto"}, {8, "cholesky"},
	             {2, "cholesky"}};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int m = cases[i].m;
		char args[256], low[64], *out, *err;
		snprintf(args, sizeof args, "sim corr_batch_var sigma=1 m=%d rho=%.17g mech=%s", m,
		         -1.0 / (m - 1), cases[i].mech);
		int rc = bc_test_cli(args, &out, &err);
		cr_assert_eq(rc, 2, "%s exited %d: %s", args, rc, out);
		cr_assert_str_empty(out);
		range_low(err, low, sizeof low);
		free(out);
		free(err);
		char line[128];
		snprintf(line, sizeof line, "sigma=1 m=%d rho=%s mech=%s", m, low, cases[i].mech);
		double z = sim_z(line, 20000);
		cr_assert(fabs(z) <= 5, "%s: z = %g", line, z);
		snprintf(args, sizeof args, "sim corr_batch_var sigma=1 m=%d rho=%.17g mech=%s", m,
		         nextafter(strtod(low, NULL), -2), cases[i].mech);
		bc_test_expect_usage_error(args, "valid range is [");
	}
}

/* The centred batch's own rounding, measured directly: the same draws give the exact batch
 * mean sigma sqrt(1 + (m-1) rho) Zbar in MPFR. Down to the smallest rho the simulator
 * accepts, the rounding must jitter G^2 by at most 2^-18 of its mean (so it cannot change an
 * SE) and move its mean by no more than that jitter's own noise: a bias, if any, below
 * about 2^-25, under the smallest SE a run of 2^40 replicates can print (2^-19.5). */
Test(corr_batch_var, centred_batch_rounding_is_below_resolution, .timeout = 60)
{
	const struct bc_claim *c = bc_claim_find("corr_batch_var");
	/* m = 144: 1 + (m-1) rho is exactly the simulator's least, 2^-60, at rho = -1/143 */
	static const int ms[] = {2, 4, 5, 16, 144};
	enum { REPS = 20000 };
	gsl_rng *r = bc_rng_new();
	struct bc_stream_id id = {20261127, 0xc0ffee, BC_PURPOSE_CLI, 0};
	double *z = NULL;
	mpfr_t t, zsum, g;
	mpfr_inits2(256, t, zsum, g, (mpfr_ptr)0);
	for (size_t k = 0; k < sizeof ms / sizeof *ms; k++) {
		int m = ms[k];
		char line[128], err[BC_ERR_LEN], low[64];
		struct bc_args in;
		snprintf(line, sizeof line, "sigma=1 m=%d rho=%.17g", m, -1.0 / (m - 1));
		cr_assert_eq(bc_param_parse_line(c, line, true, &in, err, sizeof err), 0, "%s", err);
		void *plan = c->sim->plan_new(c, &in, err, sizeof err);
		if (plan) { /* the edge double itself is simulated */
			c->sim->plan_free(plan);
			snprintf(low, sizeof low, "%.17g", -1.0 / (m - 1));
		} else {
			range_low(err, low, sizeof low);
		}
		snprintf(line, sizeof line, "sigma=0.75 m=%d rho=%s", m, low);
		cr_assert_eq(bc_param_parse_line(c, line, true, &in, err, sizeof err), 0, "%s", err);
		plan = c->sim->plan_new(c, &in, err, sizeof err);
		cr_assert(plan, "%s", err);
		double *work = calloc((size_t)c->sim->work_doubles(plan) + 1, sizeof *work);
		mpfr_set_d(t, strtod(low, NULL), MPFR_RNDN); /* the double the simulator got */
		mpfr_mul_si(t, t, m - 1, MPFR_RNDN);
		mpfr_add_ui(t, t, 1, MPFR_RNDN);
		mpfr_sqrt(t, t, MPFR_RNDN);
		mpfr_mul_d(t, t, 0.75 / m, MPFR_RNDN); /* G = sigma sqrt(1 + (m-1) rho) sum(Z) / m */
		id.point = (uint32_t)m;
		z = realloc(z, (size_t)m * sizeof *z);
		double sum = 0, d_sum = 0, d_sq = 0;
		for (int rep = 0; rep < REPS; rep++) {
			bc_rng_key(r, &id, (uint64_t)rep);
			gsl_rng *copy = gsl_rng_clone(r);
			double obs;
			c->sim->replicate(plan, r, work, &obs);
			mpfr_set_ui(zsum, 0, MPFR_RNDN);
			bc_law_fill(BC_LAW_GAUSS, copy, (size_t)m, z); /* the draws the batch was made of */
			for (int i = 0; i < m; i++)
				mpfr_add_d(zsum, zsum, z[i], MPFR_RNDN);
			gsl_rng_free(copy);
			mpfr_mul(g, zsum, t, MPFR_RNDN);
			mpfr_sqr(g, g, MPFR_RNDN);
			double exact = mpfr_get_d(g, MPFR_RNDN), d = obs - exact;
			sum += exact;
			d_sum += d;
			d_sq += d * d;
		}
		double mean = sum / REPS, d_mean = d_sum / REPS;
		double d_sd = sqrt(fmax(d_sq / REPS - d_mean * d_mean, 0));
		cr_log_info("m=%d rho=%s: rounding moves G^2 by %g +- %g of its mean (spread %g)", m,
		            low, d_mean / mean, d_sd / sqrt(REPS) / mean, d_sd / mean);
		BC_ASSERT_LE(d_sd, 0x1p-18 * mean);
		BC_ASSERT_LE(fabs(d_mean), 6 * d_sd / sqrt(REPS) + 0x1p-40 * mean);
		free(work);
		c->sim->plan_free(plan);
	}
	mpfr_clears(t, zsum, g, (mpfr_ptr)0);
	free(z);
	gsl_rng_free(r);
}

/* The bound the domain error prints, pasted back, is accepted (for m = 6 it reads -0.2, what
 * a user types); the double below it is refused; and there the theory is >= 0 and within the
 * claim's ulp bound of MPFR computed from the same double. */
Test(corr_batch_var, printed_lower_bound_is_accepted_and_exact_below_refused)
{
	const struct bc_claim *c = bc_claim_find("corr_batch_var");
	mpfr_t ref;
	mpfr_init2(ref, BC_MPFR_PREC);
	for (int m = 2; m <= 300; m++) {
		char line[128], err[BC_ERR_LEN], low[64];
		struct bc_args in;
		snprintf(line, sizeof line, "sigma=1.5 m=%d rho=%.17g", m,
		         nextafter(-1.0 / (m - 1), -2));
		if (m == 2) /* -1 is rho's own lower end */
			snprintf(line, sizeof line, "sigma=1.5 m=2 rho=-1.5");
		cr_assert_neq(bc_param_parse_line(c, line, false, &in, err, sizeof err), 0,
		              "%s accepted", line);
		if (m == 2)
			snprintf(low, sizeof low, "-1");
		else
			range_low(err, low, sizeof low);
		snprintf(line, sizeof line, "sigma=1.5 m=%d rho=%s", m, low);
		cr_assert_eq(bc_param_parse_line(c, line, false, &in, err, sizeof err), 0,
		             "m=%d: printed bound refused: %s", m, err);
		struct bc_outputs out;
		c->theory(&in, &out);
		c->theory_mpfr(&in, &ref);
		cr_assert(out.v[0] >= 0, "%s: %g", line, out.v[0]);
		cr_assert(mpfr_sgn(ref) >= 0, "%s: MPFR negative", line);
		BC_ASSERT_LE(bc_ulp_error(out.v[0], ref), c->ulp_bound);
		snprintf(line, sizeof line, "sigma=1.5 m=%d rho=%.17g", m,
		         nextafter(strtod(low, NULL), -2));
		cr_assert_neq(bc_param_parse_line(c, line, false, &in, err, sizeof err), 0,
		              "%s accepted", line);
	}
	mpfr_clear(ref);
	char *out, *err;
	cr_assert_eq(bc_test_cli("theory corr_batch_var sigma=1 m=6 rho=-0.2", &out, &err), 0,
	             "%s", err);
	cr_assert(strstr(out, "\"double\":0,"), "%s", out);
	free(out);
	free(err);
}

/* The ar1_long finding's formula: an AR(1) batch mean has variance
 * (sigma^2/m)(1 + 2 sum_{k<m} (1 - k/m) rho^k), which vanishes like 1/m. The simulated AR(1)
 * batch agrees with it, and at m = 1024 it is far below the floor rho sigma^2. */
Test(corr_batch_var, ar1_batch_mean_variance_has_no_floor, .timeout = 60)
{
	const double rho = 0.5, sigma = 1;
	const int ms[] = {16, 1024};
	for (int i = 0; i < 2; i++) {
		int m = ms[i];
		double s = 0, rk = 1;
		for (int k = 1; k < m; k++) {
			rk *= rho;
			s += (1 - (double)k / m) * rk;
		}
		double want = sigma * sigma / m * (1 + 2 * s);
		char args[128], *out, *err;
		snprintf(args, sizeof args, "sim corr_batch_var sigma=1 m=%d rho=0.5 mech=ar1 "
		         "--samples 200000", m);
		cr_assert_eq(bc_test_cli(args, &out, &err), 0, "%s", err);
		double est = json_number(out, "\"estimate\":"), se = json_number(out, "\"se\":");
		free(out);
		free(err);
		BC_ASSERT_LE(fabs(est - want), 5 * se);
		if (m == 1024) /* the 1/m limit, and nowhere near rho sigma^2 */
			BC_ASSERT_LE(fabs(want * m / (sigma * sigma * (1 + rho) / (1 - rho)) - 1), 0.01);
		BC_ASSERT_LT(want, rho * sigma * sigma);
	}
}
