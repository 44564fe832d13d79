/*
 * bc_claim.h - what a claim is.
 *
 * A claim is one formula from the seeds, described entirely by data: its parameters and
 * their domains, its closed form in double and in MPFR, its Monte Carlo simulator, the
 * check points the harness runs, and the planted wrong variants the harness must reject.
 * theory/ID.c defines `const struct bc_claim bc_claim_ID`; sim/ID.c defines the
 * `const struct bc_sim` it points to; src/claims.c lists the claim in one line.
 */
#ifndef BC_CLAIM_H
#define BC_CLAIM_H

#include <stdbool.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>
#include <mpfr.h>

#include "bc_param.h"

#define BC_MAX_OUT 24
#define BC_NAME_LEN 24

/* Values of a claim's outputs, named; filled by a claim's double-precision theory. */
struct bc_outputs {
	int n;
	char name[BC_MAX_OUT][BC_NAME_LEN];
	double v[BC_MAX_OUT];
};

/*
 * A literal simulator. plan_new() does per-point set-up once (validating what only the
 * simulator cares about, factoring matrices) and may refuse with a one-line error.
 * Parameters are read by name (bc_arg), so the simulator never depends on the order the
 * theory file declares them in. replicate() produces one independent replicate: it draws
 * every sample from `rng` (already keyed for this replicate; draw a batch at a time with
 * bc_law_fill) and writes one observation per name in `obs`, whose mean over replicates
 * estimates the theory output of the same name.
 *
 * What replicate() may assume:
 *  - the plan is shared by every thread: read it, never write it;
 *  - `work` holds work_doubles(plan) doubles (work_doubles may be NULL: none), belongs to
 *    the calling thread, and is neither zeroed nor cleared: it holds whatever the last
 *    replicate on that thread left, so write before you read, and keep nothing in it from
 *    one replicate to the next (which thread runs which replicate varies);
 *  - `obs` has room for every name in `obs` and must be written in full.
 *
 * replicate_lanes (optional, NULL: none) is the same simulator over BC_LANES replicates at
 * once, for speed (bc_lanes.h): lane l draws from lane l's stream (bc_rng_lane selects
 * it; bc_lanes_fill draws for all), `work` holds BC_LANES * work_doubles(plan) doubles,
 * and obs[k * BC_LANES + l] is lane l's observation k. Its bits must be replicate()'s for
 * each lane: the engine runs replicate() for the remainder of a run that does not fill
 * the lanes, and checks the two against each other on every run.
 */
struct bc_claim;

struct bc_sim {
	const char *const *obs; /* NULL-terminated output names this simulator estimates */
	const char *mechanism;  /* one paragraph: what is simulated, literally */
	void *(*plan_new)(const struct bc_claim *c, const struct bc_args *in, char *err,
	                 size_t errlen);
	void (*plan_free)(void *plan);
	size_t (*work_doubles)(const void *plan); /* per-thread scratch, in doubles */
	void (*replicate)(const void *plan, gsl_rng *rng, double *work, double *obs);
	void (*replicate_lanes)(const void *plan, gsl_rng *rng, double *work, double *obs);
	/* `mechanism` as LaTeX text (math in $...$) for the report; NULL: the report prints
	 * `mechanism` as plain text. Required where `mechanism` has ASCII math (see
	 * bc_text_has_ascii_math in bc_conformance.h); the plain text stays the one the README
	 * and `list --verbose` print. The other *_tex twins below follow the same rule. */
	const char *mechanism_tex;
};

enum bc_point_kind {
	BC_IN_REGIME, /* every condition of the pinned model holds: theory must be accepted */
	BC_OUTSIDE,   /* the simulation breaks a stated condition: theory must be rejected */
	BC_NOT_BELOW  /* theory is a lower bound (an optimum): the estimate must not be
	                 significantly below it, one-sided at the same z */
};

/* "regime", "outside" or "not_below", as tables and JSON name the kinds. */
const char *bc_point_kind_name(enum bc_point_kind k);

/* A check point: inputs written as on the command line, so one parser serves both. */
struct bc_point {
	const char *name;
	enum bc_point_kind kind;
	const char *args;   /* e.g. "sigma=2 m=8 rho=0.3 law=exp" */
	const char *output; /* the output compared */
	const char *why;    /* what this point shows; for BC_OUTSIDE, the broken condition */
	/* Theory output whose magnitude the detectable relative error refers to; NULL means
	 * `output` itself. Needed where the compared value is 0 (a bias that vanishes). */
	const char *scale_output;
	const char *why_tex; /* `why` as LaTeX text for the report, or NULL (see mechanism_tex) */
};

/* A plausible wrong formula. The harness must reject it against the same simulations. */
struct bc_variant {
	const char *name;   /* e.g. "off_by_one_m" */
	const char *output; /* the output it replaces */
	const char *what;   /* the mistake, in words */
	double (*value)(const struct bc_args *in);
	const char *what_tex; /* `what` as LaTeX text for the report, or NULL (see mechanism_tex) */
};

