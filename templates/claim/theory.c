/*
 * CLAIM_ID - FILL IN: the claim in one line.
 *
 * Seed FILL IN (file), section FILL IN: the formula as the seed states it, and the
 * sentences around it that say what it means.
 *
 * Model verified: FILL IN: every convention the seed leaves open (how a batch is drawn,
 * with or without replacement, which law, what "optimal" means), so that the formula is
 * exact under it.
 *
 * Derivation: FILL IN: your own, from the model. Where it disagrees with the seed, that is
 * a finding: pin the model, record the finding and add a check point that shows it.
 *
 * Numerics: FILL IN: how the double form avoids cancellation and overflow, and so its ulp
 * bound.
 */
#include <math.h>
#include <stdio.h>

#include "bc_claim.h"

enum { X };

/* FILL IN: one entry per parameter, with the exact domain where the formula has meaning. */
static const struct bc_param params[] = {
	[X] = {.name = "x", .kind = BC_REAL, .lo = 0, .hi = 1, .help = "FILL IN"},
};

/* FILL IN: the formula in double precision; one output per name. */
static void theory(const struct bc_args *in, struct bc_outputs *out)
{
	out->n = 1;
	snprintf(out->name[0], BC_NAME_LEN, "value");
	out->v[0] = NAN * in->x[X]; /* FILL IN; NaN fails the ulp check until then */
}

/* FILL IN: the same outputs in MPFR at out's precision, as the reference. */
static void theory_mpfr(const struct bc_args *in, mpfr_t *out)
{
	mpfr_set_d(out[0], in->x[X], MPFR_RNDN);
}

/* FILL IN: at least three plausible wrong formulas (a dropped factor, an off-by-one, a
 * swapped term), each with its mistake in words. */
static const struct bc_variant variants[] = {
	{"FILL_IN", "value", "FILL IN: the mistake", NULL},
};

/* FILL IN: at least three points in the regime and one outside it, where no variant
 * coincides with the truth and each can show what its text says. */
static const struct bc_point points[] = {
	{"FILL_IN", BC_IN_REGIME, "x=0.5", "value", "FILL IN: what this point shows", NULL},
};

/* FILL IN: each place the seed is wrong, ambiguous or incomplete, naming the point or
 * variant that shows it; one for every outside point. */
static const struct bc_finding findings[] = {
	{"FILL_IN", "FILL IN", .brief = "FILL IN: the finding in one line (about 60 characters)"},
};

extern const struct bc_sim bc_sim_CLAIM_ID;

const struct bc_claim bc_claim_CLAIM_ID = {
	.id = "CLAIM_ID",
	.title = "FILL IN",
	.source = "seed FILL_IN.txt, section FILL IN",
	.seed_formula = "FILL IN",
	.model = "", /* FILL IN: the exact model verified */
	.seed_status = BC_SEED_CONDITIONS, /* FILL IN: exact / conditions / wrong / not from seed */
	.findings = findings,
	.n_findings = 0, /* FILL IN: sizeof findings / sizeof *findings */
	.params = params,
	.n_params = sizeof params / sizeof *params,
	.theory = theory,
	.theory_mpfr = theory_mpfr,
	.ulp_bound = 0, /* FILL IN: the measured worst case (batchcheck check ID) plus a margin */
	.sim = &bc_sim_CLAIM_ID,
	.points = points,
	.n_points = 0, /* FILL IN: sizeof points / sizeof *points */
	.variants = variants,
	.n_variants = 0, /* FILL IN: sizeof variants / sizeof *variants */
	.seed_quote = "FILL IN: the seed's sentence(s) stating the formula, verbatim",
	.seed_quote_en = "FILL IN: their English reading",
};
