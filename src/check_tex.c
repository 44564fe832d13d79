/*
 * check_tex.c - the harness's results as LaTeX for the report (reports/report.tex inputs
 * it). Written from the same in-memory results as the JSON of the same run, so every
 * number in the PDF is the harness's own; the report test compares the two.
 *
 * Macros written: the run's settings (\bcseed, \bcalpha, \bcz, ...) and what the decision
 * rule fixes (\bcmargin, \bcsefloor, ...); the counts (\bcpassed, ...) and statistics of the
 * run (\bcnpoints, \bcpilotonly, ...); \bcsummary, the table of every claim; \bcfindingsummary,
 * one line per finding; \bcclaims, a section per claim; \bcfindings, the findings in full.
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bc_check_print.h"
#include "bc_conformance.h"
#include "bc_json.h"
#include "bc_ulp.h"

/* One character of text, *s, with LaTeX's special characters (and ligatures) made literal,
 * so the PDF's text reads back as the string. UTF-8 bytes pass through (the report
 * typesets Chinese in a CJK environment). */
static void tex_char(FILE *f, const char *s)
{
	switch (*s) {
	case '\\': fputs("\\textbackslash{}", f); break;
	case '{': case '}': case '$': case '&': case '#': case '%': case '_':
		fprintf(f, "\\%c", *s);
		break;
	case '^': fputs("\\textasciicircum{}", f); break;
	case '\'': fputs("\\textquotesingle{}", f); break;
	case '`': fputs("\\textasciigrave{}", f); break;
	case '-': fputs(s[1] == '-' ? "-{}" : "-", f); break; /* no -- ligature */
	case '~': fputs("\\~{}", f); break;
	case '<': fputs("\\textless{}", f); break;
	case '>': fputs("\\textgreater{}", f); break;
	default: fputc(*s, f);
	}
}

static void tex_text(FILE *f, const char *s)
{
	for (; *s; s++)
		tex_char(f, s);
}

/*
 * A claim's text in the report: its LaTeX twin (bc_claim.h: model_tex, mechanism_tex,
 * why_tex, what_tex, text_tex) where it has one, else the plain text made literal. A twin
 * that could break the report, or silently lose words (an unescaped %), is replaced by a
 * LaTeX error naming it, so the build stops (latexmk -halt-on-error) instead of printing
 * something other than the claim says; tests/test_conformance.c names it too.
 */
/* Letters, digits, spaces and plain punctuation of s, at most n bytes: safe in an error
 * message, where even escaped specials may not survive expansion. */
static void tex_message(FILE *f, const char *s, size_t n)
{
	for (; *s && n; s++, n--)
		if (isalnum((unsigned char)*s) || strchr(" .,:;()'-", *s))
			fputc(*s, f);
}

static void tex_twin(FILE *f, const char *tex, const char *plain)
{
	const char *why;
	if (!tex) {
		tex_text(f, plain);
	} else if ((why = bc_tex_twin_problem(tex))) {
		fputs("\\PackageError{batchcheck}{a LaTeX twin is not fit for the report (", f);
		tex_message(f, why, 100);
		fputs("): ", f);
		tex_message(f, tex, 60);
		fputs("}{Fix the claim's LaTeX twin; tests/test_conformance.c names it.}", f);
	} else {
		fputs(tex, f);
	}
}

/* Code-like text (inputs, names) in typewriter type, breakable after commas so a long
 * vector cannot run into the margin, and with `underscores` after each _ too (a long name
 * in a narrow column). */
static void tex_code_breaking(FILE *f, const char *s, bool underscores)
{
	fputs("\\texttt{", f);
	for (; *s; s++) {
		tex_char(f, s);
		if (*s == ',' || (underscores && *s == '_' && s[1]))
			fputs("\\allowbreak{}", f);
	}
	fputs("}", f);
}

static void tex_code(FILE *f, const char *s)
{
	tex_code_breaking(f, s, false);
}

static void tex_number(FILE *f, const char *fmt, double x)
{
	if (isfinite(x))
		fprintf(f, fmt, x);
	else
		fputs("--", f);
}

/* x in math mode with `digits` significant digits: m \times 10^{e} when it is too large or
 * too small for plain digits, whole numbers as they are (12390, not 1.24e+04). */
static void tex_math_number(FILE *f, double x, int digits)
{
	if (!isfinite(x)) {
		fputs("\\text{--}", f);
		return;
	}
	double a = fabs(x);
	if (a != 0 && (a >= 1e5 || a < 1e-3)) {
		int e = (int)floor(log10(a));
		double m = x / pow(10, e);
		if (fabs(m) >= 10 - 5 * pow(10, 1 - digits)) { /* rounds up to the next power */
			m /= 10;
			e++;
		}
		char mant[32];
		snprintf(mant, sizeof mant, "%.*g", digits, m);
		if (strcmp(mant, "1") == 0 || strcmp(mant, "-1") == 0)
			fprintf(f, "%s10^{%d}", mant[0] == '-' ? "-" : "", e);
		else
			fprintf(f, "%s\\times 10^{%d}", mant, e);
	} else if (a >= pow(10, digits)) {
		fprintf(f, "%.0f", x);
	} else {
		fprintf(f, "%.*g", digits, x);
	}
}

