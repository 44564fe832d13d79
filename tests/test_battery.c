/*
 * Hostile input for every claim and every parameter, generated from the claims' own
 * parameter tables, so a new claim is covered without new test code: missing, repeated,
 * unknown, empty, non-numeric, trailing garbage, NaN, infinities, and values beyond each
 * end of the domain. Each must exit 2 with one line on stderr naming the parameter and
 * nothing on stdout (bc_test_expect_usage_error), through `theory` and through `sim`.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bc_claim.h"
#include "bc_test.h"

/* The claim's first in-regime point's inputs without simulator switches (valid for
 * `theory`), or with them (`sim`). */
static void base_line(const struct bc_claim *c, bool sim, char *out, size_t n)
{
	const struct bc_point *pt = NULL;
	for (int p = 0; p < c->n_points && !pt; p++)
		if (c->points[p].kind == BC_IN_REGIME)
			pt = &c->points[p];
	cr_assert(pt, "%s has no in-regime point to start from", c->id);
	out[0] = '\0';
	char words[1024];
	snprintf(words, sizeof words, "%s", pt->args);
	for (char *w = strtok(words, " "); w; w = strtok(NULL, " ")) {
		size_t len = strcspn(w, "=");
		bool keep = true;
		for (int k = 0; k < c->n_params; k++)
			if (strlen(c->params[k].name) == len && strncmp(c->params[k].name, w, len) == 0)
				keep = sim || !c->params[k].sim_only;
		if (keep)
			snprintf(out + strlen(out), n - strlen(out), "%s%s", out[0] ? " " : "", w);
	}
}

/* The line with parameter `name`'s word replaced by `word` ("" drops it; NULL appends). */
static void with_word(const char *line, const char *name, const char *word, char *out, size_t n)
{
	char words[1024];
	snprintf(words, sizeof words, "%s", line);
	out[0] = '\0';
	bool replaced = false;
	for (char *w = strtok(words, " "); w; w = strtok(NULL, " ")) {
		const char *put = w;
		if (word && strncmp(w, name, strlen(name)) == 0 && w[strlen(name)] == '=') {
			put = word;
			replaced = true;
		}
		if (*put)
			snprintf(out + strlen(out), n - strlen(out), "%s%s", out[0] ? " " : "", put);
	}
	if (!replaced && word && *word)
		snprintf(out + strlen(out), n - strlen(out), "%s%s", out[0] ? " " : "", word);
}

static void expect_refused(const char *cmd, const struct bc_claim *c, const char *line,
                           const char *name)
{
	char args[2048], quoted[64];
	snprintf(args, sizeof args, "%s %s %s%s", cmd, c->id, line,
	         strcmp(cmd, "sim") == 0 ? " --samples 100" : "");
	snprintf(quoted, sizeof quoted, "'%s'", name);
	bc_test_expect_usage_error(args, quoted);
}

static void attack(const struct bc_claim *c, const char *cmd)
{
	bool sim = strcmp(cmd, "sim") == 0;
	char base[1024], line[2048], word[256];
	base_line(c, sim, base, sizeof base);
	expect_refused(cmd, c, "zzz_unknown=1", "zzz_unknown"); /* alone and unknown */
	with_word(base, "zzz_unknown", "zzz_unknown=1", line, sizeof line);
	expect_refused(cmd, c, line, "zzz_unknown");
	for (int k = 0; k < c->n_params; k++) {
		const struct bc_param *p = &c->params[k];
		if (p->sim_only && !sim)
			continue;
		if (!p->deflt) { /* required: missing */
			with_word(base, p->name, "", line, sizeof line);
			expect_refused(cmd, c, line, p->name);
		}
		snprintf(word, sizeof word, "%s=", p->name); /* empty */
		with_word(base, p->name, word, line, sizeof line);
		expect_refused(cmd, c, line, p->name);
		/* repeated */
		snprintf(line, sizeof line, "%s %s=%s", base, p->name,
		         p->kind == BC_CHOICE ? p->choices[0] : "1");
		if (strstr(base, word)) /* the base gives it: a second one is a repeat */
			expect_refused(cmd, c, line, p->name);
		const char *bad[] = {"abc", "1x", "nan", "inf", "-inf", "1e99999", "0x", "--1"};
		for (size_t b = 0; b < sizeof bad / sizeof *bad; b++) {
			snprintf(word, sizeof word, "%s=%s", p->name, bad[b]);
			with_word(base, p->name, word, line, sizeof line);
			expect_refused(cmd, c, line, p->name);
		}
		if (p->kind == BC_CHOICE)
			continue;
		/* beyond each end of the domain */
		double beyond[2] = {p->lo_open ? p->lo : p->lo - (fabs(p->lo) + 1),
		                    p->hi_open ? p->hi : p->hi + (fabs(p->hi) + 1)};
		for (int e = 0; e < 2; e++) {
			snprintf(word, sizeof word, "%s=%.17g", p->name, beyond[e]); /* a vector's first */
			with_word(base, p->name, word, line, sizeof line);
			expect_refused(cmd, c, line, p->name);
		}
	}
}

Test(battery, every_parameter_of_every_claim_refuses_hostile_input_through_theory,
     .timeout = 120)
{
	for (int i = 0; i < bc_n_claims; i++)
		attack(bc_claims[i], "theory");
}

Test(battery, every_parameter_of_every_claim_refuses_hostile_input_through_sim, .timeout = 120)
{
	for (int i = 0; i < bc_n_claims; i++)
		attack(bc_claims[i], "sim");
}
