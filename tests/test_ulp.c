/* The ulp measure itself, then every claim's closed form against MPFR. */
#include <math.h>
#include <string.h>

#include "bc_claim.h"
#include "bc_test.h"
#include "bc_ulp.h"

static double ulps_from(double d, double exact)
{
	mpfr_t ref;
	mpfr_init2(ref, BC_MPFR_PREC);
	mpfr_set_d(ref, exact, MPFR_RNDN);
	double u = bc_ulp_error(d, ref);
	mpfr_clear(ref);
	return u;
}

Test(ulp, neighbouring_doubles_are_one_ulp_apart)
{
	cr_assert_eq(ulps_from(nextafter(1.5, 2), 1.5), 1.0);
	cr_assert_eq(ulps_from(nextafter(nextafter(-3e-200, 0), 0), -3e-200), 2.0);
	cr_assert_eq(ulps_from(1e-320 + 5e-324 * 3, 1e-320), 3.0); /* subnormal spacing */
	cr_assert_eq(ulps_from(0.0, 0.0), 0.0);
	cr_assert(isinf(ulps_from(1e-300, 0.0)));
	cr_assert(isinf(ulps_from(NAN, 1.0)));
}

Test(ulp, half_ulp_between_a_real_and_its_rounding)
{
	mpfr_t ref;
	mpfr_init2(ref, BC_MPFR_PREC);
	mpfr_set_ui(ref, 1, MPFR_RNDN);
	mpfr_div_ui(ref, ref, 3, MPFR_RNDN);
	double u = bc_ulp_error(1.0 / 3.0, ref);
	mpfr_clear(ref);
	/* 1/3 rounds with error 1/3 ulp (its binary expansion is 0.0101...) */
	BC_ASSERT_REL(u, 1.0 / 3.0, 1e-10);
}

Test(ulp, every_claim_stays_within_its_stated_bound_over_its_domain)
{
	for (int i = 0; i < bc_n_claims; i++) {
		struct bc_ulp_result r;
		bc_ulp_sweep(bc_claims[i], &r, 2);
		cr_log_info("%s: worst %.3g ulp over %d inputs", bc_claims[i]->id, r.worst, r.inputs);
		BC_ASSERT_LT(100, r.inputs);
		cr_assert_eq(r.nonfinite, 0, "%s has non-finite outputs", bc_claims[i]->id);
		BC_ASSERT_LE(r.worst, bc_claims[i]->ulp_bound);
	}
}

/* The sweep's result does not depend on the thread count: the same worst error at the same
 * input and output, over the same inputs. */
Test(ulp, the_sweep_is_the_same_on_one_thread_and_three)
{
	const char *ids[] = {"corr_batch_var", "neyman_allocation", "bn_bias"};
	for (int i = 0; i < 3; i++) {
		struct bc_ulp_result one, three;
		bc_ulp_sweep(bc_claim_find(ids[i]), &one, 1);
		bc_ulp_sweep(bc_claim_find(ids[i]), &three, 3);
		cr_assert_eq(one.inputs, three.inputs, "%s", ids[i]);
		cr_assert_eq(one.nonfinite, three.nonfinite, "%s", ids[i]);
		cr_assert_eq(one.worst, three.worst, "%s", ids[i]);
		cr_assert_str_eq(one.worst_output, three.worst_output, "%s", ids[i]);
		cr_assert(memcmp(one.worst_in.x, three.worst_in.x, sizeof one.worst_in.x) == 0, "%s",
		          ids[i]);
	}
}