/*
 * The seed's Markdown (bc_claim.h: seed_quote) as LaTeX: $...$ and $$...$$ are the seed's
 * own LaTeX math and pass through; **bold**; [text](@entry_id:N) is its text; [@problem_id:N]
 * (a reference to the book's exercises) is dropped; " [...] " between passages is kept as an
 * ellipsis; a blank line ends a paragraph. Everything else is text. An unmatched $ is text,
 * so a quote can never break the report's LaTeX.
 */
static void tex_markdown(FILE *f, const char *s)
{
	const char *const start = s;
	bool bold = false;
	while (*s) {
		const char *end;
		if (strncmp(s, "$$", 2) == 0 && (end = strstr(s + 2, "$$"))) {
			fprintf(f, "\\[%.*s\\]", (int)(end - s - 2), s + 2);
			s = end + 2;
			if (*s == '\n')
				s++;
		} else if (*s == '$' && (end = strchr(s + 1, '$')) && end > s + 1) {
			fprintf(f, "$%.*s$", (int)(end - s - 1), s + 1);
			s = end + 1;
		} else if (strncmp(s, "**", 2) == 0) {
			fputs(bold ? "}" : "\\textbf{", f);
			bold = !bold;
			s += 2;
		} else if (strncmp(s, "[@problem_id:", 13) == 0 && (end = strchr(s, ']'))) {
			s = end + 1;
		} else if (strncmp(s, "[...]", 5) == 0) {
			fputs("[\\ldots]", f);
			s += 5;
		} else if (*s == '[' && (end = strstr(s, "](@entry_id:")) && strchr(end, ')') &&
		           !memchr(s + 1, '[', (size_t)(end - s - 1))) {
			for (const char *t = s + 1; t < end; t++)
				tex_char(f, t);
			s = strchr(end, ')') + 1;
		} else if (strncmp(s, "\n\n", 2) == 0) {
			fputs("\\par\n", f);
			s += 2;
		} else if (*s == '\n') {
			/* a soft line break: a space between words, none between Chinese characters */
			bool ascii_around = s > start && !(s[-1] & 0x80) && s[1] && !(s[1] & 0x80);
			fputs(ascii_around ? " " : "%\n", f);
			s++;
		} else {
			tex_char(f, s);
			s++;
		}
	}
	if (bold)
		fputs("}", f);
}

static int claim_failures(const struct bc_claim_result *cr)
{
	const struct bc_claim *c = cr->claim;
	int n = !bc_verdict_ok(cr->ulp_verdict);
	for (int p = 0; p < c->n_points; p++)
		n += !bc_verdict_ok(cr->points[p].verdict);
	for (int v = 0; v < c->n_variants; v++)
		n += !bc_verdict_ok(cr->variants[v].verdict);
	return n;
}

static const char *plain_verdict(const struct bc_claim_result *cr, int failed)
{
	if (failed)
		return "Not verified: some checks below failed or were inconclusive.";
	switch (cr->claim->seed_status) {
	case BC_SEED_EXACT:
		return "Holds exactly, under the conditions the seed states.";
	case BC_SEED_CONDITIONS:
		return "Holds under the stated conditions (the seed omits some of them; see Findings).";
	case BC_SEED_WRONG:
		return "Wrong as written (see Findings); the corrected formula holds.";
	case BC_NOT_FROM_SEED:
		return "Holds, as stated in its source (not a seed chapter).";
	}
	return "";
}

/* The verdict in a few words, for the summary table (tests/test_report.c knows them). */
static void short_verdict(FILE *f, const struct bc_claim_result *cr, int failed)
{
	if (failed) {
		fprintf(f, "\\textbf{not verified: %d %s failed}", failed,
		        failed == 1 ? "check" : "checks");
		return;
	}
	switch (cr->claim->seed_status) {
	case BC_SEED_EXACT: fputs("holds exactly as stated", f); break;
	case BC_SEED_CONDITIONS: fputs("holds under unstated conditions", f); break;
	case BC_SEED_WRONG: fputs("wrong; the corrected form holds", f); break;
	case BC_NOT_FROM_SEED: fputs("holds as stated in its source", f); break;
	}
}

/* Successes and totals of one kind of check, for a claim. */
struct tally {
	int ok, n;
};

static void tally_points(const struct bc_claim_result *cr, enum bc_point_kind kind,
                         struct tally *t)
{
	t->ok = t->n = 0;
	for (int p = 0; p < cr->claim->n_points; p++)
		if (cr->points[p].point->kind == kind) {
			t->n++;
			t->ok += bc_verdict_ok(cr->points[p].verdict);
		}
}

static void tex_tally(FILE *f, struct tally t)
{
	if (t.n)
		fprintf(f, "%d/%d", t.ok, t.n);
	else
		fputs("--", f);
}

/* The finding in one line: its brief, else the text's first sentence, shortened to about
 * 60 characters at a word boundary. */
static void finding_brief(const struct bc_finding *fd, char *buf, size_t n)
{
	enum { MAX_BRIEF = 60 };
	if (fd->brief) {
		snprintf(buf, n, "%s", fd->brief);
		return;
	}
	const char *t = fd->text ? fd->text : "";
	size_t len = strlen(t);
	const char *stop = strstr(t, ". ");
	if (stop)
		len = (size_t)(stop - t);
	else if (len && t[len - 1] == '.')
		len--;
	if (len > MAX_BRIEF) {
		size_t cut = MAX_BRIEF - 3;
		while (cut > 0 && t[cut] != ' ')
			cut--;
		if (cut == 0) /* one long word: cut it, but not inside a UTF-8 character */
			for (cut = MAX_BRIEF - 3; cut > 0 && (t[cut] & 0xC0) == 0x80; cut--)
				;
		while (cut > 0 && (t[cut - 1] == ',' || t[cut - 1] == ':' || t[cut - 1] == ';'))
			cut--;
		snprintf(buf, n, "%.*s...", (int)cut, t);
	} else {
		snprintf(buf, n, "%.*s", (int)len, t);
	}
}

