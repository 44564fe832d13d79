/*
 * Every registered claim meets the suite's minimums (bc_conformance.h), whatever its own
 * tests check; and the check itself says no, one line per problem, to a claim that does not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bc_check_print.h"
#include "bc_conformance.h"
#include "bc_test.h"

struct lines {
	char text[4096];
	int n;
};

static void collect(void *ctx, const char *line)
{
	struct lines *l = ctx;
	size_t len = strlen(l->text);
	snprintf(l->text + len, sizeof l->text - len, "%s\n", line);
	l->n++;
}

Test(conformance, every_claim_has_its_points_variants_findings_and_files)
{
	struct lines l = {"", 0};
	for (int i = 0; i < bc_n_claims; i++)
		bc_conformance_static(bc_claims[i], BC_SOURCE_DIR, collect, &l);
	cr_assert_eq(l.n, 0, "%s", l.text);
}

/* The harness at a 5% detectable error: quick, and every planted variant and outside point
 * of a conforming claim is far beyond it. */
Test(conformance, every_claim_passes_rejects_its_variants_and_flags_its_outside_points,
     .timeout = 600)
{
	struct bc_config cfg;
	bc_config_default(&cfg);
	cfg.detect = 0.05;
	cfg.threads = 2;
	cfg.pilot = 2000; /* most points need fewer at 5%; the harness sizes up the others */
	/* tests/test_ulp.c holds every claim to its ulp bound over this very sweep */
	cfg.ulp_sweep = false;
	struct lines l = {"", 0};
	for (int i = 0; i < bc_n_claims; i++) {
		struct bc_run_result res;
		bc_harness_run(&bc_claims[i], 1, &cfg, &res);
		bc_conformance_verdicts(&res.claims[0], collect, &l);
		free(res.claims);
	}
	cr_assert_eq(l.n, 0, "%s", l.text);
}

static void expect_said(const struct lines *l, const char *fragment)
{
	cr_assert(strstr(l->text, fragment), "no line says '%s' in:\n%s", fragment, l->text);
}

/* A claim with two planted variants and an outside point without a finding, whose files do
 * not exist: each shortfall is its own line, naming what is missing. */
Test(conformance, a_claim_that_falls_short_is_told_what_is_missing)
{
	struct bc_claim short_claim = *bc_claim_find("corr_batch_var");
	short_claim.id = "short_claim";
	short_claim.n_variants = 2;
	short_claim.n_findings = 0;
	struct lines l = {"", 0};
	int n = bc_conformance_static(&short_claim, BC_SOURCE_DIR, collect, &l);
	cr_assert_eq(n, l.n);
	expect_said(&l, "short_claim: 2 planted variants: at least 3 are needed");
	expect_said(&l, "short_claim: outside point 'ar1_batch' has no finding");
	expect_said(&l, "short_claim: no plot script plots/short_claim.gp");
	expect_said(&l, "short_claim: no test file tests/test_short_claim.c");
	expect_said(&l, "short_claim: no row");
	for (char *p = l.text; (p = strchr(p, '\n')); p++) /* one line each */
		cr_assert(p[1] == '\0' || strncmp(p + 1, "short_claim: ", 13) == 0);
}

/* A claim from a seed without the seed's words, and a finding without its one-line brief:
 * the report would open the section with nothing and leave the summary's line empty. */
Test(conformance, a_seed_claim_needs_its_quote_and_every_finding_a_brief)
{
	const struct bc_claim *real = bc_claim_find("corr_batch_var");
	struct bc_finding findings[8];
	cr_assert(real->n_findings <= 8);
	memcpy(findings, real->findings, (size_t)real->n_findings * sizeof *findings);
	findings[0].brief = NULL;
	struct bc_claim c = *real;
	c.findings = findings;
	c.seed_quote = NULL;
	c.seed_quote_en = "";
	struct lines l = {"", 0};
	bc_conformance_static(&c, BC_SOURCE_DIR, collect, &l);
	expect_said(&l, "corr_batch_var: finding 1 has no .brief");
	expect_said(&l, "corr_batch_var: it has no .seed_quote:");
	expect_said(&l, "corr_batch_var: it has no .seed_quote_en:");
	cr_assert_eq(l.n, 3, "%s", l.text);
}

