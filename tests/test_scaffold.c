/*
 * make new-claim (scripts/new-claim) on a copy of the files it touches: it writes the four
 * files, registers the claim and adds its README row and Findings bullet; what it writes
 * compiles; and a bad or taken ID is refused with exit status 2, touching nothing. Then the
 * scaffold's promise that make check fails until no FILL IN is left: every placeholder the
 * scaffold writes, in code, comments, plot script and README, is found, and no registered
 * claim has one left.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "bc_test.h"

static int sh(const char *fmt, const char *dir)
{
	char cmd[4096];
	snprintf(cmd, sizeof cmd, fmt, dir, dir, dir, dir);
	int status = system(cmd);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static char *copy_tree(void)
{
	static char dir[64];
	snprintf(dir, sizeof dir, "/tmp/bc_scaffold_");
	memset(dir + strlen(dir), 'X', 6); /* mkdtemp's template, written at run time */
	cr_assert(mkdtemp(dir));
	char cmd[4096];
	snprintf(cmd, sizeof cmd,
	         "cd '" BC_SOURCE_DIR "' && mkdir -p %s/src %s/theory %s/sim %s/tests %s/plots && "
	         "cp -r templates scripts README.md %s/ && cp src/claims.c %s/src/",
	         dir, dir, dir, dir, dir, dir, dir);
	cr_assert_eq(system(cmd), 0);
	return dir;
}

Test(scaffold, new_claim_writes_registers_and_compiles, .timeout = 60)
{
	char *dir = copy_tree();
	cr_assert_eq(sh("'%s'/scripts/new-claim fpc_demo > /dev/null", dir), 0);
	cr_assert_eq(sh("cd '%s' && test -f theory/fpc_demo.c && test -f sim/fpc_demo.c && "
	                "test -f tests/test_fpc_demo.c && test -f plots/fpc_demo.gp", dir), 0);
	cr_assert_eq(sh("grep -q '^\tX(fpc_demo) \\\\$' '%s'/src/claims.c", dir), 0,
	             "the registry line");
	cr_assert_eq(sh("grep -q '^| `fpc_demo` |' '%s'/README.md", dir), 0, "the README row");
	/* the Findings bullet: after the last one, then the blank line and the closing sentence */
	cr_assert_eq(sh("awk '/^- \\*\\*fpc_demo:\\*\\* FILL IN/ { b = NR } "
	                "/^The report.s Findings section lists each/ { e = NR } "
	                "END { exit !(b && e == b + 2) }' '%s'/README.md", dir), 0,
	             "the Findings bullet, just above the blank line before the closing sentence");
	cr_assert_eq(sh("test $(grep -c '^- \\*\\*bn_bias:\\*\\*' '%s'/README.md) = 1", dir), 0);
	cr_assert_eq(sh("! grep -q CLAIM_ID '%s'/theory/fpc_demo.c '%s'/sim/fpc_demo.c", dir), 0);
	/* what it wrote compiles, warning-free, against the real headers */
	cr_assert_eq(sh("cd '%s' && cc -std=c11 -Wall -Wextra -Wpedantic -Werror "
	                "-D_POSIX_C_SOURCE=200809L -I'" BC_SOURCE_DIR "/include' -I'" BC_SOURCE_DIR
	                "/tests' -fsyntax-only theory/fpc_demo.c sim/fpc_demo.c "
	                "tests/test_fpc_demo.c src/claims.c", dir), 0);
	/* taken, bad: refused, nothing touched */
	cr_assert_eq(sh("'%s'/scripts/new-claim fpc_demo 2> /dev/null", dir), 2);
	cr_assert_eq(sh("'%s'/scripts/new-claim Bad-Id 2> /dev/null", dir), 2);
	cr_assert_eq(sh("'%s'/scripts/new-claim '' 2> /dev/null", dir), 2);
	cr_assert_eq(sh("test $(grep -c 'X(fpc_demo)' '%s'/src/claims.c) = 1", dir), 0);
	sh("rm -rf '%s'", dir);
}

/* "FILE:LINE: text" for each FILL IN / FILL_IN left in claim id's files under root and in its
 * README row and Findings bullet (a missing file says so too); "" when none. Free it. */
static char *placeholders(const char *root, const char *id)
{
	char cmd[4096];
	snprintf(cmd, sizeof cmd,
	         "cd '%s' && { grep -Hn -e 'FILL IN' -e FILL_IN theory/%s.c sim/%s.c "
	         "tests/test_%s.c plots/%s.gp; grep -n -e 'FILL IN' -e FILL_IN README.md | "
	         "grep -F -e '| `%s` |' -e '- **%s:**' | sed 's/^/README.md:/'; } 2>&1",
	         root, id, id, id, id, id, id);
	FILE *f = popen(cmd, "r");
	cr_assert(f, "popen failed");
	size_t len = 0, cap = 4096;
	char *out = malloc(cap);
	cr_assert(out);
	for (size_t got; (got = fread(out + len, 1, cap - len - 1, f)) > 0;) {
		len += got;
		if (cap - len < 2) {
			out = realloc(out, cap *= 2);
			cr_assert(out);
		}
	}
	out[len] = '\0';
	pclose(f);
	return out;
}

Test(scaffold, every_placeholder_it_writes_is_found, .timeout = 60)
{
	char *dir = copy_tree();
	cr_assert_eq(sh("'%s'/scripts/new-claim fpc_demo > /dev/null", dir), 0);
	char *left = placeholders(dir, "fpc_demo");
	const char *where[] = {"theory/fpc_demo.c:", "sim/fpc_demo.c:", "tests/test_fpc_demo.c:",
	                       "plots/fpc_demo.gp:", "README.md:"};
	for (size_t k = 0; k < sizeof where / sizeof *where; k++)
		cr_assert(strstr(left, where[k]), "no placeholder found in %s:\n%s", where[k], left);
	cr_assert(strstr(left, "| `fpc_demo` |") && strstr(left, "**fpc_demo:**"),
	          "README row and bullet:\n%s", left);
	free(left);
	sh("rm -rf '%s'", dir);
}

Test(scaffold, no_claim_has_a_placeholder_left)
{
	for (int i = 0; i < bc_n_claims; i++) {
		char *left = placeholders(BC_SOURCE_DIR, bc_claims[i]->id);
		cr_expect_eq(left[0], '\0', "%s: the scaffold's FILL IN is still there:\n%s",
		             bc_claims[i]->id, left);
		free(left);
	}
}