static const struct bc_point_result *find_point(const struct bc_claim_result *cr,
                                                const char *name)
{
	for (int p = 0; name && p < cr->claim->n_points; p++)
		if (strcmp(cr->claim->points[p].name, name) == 0)
			return &cr->points[p];
	return NULL;
}

static const struct bc_variant_result *find_variant(const struct bc_claim_result *cr,
                                                    const char *name)
{
	for (int v = 0; name && v < cr->claim->n_variants; v++)
		if (strcmp(cr->claim->variants[v].name, name) == 0)
			return &cr->variants[v];
	return NULL;
}

static void tex_point_table(FILE *f, const struct bc_claim_result *cr)
{
	const struct bc_claim *c = cr->claim;
	if (c->n_points == 0) { /* a claim still being written */
		fputs("\\textbf{No check points yet.}\\par\n\n", f);
		return;
	}
	/* a long table, so a claim with many points breaks across pages instead of leaving a
	 * gap; flush left, its header repeated on the next page */
	fputs("\\begingroup\\setlength{\\LTleft}{0pt}\\setlength{\\LTright}{\\fill}"
	      "\\setlength{\\LTpre}{\\smallskipamount}\n"
	      "\\begin{longtable}{@{}llrrrrrrl@{}}\n\\toprule\n"
	      "point & kind & theory & estimate & SE & $z$ & off by & detect & verdict\\\\\n"
	      "\\midrule\n\\endhead\n\\bottomrule\n\\endlastfoot\n", f);
	for (int p = 0; p < c->n_points; p++) {
		const struct bc_point_result *pr = &cr->points[p];
		tex_text(f, pr->point->name);
		fputs(" & ", f);
		tex_text(f, bc_point_kind_name(pr->point->kind));
		fputs(" & ", f);
		tex_number(f, "%.6g", pr->theory);
		fputs(" & ", f);
		tex_number(f, "%.6g", pr->estimate);
		fputs(" & ", f);
		tex_number(f, "%.2g", pr->se);
		fputs(" & ", f);
		/* two decimals, or three digits where a z beyond 1e5 (an SE at its floor) would
		 * spread into the next column */
		tex_number(f, fabs(pr->z) < 1e5 ? "%.2f" : "%.3g", pr->z);
		fputs(" & ", f);
		tex_number(f, "%+.2f\\%%", pr->theory != 0 ? 100 * (pr->estimate - pr->theory) /
		                                                     fabs(pr->theory) : NAN);
		fputs(" & ", f);
		tex_number(f, "%.2f\\%%", 100 * pr->detectable);
		fprintf(f, " & %s\\\\\n", bc_verdict_name(pr->verdict));
	}
	fputs("\\end{longtable}\\endgroup\n\n", f);
}

/* Each check point's inputs, replicates and purpose. */
static void tex_point_list(FILE *f, const struct bc_claim_result *cr)
{
	const struct bc_claim *c = cr->claim;
	if (c->n_points == 0)
		return;
	fputs("\\begin{description}\\small\n", f);
	for (int p = 0; p < c->n_points; p++) {
		const struct bc_point_result *pr = &cr->points[p];
		char args[512];
		bc_args_format(c, &pr->args, true, args, sizeof args);
		fputs("\\item[", f);
		tex_text(f, pr->point->name);
		fputs("] ", f);
		tex_code(f, args);
		fprintf(f, ", %llu replicates", (unsigned long long)pr->samples);
		if (pr->pilot_only && pr->needed == UINT64_MAX)
			fputs(" (the pilot alone: no replicate count can resolve it)", f);
		else if (pr->pilot_only)
			fprintf(f, " (the pilot alone: it needs %.3g, over the budget)", (double)pr->needed);
		else if (pr->resized)
			fputs(" (resized from the decisive run's own SD)", f);
		fputs(". ", f);
		tex_twin(f, pr->point->why_tex, pr->point->why);
		if (pr->error[0]) {
			fputs(" \\textbf{Error:} ", f);
			tex_text(f, pr->error);
		}
		fputs("\n", f);
	}
	fputs("\\end{description}\n\n", f);
}

