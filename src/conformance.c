/*
 * conformance.c - the minimums every claim must meet (see bc_conformance.h).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bc_conformance.h"

struct sink {
	const struct bc_claim *c;
	bc_conformance_say say;
	void *ctx;
	int problems;
};

static void problem(struct sink *s, const char *fmt, ...)
{
	char line[512];
	int n = snprintf(line, sizeof line, "%s: ", s->c->id);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	va_end(ap);
	s->say(s->ctx, line);
	s->problems++;
}

static bool empty(const char *s)
{
	return !s || !*s;
}

static int point_index(const struct bc_claim *c, const char *name)
{
	for (int p = 0; name && p < c->n_points; p++)
		if (strcmp(c->points[p].name, name) == 0)
			return p;
	return -1;
}

static int variant_index(const struct bc_claim *c, const char *name)
{
	for (int v = 0; name && v < c->n_variants; v++)
		if (strcmp(c->variants[v].name, name) == 0)
			return v;
	return -1;
}

static bool simulated(const struct bc_claim *c, const char *output)
{
	for (int k = 0; c->sim && c->sim->obs && c->sim->obs[k]; k++)
		if (strcmp(c->sim->obs[k], output) == 0)
			return true;
	return false;
}

static const char *const greek[] = {
	"alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta",
	"iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon",
	"phi", "chi", "psi", "omega", NULL};

static bool word_char(char ch)
{
	return isalnum((unsigned char)ch);
}

/* The Greek letter's name as a word at s, in either case ("Delta" as well as "delta"): not
 * after a backslash (a LaTeX command) or an underscore (a name such as mse_at_eta), but
 * before an underscore or caret ("sigma_k", "eta^2"). */
static bool greek_word_at(const char *start, const char *s)
{
	if (s > start && (word_char(s[-1]) || s[-1] == '\\' || s[-1] == '_'))
		return false;
	for (int g = 0; greek[g]; g++) {
		size_t n = strlen(greek[g]);
		bool same = true;
		for (size_t i = 0; i < n && same; i++)
			same = tolower((unsigned char)s[i]) == greek[g][i];
		if (same && !word_char(s[n]))
			return true;
	}
	return false;
}

/* "sum" as a word followed by a summand: "sum_k", "sum W_k sigma_k", "sum e_i", not the
 * English "the sum of" or "worst sum b L_H" (a one-letter word after it counts: "sum x"). */
static bool sum_at(const char *start, const char *s, const char *end)
{
	if (end - s < 4 || strncmp(s, "sum", 3) != 0 || (s > start && word_char(s[-1])))
		return false;
	if (s[3] == '_')
		return true;
	if (s[3] != ' ')
		return false;
	const char *w = s + 4, *e = w;
	while (e < end && (word_char(*e) || *e == '_'))
		e++;
	return e > w && (e - w == 1 || memchr(w, '_', (size_t)(e - w)));
}

/* ASCII math in s[0..len), or in all of s when len is (size_t)-1. */
static bool ascii_math_in(const char *s, size_t len)
{
	static const char *const marks[] = {"^", "sqrt(", "<", ">", "!=", " = ", NULL};
	if (len == (size_t)-1)
		len = strlen(s);
	for (size_t i = 0; i < len; i++) {
		for (int k = 0; marks[k]; k++) {
			size_t n = strlen(marks[k]);
			if (i + n <= len && strncmp(s + i, marks[k], n) == 0)
				return true;
		}
		if (greek_word_at(s, s + i) || sum_at(s, s + i, s + len))
			return true;
		/* E[...], and a one-letter name with a subscript: F_next, n_k (not far_start) */
		bool word_start = i == 0 || !(word_char(s[i - 1]) || s[i - 1] == '_' ||
		                              s[i - 1] == '\\');
		if (word_start && i + 2 < len && isalpha((unsigned char)s[i]) &&
		    ((s[i] == 'E' && s[i + 1] == '[') || (s[i + 1] == '_' && word_char(s[i + 2]))))
			return true;
	}
	return false;
}

bool bc_text_has_ascii_math(const char *s)
{
	return s && ascii_math_in(s, (size_t)-1);
}

