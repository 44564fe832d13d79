/*
 * The report says what the harness found: its text (pdftotext) holds every claim's
 * section, verdict and findings, and every check point's row carries the numbers of the
 * JSON record written by the same harness run. `make check` builds both first.
 */
#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bc_check_print.h"
#include "bc_test.h"
#include "bc_ulp.h"

static char *read_all(FILE *f)
{
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	cr_assert(buf);
	for (size_t got; (got = fread(buf + n, 1, cap - n - 1, f)) > 0;) {
		n += got;
		if (n + 1 == cap) {
			buf = realloc(buf, cap *= 2);
			cr_assert(buf);
		}
	}
	buf[n] = '\0';
	return buf;
}

/* Collapses every run of whitespace to one space, so line breaks do not matter. */
static void squeeze(char *s)
{
	char *w = s;
	for (char *r = s; *r; r++)
		if (!isspace((unsigned char)*r) || (w > s && w[-1] != ' '))
			*w++ = isspace((unsigned char)*r) ? ' ' : *r;
	*w = '\0';
}

/* Drops each page's footer, the page number on the line before the form feed, so text that
 * runs across a page break reads on. */
static void drop_page_numbers(char *s)
{
	char *w = s;
	for (char *r = s; *r;) {
		char *eol = strchr(r, '\n');
		size_t len = eol ? (size_t)(eol - r) + 1 : strlen(r);
		bool footer = eol && eol[1] == '\f' && strspn(r, " 0123456789") == (size_t)(eol - r);
		if (!footer) {
			memmove(w, r, len);
			w += len;
		}
		r += len;
	}
	*w = '\0';
}

/* Drops every radical sign (U+221A): pdftotext places one by its top, which in a brief typeset
 * from LaTeX ($\sqrt{b}$) falls on the row above. */
static void drop_radicals(char *s)
{
	static const char radical[] = "\xe2\x88\x9a";
	for (char *at; (at = strstr(s, radical));)
		memmove(at, at + 3, strlen(at + 3) + 1);
}

static char *report_text(void)
{
	FILE *p = popen("pdftotext -layout " BC_REPORT_DIR "/report.pdf - 2>&1", "r");
	cr_assert(p);
	char *text = read_all(p);
	cr_assert_eq(pclose(p), 0, "pdftotext failed: %s", text);
	drop_page_numbers(text);
	squeeze(text);
	return text;
}

static char *results_json(void)
{
	FILE *f = fopen(BC_REPORT_DIR "/results.json", "r");
	cr_assert(f, "no " BC_REPORT_DIR "/results.json: run make check");
	char *json = read_all(f);
	fclose(f);
	return json;
}

/* The JSON value after "key": in `line` (a string's content or a number), into buf. */
static const char *field(const char *line, const char *key, char *buf, size_t n)
{
	char pat[64];
	snprintf(pat, sizeof pat, "\"%s\":", key);
	const char *at = strstr(line, pat);
	cr_assert(at, "no %s in %.80s", key, line);
	at += strlen(pat);
	size_t len = 0;
	if (*at == '"')
		for (at++; at[len] && at[len] != '"'; len++)
			;
	else
		len = strcspn(at, ",}]");
	cr_assert_lt(len, n);
	memcpy(buf, at, len);
	buf[len] = '\0';
	return buf;
}

static void expect_in(const char *text, const char *what)
{
	cr_assert(strstr(text, what), "the report lacks '%s'", what);
}

