/* sqrt_lr_law: FILL IN what these tests pin (exact cases, domain errors, the simulator). The
 * conformance test (tests/test_conformance.c) already checks the points, variants and
 * verdicts; the helpers are in tests/bc_test.h. */
#include <math.h>

#include "bc_test.h"

Test(sqrt_lr_law, theory_reduces_to_known_cases)
{
	/* FILL IN, e.g.
	 * BC_ASSERT_ULPS(bc_test_theory("sqrt_lr_law", "x=0.5", "value"), 0.25, 1); */
	cr_assert_fail("FILL IN: exact special cases of the formula (tests/test_sqrt_lr_law.c)");
}

Test(sqrt_lr_law, outside_the_domain_is_refused_with_the_range)
{
	bc_test_expect_refusal("sqrt_lr_law", "x=2", false, "'x'"); /* FILL IN: each edge */
}

Test(sqrt_lr_law, the_simulator_agrees_with_the_formula, .timeout = 60)
{
	struct bc_test_estimate e = bc_test_simulate("sqrt_lr_law", "x=0.5", "value", 100000);
	double want = bc_test_theory("sqrt_lr_law", "x=0.5", "value");
	BC_ASSERT_LE(fabs(e.estimate - want), 5 * e.se);
}
