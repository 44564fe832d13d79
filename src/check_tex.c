/*
 * check_tex.c - the harness's results as LaTeX for the report (reports/report.tex inputs
 * it). Written from the same in-memory results as the JSON of the same run, so every
 * number in the PDF is the harness's own; the report test compares the two.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bc_check_print.h"
#include "bc_json.h"
#include "bc_ulp.h"

/* Text with LaTeX's special characters (and ligatures) made literal, so the PDF's text
 * reads back as the string. UTF-8 passes through (the report
 * typesets Chinese section names in a CJK environment). */
static void tex_text(FILE *f, const char *s)
{
	for (; *s; s++) {
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
}

static void tex_number(FILE *f, const char *fmt, double x)
{
	if (isfinite(x))
		fprintf(f, fmt, x);
	else
		fputs("--", f);
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

static void tex_points(FILE *f, const struct bc_claim_result *cr)
{
	const struct bc_claim *c = cr->claim;
	if (c->n_points == 0) { /* a claim still being written */
		fputs("\\textbf{No check points yet.}\\par\n\n", f);
		return;
	}
	/* shrink the table to the line when it is wider, never enlarge it */
	fputs("\\noindent\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%\n"
	      "\\begin{tabular}{llrrrrrrl}\n\\toprule\n"
	      "point & kind & theory & estimate & SE & $z$ & off by & detect & verdict\\\\\n"
	      "\\midrule\n", f);
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
		tex_number(f, "%.2f", pr->z);
		fputs(" & ", f);
		tex_number(f, "%+.2f\\%%", pr->theory != 0 ? 100 * (pr->estimate - pr->theory) /
		                                                     fabs(pr->theory) : NAN);
		fputs(" & ", f);
		tex_number(f, "%.2f\\%%", 100 * pr->detectable);
		fprintf(f, " & %s\\\\\n", bc_verdict_name(pr->verdict));
	}
	fputs("\\bottomrule\n\\end{tabular}}\n\n", f);
	fputs("\\begin{description}\\small\n", f);
	for (int p = 0; p < c->n_points; p++) {
		const struct bc_point_result *pr = &cr->points[p];
		char args[512];
		bc_args_format(c, &pr->args, true, args, sizeof args);
		fputs("\\item[", f);
		tex_text(f, pr->point->name);
		fputs("] \\texttt{", f);
		tex_text(f, args);
		fprintf(f, "}, %llu replicates", (unsigned long long)pr->samples);
		if (pr->pilot_only && pr->needed == UINT64_MAX)
			fputs(" (the pilot alone: no replicate count can resolve it)", f);
		else if (pr->pilot_only)
			fprintf(f, " (the pilot alone: it needs %.3g, over the budget)", (double)pr->needed);
		fputs(". ", f);
		tex_text(f, pr->point->why);
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
	fputs("\\begin{tabularx}{\\linewidth}{lXrrl}\n\\toprule\nvariant & the mistake & "
	      "rejected at & max $|z|$ & verdict\\\\\n\\midrule\n", f);
	for (int v = 0; v < c->n_variants; v++) {
		const struct bc_variant_result *vr = &cr->variants[v];
		fputs("\\texttt{", f);
		tex_text(f, vr->variant->name);
		fputs("} & ", f);
		tex_text(f, vr->variant->what);
		fprintf(f, " & %d/%d & ", vr->rejected, vr->compared);
		tex_number(f, "%.1f", vr->max_abs_z);
		fprintf(f, " & %s\\\\\n", bc_verdict_name(vr->verdict));
	}
	fputs("\\bottomrule\n\\end{tabularx}\n\n", f);
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

static void tex_claim(FILE *f, const struct bc_claim_result *cr, const struct bc_run_result *res)
{
	const struct bc_claim *c = cr->claim;
	char where[512];
	fputs("\\clearpage\n\\section{\\texttt{", f);
	tex_text(f, c->id);
	fputs("}: ", f);
	tex_text(f, c->title);
	fputs("}\n\\begin{description}\n\\item[Source] ", f);
	tex_text(f, c->source);
	fprintf(f, "\n\\item[%s] ", bc_claim_from_seed(c) ? "The seed states" : "The source states");
	if (c->seed_tex)
		fprintf(f, "$%s$", c->seed_tex);
	else
		tex_text(f, c->seed_formula);
	fputs("\n\\item[Model verified] ", f);
	tex_text(f, c->model);
	fputs("\n\\item[Simulator] ", f);
	tex_text(f, c->sim->mechanism);
	fprintf(f, "\n\\item[Verdict] \\textbf{%s}\n\\end{description}\n\n",
	        plain_verdict(cr, claim_failures(cr)));

	bc_args_format(c, &cr->ulp.worst_in, false, where, sizeof where);
	fprintf(f, "\\subsection*{Closed form against MPFR}\nOver %d inputs spanning the domain, "
	        "the double-precision closed form is at worst ", cr->ulp.inputs);
	tex_number(f, "%.3g", cr->ulp.worst);
	fprintf(f, " ulp from the %d-bit MPFR reference (bound %g ulp: %s), at \\texttt{",
	        BC_MPFR_PREC, c->ulp_bound, bc_verdict_name(cr->ulp_verdict));
	tex_text(f, where);
	fputs("} (output \\texttt{", f);
	tex_text(f, cr->ulp.worst_output);
	fprintf(f, "}). Non-finite outputs: %d.\n\n", cr->ulp.nonfinite);

	fprintf(f, "\\subsection*{Monte Carlo checks}\nEach point passes when "
	        "$|\\mathrm{estimate}-\\mathrm{theory}| \\le %.3f\\,\\mathrm{SE}$; "
	        "\\emph{off by} is the estimate's relative deviation from the theory, \\emph{detect} "
	        "the smallest relative error the point detects with power %g.\n\n", res->z,
	        res->cfg.power);
	tex_points(f, cr);
	fputs("\\subsection*{Planted wrong variants}\n", f);
	tex_variants(f, cr);
	fprintf(f, "\\IfFileExists{\\plotdir/%s.pdf}{\\begin{figure}[htbp]\\centering"
	        "\\includegraphics[width=0.85\\linewidth]{\\plotdir/%s.pdf}\\caption{\\texttt{",
	        c->id, c->id);
	tex_text(f, c->id);
	fputs("}: ", f);
	tex_text(f, c->plot_caption ? c->plot_caption
	                            : "theory lines, Monte Carlo points with error bars.");
	fputs("}\\end{figure}}{}\n\n", f);
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
	fputs("\\newcommand{\\bcsummary}{%\n\\begin{center}\\begin{tabularx}{\\linewidth}{lXr}\n"
	      "\\toprule\nclaim & verdict & checks failed\\\\\n\\midrule\n", f);
	for (int i = 0; i < res->n_claims; i++) {
		const struct bc_claim_result *cr = &res->claims[i];
		int failed = claim_failures(cr);
		fputs("\\texttt{", f);
		tex_text(f, cr->claim->id);
		fprintf(f, "} & %s & %d\\\\\n", plain_verdict(cr, failed), failed);
	}
	fputs("\\bottomrule\n\\end{tabularx}\\end{center}\n}\n", f);
	fputs("\\newcommand{\\bcclaims}{%\n", f);
	for (int i = 0; i < res->n_claims; i++)
		tex_claim(f, &res->claims[i], res);
	fputs("}\n\\newcommand{\\bcfindings}{%\n\\begin{enumerate}\n", f);
	for (int i = 0; i < res->n_claims; i++) {
		const struct bc_claim_result *cr = &res->claims[i];
		for (int k = 0; k < cr->claim->n_findings; k++) {
			const struct bc_finding *fd = &cr->claim->findings[k];
			const struct bc_point_result *pr = find_point(cr, fd->point);
			const struct bc_variant_result *vr = find_variant(cr, fd->point);
			fputs("\\item \\texttt{", f);
			tex_text(f, cr->claim->id);
			fputs("}: ", f);
			tex_text(f, fd->text);
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
	}
	fputs("\\end{enumerate}\n}\n", f);
}
