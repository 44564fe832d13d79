/* corr_batch_var: exact special cases, and the harness's verdicts on it. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bc_claim.h"
#include "bc_harness.h"
#include "bc_test.h"

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

/* The whole decision rule on this claim, at a coarser detectable error so it runs fast:
 * truth accepted, every planted variant rejected, the AR(1) batch flagged. */
Test(corr_batch_var, harness_accepts_truth_rejects_variants_flags_ar1, .timeout = 120)
{
	bc_test_claim_verdicts("corr_batch_var", 0.05);
}
