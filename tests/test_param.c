/* Parameter parsing: every malformed or out-of-range value is refused with its range. */
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
