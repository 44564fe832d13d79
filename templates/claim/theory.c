/*
 * CLAIM_ID - FILL IN: the claim in one line.
 *
 * Seed FILL IN (file), section FILL IN: the formula as the seed states it, and the
 * sentences around it that say what it means. (A claim of your own: where the formula comes
 * from instead, e.g. a book and its theorem.)
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
 *
 * theory/corr_batch_var.c is a complete claim of this shape (with validate and
 * sweep_edges); include/bc_claim.h and include/bc_param.h say what every field means.
 */
#include <math.h>
#include <stdio.h>

#include "bc_claim.h"

enum { X, M, LAW };

static const char *const laws[] = {"gauss", "uniform", "laplace", "exp", NULL};

/* FILL IN: one entry per parameter, with the exact domain where the formula has meaning.
 * BC_REAL and BC_INT take [lo, hi] (.lo_open/.hi_open for open ends); a simulator switch
 * (how the simulation departs from or varies the model, e.g. the law of the samples, or a
 * mechanism that breaks a condition for an outside point) is a BC_CHOICE with .sim_only
 * and a default, which `theory` refuses and the simulator reads with bc_arg_choice. */
static const struct bc_param params[] = {
	[X] = {.name = "x", .kind = BC_REAL, .lo = 0, .hi = 1, .help = "FILL IN"},
	[M] = {.name = "m", .kind = BC_INT, .lo = 1, .hi = 1e9, .help = "batch size"},
	[LAW] = {.name = "law", .kind = BC_CHOICE, .choices = laws, .deflt = "gauss",
	         .sim_only = true, .help = "law of the samples (standardised, bc_law.h)"},
};

/* Conditions between parameters that no single range says (e.g. m <= N); none: return 0.
 * Refuse in one line naming the parameter and its valid range, as the parser does:
 *   snprintf(err, errlen, "parameter 'm' = %.0f is invalid for N = %.0f: valid range is "
 *            "integer in [1, N] (why)", in->x[M], in->x[N]); return -1; */
static int validate(const struct bc_args *in, char *err, size_t errlen)
{
	(void)in, (void)err, (void)errlen;
	return 0;
}

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
 * swapped term), each a function of the same inputs, named in an entry with its mistake in
 * words. Texts here and below are plain (the README, `list --verbose`); one with ASCII
 * math ("sigma^2 / m", "m <= N") needs its LaTeX twin for the report, e.g.
 * .what_tex = "$\\sigma^2/m$" (.why_tex for a point, .text_tex and .brief_tex for a finding;
 * NULL: none; tests/test_conformance.c names a missing one). */
static double dropped_factor(const struct bc_args *in)
{
	return in->x[X] / in->x[M]; /* FILL IN */
}

static const struct bc_variant variants[] = {
	{"FILL_IN", "value", "FILL IN: the mistake", dropped_factor, .what_tex = NULL},
};

/* FILL IN: at least three points in the regime and one outside it, where no variant
 * coincides with the truth and each can show what its text says. An outside point sets a
 * simulator switch that breaks a condition of the model (e.g. "... draw=with"). The last
 * field names another output as the scale where the compared value is 0; else NULL. */
static const struct bc_point points[] = {
	{"FILL_IN", BC_IN_REGIME, "x=0.5 m=16", "value", "FILL IN: what this point shows", NULL,
	 .why_tex = NULL},
};

/* FILL IN: each place the seed is wrong, ambiguous or incomplete, naming the point or
 * variant that shows it (NULL: a refused input, tested in tests/test_CLAIM_ID.c); one for
 * every outside point. */
static const struct bc_finding findings[] = {
	{"FILL_IN", "FILL IN", .brief = "FILL IN: the finding in one line (about 60 characters)",
	 .text_tex = NULL, .brief_tex = NULL},
};

extern const struct bc_sim bc_sim_CLAIM_ID;

const struct bc_claim bc_claim_CLAIM_ID = {
	.id = "CLAIM_ID",
	.title = "FILL IN",
	/* a claim of your own: where it comes from, e.g. "Cochran, Sampling Techniques, Thm 2.2" */
	.source = "seed FILL_IN.txt, section FILL IN",
	.seed_formula = "FILL IN",
	.seed_tex = NULL, /* the same in LaTeX math for the report; NULL: seed_formula as text */
	.model = "", /* FILL IN: the exact model verified */
	.model_tex = NULL, /* the same as LaTeX text (math in $...$) for the report; NULL: .model */
	/* FILL IN: BC_SEED_EXACT, BC_SEED_CONDITIONS, BC_SEED_WRONG, or BC_NOT_FROM_SEED for a
	 * claim of your own */
	.seed_status = BC_SEED_CONDITIONS,
	.findings = findings,
	.n_findings = 0, /* FILL IN: sizeof findings / sizeof *findings */
	.params = params,
	.n_params = sizeof params / sizeof *params,
	.validate = validate,
	.theory = theory,
	.theory_mpfr = theory_mpfr,
	.ulp_bound = 0, /* FILL IN: the measured worst case (batchcheck check ID) plus a margin */
	.sweep_edges = NULL, /* or a function visiting fragile inputs (cancellation, domain edges) */
	.sim = &bc_sim_CLAIM_ID,
	.points = points,
	.n_points = 0, /* FILL IN: sizeof points / sizeof *points */
	.variants = variants,
	.n_variants = 0, /* FILL IN: sizeof variants / sizeof *variants */
	.plot_caption = NULL, /* the report's caption under the figure; NULL: a generic one */
	.plot_caption_tex = NULL, /* its LaTeX twin, needed where the caption has ASCII math */
	/* required for a claim from a seed, as is every finding's .brief (test_conformance.c) */
	.seed_quote = "FILL IN: the seed's sentence(s) stating the formula, verbatim",
	.seed_quote_en = "FILL IN: their English reading",
};
