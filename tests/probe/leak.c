/*
 * A deliberate leak in project code, built only by `make check SANITIZE=1`, which must see
 * this program fail: it proves tests/lsan.supp silences Criterion's own leak and nothing of
 * ours, and that a leak in a test's worker process is not lost (tests/run-sanitized).
 */
#include "bc_claim.h"
#include "../bc_test.h"

Test(probe, leaks_a_simulator_plan)
{
	const struct bc_claim *c = bc_claim_find("corr_batch_var");
	struct bc_args in;
	char err[256];
	cr_assert_eq(bc_param_parse_line(c, "sigma=1 m=4 rho=0.5", true, &in, err, sizeof err), 0);
	void *plan = c->sim->plan_new(c, &in, err, sizeof err);
	cr_assert(plan != NULL, "%s", err); /* never freed: the leak */
}