Test(report, every_point_row_carries_the_harness_numbers, .timeout = 60)
{
	char *text = report_text(), *json = results_json();
	int rows = 0;
	for (char *line = strtok(json, "\n"); line; line = strtok(NULL, "\n")) {
		if (strncmp(line, "{\"name\":", 8) != 0 || !strstr(line, "\"kind\":"))
			continue; /* not a check point */
		char name[64], kind[16], num[64], row[512];
		field(line, "name", name, sizeof name);
		field(line, "kind", kind, sizeof kind);
		double theory = strtod(field(line, "theory", num, sizeof num), NULL);
		double est = strtod(field(line, "estimate", num, sizeof num), NULL);
		double se = strtod(field(line, "se", num, sizeof num), NULL);
		double z = strtod(field(line, "z", num, sizeof num), NULL);
		char verdict[32];
		field(line, "verdict", verdict, sizeof verdict);
		char zs[32]; /* as the table prints it: %.2f, or %.3g beyond 1e5 */
		snprintf(zs, sizeof zs, fabs(z) < 1e5 ? "%.2f" : "%.3g", z);
		snprintf(row, sizeof row, "%s %s %.6g %.6g %.2g %s ", name, kind, theory, est, se, zs);
		expect_in(text, row);
		expect_in(strstr(text, row), verdict);
		rows++;
	}
	BC_ASSERT_LE(1, rows);
	free(text);
	free(json);
}

Test(report, every_claim_has_its_section_verdict_and_findings, .timeout = 60)
{
	char *text = report_text(), *json = results_json();
	int claims = 0;
	for (char *line = strtok(json, "\n"); line; line = strtok(NULL, "\n")) {
		if (strncmp(line, "{\"id\":", 6) != 0)
			continue;
		char id[64], title[256], buf[2048];
		snprintf(buf, sizeof buf, "%s: %s", field(line, "id", id, sizeof id),
		         field(line, "title", title, sizeof title));
		expect_in(text, buf);
		expect_in(text, "Verdict");
		/* each finding's text, whitespace-normalised; one typeset from its LaTeX twin, by
		 * the twin's words up to its first math or command (the PDF's math reads back
		 * otherwise) */
		const struct bc_claim *c = bc_claim_find(id);
		cr_assert(c, "no claim %s", id);
		int k = 0;
		for (const char *f = strstr(line, "\"text\":"); f; f = strstr(f + 1, "\"text\":")) {
			field(f, "text", buf, sizeof buf);
			cr_assert_lt(k, c->n_findings);
			const char *tex = c->findings[k++].text_tex;
			/* at most 40 characters, cut at a word: a root sign or a fraction further
			 * on can land inside the line pdftotext reads back */
			if (tex) {
				size_t n = strcspn(tex, "$\\{`'");
				if (n > 40)
					for (n = 40; n > 0 && tex[n] != ' ';)
						n--;
				snprintf(buf, sizeof buf, "%.*s", (int)n, tex);
			}
			squeeze(buf);
			if (strlen(buf) >= 12) /* long enough to be this finding's */
				expect_in(text, buf);
		}
		claims++;
	}
	BC_ASSERT_LE(1, claims);
	expect_in(text, "Findings");
	expect_in(text, "Provenance");
	free(text);
	free(json);
}

Test(report, provenance_states_the_run_settings)
{
	char *text = report_text(), *json = results_json(), buf[64], want[128];
	snprintf(want, sizeof want, "harness seed %s", field(json, "seed", buf, sizeof buf));
	expect_in(text, want);
	expect_in(text, "git commit");
	expect_in(text, "SOURCE_DATE_EPOCH");
	free(text);
	free(json);
}

Test(report, result_splits_what_passed_by_kind)
{
	char *text = report_text(), *json = results_json(), a[16], b[16], c[16], d[16], want[256];
	snprintf(want, sizeof want, "Passed: %s ulp bounds met, %s in-regime points passed, %s "
	         "planted variants rejected, %s outside points flagged.",
	         field(json, "ulp_met", a, sizeof a), field(json, "regime_passed", b, sizeof b),
	         field(json, "variants_rejected", c, sizeof c),
	         field(json, "outside_flagged", d, sizeof d));
	expect_in(text, want);
	free(text);
	free(json);
}

/* Each claim has its plot, its caption says what the bars are next to the run's z, and its
 * evidence figure (variants' |z|, the ulp histogram) is there; the histogram in the JSON
 * counts at least one output per input and its highest bin holds the worst error. */