const char *bc_tex_twin_problem(const char *tex)
{
	int depth = 0;
	bool math = false;
	const char *text = tex; /* where the current stretch of text (outside $...$) began */
	for (const char *s = tex; *s; s++) {
		if (*s == '\\' && s[1]) { /* \$, \%, \{, ... are literal; a command is a word */
			s++;
			continue;
		}
		switch (*s) {
		case '{': depth++; break;
		case '}':
			if (--depth < 0)
				return "a '}' closes nothing";
			break;
		case '%': return "an unescaped '%' (it would comment out the rest of the line)";
		case '&': case '#': return "an unescaped '&' or '#'";
		case '\n': return "a line break (a twin is one paragraph)";
		case '$':
			if (s[1] == '$')
				return "display math ($$): the report sets twins in a line";
			if (!math && ascii_math_in(text, (size_t)(s - text)))
				return "ASCII math outside $...$";
			math = !math;
			text = s + 1;
			break;
		case '^': case '_':
			if (!math)
				return "a '^' or '_' outside $...$";
			break;
		}
	}
	if (math)
		return "an unmatched '$'";
	if (depth)
		return "an unclosed '{'";
	if (ascii_math_in(text, (size_t)-1))
		return "ASCII math outside $...$";
	return NULL;
}

/* A text with ASCII math needs its LaTeX twin, and a twin must be fit for the report. */
static void check_twin(struct sink *s, const char *what, const char *text, const char *tex)
{
	const char *why;
	if (tex && (why = bc_tex_twin_problem(tex)))
		problem(s, "the LaTeX twin of its %s is not fit for the report: %s: '%s'", what,
		        why, tex);
	else if (!tex && bc_text_has_ascii_math(text))
		problem(s, "its %s has ASCII math but no LaTeX twin (bc_text_has_ascii_math): '%s'",
		        what, text);
}

static void check_twins(struct sink *s)
{
	const struct bc_claim *c = s->c;
	char what[64];
	if (c->sim)
		check_twin(s, "simulator's mechanism (.mechanism_tex)", c->sim->mechanism,
		           c->sim->mechanism_tex);
	for (int p = 0; p < c->n_points && p < BC_MAX_POINTS; p++) {
		snprintf(what, sizeof what, "point '%.24s' (.why_tex)", c->points[p].name);
		check_twin(s, what, c->points[p].why, c->points[p].why_tex);
	}
	for (int v = 0; v < c->n_variants && v < BC_MAX_VARIANTS; v++) {
		snprintf(what, sizeof what, "variant '%.30s' (.what_tex)", c->variants[v].name);
		check_twin(s, what, c->variants[v].what, c->variants[v].what_tex);
	}
	for (int k = 0; k < c->n_findings; k++) {
		snprintf(what, sizeof what, "finding %d (.text_tex)", k + 1);
		check_twin(s, what, c->findings[k].text, c->findings[k].text_tex);
		snprintf(what, sizeof what, "finding %d's brief (.brief_tex)", k + 1);
		check_twin(s, what, c->findings[k].brief, c->findings[k].brief_tex);
	}
	if (c->plot_caption)
		check_twin(s, "plot caption (.plot_caption_tex)", c->plot_caption,
		           c->plot_caption_tex);
	/* a title has no twin: it heads the section, the contents and `list` alike */
	if (bc_text_has_ascii_math(c->title))
		problem(s, "its title has ASCII math (bc_text_has_ascii_math), which the report's "
		        "headings cannot typeset: say it in words: '%s'", c->title);
	if (c->model_tex) {
		const char *why = bc_tex_twin_problem(c->model_tex);
		if (why)
			problem(s, "its .model_tex is not fit for the report: %s", why);
	}
}

/* The scaffold's placeholders (templates/claim/) that an author has not replaced. */
static void check_placeholder(struct sink *s, const char *what, const char *text)
{
	if (text && (strstr(text, "FILL IN") || strstr(text, "FILL_IN")))
		problem(s, "its %s still says FILL IN: '%s'", what, text);
}

static void check_placeholders(struct sink *s)
{
	const struct bc_claim *c = s->c;
	check_placeholder(s, "title", c->title);
	check_placeholder(s, "source", c->source);
	check_placeholder(s, "seed_formula", c->seed_formula);
	check_placeholder(s, "model", c->model);
	if (c->sim)
		check_placeholder(s, "simulator's mechanism", c->sim->mechanism);
	for (int p = 0; p < c->n_params; p++)
		check_placeholder(s, "parameter help", c->params[p].help);
	for (int p = 0; p < c->n_points; p++) {
		check_placeholder(s, "check point name", c->points[p].name);
		check_placeholder(s, "check point text", c->points[p].why);
	}
	for (int v = 0; v < c->n_variants; v++) {
		check_placeholder(s, "variant name", c->variants[v].name);
		check_placeholder(s, "variant text", c->variants[v].what);
	}
	for (int k = 0; k < c->n_findings; k++)
		check_placeholder(s, "finding", c->findings[k].text);
}

