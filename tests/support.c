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
#include "bc_mc.h"
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

const struct bc_claim *bc_test_claim(const char *id)
{
	const struct bc_claim *c = bc_claim_find(id);
	cr_assert(c, "no claim '%s' is registered (src/claims.c)", id);
	return c;
}

struct bc_args bc_test_parse(const char *id, const char *line, bool allow_sim)
{
	struct bc_args in;
	char err[BC_ERR_LEN];
	cr_assert_eq(bc_param_parse_line(bc_test_claim(id), line, allow_sim, &in, err, sizeof err),
	             0, "%s '%s': %s", id, line, err);
	return in;
}

double bc_test_theory(const char *id, const char *line, const char *output)
{
	const struct bc_claim *c = bc_test_claim(id);
	struct bc_args in = bc_test_parse(id, line, false);
	struct bc_outputs out;
	c->theory(&in, &out);
	int k = bc_output_index(&out, output);
	cr_assert(k >= 0, "%s has no output '%s'", id, output);
	return out.v[k];
}

void bc_test_expect_refusal(const char *id, const char *line, bool allow_sim, const char *fragment)
{
	struct bc_args in;
	char err[BC_ERR_LEN] = "";
	int rc = bc_param_parse_line(bc_test_claim(id), line, allow_sim, &in, err, sizeof err);
	cr_assert_eq(rc, -1, "%s '%s' was accepted", id, line);
	cr_assert(strstr(err, fragment), "%s '%s': message '%s' lacks '%s'", id, line, err, fragment);
	cr_assert(!strchr(err, '\n'), "%s '%s': the message is not one line", id, line);
}

struct bc_test_estimate bc_test_simulate(const char *id, const char *line, const char *output,
                                         uint64_t samples)
{
	const struct bc_claim *c = bc_test_claim(id);
	struct bc_args in = bc_test_parse(id, line, true);
	struct bc_stream_id sid = {20261127, bc_rng_claim_hash(id), BC_PURPOSE_CLI, 0};
	struct bc_moments m[BC_MAX_OUT];
	char err[BC_ERR_LEN];
	cr_assert_eq(bc_mc_run(c, &in, &sid, samples, 2, m, err, sizeof err), 0, "%s '%s': %s", id,
	             line, err);
	int k = 0;
	while (c->sim->obs[k] && strcmp(c->sim->obs[k], output) != 0)
		k++;
	cr_assert(c->sim->obs[k], "%s: the simulator does not estimate '%s'", id, output);
	return (struct bc_test_estimate){m[k].mean, bc_est_se(m[k])};
}
