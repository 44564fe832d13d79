/* Parameter parsing: every malformed or out-of-range value is refused with its range. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bc_claim.h"
#include "bc_test.h"

static const struct bc_claim *cbv(void)
{
	return bc_claim_find("corr_batch_var");
}

static void expect_error(const char *line, bool allow_sim, const char *fragment)
{
	struct bc_args in;
	char err[BC_ERR_LEN] = "";
	int rc = bc_param_parse_line(cbv(), line, allow_sim, &in, err, sizeof err);
	cr_assert_eq(rc, -1, "'%s' was accepted", line);
	cr_assert(strstr(err, fragment), "'%s': message '%s' lacks '%s'", line, err, fragment);
	cr_assert(!strchr(err, '\n'), "message must be one line");
}

Test(param, refuses_non_numbers_nan_and_infinities_naming_the_range)
{
	expect_error("sigma=nan m=8 rho=0", false, "'sigma' = 'nan' is invalid: valid range is (0, 1e+150]");
	expect_error("sigma=inf m=8 rho=0", false, "'sigma'");
	expect_error("sigma=-inf m=8 rho=0", false, "'sigma'");
	expect_error("sigma=1e400 m=8 rho=0", false, "'sigma'");
	expect_error("sigma=2x m=8 rho=0", false, "'sigma'");
	expect_error("sigma= m=8 rho=0", false, "'sigma'");
	expect_error("sigma=0x1p3z m=8 rho=0", false, "'sigma'");
}

Test(param, refuses_out_of_range_and_non_integers)
{
	expect_error("sigma=0 m=8 rho=0", false, "(0, 1e+150]");
	expect_error("sigma=1 m=0 rho=0", false, "integer in [1, 1000000000]");
	expect_error("sigma=1 m=2.5 rho=0", false, "'m'");
	expect_error("sigma=1 m=8 rho=1.0000000000000002", false, "[-1, 1]");
}

Test(param, refuses_unknown_missing_repeated_and_sim_switches_for_theory)
{
	expect_error("sigma=1 m=8 rho=0 tau=3", false, "unknown parameter 'tau'");
	expect_error("sigma=1 m=8", false, "missing parameter 'rho'");
	expect_error("sigma=1 sigma=2 m=8 rho=0", false, "given twice");
	expect_error("sigma=1 m=8 rho=0 law=exp", false, "valid only with 'batchcheck sim'");
	expect_error("sigma=1 m=8 rho=0 law=cauchy", true, "gauss|exp");
	expect_error("sigma", false, "not of the form name=value");
}

Test(param, corr_batch_var_domain_edge_is_minus_one_over_m_minus_one)
{
	struct bc_args in;
	char err[BC_ERR_LEN];
	cr_assert_eq(bc_param_parse_line(cbv(), "sigma=1 m=2 rho=-1", false, &in, err, sizeof err), 0);
	cr_assert_eq(bc_param_parse_line(cbv(), "sigma=1 m=5 rho=-0.25", false, &in, err, sizeof err), 0);
	expect_error("sigma=1 m=5 rho=-0.25000000000000006", false, "[-1/(m-1), 1] = [-0.25, 1]");
	cr_assert_eq(bc_param_parse_line(cbv(), "sigma=1 m=1 rho=-1", false, &in, err, sizeof err), 0);
}

Test(param, accepts_defaults_and_exact_values)
{
	struct bc_args in;
	char err[BC_ERR_LEN];
	cr_assert_eq(bc_param_parse_line(cbv(), "rho=0.25 m=16 sigma=0x1p-3", true, &in, err,
	                                 sizeof err), 0, "%s", err);
	cr_assert_eq(bc_arg(cbv(), &in, "sigma"), 0.125);
	cr_assert_eq(bc_arg(cbv(), &in, "m"), 16);
	cr_assert_str_eq(bc_arg_choice(cbv(), &in, "law"), "gauss");
	cr_assert(in.given[2] && !in.given[3]);
}

/* Every claim's check points and defaults must parse: a typo there is a harness bug. */
Test(param, every_claims_check_points_parse)
{
	for (int i = 0; i < bc_n_claims; i++) {
		const struct bc_claim *c = bc_claims[i];
		for (int p = 0; p < c->n_points; p++) {
			struct bc_args in;
			char err[BC_ERR_LEN];
			cr_assert_eq(bc_param_parse_line(c, c->points[p].args, true, &in, err, sizeof err),
			             0, "%s/%s: %s", c->id, c->points[p].name, err);
		}
	}
}