static void check_texts(struct sink *s)
{
	const struct bc_claim *c = s->c;
	check_placeholders(s);
	const char *what[] = {"title", "source", "seed_formula", "model"};
	const char *text[] = {c->title, c->source, c->seed_formula, c->model};
	for (int i = 0; i < 4; i++)
		if (empty(text[i]))
			problem(s, "its %s is empty: say it (theory/%s.c)", what[i], c->id);
	bool says_seed = c->source && strncmp(c->source, "seed ", 5) == 0;
	if (bc_claim_from_seed(c) && !says_seed)
		problem(s, "its source '%s' should name the seed file and section ('seed NNN_...txt, "
		        "section ...'), or its status be BC_NOT_FROM_SEED", c->source ? c->source : "");
	/* the report opens the claim's section with the seed's own words and their reading */
	if (bc_claim_from_seed(c) && empty(c->seed_quote))
		problem(s, "it has no .seed_quote: copy the seed's sentence stating the formula, "
		        "verbatim (theory/%s.c)", c->id);
	if (bc_claim_from_seed(c) && empty(c->seed_quote_en))
		problem(s, "it has no .seed_quote_en: the seed quote's English reading (theory/%s.c)",
		        c->id);
	if (!bc_claim_from_seed(c) && says_seed)
		problem(s, "it is not from a seed (BC_NOT_FROM_SEED), but its source says 'seed'");
	if (!c->sim || !c->sim->obs || !c->sim->obs[0] || !c->sim->replicate)
		problem(s, "it has no simulator with outputs (sim/%s.c)", c->id);
	else if (empty(c->sim->mechanism))
		problem(s, "its simulator does not say what it simulates (.mechanism, sim/%s.c)", c->id);
	if (!(c->ulp_bound > 0))
		problem(s, "its ulp bound is %g: set it from the measured worst case plus a margin",
		        c->ulp_bound);
}

static void check_points(struct sink *s)
{
	const struct bc_claim *c = s->c;
	int regime = 0, outside = 0;
	if (c->n_points > BC_MAX_POINTS)
		problem(s, "%d check points: at most %d", c->n_points, BC_MAX_POINTS);
	for (int p = 0; p < c->n_points && p < BC_MAX_POINTS; p++) {
		const struct bc_point *pt = &c->points[p];
		regime += pt->kind == BC_IN_REGIME;
		outside += pt->kind == BC_OUTSIDE;
		if (empty(pt->name) || strlen(pt->name) > BC_POINT_NAME_MAX)
			problem(s, "check point '%s': a name of 1 to %d characters fits the table",
			        pt->name ? pt->name : "", BC_POINT_NAME_MAX);
		else if (point_index(c, pt->name) != p || variant_index(c, pt->name) >= 0)
			problem(s, "check point '%s': the name is used twice", pt->name);
		if (empty(pt->why))
			problem(s, "check point '%s' does not say what it shows (.why)", pt->name);
		if (empty(pt->output) || !simulated(c, pt->output))
			problem(s, "check point '%s' compares '%s', which the simulator does not estimate",
			        pt->name, pt->output ? pt->output : "");
	}
	if (regime < BC_MIN_REGIME_POINTS)
		problem(s, "%d in-regime check points: at least %d are needed", regime,
		        BC_MIN_REGIME_POINTS);
	if (outside < BC_MIN_OUTSIDE_POINTS)
		problem(s, "%d outside-regime check points: at least %d is needed (a point that breaks "
		        "a condition of the model, where the formula must fail)", outside,
		        BC_MIN_OUTSIDE_POINTS);
}

static void check_variants(struct sink *s)
{
	const struct bc_claim *c = s->c;
	if (c->n_variants < BC_MIN_VARIANTS)
		problem(s, "%d planted variants: at least %d are needed (plausible wrong formulas the "
		        "simulations must reject)", c->n_variants, BC_MIN_VARIANTS);
	if (c->n_variants > BC_MAX_VARIANTS)
		problem(s, "%d planted variants: at most %d", c->n_variants, BC_MAX_VARIANTS);
	for (int v = 0; v < c->n_variants && v < BC_MAX_VARIANTS; v++) {
		const struct bc_variant *vr = &c->variants[v];
		if (empty(vr->name) || strlen(vr->name) > BC_VARIANT_NAME_MAX)
			problem(s, "planted variant '%s': a name of 1 to %d characters fits the table",
			        vr->name ? vr->name : "", BC_VARIANT_NAME_MAX);
		else if (variant_index(c, vr->name) != v)
			problem(s, "planted variant '%s': the name is used twice", vr->name);
		if (empty(vr->what) || !vr->value)
			problem(s, "planted variant '%s' needs its mistake in words (.what) and its value",
			        vr->name);
		bool comparable = false;
		for (int p = 0; p < c->n_points && !comparable; p++)
			comparable = c->points[p].kind == BC_IN_REGIME && vr->output &&
			             strcmp(c->points[p].output, vr->output) == 0;
		if (!comparable)
			problem(s, "planted variant '%s' replaces output '%s', which no in-regime point "
			        "compares: it can never be rejected", vr->name, vr->output ? vr->output : "");
	}
}

