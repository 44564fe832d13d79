/*
 * bc_harness.h - the decision rule, applied to claims.
 *
 *  1. Closed form vs MPFR: the worst ulp error over the claim's sweep must not exceed the
 *     claim's stated bound, and no output may be NaN or infinite.
 *  2. Monte Carlo vs closed form: at each check point, |estimate - theory| <= z * SE, where
 *     z is the two-sided Bonferroni quantile for family-wise rate alpha over every
 *     comparison the run makes (points and planted-variant comparisons together).
 *     SE is the replicates' standard error, but never below 2^-40 of the point's scale:
 *     a simulator computing in double cannot resolve more, even when its observations are
 *     constant.
 *     A BC_NOT_BELOW point (theory is an optimum) fails only when the estimate is more than
 *     z standard errors below it.
 *  3. Power: a pilot of `pilot` replicates estimates the per-replicate SD; the decisive run
 *     gets R = ceil(((z + z_power) * 1.1 * sd / (detect * scale))^2) replicates, so a
 *     relative error `detect` of scale = |theory| (or |another output|, where the point
 *     says so) is caught with probability `power`. If R exceeds `budget`, no decisive run
 *     is made: the point is decided from the pilot alone, which can only fail it (or flag
 *     an outside point); otherwise it is INCONCLUSIVE. Where the decisive run's own SE
 *     still cannot detect `detect` (the pilot underestimated a heavy-tailed SD), the run is
 *     sized once more from its own SD and continued with the replicates that follow (the
 *     choice to continue depends on that run's SD, correlated with its mean for skewed
 *     observations: a departure from the nominal alpha negligible at these z); if
 *     that would pass the budget, or still falls short, the point is INCONCLUSIVE too, and an outside point that agrees
 *     without that power is INCONCLUSIVE rather than NOT FLAGGED. INCONCLUSIVE fails the
 *     run: a check never passes by being vague.
 *  4. Planted errors: each wrong variant is compared with the in-regime estimates; it is
 *     REJECTED when some point puts it more than z standard errors away.
 *  5. Outside the regime: at a point whose simulation breaks a condition of the model, the
 *     theory must be rejected (FLAGGED); otherwise the condition was not shown to matter.
 */
#ifndef BC_HARNESS_H
#define BC_HARNESS_H

#include <stdbool.h>
#include <stdint.h>

#include "bc_claim.h"
#include "bc_est.h"
#include "bc_ulp.h"

#define BC_MAX_POINTS 24
#define BC_MAX_VARIANTS 8

/* Inflation of the pilot's SD when a run is sized (rule 3): the pilot's own sampling error
 * must not cost power. */
#define BC_PILOT_MARGIN 1.1
/* The SE floor of rule 2, relative to the point's scale: the simulators compute in double,
 * so an estimate cannot be trusted closer than this even when its observations are
 * constant (SE 0) or nearly so. */
#define BC_SE_FLOOR_REL 0x1p-40

enum bc_verdict {
	BC_PASS,
	BC_FAIL,
	BC_INCONCLUSIVE,
	BC_REJECTED,     /* a planted variant, correctly rejected */
	BC_NOT_REJECTED, /* a planted variant the simulations could not tell from the truth */
	BC_FLAGGED,      /* an outside-regime point where the formula correctly disagrees */
	BC_NOT_FLAGGED   /* an outside-regime point where the formula still agreed */
};

struct bc_point_result;

struct bc_config {
	uint64_t seed;
	int threads;
	double alpha;   /* family-wise false-alarm rate over the run */
	double detect;  /* relative error each check must detect */
	double power;   /* probability of detecting it */
	uint64_t pilot; /* pilot replicates per point (at most budget) */
	uint64_t budget; /* most replicates a point may use */
	bool progress;  /* one line per point on stderr */
	bool ulp_sweep; /* run the double-vs-MPFR sweep (always, from the CLI; tests of the
	                   Monte Carlo decisions alone may skip it: it fails them then) */
	/* Resuming (bc_journal.h); NULL when unused. point_known fills a check point's result
	 * (its args and theory already set) from an earlier run and returns true, so the point
	 * is not run; point_done hears of each point this run decided without an error. */
	bool (*point_known)(void *ctx, const struct bc_claim *c, int index,
	                    struct bc_point_result *pr);
	void (*point_done)(void *ctx, const struct bc_claim *c, int index,
	                   const struct bc_point_result *pr);
	void *hook_ctx;
};