/* A line is never cut silently: too long or too many words is an error, not a prefix. */
Test(param, overlong_lines_are_refused_not_truncated)
{
	char line[700];
	snprintf(line, sizeof line, "sigma=1 m=8 rho=0.%0600d", 3);
	expect_error(line, false, "longer than 511 characters");
	char many[400] = "sigma=1 m=8 rho=0";
	for (int i = 0; i < 30; i++)
		strcat(many, " x=1");
	expect_error(many, false, "more than 24 words");
	expect_error("sigma=+1 m=8 rho=0", false, "'sigma'");
	expect_error("sigma=0x1p-1080 m=8 rho=0", false, "'sigma'"); /* underflows to 0 */
}

/* strtod reads numbers of any length: a long spelling of an in-range value is that value,
 * in scalars and in every entry of a vector, not a range error. */
Test(param, long_numbers_are_read_whole_in_scalars_and_vectors)
{
	char tenth[260], one[330], line[1200];
	snprintf(tenth, sizeof tenth, "0.1%0250d", 1); /* 0.1000...0001: rounds to 0.1 */
	snprintf(one, sizeof one, "1.%0320d", 0);
	struct bc_args in;
	char err[BC_ERR_LEN];
	snprintf(line, sizeof line, "sigma=%s m=8 rho=%s", one, tenth);
	cr_assert_eq(bc_param_parse_line(cbv(), line, false, &in, err, sizeof err), -1,
	             "a line over 511 characters is refused whole");
	const struct bc_param *rho = &cbv()->params[2], *sigma = &cbv()->params[0];
	cr_assert_eq(bc_param_set(rho, 2, tenth, &in, err, sizeof err), 0, "%s", err);
	cr_assert_eq(in.x[2], 0.1);
	cr_assert_eq(bc_param_set(sigma, 0, one, &in, err, sizeof err), 0, "%s", err);
	cr_assert_eq(in.x[0], 1);

	const struct bc_claim *ney = bc_claim_find("neyman_allocation");
	const struct bc_param *w = &ney->params[0], *vsig = &ney->params[1];
	cr_assert_str_eq(w->name, "W");
	cr_assert_str_eq(vsig->name, "sigma");
	snprintf(line, sizeof line, "%s,0.9", tenth);
	cr_assert_eq(bc_param_set(w, 0, line, &in, err, sizeof err), 0, "%s", err);
	cr_assert(in.len[0] == 2 && in.vec[0][0] == 0.1 && in.vec[0][1] == 0.9);
	snprintf(line, sizeof line, "2,%s,%s", one, one);
	cr_assert_eq(bc_param_set(vsig, 1, line, &in, err, sizeof err), 0, "%s", err);
	cr_assert(in.len[1] == 3 && in.vec[1][0] == 2 && in.vec[1][2] == 1);
	/* a long value that is out of range still names the range */
	snprintf(line, sizeof line, "2%s", one + 1);
	cr_assert_eq(bc_param_set(rho, 2, line, &in, err, sizeof err), -1);
	cr_assert(strstr(err, "valid range is [-1, 1]"), "%s", err);
	snprintf(line, sizeof line, "0.5,-%s", one);
	cr_assert_eq(bc_param_set(w, 0, line, &in, err, sizeof err), -1);
	cr_assert(strstr(err, "each in (0, 1]"), "%s", err);
}

/* A long unknown name is echoed shortened, and the message says it is cut. */
Test(param, long_unknown_name_is_shortened_with_an_ellipsis)
{
	char key[700], want[128], *argv[] = {key, "sigma=1", "m=8", "rho=0"};
	memset(key, 'k', 600);
	strcpy(key + 600, "=1");
	struct bc_args in;
	char err[BC_ERR_LEN];
	cr_assert_eq(bc_param_parse(cbv(), 4, argv, false, &in, err, sizeof err), -1);
	snprintf(want, sizeof want, "unknown parameter '%.*s...' for claim corr_batch_var",
	         BC_QUOTE_MAX, key);
	cr_assert(strstr(err, want), "%s", err);
}