Test(report, every_claim_has_its_figures_and_its_ulp_histogram, .timeout = 60)
{
	char *text = report_text(), *json = results_json(), buf[512], num[64];
	/* the run's z comes first in the JSON, before any point's */
	snprintf(buf, sizeof buf, "SE of the plotted sweep, about the width of the decision rule"
	         "\xe2\x80\x99s band (z = %.3f in this run)", strtod(field(json, "z", num, sizeof num), NULL));
	expect_in(text, buf);
	int claims = 0;
	for (char *line = strtok(json, "\n"); line; line = strtok(NULL, "\n")) {
		if (strncmp(line, "{\"id\":", 6) != 0)
			continue;
		char id[64], path[512];
		field(line, "id", id, sizeof id);
		snprintf(path, sizeof path, BC_REPORT_DIR "/../plots/%s.pdf", id);
		FILE *f = fopen(path, "r");
		cr_assert(f, "no plot %s", path);
		fclose(f);
		snprintf(buf, sizeof buf, "%s: left, the planted variants\xe2\x80\x99 |z| at each check "
		         "point", id);
		expect_in(text, buf);
		const char *ulp = strstr(line, "\"ulp\":");
		cr_assert(ulp);
		const char *h = strstr(ulp, "\"hist\":[");
		cr_assert(h, "%s: no ulp histogram in the JSON", id);
		h += 8;
		long count[BC_ULP_BINS], total = 0;
		int top = -1;
		for (int i = 0; i < BC_ULP_BINS; i++) {
			char *end;
			count[i] = strtol(h, &end, 10);
			cr_assert(end != h && *end == (i + 1 < BC_ULP_BINS ? ',' : ']'), "%s: hist", id);
			h = end + 1;
			total += count[i];
			if (count[i])
				top = i;
		}
		long inputs = strtol(field(ulp, "inputs", num, sizeof num), NULL, 10);
		double worst = strtod(field(ulp, "worst", num, sizeof num), NULL);
		BC_ASSERT_LE(inputs, total);
		cr_assert(top >= 0);
		/* the worst error lies in the highest bin that holds anything */
		cr_assert(top == 0 ? worst == 0 : worst > bc_ulp_edge[top - 1], "%s: worst %g above bin %d",
		          id, worst, top);
		if (top < BC_ULP_BINS - 1)
			cr_assert(worst <= bc_ulp_edge[top], "%s: worst %g beyond bin %d", id, worst, top);
		claims++;
	}
	BC_ASSERT_LE(1, claims);
	free(text);
	free(json);
}

/* The decision rule's page gives the suite's measured error rates, or says they are not
 * measured yet: reports/measured/ holds what `make calibrate` and `make mutate` wrote. */
Test(report, error_rates_come_from_the_measured_files_or_say_they_are_absent, .timeout = 60)
{
	char *text = report_text();
	const char *file[] = {"calibrate.txt", "mutate.txt"};
	for (int i = 0; i < 2; i++) {
		char path[512], want[512];
		snprintf(path, sizeof path, BC_SOURCE_DIR "/reports/measured/%s", file[i]);
		FILE *f = fopen(path, "r");
		if (!f) {
			snprintf(want, sizeof want, "Not measured yet (reports/measured/%s is absent).",
			         file[i]);
			expect_in(text, want);
			continue;
		}
		/* the file's first line heads its part (its words, whitespace-normalised) */
		if (!fgets(want, sizeof want, f))
			want[0] = '\0';
		fclose(f);
		want[strcspn(want, "\n")] = '\0';
		want[60] = '\0'; /* the line may wrap after that; its start is enough */
		squeeze(want);
		/* a leading comment mark is the file's, not the report's */
		expect_in(text, strncmp(want, "# ", 2) == 0 ? want + 2 : want);
	}
	free(text);
}

