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