/* Splits the range after "valid range is " into its ends; returns false if unreadable. */
static bool split_range(const char *msg, bool *is_int, char *lo, char *hi, char *open,
                        char *close)
{
	const char *r = strstr(msg, "valid range is ");
	if (!r)
		return false;
	r += strlen("valid range is ");
	*is_int = strncmp(r, "integer in ", 11) == 0;
	if (*is_int)
		r += 11;
	const char *each = strstr(r, "each in ");
	if (each)
		r = each + strlen("each in ");
	*open = *r++;
	size_t n = strcspn(r, ",");
	if (n >= 64 || strncmp(r + n, ", ", 2) != 0)
		return false;
	memcpy(lo, r, n);
	lo[n] = '\0';
	r += n + 2;
	n = strcspn(r, "])");
	if (n >= 64 || r[n] == '\0' || r[n + 1] != '\0')
		return false;
	memcpy(hi, r, n);
	hi[n] = '\0';
	*close = r[n];
	return true;
}

static bool accepts(const struct bc_param *p, int idx, const char *text)
{
	struct bc_args in;
	char err[BC_ERR_LEN];
	return bc_param_set(p, idx, text, &in, err, sizeof err) == 0;
}

/* The range a refusal prints is the range the parser accepts: pasted back, a closed end is
 * accepted and an open one refused; an integer end is the first or last integer accepted. Checked for every numeric parameter of every claim, from both sides. */
Test(param, every_printed_range_reads_back_as_its_own_ends)
{
	for (int c = 0; c < bc_n_claims; c++)
		for (int i = 0; i < bc_claims[c]->n_params; i++) {
			const struct bc_param *p = &bc_claims[c]->params[i];
			if (p->kind == BC_CHOICE)
				continue;
			for (int side = 0; side < 2; side++) {
				double end = side ? p->hi : p->lo, out = end;
				if (!(side ? p->hi_open : p->lo_open))
					out = nextafter(end, side ? INFINITY : -INFINITY);
				char bad[40], err[BC_ERR_LEN], lo[64], hi[64], open, close;
				struct bc_args in;
				bool is_int;
				snprintf(bad, sizeof bad, "%.17g", out);
				cr_assert_eq(bc_param_set(p, i, bad, &in, err, sizeof err), -1, "%s=%s",
				             p->name, bad);
				cr_assert(split_range(err, &is_int, lo, hi, &open, &close), "%s", err);
				cr_assert_eq(is_int, p->kind == BC_INT, "%s", err);
				if (is_int) {
					/* "1e+15" is an integer input too; the ends must be the first and
					 * last integers accepted */
					cr_assert(open == '[' && close == ']', "%s", err);
					for (int e = 0; e < 2; e++) {
						const char *t = e ? hi : lo;
						double v;
						char next[40];
						cr_assert_eq(bc_parse_real(t, &v), 0, "%s: '%s'", err, t);
						cr_assert(accepts(p, i, t), "%s: end '%s' refused", err, t);
						snprintf(next, sizeof next, "%.0f", e ? v + 1 : v - 1);
						cr_assert(!accepts(p, i, next), "%s: '%s' accepted", err, next);
					}
					continue;
				}
				const char *texts[2] = {lo, hi};
				const double ends[2] = {p->lo, p->hi};
				const bool closed[2] = {open == '[', close == ']'};
				cr_assert_eq(closed[0], !p->lo_open, "%s", err);
				cr_assert_eq(closed[1], !p->hi_open, "%s", err);
				for (int e = 0; e < 2; e++) {
					double v;
					cr_assert_eq(bc_parse_real(texts[e], &v), 0, "%s: '%s'", err, texts[e]);
					cr_assert_eq(v, ends[e], "%s: '%s' reads as %.17g", err, texts[e], v);
					cr_assert_eq(accepts(p, i, texts[e]), closed[e], "%s: end '%s'", err,
					             texts[e]);
				}
			}
		}
}