static void tex_variants(FILE *f, const struct bc_claim_result *cr)
{
	const struct bc_claim *c = cr->claim;
	if (c->n_variants == 0) {
		fputs("\\textbf{No planted variants yet.}\\par\n\n", f);
		return;
	}
	/* Ragged right: the mistakes are prose, and justified short lines gape. The name column
	 * is as wide as the longest name, but at most a third of the line: a longer name
	 * breaks after an underscore. */
	fputs("\\setlength{\\bcidwidth}{0pt}\\bcfit{\\bcidwidth}{variant}", f);
	for (int v = 0; v < c->n_variants; v++) {
		fputs("\\bcfit{\\bcidwidth}{", f);
		tex_code(f, cr->variants[v].variant->name);
		fputs("}", f);
	}
	fputs("\\bccap{\\bcidwidth}{0.34\\linewidth}\n"
	      "\\noindent\\begin{tabularx}{\\linewidth}{@{}>{\\raggedright\\arraybackslash}"
	      "p{\\bcidwidth}>{\\raggedright\\arraybackslash}Xrrl@{}}\n"
	      "\\toprule\nvariant & the mistake & rejected at & max $|z|$ & verdict\\\\\n\\midrule\n",
	      f);
	for (int v = 0; v < c->n_variants; v++) {
		const struct bc_variant_result *vr = &cr->variants[v];
		tex_code_breaking(f, vr->variant->name, true);
		fputs(" & ", f);
		tex_twin(f, vr->variant->what_tex, vr->variant->what);
		fprintf(f, " & %d/%d & ", vr->rejected, vr->compared);
		if (fabs(vr->max_abs_z) < 1e5) {
			tex_number(f, "%.1f", vr->max_abs_z);
		} else {
			fputs("$", f);
			tex_math_number(f, vr->max_abs_z, 3);
			fputs("$", f);
		}
		fprintf(f, " & %s\\\\\n", bc_verdict_name(vr->verdict));
	}
	fputs("\\bottomrule\n\\end{tabularx}\n\n", f);
}

/*
 * The claim's evidence figure, drawn in LaTeX's picture mode from the run's own numbers (no
 * data file, no plotting tool, so nothing to keep in step): left, each planted variant's |z|
 * at every point it is compared with, on a log scale, against the run's threshold z; right,
 * how many of the closed form's outputs over the ulp sweep fall in each band of ulp error,
 * with the claim's bound. Units are millimetres; coordinates are printed with %.2f.
 */
#define ZFIG_W 80.0
#define ZFIG_H 40.0
#define HFIG_BAR 6.5
#define HFIG_GAP 1.0

static const char *const variant_mark[BC_MAX_VARIANTS] = {
	"\\bullet", "\\circ", "\\times", "\\ast", "\\diamond", "\\triangle", "+", "\\star"};

static void tex_variant_z_picture(FILE *f, const struct bc_claim_result *cr, double z)
{
	const struct bc_claim *c = cr->claim;
	int at[BC_MAX_POINTS], n = 0;
	double top = z;
	for (int p = 0; p < c->n_points; p++) {
		bool used = false;
		for (int v = 0; v < c->n_variants; v++)
			if (isfinite(cr->variants[v].z_at[p])) {
				used = true;
				if (fabs(cr->variants[v].z_at[p]) > top)
					top = fabs(cr->variants[v].z_at[p]);
			}
		if (used)
			at[n++] = p;
	}
	int lo = -1, hi = (int)ceil(log10(top));
	if (hi < (int)ceil(log10(z)) + 1)
		hi = (int)ceil(log10(z)) + 1;
	double dy = ZFIG_H / (hi - lo), dx = n ? ZFIG_W / n : ZFIG_W;
	fprintf(f, "\\begin{picture}(%.2f,%.2f)(-10,-6)\n", ZFIG_W + 12, ZFIG_H + 9);
	fprintf(f, "\\put(0,0){\\line(1,0){%.2f}}\\put(0,0){\\line(0,1){%.2f}}\n", ZFIG_W, ZFIG_H);
	int step = hi - lo > 8 ? 2 : 1; /* a label every other decade where they would crowd */
	for (int k = lo; k <= hi; k += step)
		fprintf(f, "\\put(0,%.2f){\\line(-1,0){1}}\\put(-1.5,%.2f){\\makebox(0,0)[r]{\\scriptsize"
		        " $10^{%d}$}}\n", (k - lo) * dy, (k - lo) * dy, k);
	double yz = (log10(z) - lo) * dy;
	fprintf(f, "\\multiput(0,%.2f)(2,0){%d}{\\line(1,0){1}}"
	        "\\put(%.2f,%.2f){\\makebox(0,0)[rb]{\\scriptsize $z = %.3f$}}\n",
	        yz, (int)(ZFIG_W / 2), ZFIG_W, yz + 0.8, z);
	fprintf(f, "\\put(-9,%.2f){\\makebox(0,0){\\rotatebox{90}{\\scriptsize $|z|$ of a variant}}}\n",
	        ZFIG_H / 2);
	for (int i = 0; i < n; i++) {
		double x = (i + 0.5) * dx;
		fprintf(f, "\\put(%.2f,0){\\line(0,-1){1}}\\put(%.2f,-3){\\makebox(0,0){\\scriptsize %d}}\n",
		        x, x, i + 1);
		for (int v = 0; v < c->n_variants; v++) {
			double zv = fabs(cr->variants[v].z_at[at[i]]);
			if (!isfinite(zv))
				continue;
			double ly = zv > 0 ? log10(zv) : lo; /* below 0.1: on the axis */
			if (ly < lo)
				ly = lo;
			/* variants side by side within the point's slot, so none hides another */
			double xv = x + (v - (c->n_variants - 1) / 2.0) * fmin(1.6, 0.8 * dx / c->n_variants);
			fprintf(f, "\\put(%.2f,%.2f){\\makebox(0,0){$%s$}}\n", xv, (ly - lo) * dy,
			        variant_mark[v]);
		}
	}
	fprintf(f, "\\put(%.2f,-6){\\makebox(0,0){\\scriptsize check point (numbered below)}}\n",
	        ZFIG_W / 2);
	fputs("\\end{picture}", f);
}

