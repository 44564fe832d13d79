/* The SGD-chain engine (bc_chain.h): its burn-in rule, its refusals, the noise root and the
 * random basis it is given, and the transient its burn-in bound is derived from. */
#include <math.h>
#include <string.h>

#include "bc_chain.h"
#include "bc_rng.h"
#include "bc_test.h"

static struct bc_chain *chain(double eta, const double *lambda, int d, double k, int b, int at)
{
	struct bc_chain_spec s = {.d = d, .lambda = lambda, .k = k, .b = b, .eta = eta, .at = at};
	char err[256];
	struct bc_chain *ch = bc_chain_new(&s, err, sizeof err);
	cr_assert(ch, "refused: %s", err);
	return ch;
}

/* kappa is the slowest direction's (1 - eta lambda)^2 + (eta lambda k)^2 / b, and T the
 * least number of steps with kappa^T <= 1e-7; the window at least 64 and 2T. */
Test(chain, burn_in_is_the_least_T_with_kappa_to_the_T_below_the_bias)
{
	static const double lambda[] = {1, 3, 0.5};
	struct bc_chain *ch = chain(0.5, lambda, 3, 0, 1, 0);
	BC_ASSERT_ULPS(bc_chain_contraction(ch), 0.5625, 0); /* lambda = 0.5: (1 - 0.25)^2 */
	int t = bc_chain_burn_in(ch);
	BC_ASSERT_LE(pow(0.5625, t), BC_CHAIN_BURN_BIAS);
	BC_ASSERT_LT(BC_CHAIN_BURN_BIAS, pow(0.5625, t - 1));
	BC_ASSERT_LE(BC_CHAIN_WINDOW_MIN, bc_chain_window(ch));
	BC_ASSERT_LE(2 * t, bc_chain_window(ch));
	bc_chain_free(ch);
	/* multiplicative noise slows the contraction: (1 - 1)^2 + 1 * 4 / 8 */
	static const double one[] = {2};
	ch = chain(0.5, one, 1, 2, 8, 0);
	BC_ASSERT_ULPS(bc_chain_contraction(ch), 0.5, 0);
	bc_chain_free(ch);
}

Test(chain, unstable_and_too_slow_chains_are_refused)
{
	char err[256];
	static const double l[] = {1, 4.5};
	struct bc_chain_spec s = {.d = 2, .lambda = l, .b = 1, .eta = 0.5};
	cr_assert_null(bc_chain_new(&s, err, sizeof err));
	cr_assert(strstr(err, "no stationary state"), "%s", err);
	s.lambda = l, s.d = 1, s.eta = 1e-7;
	cr_assert_null(bc_chain_new(&s, err, sizeof err));
	cr_assert(strstr(err, "burn-in"), "%s", err);
	s.eta = 0.5, s.b = 0;
	cr_assert_null(bc_chain_new(&s, err, sizeof err));
	cr_assert(strstr(err, "batch size b = 0"), "%s", err);
}

Test(chain, equicorrelated_root_reproduces_the_covariance)
{
	static const double sd[] = {1, 2, 0.5, 3};
	double m[16];
	cr_assert_eq(bc_chain_equicorrelated_root(4, sd, 0.6, m), 0);
	for (int i = 0; i < 4; i++)
		for (int j = 0; j < 4; j++) {
			double cov = 0;
			for (int l = 0; l < 4; l++)
				cov += m[i * 4 + l] * m[j * 4 + l];
			double want = sd[i] * sd[j] * (i == j ? 1 : 0.6);
			cr_assert(fabs(cov - want) <= 1e-14 * 9, "[%d][%d] %g vs %g", i, j, cov, want);
		}
	cr_assert_eq(bc_chain_equicorrelated_root(4, sd, 1, m), -1);
}

Test(chain, random_basis_is_orthogonal_and_fixed_by_its_name)
{
	double q[25], q2[25], q3[25];
	bc_chain_random_basis(5, "claim_a", 1, q);
	bc_chain_random_basis(5, "claim_a", 1, q2);
	bc_chain_random_basis(5, "claim_a", 2, q3);
	cr_assert(memcmp(q, q2, sizeof q) == 0, "the same name gave another basis");
	cr_assert(memcmp(q, q3, sizeof q) != 0, "another index gave the same basis");
	for (int i = 0; i < 5; i++)
		for (int j = 0; j < 5; j++) {
			double dot = 0;
			for (int l = 0; l < 5; l++)
				dot += q[l * 5 + i] * q[l * 5 + j];
			cr_assert(fabs(dot - (i == j)) <= 1e-14, "Q^T Q [%d][%d] = %.17g", i, j, dot);
		}
}

/* The transient the burn-in rule rests on: from x_0 = 0, E x_t^2 = e (1 - c^t) with
 * c = (1 - eta h)^2 and e eta h (2 - eta h) = eta^2 sigma^2 / b, for the chain observed
 * at step t + 1 (x_t). Independent chains, their mean within 5 SE. */
Test(chain, the_transient_from_zero_is_the_burn_in_rules, .timeout = 60)
{
	static const double h[] = {0.8};
	double eta = 0.5, c = (1 - eta * h[0]) * (1 - eta * h[0]);
	double e = eta / (2 * h[0] * (2 - eta * h[0]));
	for (int t = 1; t <= 4; t++) {
		struct bc_chain *ch = chain(eta, h, 1, 0, 2, t + 1);
		gsl_rng *r = bc_rng_new();
		struct bc_stream_id id = {7, bc_rng_claim_hash("test_chain"), BC_PURPOSE_CLI, 0};
		double work[64], sum = 0, sum2 = 0;
		cr_assert(bc_chain_work_doubles(ch) <= 64);
		int n = 100000;
		for (int i = 0; i < n; i++) {
			struct bc_chain_obs o;
			bc_rng_key(r, &id, (uint64_t)i);
			bc_chain_run(ch, r, work, &o);
			sum += o.sq_norm;
			sum2 += o.sq_norm * o.sq_norm;
		}
		double mean = sum / n, se = sqrt((sum2 / n - mean * mean) / (n - 1));
		double want = e * (1 - pow(c, t));
		cr_assert(fabs(mean - want) <= 5 * se, "t = %d: %.6g +- %.2g, want %.6g", t, mean,
		          se, want);
		gsl_rng_free(r);
		bc_chain_free(ch);
	}
}