/* What counts as ASCII math (bc_conformance.h), and what a LaTeX twin may not hold. */
Test(conformance, ascii_math_is_found_and_bad_twins_are_named)
{
	const char *math[] = {"lambda gamma^3", "sum W_k sigma_k", "m <= 1 - 1/rho", "sqrt(b)",
	                      "b >> S", "x != 0", "sum e_i", "sum_k", "E[Delta^2]", "sigma_k",
	                      "(Rho)", "u < 0", "b = 4", "below F_next", "E[dF]"};
	for (size_t i = 0; i < sizeof math / sizeof *math; i++)
		cr_assert(bc_text_has_ascii_math(math[i]), "'%s' is ASCII math", math[i]);
	const char *words[] = {"the alphabet", "a Gaussian batch of four", "the sum of two, a summary",
	                       "a $\\rho$ twin", "point mse_at_eta", "far_start", "AR(1), b=4"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		cr_assert(!bc_text_has_ascii_math(words[i]), "'%s' is not ASCII math", words[i]);
	cr_assert_null(
		bc_tex_twin_problem("$\\sigma^2 (1 + m\\rho)/m$, 12.5\\% above \\texttt{a\\_b}"));
	const char *bad[][2] = {
		{"$\\rho", "an unmatched '$'"},
		{"$$x$$", "display math"},
		{"{x", "an unclosed '{'"},
		{"x}", "a '}' closes nothing"},
		{"12.5% above", "an unescaped '%'"},
		{"a & b", "an unescaped '&'"},
		{"x^2", "a '^' or '_' outside"},
		{"the rho of $x$", "ASCII math outside"},
		{"$x$ and sqrt(b)", "ASCII math outside"},
		{"one\nline", "a line break"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		const char *why = bc_tex_twin_problem(bad[i][0]);
		cr_assert(why && strstr(why, bad[i][1]), "'%s': %s", bad[i][0],
		          why ? why : "accepted");
	}
}

/* A text with ASCII math whose twin is missing, and a twin that would break the report or
 * lose words silently: each is named, with the field to fill in. */
Test(conformance, ascii_math_needs_its_latex_twin_and_a_twin_must_be_fit)
{
	const struct bc_claim *real = bc_claim_find("corr_batch_var");
	struct bc_point points[BC_MAX_POINTS];
	struct bc_variant variants[BC_MAX_VARIANTS];
	struct bc_finding findings[8];
	cr_assert(real->n_points <= BC_MAX_POINTS && real->n_findings <= 8);
	memcpy(points, real->points, (size_t)real->n_points * sizeof *points);
	memcpy(variants, real->variants, (size_t)real->n_variants * sizeof *variants);
	memcpy(findings, real->findings, (size_t)real->n_findings * sizeof *findings);
	struct bc_sim sim = *real->sim;
	struct bc_claim c = *real;
	c.points = points;
	c.variants = variants;
	c.findings = findings;
	c.sim = &sim;
	int last = c.n_points - 1; /* ar1_long, "no floor at rho sigma^2" */
	points[last].why_tex = NULL;
	variants[0].what_tex = NULL;
	findings[0].text_tex = NULL;
	sim.mechanism_tex = NULL;
	struct lines l = {"", 0};
	bc_conformance_static(&c, BC_SOURCE_DIR, collect, &l);
	expect_said(&l, "corr_batch_var: its point 'ar1_long' (.why_tex) has ASCII math but no "
	                "LaTeX twin");
	expect_said(&l, "its variant 'off_by_one_m' (.what_tex) has ASCII math but no LaTeX twin");
	expect_said(&l, "its finding 1 (.text_tex) has ASCII math but no LaTeX twin");
	expect_said(&l, "its simulator's mechanism (.mechanism_tex) has ASCII math but no LaTeX");
	cr_assert_eq(l.n, 4, "%s", l.text);

	points[last].why_tex = "no floor at 12.5% of $\\rho\\sigma^2$";
	variants[0].what_tex = "$\\sigma^2 (1 + m\\rho)/m";
	findings[0].text_tex = "$m \\le 1 - 1/\\rho$, so m <= 3";
	sim.mechanism_tex = "observation (mean of batch)^2";
	struct lines bad = {"", 0};
	bc_conformance_static(&c, BC_SOURCE_DIR, collect, &bad);
	expect_said(&bad, "the LaTeX twin of its point 'ar1_long' (.why_tex) is not fit for the "
	                  "report: an unescaped '%'");
	expect_said(&bad, "variant 'off_by_one_m' (.what_tex) is not fit for the report: an "
	                  "unmatched '$'");
	expect_said(&bad, "finding 1 (.text_tex) is not fit for the report: ASCII math outside");
	expect_said(&bad, "mechanism (.mechanism_tex) is not fit for the report: a '^' or '_'");
	cr_assert_eq(bad.n, 4, "%s", bad.text);

}

/* The same for the plot caption; a title, which has no twin, must say its math in words. */
Test(conformance, a_caption_needs_its_twin_and_a_title_its_words)
{
	struct bc_claim c = *bc_claim_find("eigen_stationary_error");
	c.plot_caption_tex = NULL;
	c.title = "Stationary E[e^2] of SGD";
	struct lines l = {"", 0};
	bc_conformance_static(&c, BC_SOURCE_DIR, collect, &l);
	expect_said(&l, "its plot caption (.plot_caption_tex) has ASCII math but no LaTeX twin");
	expect_said(&l, "its title has ASCII math");
	cr_assert_eq(l.n, 2, "%s", l.text);
}

/* Too few points, a variant no point can compare, a finding naming nothing, a long name. */
Test(conformance, points_variants_and_findings_are_checked_against_each_other)
{
	const struct bc_claim *real = bc_claim_find("corr_batch_var");
	static const struct bc_point points[] = {
		{"moderate", BC_IN_REGIME, "sigma=2 m=8 rho=0.3", "var", "a point",
		 .why_tex = NULL},
		{"a_name_too_long_for_tables", BC_IN_REGIME, "sigma=2 m=8 rho=0.3", "var", "x",
		 .why_tex = NULL},
		{"wrong_output", BC_IN_REGIME, "sigma=2 m=8 rho=0.3", "varr", "x", .why_tex = NULL},
	};
	struct bc_variant variants[3];
	memcpy(variants, real->variants, sizeof variants);
	variants[0].output = "nothing";
	static const struct bc_finding findings[] = {{"no_such_point", "text", .brief = "text"}};
	struct bc_claim c = *real;
	c.points = points;
	c.n_points = 3;
	c.variants = variants;
	c.n_variants = 3;
	c.findings = findings;
	c.n_findings = 1;
	struct lines l = {"", 0};
	bc_conformance_static(&c, BC_SOURCE_DIR, collect, &l);
	expect_said(&l, "0 outside-regime check points: at least 1 is needed");
	expect_said(&l, "check point 'a_name_too_long_for_tables': a name of 1 to 14 characters");
	expect_said(&l, "check point 'wrong_output' compares 'varr', which the simulator does not");
	expect_said(&l, "which no in-regime point compares: it can never be rejected");
	expect_said(&l, "finding 1 names 'no_such_point', which is neither");
}

/* A claim of the author's own says so: its source may not pose as a seed, and the report
 * says "The source states", not "The seed states". */
Test(conformance, a_claim_not_from_a_seed_does_not_say_the_seed_states, .timeout = 60)
{
	struct bc_claim own = *bc_claim_find("corr_batch_var");
	own.seed_status = BC_NOT_FROM_SEED;
	struct lines l = {"", 0};
	bc_conformance_static(&own, BC_SOURCE_DIR, collect, &l);
	expect_said(&l, "it is not from a seed (BC_NOT_FROM_SEED), but its source says 'seed'");
	own.source = "the author's own derivation";
	own.plot_caption = "the variance against the correlation, as the author sees it";
	struct lines ok = {"", 0};
	bc_conformance_static(&own, BC_SOURCE_DIR, collect, &ok);
	cr_assert_eq(ok.n, 0, "%s", ok.text);

	const struct bc_claim *c = &own;
	struct bc_config cfg;
	bc_config_default(&cfg);
	cfg.detect = 0.2;
	struct bc_run_result res;
	bc_harness_run(&c, 1, &cfg, &res);
	char *tex = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&tex, &len);
	bc_check_print_tex(f, &res);
	fclose(f);
	cr_assert(strstr(tex, "The source states"));
	cr_assert(!strstr(tex, "The seed states"));
	cr_assert(strstr(tex, "not a seed chapter"));
	cr_assert(strstr(tex, "the variance against the correlation, as the author sees it"), "the claim's caption");
	free(tex);
	free(res.claims);
}

/* A budget far below what 1% needs: no point of any claim may pass without the power, and
 * the budget must bite somewhere (a point passes only if it needed no more than it had).
 * 2000 replicates: chain claims average many steps per replicate and need only thousands. */
Test(conformance, a_starved_budget_is_inconclusive_never_a_pass, .timeout = 120)
{
	struct bc_config cfg;
	bc_config_default(&cfg);
	cfg.budget = 2000;
	cfg.threads = 2;
	cfg.ulp_sweep = false; /* the Monte Carlo decisions alone */
	for (int i = 0; i < bc_n_claims; i++) {
		struct bc_run_result res;
		bc_harness_run(&bc_claims[i], 1, &cfg, &res);
		const struct bc_claim_result *cr = &res.claims[0];
		int starved = 0;
		for (int p = 0; p < bc_claims[i]->n_points; p++) {
			const struct bc_point_result *pr = &cr->points[p];
			starved += pr->verdict == BC_INCONCLUSIVE;
			if (pr->verdict == BC_PASS) {
				BC_ASSERT_LE((double)pr->needed, (double)cfg.budget);
				BC_ASSERT_LE(pr->detectable, cfg.detect);
			}
			cr_assert(pr->samples <= cfg.budget, "%s/%s ran %llu replicates", bc_claims[i]->id,
			          pr->point->name, (unsigned long long)pr->samples);
		}
		cr_assert(starved > 0, "%s: a budget of %llu starves none of its points?",
		          bc_claims[i]->id, (unsigned long long)cfg.budget);
		free(res.claims);
	}
}