static void tex_ulp_picture(FILE *f, const struct bc_claim_result *cr)
{
	const struct bc_ulp_result *u = &cr->ulp;
	long most = 1;
	for (int i = 0; i < BC_ULP_BINS; i++)
		if (u->hist[i] > most)
			most = u->hist[i];
	double w = BC_ULP_BINS * (HFIG_BAR + HFIG_GAP), scale = ZFIG_H / log10((double)most + 1);
	fprintf(f, "\\begin{picture}(%.2f,%.2f)(-2,-6)\n", w + 2, ZFIG_H + 9);
	fprintf(f, "\\put(0,0){\\line(1,0){%.2f}}\n", w);
	for (int i = 0; i < BC_ULP_BINS; i++) {
		double x = i * (HFIG_BAR + HFIG_GAP) + HFIG_GAP / 2, h = log10((double)u->hist[i] + 1) * scale;
		if (u->hist[i])
			fprintf(f, "\\put(%.2f,0){\\rule{%.2fmm}{%.2fmm}}", x, HFIG_BAR, h);
		fprintf(f, "\\put(%.2f,%.2f){\\makebox(0,0)[b]{\\tiny %ld}}", x + HFIG_BAR / 2, h + 0.6,
		        u->hist[i]);
		if (i == 0)
			fprintf(f, "\\put(%.2f,-3){\\makebox(0,0){\\scriptsize 0}}\n", x + HFIG_BAR / 2);
		else if (i < BC_ULP_BINS - 1)
			fprintf(f, "\\put(%.2f,-3){\\makebox(0,0){\\scriptsize $\\le\\!%g$}}\n",
			        x + HFIG_BAR / 2, bc_ulp_edge[i]);
		else
			fprintf(f, "\\put(%.2f,-3){\\makebox(0,0){\\scriptsize $>\\!%g$}}\n",
			        x + HFIG_BAR / 2, bc_ulp_edge[BC_ULP_BINS - 2]);
	}
	/* the bound, after the last bin that lies within it */
	int last = 0;
	for (int i = 1; i < BC_ULP_BINS - 1; i++)
		if (bc_ulp_edge[i] <= cr->claim->ulp_bound)
			last = i;
	double xb = (last + 1) * (HFIG_BAR + HFIG_GAP);
	fprintf(f, "\\multiput(%.2f,0)(0,2){%d}{\\line(0,1){1}}"
	        "\\put(%.2f,%.2f){\\makebox(0,0)[lt]{\\scriptsize\\ bound %g}}\n",
	        xb, (int)(ZFIG_H / 2) + 1, xb, ZFIG_H + 3, cr->claim->ulp_bound);
	fprintf(f, "\\put(%.2f,-6){\\makebox(0,0){\\scriptsize ulp error against MPFR}}\n", w / 2);
	fputs("\\end{picture}", f);
}

static void tex_evidence_figure(FILE *f, const struct bc_claim_result *cr,
                                const struct bc_run_result *res)
{
	const struct bc_claim *c = cr->claim;
	/* in the text, not floating: small, and a float page of its own would be half empty */
	fputs("\\begin{bcinfigure}\\setlength{\\unitlength}{1mm}\n", f);
	if (c->n_variants)
		tex_variant_z_picture(f, cr, res->z);
	fputs("\\hfill", f);
	if (!cr->ulp.skipped)
		tex_ulp_picture(f, cr);
	fputs("\n\n\\smallskip\\raggedright\\small", f);
	for (int v = 0; v < c->n_variants; v++) {
		fprintf(f, "%s$%s$~", v ? "\\quad " : "", variant_mark[v]);
		tex_code(f, c->variants[v].name);
	}
	fputs("\\caption{\\texttt{", f);
	tex_text(f, c->id);
	fputs("}: left, the planted variants' $|z|$ at each check point they are compared with "
	      "(above the dashed line: rejected there); points:", f);
	int k = 0;
	for (int p = 0; p < c->n_points; p++) {
		bool used = false;
		for (int v = 0; v < c->n_variants; v++)
			used = used || isfinite(cr->variants[v].z_at[p]);
		if (!used)
			continue;
		fprintf(f, "%s %d~", k ? "," : "", k + 1);
		tex_code(f, c->points[p].name);
		k++;
	}
	fprintf(f, ". Right, the %d inputs of the closed form's sweep: how many outputs lie within "
	        "each ulp error of MPFR (log scale; the dashed line is the claim's bound).}"
	        "\\end{bcinfigure}\n\n", cr->ulp.inputs);
}