/* A place where the seed is wrong, ambiguous or incomplete, and the point that shows it. */
struct bc_finding {
	/* The check that demonstrates it: a check point or a planted variant of the claim; NULL
	 * when the domain check (a refused input, tested in tests/test_ID.c) does. */
	const char *point;
	const char *text;
	/* The finding in one line (about 70 characters), for the report's Findings summary;
	 * required (tests/test_conformance.c). Write it as a designated initialiser
	 * after the two above: {"point", "text", .brief = "..."}. */
	const char *brief;
	/* `text` and `brief` as LaTeX text for the report, or NULL (see bc_sim.mechanism_tex);
	 * the brief's twin must still fit the summary's one line (tests/test_report.c). */
	const char *text_tex;
	const char *brief_tex;
};

/* What the suite concludes about the seed's formula as written, once every check passes. */
enum bc_seed_status {
	BC_SEED_EXACT,      /* holds exactly, under the seed's own stated conditions */
	BC_SEED_CONDITIONS, /* holds under conditions the seed omits, which the model states */
	BC_SEED_WRONG,      /* wrong as written; the claim verifies a corrected formula */
	BC_NOT_FROM_SEED    /* the author's own claim: `source` says where it comes from, and
	                       `seed_formula` holds the formula as the author states it */
};


struct bc_claim {
	const char *id;
	const char *title;
	const char *source; /* seed file and section, or (not from a seed) where it comes from */
	const char *seed_formula; /* the formula as its source states it */
	const char *seed_tex; /* the same in LaTeX math, for the report */
	const char *model; /* the exact model the suite verifies: every convention pinned */
	/* The same model as LaTeX text (math in $...$), for the report; NULL: the report prints
	 * `model` as plain text. The README and `list --verbose` keep the plain text. */
	const char *model_tex;
	enum bc_seed_status seed_status;
	const struct bc_finding *findings;
	int n_findings;
	const struct bc_param *params;
	int n_params;
	/* Cross-parameter conditions a per-parameter range cannot say; NULL if none. */
	int (*validate)(const struct bc_args *in, char *err, size_t errlen);
	void (*theory)(const struct bc_args *in, struct bc_outputs *out);
	/* Same outputs, same order, into out[0..n-1] initialised at the caller's precision. */
	void (*theory_mpfr)(const struct bc_args *in, mpfr_t *out);
	double ulp_bound; /* measured worst case over the sweep, plus margin */
	/* Inputs the double-vs-MPFR sweep visits beyond the generic grid (domain edges). */
	void (*sweep_edges)(const struct bc_args *grid_point,
	                    void (*visit)(const struct bc_args *in, void *ctx), void *ctx);
	const struct bc_sim *sim;
	const struct bc_point *points;
	int n_points;
	const struct bc_variant *variants;
	int n_variants;
	/* The report's caption under plots/ID.gp's figure; NULL: "theory lines, Monte Carlo
	 * points with error bars." */
	const char *plot_caption;
	/* Its LaTeX twin (math in $...$), as for the texts above; NULL: the plain caption. */
	const char *plot_caption_tex;
	/* The seed's own sentence(s) stating the formula, copied verbatim from the seed file
	 * (its Markdown: $...$ and $$...$$ are LaTeX math, **bold**, [text](@entry_id:N) and
	 * [@problem_id:N] references); passages taken from different places are separated by
	 * " [...] ". The report opens the claim's section with it. Required for a claim from a
	 * seed (tests/test_conformance.c); NULL: none (not from a seed). */
	const char *seed_quote;
	/* Its English reading, in the same Markdown (math in $...$). */
	const char *seed_quote_en;
};

extern const struct bc_claim *const bc_claims[];
extern const int bc_n_claims;

const struct bc_claim *bc_claim_find(const char *id);

/* Whether the claim comes from one of the seed chapters (every status but the last). */
static inline bool bc_claim_from_seed(const struct bc_claim *c)
{
	return c->seed_status != BC_NOT_FROM_SEED;
}
int bc_output_index(const struct bc_outputs *out, const char *name);
/* Calls the claim's theory on zeroed outputs and checks what it returned: a count in
 * [1, BC_MAX_OUT] and that many names, each non-empty and unlike the others (a theory that
 * counts an output it never writes is a bug no comparison would see). 0, or -1 with a
 * one-line message. */
int bc_theory_checked(const struct bc_claim *c, const struct bc_args *in,
                      struct bc_outputs *out, char *err, size_t errlen);

/* A parameter's value by name, for simulators' set-up (not for hot loops). The name must
 * exist: asking for a missing one is a programming error and aborts. */
double bc_arg(const struct bc_claim *c, const struct bc_args *in, const char *name);
/* Whether the user gave the parameter (rather than it taking its default). */
bool bc_arg_given(const struct bc_claim *c, const struct bc_args *in, const char *name);
/* A BC_CHOICE parameter's word, e.g. "gauss". */
const char *bc_arg_choice(const struct bc_claim *c, const struct bc_args *in, const char *name);
const double *bc_arg_vec(const struct bc_claim *c, const struct bc_args *in, const char *name,
                         int *len);

#endif