static void check_findings(struct sink *s)
{
	const struct bc_claim *c = s->c;
	for (int k = 0; k < c->n_findings; k++) {
		const struct bc_finding *f = &c->findings[k];
		if (empty(f->text))
			problem(s, "finding %d has no text", k + 1);
		if (empty(f->brief))
			problem(s, "finding %d has no .brief: the finding in one line, for the report's "
			        "Findings summary", k + 1);
		if (f->point && point_index(c, f->point) < 0 && variant_index(c, f->point) < 0)
			problem(s, "finding %d names '%s', which is neither a check point nor a planted "
			        "variant", k + 1, f->point);
	}
	for (int p = 0; p < c->n_points; p++) {
		if (c->points[p].kind != BC_OUTSIDE)
			continue;
		bool found = false;
		for (int k = 0; k < c->n_findings && !found; k++)
			found = c->findings[k].point && strcmp(c->findings[k].point, c->points[p].name) == 0;
		if (!found)
			problem(s, "outside point '%s' has no finding: say which condition of the seed it "
			        "breaks and what happens", c->points[p].name);
	}
}

static bool readable(const char *root, const char *fmt, const char *id)
{
	char path[4096], rel[512];
	snprintf(rel, sizeof rel, fmt, id);
	snprintf(path, sizeof path, "%s/%s", root, rel);
	return access(path, R_OK) == 0;
}

/* A line of README.md that starts the claim's row in the claims table. */
static bool readme_row(const char *root, const char *id)
{
	char path[4096], want[128], line[4096];
	snprintf(path, sizeof path, "%s/README.md", root);
	snprintf(want, sizeof want, "| `%s` |", id);
	FILE *f = fopen(path, "r");
	bool found = false;
	while (f && !found && fgets(line, sizeof line, f))
		found = strncmp(line, want, strlen(want)) == 0;
	if (f)
		fclose(f);
	return found;
}

static void check_files(struct sink *s, const char *root)
{
	const char *id = s->c->id;
	if (!readable(root, "plots/%s.gp", id))
		problem(s, "no plot script plots/%s.gp", id);
	if (!readable(root, "tests/test_%s.c", id))
		problem(s, "no test file tests/test_%s.c", id);
	if (!readme_row(root, id))
		problem(s, "no row '| `%s` | ...' in the README's claims table", id);
}

int bc_conformance_static(const struct bc_claim *c, const char *root, bc_conformance_say say,
                          void *ctx)
{
	struct sink s = {c, say, ctx, 0};
	check_texts(&s);
	check_points(&s);
	check_variants(&s);
	check_findings(&s);
	check_twins(&s);
	check_files(&s, root);
	return s.problems;
}

int bc_conformance_verdicts(const struct bc_claim_result *cr, bc_conformance_say say,
                            void *ctx)
{
	const struct bc_claim *c = cr->claim;
	struct sink s = {c, say, ctx, 0};
	/* a run that skipped the sweep is judged on its Monte Carlo verdicts alone */
	if (!cr->ulp.skipped && cr->ulp_verdict != BC_PASS)
		problem(&s, "double vs MPFR: worst %g ulp (%d non-finite), over the bound %g",
		        cr->ulp.worst, cr->ulp.nonfinite, c->ulp_bound);
	for (int p = 0; p < c->n_points; p++) {
		const struct bc_point_result *pr = &cr->points[p];
		enum bc_verdict want = c->points[p].kind == BC_OUTSIDE ? BC_FLAGGED : BC_PASS;
		if (pr->verdict != want)
			problem(&s, "%s point '%s' is %s, not %s%s%s", bc_point_kind_name(c->points[p].kind),
			        c->points[p].name, bc_verdict_name(pr->verdict), bc_verdict_name(want),
			        pr->error[0] ? ": " : "", pr->error);
	}
	for (int v = 0; v < c->n_variants; v++)
		if (cr->variants[v].verdict != BC_REJECTED)
			problem(&s, "planted variant '%s' is not rejected at any point (max |z| %.2f): "
			        "choose points where it differs from the truth", c->variants[v].name,
			        cr->variants[v].max_abs_z);
	return s.problems;
}