void bc_config_default(struct bc_config *cfg);

/*
 * Batteries, in the spirit of TestU01's SmallCrush / Crush / BigCrush: `quick` (the
 * defaults, what `make check` runs) detects a 1% error, `standard` 0.3%, `thorough` 0.1%;
 * the pilot and budget grow with them (replicates needed go as 1/detect^2). Sets cfg's
 * detect, pilot and budget; -1 for an unknown name.
 */
int bc_config_battery(struct bc_config *cfg, const char *name);
/* The batteries' names, "quick|standard|thorough". */
extern const char bc_battery_names[];

struct bc_point_result {
	const struct bc_point *point;
	struct bc_args args;
	double theory, estimate, se, z, detectable;
	uint64_t samples; /* replicates behind the estimate */
	uint64_t needed;  /* replicates the last sizing asked for (the pilot's, or the decisive
	                     run's when it was resized); UINT64_MAX when unbounded */
	bool pilot_only;  /* needed > budget: decided from the pilot alone */
	bool resized;     /* the decisive run was continued, sized from its own SD */
	enum bc_verdict verdict;
	char error[BC_ERR_LEN]; /* set when the point could not be run: a failure */
};

struct bc_variant_result {
	const struct bc_variant *variant;
	int compared, rejected;
	double value_at[BC_MAX_POINTS]; /* NAN at points it does not compare with */
	double z_at[BC_MAX_POINTS];
	double max_abs_z;
	enum bc_verdict verdict;
};

struct bc_claim_result {
	const struct bc_claim *claim;
	struct bc_ulp_result ulp;
	enum bc_verdict ulp_verdict;
	struct bc_point_result points[BC_MAX_POINTS];
	struct bc_variant_result variants[BC_MAX_VARIANTS];
};

struct bc_run_result {
	struct bc_config cfg;
	double z, z_power;
	int comparisons;
	int n_claims;
	struct bc_claim_result *claims;
	int passed, failed, inconclusive;
	/* `passed` split by kind: ulp bounds met, in-regime (and not_below) points passed,
	 * planted variants rejected, outside points flagged. */
	int ulp_met, regime_passed, variants_rejected, outside_flagged;
};

/* Comparisons a claim contributes to the Bonferroni family. */
int bc_harness_comparisons(const struct bc_claim *c);

/* Runs the harness over `claims`; the caller frees res->claims. Returns 0 iff all pass. */
int bc_harness_run(const struct bc_claim *const *claims, int n, const struct bc_config *cfg,
                   struct bc_run_result *res);

/*
 * The pieces of one point's decision, shared with `batchcheck calibrate` (bc_calibrate.h),
 * which applies them to runs of a fixed size:
 *  - bc_harness_point_setup parses point `index` of c and finds its theory value, the scale
 *    its detectable error refers to, and the simulator observation it compares (index into
 *    c->sim->obs); 0, or -1 with a one-line message;
 *  - bc_harness_se is the SE the decision uses: the replicates' SE, floored at 2^-40 of
 *    the scale;
 *  - bc_harness_agrees is the decision at a given z: two-sided, or for BC_NOT_BELOW
 *    one-sided (only an estimate more than z SE below the theory disagrees).
 * A point's decisive run draws from the stream (seed, claim, BC_PURPOSE_MAIN, index).
 */
struct bc_point_setup {
	struct bc_args args;
	double theory, scale;
	int obs;
};
int bc_harness_point_setup(const struct bc_claim *c, int index, struct bc_point_setup *ps,
                           char *err, size_t errlen);
double bc_harness_se(struct bc_moments m, double scale);
bool bc_harness_agrees(enum bc_point_kind kind, double estimate, double theory, double se,
                       double z);

bool bc_verdict_ok(enum bc_verdict v);
const char *bc_verdict_name(enum bc_verdict v);

#endif