static void tex_claim(FILE *f, const struct bc_claim_result *cr, const struct bc_run_result *res)
{
	const struct bc_claim *c = cr->claim;
	char where[512];
	/* a new claim starts where the last one ended, once that claim's figure is out */
	fputs("\\bcfloatbarrier\n\\section{\\texorpdfstring{\\texttt{", f);
	tex_text(f, c->id);
	fputs("}}{", f);
	tex_text(f, c->id);
	fputs("}: ", f);
	tex_text(f, c->title);
	fputs("}\n", f);
	if (c->seed_quote) {
		fputs("\\begin{seedquote}\n", f);
		tex_markdown(f, c->seed_quote);
		if (c->seed_quote_en) {
			fputs("\\par\\smallskip\\textit{English reading:} ", f);
			tex_markdown(f, c->seed_quote_en);
		}
		fputs("\n\\end{seedquote}\n", f);
	}
	fputs("\\begin{description}\n\\item[Source] ", f);
	tex_text(f, c->source);
	fprintf(f, "\n\\item[%s] ", bc_claim_from_seed(c) ? "The seed states" : "The source states");
	if (c->seed_tex)
		fprintf(f, "$%s$", c->seed_tex);
	else
		tex_text(f, c->seed_formula);
	fputs("\n\\item[Model verified] ", f);
	tex_twin(f, c->model_tex, c->model);
	fputs("\n\\item[Simulator] ", f);
	tex_twin(f, c->sim->mechanism_tex, c->sim->mechanism);
	fprintf(f, "\n\\item[Verdict] \\textbf{%s}\n\\end{description}\n\n",
	        plain_verdict(cr, claim_failures(cr)));

	bc_args_format(c, &cr->ulp.worst_in, false, where, sizeof where);
	fprintf(f, "\\subsection*{Closed form against MPFR}\nOver %d inputs spanning the domain, "
	        "the double-precision closed form is at worst ", cr->ulp.inputs);
	tex_number(f, "%.3g", cr->ulp.worst);
	fprintf(f, " ulp from the %d-bit MPFR reference (bound %g ulp: %s), at ",
	        BC_MPFR_PREC, c->ulp_bound, bc_verdict_name(cr->ulp_verdict));
	tex_code(f, where);
	fputs(" (output ", f);
	tex_code(f, cr->ulp.worst_output);
	fprintf(f, "). Non-finite outputs: %d.\n\n", cr->ulp.nonfinite);

	/* the heading, its paragraph and the table's first rows stay together */
	fprintf(f, "\\bcneedspace{%d\\baselineskip}\n"
	        "\\subsection*{Monte Carlo checks}\nEach point passes when "
	        "$|\\mathrm{estimate}-\\mathrm{theory}| \\le %.3f\\,\\mathrm{SE}$; "
	        "\\emph{off by} is the estimate's relative deviation from the theory, \\emph{detect} "
	        "the smallest relative error the point detects with power %g.\n\n",
	        c->n_points < 4 ? c->n_points + 9 : 13, res->z, res->cfg.power);
	tex_point_table(f, cr);
	/* The figure floats from here, after the table (a long table keeps floats off the pages
	 * it breaks across), so the point list that follows fills the page around it. */
	fprintf(f, "\\IfFileExists{\\plotdir/%s.pdf}{\\begin{figure}[htbp]\\centering"
	        "\\includegraphics[width=0.85\\linewidth]{\\plotdir/%s.pdf}\\caption{\\texttt{",
	        c->id, c->id);
	tex_text(f, c->id);
	fputs("}: ", f);
	tex_twin(f, c->plot_caption_tex,
	         c->plot_caption ? c->plot_caption
	                         : "theory lines, Monte Carlo points with error bars.");
	/* A sweep has no z of its own: its bars are the Makefile's PLOT_Z, beside the run's z. */
	fputs(" Error bars: $\\pm\\bcplotz\\,$SE of the plotted sweep, about the width of the "
	      "decision rule's band ($z = \\bcz$ in this run).}\\end{figure}}{}\n\n", f);
	tex_evidence_figure(f, cr, res);
	tex_point_list(f, cr);
	/* the heading stays with its table, which cannot break */
	fprintf(f, "\\bcneedspace{%d\\baselineskip}\n\\subsection*{Planted wrong variants}\n",
	        2 * c->n_variants + 6);
	tex_variants(f, cr);
}

/* The table of every claim: verdict, findings, worst ulp against its bound, and what
 * passed, kind by kind. */
static void tex_summary(FILE *f, const struct bc_run_result *res)
{
	fputs("\\newcommand{\\bcsummary}{%\n\\begin{center}\\small\\setlength{\\tabcolsep}{4pt}\n"
	      "\\begin{tabular}{@{}llrrrrrr@{}}\n\\toprule\n"
	      "& & & \\multicolumn{1}{c}{worst ulp} & \\multicolumn{1}{c}{in regime} & "
	      "\\multicolumn{1}{c}{not below} & \\multicolumn{1}{c}{outside} & "
	      "\\multicolumn{1}{c}{variants}\\\\\n"
	      "claim & verdict & findings & \\multicolumn{1}{c}{(bound)} & "
	      "\\multicolumn{1}{c}{passed} & \\multicolumn{1}{c}{passed} & "
	      "\\multicolumn{1}{c}{flagged} & \\multicolumn{1}{c}{rejected}\\\\\n\\midrule\n", f);
	for (int i = 0; i < res->n_claims; i++) {
		const struct bc_claim_result *cr = &res->claims[i];
		struct tally regime, below, outside, variants = {0, cr->claim->n_variants};
		tally_points(cr, BC_IN_REGIME, &regime);
		tally_points(cr, BC_NOT_BELOW, &below);
		tally_points(cr, BC_OUTSIDE, &outside);
		for (int v = 0; v < cr->claim->n_variants; v++)
			variants.ok += bc_verdict_ok(cr->variants[v].verdict);
		tex_code(f, cr->claim->id);
		fputs(" & ", f);
		short_verdict(f, cr, claim_failures(cr));
		fprintf(f, " & %d & ", cr->claim->n_findings);
		tex_number(f, "%.3g", cr->ulp.worst);
		fprintf(f, " (%g)%s & ", cr->claim->ulp_bound,
		        bc_verdict_ok(cr->ulp_verdict) ? "" : "\\,\\textbf{!}");
		tex_tally(f, regime);
		fputs(" & ", f);
		tex_tally(f, below);
		fputs(" & ", f);
		tex_tally(f, outside);
		fputs(" & ", f);
		tex_tally(f, variants);
		fputs("\\\\\n", f);
	}
	fputs("\\bottomrule\n\\end{tabular}\\end{center}\n}\n", f);
}