/* The PDF's text with its layout kept (one table row a line), page footers dropped. */
static char *report_layout(void)
{
	FILE *p = popen("pdftotext -layout " BC_REPORT_DIR "/report.pdf - 2>&1", "r");
	cr_assert(p);
	char *text = read_all(p);
	cr_assert_eq(pclose(p), 0, "pdftotext failed: %s", text);
	drop_page_numbers(text);
	return text;
}

/* s with every whitespace character removed, in place (for Chinese, which pdftotext breaks
 * across lines with spaces). */
static char *unspace(char *s)
{
	char *w = s;
	for (char *r = s; *r; r++)
		if (!isspace((unsigned char)*r))
			*w++ = *r;
	*w = '\0';
	return s;
}

/* One claim's record in the JSON: its line and the point and variant lines after it. */
struct tally {
	int ok, n;
};

struct claim_record {
	char id[64];
	const char *line;
	int findings, failed;
	struct tally regime, below, outside, variants;
};

static bool verdict_ok(const char *v)
{
	return strcmp(v, "pass") == 0 || strcmp(v, "rejected") == 0 || strcmp(v, "flagged") == 0;
}

/* The claims of results.json, in order, with what passed of each kind; `json` is cut into
 * lines. Returns how many. */
static int claim_records(char *json, struct claim_record *rec, int max)
{
	int n = 0;
	for (char *line = strtok(json, "\n"); line; line = strtok(NULL, "\n")) {
		char buf[64];
		if (strncmp(line, "{\"id\":", 6) == 0) {
			cr_assert_lt(n, max);
			struct claim_record *r = &rec[n++];
			memset(r, 0, sizeof *r);
			field(line, "id", r->id, sizeof r->id);
			r->line = line;
			for (const char *f = strstr(line, "{\"point\":"); f; f = strstr(f + 1, "{\"point\":"))
				r->findings++;
			const char *ulp = strstr(line, "\"ulp\":");
			cr_assert(ulp, "no ulp record for %s", r->id);
			r->failed += !verdict_ok(field(ulp, "verdict", buf, sizeof buf));
		} else if (n > 0 && strncmp(line, "{\"name\":", 8) == 0) {
			struct claim_record *r = &rec[n - 1];
			bool ok = verdict_ok(field(line, "verdict", buf, sizeof buf));
			r->failed += !ok;
			struct tally *t = &r->variants; /* a planted variant, unless it has a kind */
			if (strstr(line, "\"kind\":")) {
				field(line, "kind", buf, sizeof buf);
				t = strcmp(buf, "regime") == 0 ? &r->regime
				    : strcmp(buf, "not_below") == 0 ? &r->below : &r->outside;
			}
			t->ok += ok;
			t->n++;
		}
	}
	return n;
}

static void tally_text(char *buf, size_t n, struct tally t)
{
	if (t.n)
		snprintf(buf, n, "%d/%d", t.ok, t.n);
	else
		snprintf(buf, n, "\xe2\x80\x93"); /* -- typesets as an en dash */
}

Test(report, summary_table_gives_every_claim_its_verdict_findings_and_counts, .timeout = 60)
{
	char *text = report_text(), *json = results_json();
	struct claim_record rec[64];
	int n = claim_records(json, rec, 64);
	BC_ASSERT_LE(1, n);
	char *table = strstr(text, "claim verdict findings");
	cr_assert(table, "the report has no summary table of the claims");
	char *end = strstr(table, "Findings summary");
	cr_assert(end, "no Findings summary after the summary table");
	*end = '\0';
	for (int i = 0; i < n; i++) {
		const struct claim_record *r = &rec[i];
		char status[32], verdict[64], num[64], a[16], b[16], c[16], d[16], row[512];
		field(r->line, "seed_status", status, sizeof status);
		if (r->failed)
			snprintf(verdict, sizeof verdict, "not verified: %d %s failed", r->failed,
			         r->failed == 1 ? "check" : "checks");
		else
			snprintf(verdict, sizeof verdict, "%s",
			         strcmp(status, "exact") == 0        ? "holds exactly as stated"
			         : strcmp(status, "conditions") == 0 ? "holds under unstated conditions"
			         : strcmp(status, "wrong") == 0      ? "wrong; the corrected form holds"
			                                             : "holds as stated in its source");
		const char *ulp = strstr(r->line, "\"ulp\":");
		double worst = strtod(field(ulp, "worst", num, sizeof num), NULL);
		double bound = strtod(field(ulp, "bound", num, sizeof num), NULL);
		tally_text(a, sizeof a, r->regime);
		tally_text(b, sizeof b, r->below);
		tally_text(c, sizeof c, r->outside);
		tally_text(d, sizeof d, r->variants);
		snprintf(row, sizeof row, "%.63s %s %d %.3g (%g) %s %s %s %s ", r->id, verdict, r->findings,
		         worst, bound, a, b, c, d);
		expect_in(table, row);
	}
	free(text);
	free(json);
}

