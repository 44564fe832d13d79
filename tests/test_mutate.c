/*
 * test_mutate.c - the source mutator of `make mutate` (tools/mutate.c) on a small fixture,
 * tests/mutate/fixture.c: which functions it mutates, every site it lists, that each
 * mutant differs from the source in exactly the site's text, marks, and the sample.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bc_test.h"

#define FIXTURE BC_SOURCE_DIR "/tests/mutate/fixture.c"

/* Runs `mutate ARGS`; returns its exit status, its stdout in *out (free it). */
static int run_tool(const char *args, char **out)
{
	char cmd[4096];
	snprintf(cmd, sizeof cmd, "%s %s 2>/dev/null", BC_MUTATE_TOOL, args);
	FILE *p = popen(cmd, "r");
	cr_assert(p, "cannot run %s", cmd);
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	cr_assert(buf);
	for (size_t got; (got = fread(buf + n, 1, cap - n - 1, p)) > 0;) {
		n += got;
		if (cap - n < 2) {
			buf = realloc(buf, cap *= 2);
			cr_assert(buf);
		}
	}
	buf[n] = '\0';
	int status = pclose(p);
	cr_assert(WIFEXITED(status), "%s did not exit normally", cmd);
	*out = buf;
	return WEXITSTATUS(status);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	cr_assert(f, "cannot read %s", path);
	size_t cap = 1 << 16, n;
	char *buf = malloc(cap);
	cr_assert(buf);
	n = fread(buf, 1, cap - 1, f);
	cr_assert(!ferror(f) && n < cap - 1);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The byte offset of LINE:COL (both from 1) in src. */
static size_t offset_of(const char *src, int line, int col)
{
	size_t o = 0;
	for (int l = 1; l < line; l++) {
		const char *nl = strchr(src + o, '\n');
		cr_assert(nl, "no line %d", line);
		o = (size_t)(nl - src) + 1;
	}
	return o + (size_t)col - 1;
}

Test(mutate, mutates_the_closed_form_and_its_helpers_only)
{
	char *out;
	cr_assert_eq(run_tool("funcs " FIXTURE, &out), 0);
	cr_assert_str_eq(out, "yes  helper (line 13): called by the closed form\n"
	                      "no   unused (line 18): not called by the closed form\n"
	                      "yes  theory (line 23): the closed form in double (.theory)\n"
	                      "no   theory_mpfr (line 33): not called by the closed form\n"
	                      "no   wrong (line 38): a planted variant\n");
	free(out);
}

/* Every operator of the fixture's closed form, and nothing in comments, strings, the
 * preprocessor line, declarations, unary minus, fma's commuting arguments, or the other
 * functions. */
static const char expected_sites[] =
        "0 14:13 swap x, y -> y, x\n"
        "1 14:19 arith - -> +\n"
        "2 14:19 drop - 0.5 -> (nothing)\n"
        "3 14:21 float 0.5 -> 1.0\n"
        "4 14:21 float 0.5 -> 0.25\n"
        "5 25:34 int 1 -> 2\n"
        "6 25:34 int 1 -> 0\n"
        "7 26:9 int 0 -> 1\n"
        "8 26:9 int 0 -> (-1)\n"
        "9 26:21 swap s, t -> t, s\n"
        "10 26:27 arith / -> *\n"
        "11 26:32 arith + -> -\n"
        "12 26:32 drop + t -> (nothing)\n"
        "13 26:37 arith * -> /\n"
        "14 26:39 float 0x1p-3 -> 0x1p-2\n"
        "15 26:39 float 0x1p-3 -> 0x1p-4\n"
        "16 27:9 assign += -> -=\n"
        "17 27:14 cmp < -> <= [equivalent: the fixture's own mark]\n"
        "18 28:15 cmp == -> !=\n"
        "19 29:5 assign *= -> /=\n"
        "20 29:8 int 2 -> 3\n"
        "21 29:8 int 2 -> 1\n";

Test(mutate, lists_the_expected_sites)
{
	char *out;
	cr_assert_eq(run_tool("list " FIXTURE, &out), 0);
	cr_assert_str_eq(out, expected_sites);
	free(out);
}

Test(mutate, each_mutant_differs_in_exactly_its_site)
{
	char *src = slurp(FIXTURE);
	size_t len = strlen(src);
	const char *line = expected_sites;
	int sites = 0;
	for (; *line; line = strchr(line, '\n') + 1, sites++) {
		int k, l, c, used;
		char kind[16];
		cr_assert_eq(sscanf(line, "%d %d:%d %15s %n", &k, &l, &c, kind, &used), 4);
		/* ORIGINAL -> REPLACEMENT [mark] */
		const char *desc = line + used, *arrow = strstr(desc, " -> ");
		const char *end = strpbrk(arrow, "[\n");
		size_t olen = (size_t)(arrow - desc), rlen = (size_t)(end - arrow) - 4;
		if (end[0] == '[')
			rlen--; /* the blank before the mark */
		const char *repl = arrow + 4;
		if (rlen == strlen("(nothing)") && strncmp(repl, "(nothing)", rlen) == 0)
			rlen = 0;
		size_t off = offset_of(src, l, c);
		cr_assert(strncmp(src + off, desc, olen) == 0, "site %d: the source at %d:%d is "
		          "not '%.*s'", k, l, c, (int)olen, desc);
		char args[512], *mutant;
		snprintf(args, sizeof args, "apply " FIXTURE " %d", k);
		cr_assert_eq(run_tool(args, &mutant), 0);
		cr_assert_eq(strlen(mutant), len - olen + rlen, "site %d: wrong length", k);
		cr_assert(memcmp(mutant, src, off) == 0, "site %d: the text before it changed", k);
		cr_assert(memcmp(mutant + off, repl, rlen) == 0, "site %d: not replaced by '%.*s'", k,
		          (int)rlen, repl);
		cr_assert_str_eq(mutant + off + rlen, src + off + olen,
		                 "site %d: the text after it changed", k);
		free(mutant);
	}
	cr_assert_eq(sites, 22);
	char *out;
	cr_assert_neq(run_tool("apply " FIXTURE " 22", &out), 0, "a site beyond the last");
	free(out);
	free(src);
}

/* Writes src with `from` replaced by `to` (once) into a file named fixture.c (the sample
 * depends on the name) in a new temporary directory; returns its path. */
static char *variant_of(const char *src, const char *from, const char *to)
{
	const char *at = strstr(src, from);
	cr_assert(at, "the fixture has no '%s'", from);
	/* a mkdtemp template: the name, then six placeholder characters it replaces */
	char dir[32] = "/tmp/bc_mutate_";
	memset(dir + strlen(dir), 'X', 6);
	cr_assert(mkdtemp(dir));
	char *path = malloc(strlen(dir) + 16);
	cr_assert(path);
	sprintf(path, "%s/fixture.c", dir);
	FILE *f = fopen(path, "w");
	cr_assert(f);
	fprintf(f, "%.*s%s%s", (int)(at - src), src, to, at + strlen(from));
	cr_assert_eq(fclose(f), 0);
	return path;
}

static void remove_variant(char *path)
{
	unlink(path);
	*strrchr(path, '/') = '\0';
	rmdir(path);
	free(path);
}

Test(mutate, marks_select_their_sites_and_a_stale_one_is_an_error)
{
	char *src = slurp(FIXTURE), *out, args[256];
	/* a mark narrowed to a change its line does not have */
	char *path = variant_of(src, "equivalent cmp:", "equivalent int:");
	snprintf(args, sizeof args, "list %s", path);
	cr_assert_eq(run_tool(args, &out), 1, "a stale mark was accepted");
	free(out);
	remove_variant(path);
	/* the N-th site of a kind on the line */
	path = variant_of(src, "\tout->v[0] = helper", "\t/* mutate: mc-equivalent arith#2: x */\n"
	                  "\tout->v[0] = helper");
	snprintf(args, sizeof args, "list %s", path);
	cr_assert_eq(run_tool(args, &out), 0);
	cr_assert(strstr(out, "11 27:32 arith + -> - [mc-equivalent: x]\n"), "%s", out);
	cr_assert(strstr(out, "10 27:27 arith / -> *\n"), "%s", out);
	cr_assert(strstr(out, "13 27:37 arith * -> /\n"), "%s", out);
	free(out);
	remove_variant(path);
	/* `body`: every site of the function named on the mark's line, and no other */
	path = variant_of(src, "static double helper", "/* mutate: domain body: y */\n"
	                  "static double helper");
	snprintf(args, sizeof args, "list %s", path);
	cr_assert_eq(run_tool(args, &out), 0);
	cr_assert(strstr(out, "0 15:13 swap x, y -> y, x [domain: y]\n"), "%s", out);
	cr_assert(strstr(out, "4 15:21 float 0.5 -> 0.25 [domain: y]\n"), "%s", out);
	cr_assert(strstr(out, "5 26:34 int 1 -> 2\n"), "%s", out);
	free(out);
	remove_variant(path);
	/* an unknown kind of mark */
	path = variant_of(src, "equivalent cmp:", "harmless cmp:");
	snprintf(args, sizeof args, "list %s", path);
	cr_assert_eq(run_tool(args, &out), 1, "an unknown mark was accepted");
	free(out);
	remove_variant(path);
	free(src);
}

Test(mutate, the_sample_is_fixed_and_ignores_comments)
{
	char *src = slurp(FIXTURE), *a, *b, args[256];
	cr_assert_eq(run_tool("sample " FIXTURE " 5", &a), 0);
	int lines = 0;
	for (const char *p = a; *p; p = strchr(p, '\n') + 1, lines++) {
		size_t n = (size_t)(strchr(p, '\n') - p) + 1;
		/* each sampled line is a line of the full listing */
		char *one = strndup(p, n);
		cr_assert(strstr(expected_sites, one), "'%s' is not a site", one);
		free(one);
	}
	cr_assert_eq(lines, 5);
	cr_assert_eq(run_tool("sample " FIXTURE " 5", &b), 0);
	cr_assert_str_eq(a, b);
	free(b);
	/* a comment moves lines, not the sample: the same indices and changes */
	char *path = variant_of(src, "static double helper", "/* a new comment */\n\n"
	                        "static double helper");
	snprintf(args, sizeof args, "sample %s 5", path);
	cr_assert_eq(run_tool(args, &b), 0);
	const char *p = a, *q = b;
	for (; *p && *q; p = strchr(p, '\n') + 1, q = strchr(q, '\n') + 1) {
		int kp, kq;
		cr_assert_eq(sscanf(p, "%d", &kp), 1);
		cr_assert_eq(sscanf(q, "%d", &kq), 1);
		cr_assert_eq(kp, kq);
		/* KIND CHANGE, after INDEX and LINE:COL */
		const char *cp = strchr(strchr(p, ' ') + 1, ' '), *cq = strchr(strchr(q, ' ') + 1, ' ');
		size_t n = (size_t)(strchr(cp, '\n') - cp);
		cr_assert(strncmp(cp, cq, n + 1) == 0, "'%.*s' became '%s'", (int)n, cp, cq);
	}
	cr_assert(!*p && !*q);
	free(b);
	cr_assert_eq(run_tool("sample " FIXTURE " 0", &b), 0);
	cr_assert_str_eq(b, expected_sites, "a sample of 0 is every site");
	free(b);
	remove_variant(path);
	free(a);
	free(src);
}
