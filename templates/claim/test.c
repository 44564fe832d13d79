/* CLAIM_ID: FILL IN what these tests pin (exact cases, domain errors, the simulator). The
 * conformance test (tests/test_conformance.c) already checks the points, variants and
 * verdicts; the helpers are in tests/bc_test.h. */
#include <math.h>

#include "bc_test.h"

Test(CLAIM_ID, theory_reduces_to_known_cases)
{
	/* FILL IN, e.g.
	 * BC_ASSERT_ULPS(bc_test_theory("CLAIM_ID", "x=0.5 m=16", "value"), 0.25, 1); */
	cr_assert_fail("FILL IN: exact special cases of the formula (tests/test_CLAIM_ID.c)");
}

Test(CLAIM_ID, outside_the_domain_is_refused_with_the_range)
{
	/* the parser: each parameter's range and validate (SIM false: switches refused too) */
	bc_test_expect_refusal("CLAIM_ID", "x=2 m=16", false, "'x'"); /* FILL IN: each edge */
	/* the simulator's own, narrower ranges (plan_new): only through the CLI */
	bc_test_expect_usage_error("sim CLAIM_ID x=0.5 m=2000000", "'m'");
}

Test(CLAIM_ID, the_simulator_agrees_with_the_formula, .timeout = 60)
{
	struct bc_test_estimate e = bc_test_simulate("CLAIM_ID", "x=0.5 m=16", "value", 100000);
	double want = bc_test_theory("CLAIM_ID", "x=0.5 m=16", "value");
	BC_ASSERT_LE(fabs(e.estimate - want), 5 * e.se);
}