Test(report, findings_summary_has_one_row_per_finding_of_each_claim, .timeout = 60)
{
	char *text = report_layout(), *json = results_json();
	struct claim_record rec[64];
	int n = claim_records(json, rec, 64);
	BC_ASSERT_LE(1, n);
	char *at = strstr(text, "Findings summary");
	cr_assert(at, "the report has no Findings summary");
	at = strstr(at, "shown by");
	cr_assert(at, "the Findings summary has no table");
	at = strchr(at, '\n');
	char *end = strstr(at, "\nContents"); /* what follows it: the contents, or the rule */
	if (!end)
		end = strstr(at, "Decision rule");
	cr_assert(end, "nothing after the Findings summary");
	*end = '\0';
	int claim = -1, row = 0, in_claim = 0;
	for (char *line = strtok(at, "\n\f"); line; line = strtok(NULL, "\n\f")) {
		line += strspn(line, " ");
		if (!*line || (strstr(line, "finding") && strstr(line, "shown by")))
			continue; /* a blank line, or the table's head repeated on the next page */
		char first[128] = "";
		sscanf(line, "%127s", first);
		if (claim + 1 < n && strcmp(first, rec[claim + 1].id) == 0 && !line[strlen(first)]) {
			if (claim >= 0)
				cr_assert_eq(in_claim, rec[claim].findings, "%s: %d rows for %d findings",
				             rec[claim].id, in_claim, rec[claim].findings);
			claim++;
			in_claim = 0;
			continue;
		}
		char *rest;
		long no = strtol(line, &rest, 10);
		cr_assert(claim >= 0 && rest != line && *rest == ' ',
		          "not a row of the Findings summary (a finding wrapped onto a second line?): '%s'",
		          line);
		cr_assert_eq(no, ++row, "row %ld where %d was due: '%s'", no, row, line);
		cr_assert_lt(in_claim, rec[claim].findings, "%s has more rows than findings: '%s'",
		             rec[claim].id, line);
		/* the finding's brief, and the check that shows it, as the claim states them */
		const struct bc_claim *c = bc_claim_find(rec[claim].id);
		cr_assert(c, "no claim %s", rec[claim].id);
		const struct bc_finding *fd = &c->findings[in_claim];
		const char *f = rec[claim].line;
		for (int k = 0; k <= in_claim; k++)
			f = strstr(f + 1, "{\"point\":");
		char point[64], squeezed[512];
		if (strncmp(f + 9, "null", 4) == 0)
			snprintf(point, sizeof point, "domain check");
		else
			field(f, "point", point, sizeof point);
		cr_assert_str_eq(point, fd->point ? fd->point : "domain check");
		cr_assert(fd->brief, "%s finding %d has no brief (bc_finding.brief)", c->id, in_claim + 1);
		snprintf(squeezed, sizeof squeezed, "%s", line);
		drop_radicals(squeezed);
		squeeze(squeezed);
		char want[512];
		if (fd->brief_tex) { /* typeset from LaTeX: its words up to the first math, then
		                      * the check that shows it further on the row */
			snprintf(want, sizeof want, "%ld %.*s", no, (int)strcspn(fd->brief_tex, "$\\{`'"),
			         fd->brief_tex);
			cr_assert(strstr(squeezed, point), "row '%s' lacks '%s'", squeezed, point);
		} else {
			snprintf(want, sizeof want, "%ld %s %s ", no, fd->brief, point);
		}
		cr_assert(strncmp(squeezed, want, strlen(want)) == 0, "row '%s' is not '%s...'", squeezed,
		          want);
		in_claim++;
	}
	cr_assert_eq(claim, n - 1, "the Findings summary has %d claims of %d", claim + 1, n);
	cr_assert_eq(in_claim, rec[claim].findings, "%s: %d rows for %d findings", rec[claim].id,
	             in_claim, rec[claim].findings);
	free(text);
	free(json);
}

