/*
 * make new-claim (scripts/new-claim) on a copy of the files it touches: it writes the four
 * files, registers the claim and adds its README row; what it writes compiles; and a bad or
 * taken ID is refused with exit status 2, touching nothing.
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