/* How far off the seed's statement is where the finding's check shows it. */
static void tex_how_far(FILE *f, const struct bc_point_result *pr,
                        const struct bc_variant_result *vr)
{
	if (pr && pr->theory != 0 && isfinite(pr->theory)) {
		double pct = 100 * (pr->estimate / pr->theory - 1);
		double a = fabs(pct);
		fprintf(f, "$%+.*f\\%%$", a < 10 ? 2 : a < 100 ? 1 : 0, pct);
		fputs(", $z = ", f);
		tex_math_number(f, pr->z, 3);
		fputs("$", f);
	} else if (pr) { /* a quantity that vanishes in theory: the estimate itself */
		fputs("est.\\ $", f);
		tex_math_number(f, pr->estimate, 3);
		fputs("$, $z = ", f);
		tex_math_number(f, pr->z, 3);
		fputs("$", f);
	} else if (vr) {
		fputs("max $|z| = ", f);
		tex_math_number(f, vr->max_abs_z, 3);
		fprintf(f, "$ (%d/%d)", vr->rejected, vr->compared);
	} else {
		fputs("input refused", f);
	}
}

/* One line per finding, grouped by claim and numbered as in the Findings section. */
static void tex_finding_summary(FILE *f, const struct bc_run_result *res)
{
	fputs("\\newcommand{\\bcfindingsummary}{%\n"
	      "\\begingroup\\small\\setlength{\\tabcolsep}{4pt}\n"
	      "\\begin{longtable}{@{}r>{\\raggedright\\arraybackslash}p{\\bcbriefwidth}ll@{}}\n"
	      "\\toprule\nno. & finding & shown by & how far off there\\\\\n\\midrule\n\\endhead\n"
	      "\\bottomrule\n\\endlastfoot\n", f);
	int no = 0;
	for (int i = 0; i < res->n_claims; i++) {
		const struct bc_claim_result *cr = &res->claims[i];
		if (cr->claim->n_findings == 0)
			continue;
		fprintf(f, "%s\\multicolumn{4}{@{}l}{", no ? "\\addlinespace\n" : "");
		tex_code(f, cr->claim->id);
		fputs("}\\\\*\n", f);
		for (int k = 0; k < cr->claim->n_findings; k++) {
			const struct bc_finding *fd = &cr->claim->findings[k];
			const struct bc_point_result *pr = find_point(cr, fd->point);
			const struct bc_variant_result *vr = pr ? NULL : find_variant(cr, fd->point);
			char brief[256];
			finding_brief(fd, brief, sizeof brief);
			fprintf(f, "%d & ", ++no);
			tex_twin(f, fd->brief_tex, brief);
			fputs(" & ", f);
			if (pr || vr)
				tex_code(f, fd->point);
			else if (fd->point)
				fputs("\\textbf{check missing}", f);
			else
				fputs("domain check", f);
			fputs(" & ", f);
			if (pr || vr || !fd->point)
				tex_how_far(f, pr, vr);
			fputs("\\\\\n", f);
		}
	}
	fputs("\\end{longtable}\\endgroup\n}\n", f);
}

/* The findings in full, under their claims, numbered as in the summary. */
static void tex_findings(FILE *f, const struct bc_run_result *res)
{
	fputs("\\newcommand{\\bcfindings}{%\n", f);
	int no = 0;
	for (int i = 0; i < res->n_claims; i++) {
		const struct bc_claim_result *cr = &res->claims[i];
		if (cr->claim->n_findings == 0)
			continue;
		fputs("\\subsection*{", f);
		tex_code(f, cr->claim->id);
		fprintf(f, "}\n\\begin{enumerate}\\setcounter{enumi}{%d}\n", no);
		for (int k = 0; k < cr->claim->n_findings; k++, no++) {
			const struct bc_finding *fd = &cr->claim->findings[k];
			const struct bc_point_result *pr = find_point(cr, fd->point);
			const struct bc_variant_result *vr = find_variant(cr, fd->point);
			char brief[256];
			finding_brief(fd, brief, sizeof brief);
			fputs("\\item \\textbf{", f);
			tex_twin(f, fd->brief_tex, brief);
			fputs(".} ", f);
			tex_twin(f, fd->text_tex, fd->text);
			if (pr) {
				fputs(" Shown by point \\texttt{", f);
				tex_text(f, fd->point);
				fputs("}: theory ", f);
				tex_number(f, "%.6g", pr->theory);
				fputs(", simulation ", f);
				tex_number(f, "%.6g", pr->estimate);
				fputs(" $\\pm$ ", f);
				tex_number(f, "%.2g", pr->se);
				fputs(" ($z$ = ", f);
				tex_number(f, "%.2f", pr->z);
				fprintf(f, "): %s.", bc_verdict_name(pr->verdict));
			} else if (vr) {
				fputs(" Shown by planted variant \\texttt{", f);
				tex_text(f, fd->point);
				fprintf(f, "}: rejected at %d of %d points, max $|z|$ = ", vr->rejected,
				        vr->compared);
				tex_number(f, "%.1f", vr->max_abs_z);
				fprintf(f, ": %s.", bc_verdict_name(vr->verdict));
			} else if (fd->point) {
				fputs(" (\\textbf{check missing})", f);
			} else {
				fputs(" Shown by the domain check, not by a simulation: the command line "
				      "refuses those inputs (tested in \\texttt{tests/test\\_", f);
				tex_text(f, cr->claim->id);
				fputs(".c}).", f);
			}
			fputs("\n", f);
		}
		fputs("\\end{enumerate}\n", f);
	}
	fputs("}\n", f);
}