Test(report, contents_lists_the_decision_rule_every_claim_and_the_findings, .timeout = 60)
{
	char *text = report_text(), *json = results_json();
	struct claim_record rec[64];
	int n = claim_records(json, rec, 64);
	char *at = strstr(text, "Contents");
	cr_assert(at, "the report has no table of contents");
	char entry[512];
	/* each entry in order, with its page number */
	for (int i = -1; i <= n + 1; i++) {
		char title[256] = "";
		if (i == -1)
			snprintf(entry, sizeof entry, "1 Decision rule ");
		else if (i == n)
			snprintf(entry, sizeof entry, "%d Findings ", n + 2);
		else if (i == n + 1)
			snprintf(entry, sizeof entry, "%d Provenance ", n + 3);
		else
			snprintf(entry, sizeof entry, "%d %s: %s ", i + 2, rec[i].id,
			         field(rec[i].line, "title", title, sizeof title));
		char *next = strstr(at, entry);
		cr_assert(next, "the contents lack '%s' (or it is out of order)", entry);
		next += strlen(entry);
		cr_assert(isdigit((unsigned char)*next), "'%s' has no page number in the contents",
		          entry);
		at = next;
	}
	free(text);
	free(json);
}

/* The seed file a claim's source names (seed NNN_....txt), under ../shared/seeds/. */
static char *seed_text(const char *source)
{
	char name[128], path[512];
	if (sscanf(source, "seed %127[^,]", name) != 1)
		return NULL;
	snprintf(path, sizeof path, BC_SOURCE_DIR "/../shared/seeds/%s", name);
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char *s = read_all(f);
	fclose(f);
	return s;
}

/* Each claim from a seed quotes it verbatim, passage by passage, and the report opens the
 * claim's section with that quote and its English reading. */
Test(report, every_claim_opens_with_the_seeds_own_words, .timeout = 60)
{
	char *text = report_text();
	int checked = 0;
	for (int i = 0; i < bc_n_claims; i++) {
		const struct bc_claim *c = bc_claims[i];
		if (!bc_claim_from_seed(c))
			continue;
		cr_assert(c->seed_quote && *c->seed_quote, "%s: no seed_quote", c->id);
		cr_assert(c->seed_quote_en && *c->seed_quote_en, "%s: no seed_quote_en", c->id);
		char *seed = seed_text(c->source);
		if (seed) { /* the seeds sit beside the repository; a clone elsewhere has none */
			char *quote = strdup(c->seed_quote);
			cr_assert(quote);
			for (char *p = quote, *cut; p; p = cut) {
				cut = strstr(p, " [...] ");
				if (cut) {
					*cut = '\0';
					cut += 7;
				}
				cr_assert(strstr(seed, p), "%s: this passage is not the seed's, verbatim: '%s'",
				          c->id, p);
			}
			free(quote);
			free(seed);
			checked++;
		}
		/* the section: heading, the quote's first Chinese words, the English reading */
		char heading[256], head[256];
		snprintf(heading, sizeof heading, "%s: %s ", c->id, c->title);
		char *sec = strstr(text, heading);
		cr_assert(sec, "no section '%s'", heading);
		for (char *later; (later = strstr(sec + 1, heading));)
			sec = later; /* the section, past its line in the contents */
		char *source = strstr(sec, "Source ");
		cr_assert(source, "%s: no Source after the quote", c->id);
		size_t len = strcspn(c->seed_quote, "$[*\n");
		BC_ASSERT_LE(1, len);
		snprintf(head, sizeof head, "%.*s", (int)len, c->seed_quote);
		char *opening = strndup(sec + strlen(heading), (size_t)(source - sec) - strlen(heading));
		cr_assert(opening);
		cr_assert(strstr(unspace(opening), unspace(head)), "%s: the section does not open with "
		          "the seed's words '%s'", c->id, head);
		free(opening);
		snprintf(head, sizeof head, "English reading: %.*s", (int)strcspn(c->seed_quote_en, "$*"),
		         c->seed_quote_en);
		squeeze(head);
		char *en = strstr(sec, head);
		cr_assert(en && en < source, "%s: no '%s' before its Source", c->id, head);
	}
	cr_log_info("%d claims' quotes checked against their seed files", checked);
	free(text);
}

