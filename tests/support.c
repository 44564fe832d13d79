/*
 * support.c - helpers shared by the tests: tolerant comparisons and running the CLI.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bc_claim.h"
#include "bc_harness.h"
#include "bc_test.h"

bool bc_test_rel_close(double a, double b, double tol)
{
	double scale = fmax(fabs(a), fabs(b));
	return fabs(a - b) <= tol * scale;
}

/* Doubles mapped onto integers in the order of their values. */
static int64_t ordered(double x)
{
	int64_t i;
	memcpy(&i, &x, sizeof i);
	return i < 0 ? INT64_MIN - i : i;
}

bool bc_test_ulps_close(double a, double b, double ulps)
{
	if (isnan(a) || isnan(b))
		return false;
	int64_t ia = ordered(a), ib = ordered(b);
	uint64_t d = ia > ib ? (uint64_t)ia - (uint64_t)ib : (uint64_t)ib - (uint64_t)ia;
	return (double)d <= ulps;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	cr_assert(f, "cannot read %s", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	cr_assert(buf);
	size_t got = fread(buf, 1, (size_t)n, f);
	buf[got] = '\0';
	fclose(f);
	return buf;
}

int bc_test_cli(const char *args, char **out, char **err)
{
	/* mkstemp templates: the name, then six placeholder characters it replaces */
	char out_path[32] = "/tmp/bc_test_out", err_path[32] = "/tmp/bc_test_err";
	memset(out_path + strlen(out_path), 'X', 6);
	memset(err_path + strlen(err_path), 'X', 6);
	int fo = mkstemp(out_path), fe = mkstemp(err_path);
	cr_assert(fo >= 0 && fe >= 0);
	close(fo);
	close(fe);
	size_t n = strlen(BC_BINARY) + strlen(args) + 128;
	char *cmd = malloc(n);
	cr_assert(cmd);
	snprintf(cmd, n, "%s %s >%s 2>%s </dev/null", BC_BINARY, args, out_path, err_path);
	int status = system(cmd);
	free(cmd);
	*out = slurp(out_path);
	*err = slurp(err_path);
	unlink(out_path);
	unlink(err_path);
	cr_assert(WIFEXITED(status), "batchcheck %s did not exit normally", args);
	return WEXITSTATUS(status);
}

void bc_test_expect_usage_error(const char *args, const char *fragment)
{
	char *out, *err;
	int rc = bc_test_cli(args, &out, &err);
	cr_assert_eq(rc, 2, "'%s' exited %d", args, rc);
	cr_assert_str_empty(out, "'%s' printed on stdout: %s", args, out);
	cr_assert(strstr(err, fragment), "'%s': stderr '%s' lacks '%s'", args, err, fragment);
	char *nl = strchr(err, '\n');
	cr_assert(nl && nl[1] == '\0', "'%s': stderr is not exactly one line: '%s'", args, err);
	free(out);
	free(err);
}
