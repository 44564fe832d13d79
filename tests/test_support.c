/* The test helpers must themselves be able to say no. */
#include <math.h>

#include "bc_test.h"

Test(support, rel_close_accepts_within_and_rejects_beyond)
{
	cr_assert(bc_test_rel_close(1.0, 1.0 + 1e-9, 1e-8));
	cr_assert(!bc_test_rel_close(1.0, 1.0 + 1e-7, 1e-8));
	cr_assert(!bc_test_rel_close(NAN, NAN, 1.0));
	cr_assert(bc_test_rel_close(0.0, 0.0, 0.0));
}

Test(support, ulps_close_counts_representable_doubles)
{
	double x = 1.0, y = nextafter(nextafter(1.0, 2.0), 2.0);
	cr_assert(bc_test_ulps_close(x, y, 2));
	cr_assert(!bc_test_ulps_close(x, y, 1));
	cr_assert(bc_test_ulps_close(-0.0, 0.0, 0));
	cr_assert(bc_test_ulps_close(-5e-324, 5e-324, 2));
	cr_assert(!bc_test_ulps_close(-5e-324, 5e-324, 1));
	cr_assert(!bc_test_ulps_close(NAN, 1.0, 1e300));
}

Test(support, cli_reports_exit_status_and_streams)
{
	char *out, *err;
	int rc = bc_test_cli("no-such-command", &out, &err);
	cr_assert_eq(rc, 2);
	cr_assert_str_empty(out);
	cr_assert(strstr(err, "unknown command") != NULL);
	free(out);
	free(err);
}

/* The claim helpers: each returns what the library says, and fails where it must. */
Test(support, claim_helpers_parse_compute_refuse_and_simulate, .timeout = 60)
{
	cr_assert_eq(bc_test_theory("corr_batch_var", "sigma=3 m=9 rho=0", "var"), 1.0);
	struct bc_args in = bc_test_parse("corr_batch_var", "sigma=3 m=9 rho=0 law=exp", true);
	cr_assert_eq(in.x[1], 9.0);
	bc_test_expect_refusal("corr_batch_var", "sigma=1 m=3 rho=-0.6", false, "'rho'");
	struct bc_test_estimate e = bc_test_simulate("corr_batch_var", "sigma=1 m=4 rho=0.5", "var",
	                                             100000);
	double want = bc_test_theory("corr_batch_var", "sigma=1 m=4 rho=0.5", "var");
	cr_assert(e.se > 0);
	BC_ASSERT_LE(fabs(e.estimate - want), 5 * e.se);
	BC_ASSERT_LE(5 * e.se, 0.05 * want); /* and precise enough that this says something */
}