/* What the decision rule fixes and how this run went, for the decision-rule page. */
static void tex_rule_macros(FILE *f, const struct bc_run_result *res)
{
	int points = 0, pilot_only = 0, resized = 0, errors = 0;
	uint64_t least = UINT64_MAX, most = 0;
	double total = 0, sharpest = INFINITY, bluntest = 0;
	for (int i = 0; i < res->n_claims; i++) {
		const struct bc_claim_result *cr = &res->claims[i];
		for (int p = 0; p < cr->claim->n_points; p++) {
			const struct bc_point_result *pr = &cr->points[p];
			points++;
			if (pr->error[0]) {
				errors++;
				continue;
			}
			pilot_only += pr->pilot_only;
			resized += pr->resized;
			least = pr->samples < least ? pr->samples : least;
			most = pr->samples > most ? pr->samples : most;
			total += (double)pr->samples;
			if (isfinite(pr->detectable)) {
				sharpest = fmin(sharpest, pr->detectable);
				bluntest = fmax(bluntest, pr->detectable);
			}
		}
	}
	if (least == UINT64_MAX)
		least = 0;
	int floor_exp;
	double floor_mant = frexp(BC_SE_FLOOR_REL, &floor_exp); /* 0.5 for a power of 2 */
	fprintf(f, "\\newcommand{\\bczpower}{%.3f}\n\\newcommand{\\bcmargin}{%g}\n",
	        res->z_power, BC_PILOT_MARGIN);
	if (floor_mant == 0.5)
		fprintf(f, "\\newcommand{\\bcsefloor}{2^{%d}}\n", floor_exp - 1);
	else
		fprintf(f, "\\newcommand{\\bcsefloor}{%g}\n", BC_SE_FLOOR_REL);
	fprintf(f, "\\newcommand{\\bcmpfrprec}{%d}\n\\newcommand{\\bcnclaims}{%d}\n"
	        "\\newcommand{\\bcnpoints}{%d}\n\\newcommand{\\bcnvariantcomparisons}{%d}\n"
	        "\\newcommand{\\bcpilotonly}{%d}\n\\newcommand{\\bcresized}{%d}\n"
	        "\\newcommand{\\bcinconclusive}{%d}\n\\newcommand{\\bcpointerrors}{%d}\n",
	        BC_MPFR_PREC, res->n_claims, points, res->comparisons - points, pilot_only, resized,
	        res->inconclusive, errors);
	fprintf(f, "\\newcommand{\\bcleastreplicates}{%llu}\n"
	        "\\newcommand{\\bcmostreplicates}{%llu}\n\\newcommand{\\bctotalreplicates}{$",
	        (unsigned long long)least, (unsigned long long)most);
	tex_math_number(f, total, 3);
	fputs("$}\n\\newcommand{\\bcsharpest}{$", f);
	tex_math_number(f, 100 * (isfinite(sharpest) ? sharpest : NAN), 3);
	fputs("\\%$}\n\\newcommand{\\bcbluntest}{$", f);
	tex_math_number(f, 100 * bluntest, 3);
	fputs("\\%$}\n", f);
}

void bc_check_print_tex(FILE *f, const struct bc_run_result *res)
{
	const struct bc_config *cfg = &res->cfg;
	fprintf(f, "%% Generated by batchcheck check --tex-out; do not edit.\n");
	fprintf(f, "\\newcommand{\\bcseed}{%llu}\n\\newcommand{\\bcalpha}{%g}\n"
	        "\\newcommand{\\bcdetect}{%g\\%%}\n\\newcommand{\\bcpower}{%g}\n"
	        "\\newcommand{\\bcpilot}{%llu}\n\\newcommand{\\bcbudget}{%llu}\n"
	        "\\newcommand{\\bccomparisons}{%d}\n\\newcommand{\\bcz}{%.3f}\n"
	        "\\newcommand{\\bcpassed}{%d}\n\\newcommand{\\bcfailed}{%d}\n",
	        (unsigned long long)cfg->seed, cfg->alpha, 100 * cfg->detect, cfg->power,
	        (unsigned long long)cfg->pilot, (unsigned long long)cfg->budget, res->comparisons,
	        res->z, res->passed, res->failed);
	fprintf(f, "\\newcommand{\\bculpmet}{%d}\n\\newcommand{\\bcregimepassed}{%d}\n"
	        "\\newcommand{\\bcvariantsrejected}{%d}\n\\newcommand{\\bcoutsideflagged}{%d}\n",
	        res->ulp_met, res->regime_passed, res->variants_rejected, res->outside_flagged);
	fputs("\\newcommand{\\bcalphamath}{", f);
	tex_math_number(f, cfg->alpha, 3);
	fputs("}\n", f);
	tex_rule_macros(f, res);
	tex_summary(f, res);
	tex_finding_summary(f, res);
	fputs("\\newcommand{\\bcclaims}{%\n", f);
	for (int i = 0; i < res->n_claims; i++)
		tex_claim(f, &res->claims[i], res);
	fputs("}\n", f);
	tex_findings(f, res);
}
