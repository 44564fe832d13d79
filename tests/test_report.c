/*
 * The report says what the harness found: its text (pdftotext) holds every claim's
 * section, verdict and findings, and every check point's row carries the numbers of the
 * JSON record written by the same harness run. `make check` builds both first.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bc_test.h"

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
		snprintf(row, sizeof row, "%s %s %.6g %.6g %.2g %.2f ", name, kind, theory, est, se, z);
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
		/* each finding's text, whitespace-normalised */
		for (const char *f = strstr(line, "\"text\":"); f; f = strstr(f + 1, "\"text\":")) {
			field(f, "text", buf, sizeof buf);
			squeeze(buf);
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