/* A finding without a brief is summed up by its first sentence, shortened at a word; the
 * seed's Markdown becomes LaTeX: its math kept, its references dropped, a lone $ literal. */
Test(report, a_finding_without_a_brief_and_the_seeds_markdown)
{
	static const struct bc_sim sim = {.mechanism = "nothing"};
	static const struct bc_finding findings[] = {
		{.point = NULL, .text = "The suite could not find the one sentence it wanted, so it "
		                        "shortens this one at a word. Second."},
		{.point = NULL, .text = "Short and whole. Then more."},
		{.point = "nowhere", .text = "Names a check that does not exist.", .brief = "Its own"},
	};
	struct bc_claim c = {
		.id = "fake", .title = "A fake claim", .source = "seed 999_x.txt, section s",
		.seed_formula = "x", .model = "m", .seed_status = BC_SEED_CONDITIONS,
		.findings = findings, .n_findings = 3, .sim = &sim,
		.seed_quote = "a $x_1$ [方差](@entry_id:1) **b** [@problem_id:2]c [...] d\n$$\ny\n$$ "
		              "cost $5",
		.seed_quote_en = "plain",
	};
	struct bc_claim_result cr;
	memset(&cr, 0, sizeof cr);
	cr.claim = &c;
	struct bc_run_result res;
	memset(&res, 0, sizeof res);
	bc_config_default(&res.cfg);
	res.n_claims = 1;
	res.claims = &cr;
	char *tex = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&tex, &len);
	cr_assert(f);
	bc_check_print_tex(f, &res);
	fclose(f);
	expect_in(tex, "1 & The suite could not find the one sentence it wanted, so... & domain check");
	expect_in(tex, "2 & Short and whole & domain check");
	expect_in(tex, "3 & Its own & \\textbf{check missing}");
	expect_in(tex, "\\textbf{Short and whole.} Short and whole. Then more.");
	expect_in(tex, "a $x_1$ 方差 \\textbf{b} c [\\ldots] d \\[\ny\n\\] cost \\$5");
	free(tex);
}

/* Nothing runs off the page: LaTeX warns of a float taller than the page (a figure whose
 * caption then runs into the footer) and of a line wider than the text. */
Test(report, no_figure_or_line_runs_off_the_page)
{
	FILE *f = fopen(BC_REPORT_DIR "/report.log", "r");
	cr_assert(f, "no " BC_REPORT_DIR "/report.log: run make report");
	char *log = read_all(f);
	fclose(f);
	static const char *const warnings[] = {"Float too large for page", "Overfull \\hbox",
	                                       "Overfull \\vbox"};
	for (size_t i = 0; i < sizeof warnings / sizeof *warnings; i++) {
		const char *at = strstr(log, warnings[i]);
		cr_assert_null(at, "the report's LaTeX log says: %.160s", at);
	}
	free(log);
}
