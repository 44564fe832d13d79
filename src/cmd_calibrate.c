/*
 * cmd_calibrate.c - `batchcheck calibrate [ID | ID/POINT ...]`: the harness's false-alarm
 * rates, measured over many seeds (bc_calibrate.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bc_calibrate.h"
#include "bc_cli.h"
#include "bc_json.h"

static const char help[] =
        "usage: batchcheck calibrate [ID | ID/POINT ...] [--seeds N] [--seed S]\n"
        "                            [--budget R] [--level A[,A...]] [--alpha F]\n"
        "                            [--threads T] [--se-factor X]\n"
        "\n"
        "Measures the harness's false-alarm rates. Every in-regime and not_below check\n"
        "point of the named claims (all if none; ID/POINT names one point) is run once per\n"
        "seed S .. S+N-1 (default 1 and 400; modulo 2^64), each time with R replicates\n"
        "(default 10000) from the stream the harness's decisive run uses, and z =\n"
        "(estimate - theory) / SE is computed as the harness does. Per point it prints the\n"
        "share of seeds rejected at each per-check level A (default 0.01,0.05; two-sided in\n"
        "the regime, one-sided for not_below points, as the harness decides) with an exact\n"
        "binomial test against A, the mean and SD of z (honest SEs give 0 and 1), and a\n"
        "two-sided chi-square test of sum z^2 over the seeds. At not_below points the true\n"
        "value may lie above the bound: the rate is tested only for being too high, and the\n"
        "SE by the estimates' spread around their own mean. All in-regime points are also\n"
        "pooled into one chi-square test. Holm's procedure over every test of the table\n"
        "keeps the family-wise rate of a flag at F (default 0.01).\n"
        "R is reduced from the harness's budget but large enough that skewed observations\n"
        "(whose z is skewed at small R) move the rates and sum z^2 far less than the tests\n"
        "resolve: skewness is not what flags a point. A point whose observations are\n"
        "constant (the SE is the harness's floor at every seed) is listed untested.\n"
        "--se-factor multiplies every SE by X, to show that a wrong SE is flagged (e.g. 0.8\n"
        "or 1.2); the default 1 is the harness's own SE.\n"
        "Exit status 0 when nothing is flagged, 1 when a point is flagged or cannot be run,\n"
        "2 bad usage. Progress goes to stderr when it is a terminal. Results depend on S and\n"
        "N but never on T (default: all cores).\n";

/* "0.01,0.05" into cfg->level; -1 with a one-line message naming the option. */
static int parse_levels(const char *text, struct bc_calib_config *cfg, char *err, size_t errlen)
{
	char buf[256], q[BC_QUOTE_MAX + 4];
	int n = 0;
	size_t len = strlen(text);
	bool ok = len > 0 && len < sizeof buf;
	if (ok) {
		memcpy(buf, text, len + 1);
		for (char *tok = buf, *end; ok; tok = end + 1) {
			end = strchr(tok, ',');
			if (end)
				*end = '\0';
			double v;
			ok = n < BC_CALIB_MAX_LEVELS && bc_parse_real(tok, &v) == 0 && v >= 1e-6 &&
			     v <= 0.5;
			if (ok)
				cfg->level[n++] = v;
			if (!end)
				break;
		}
	}
	if (!ok) {
		snprintf(err, errlen, "option '--level' = '%s' is invalid: valid is 1 to %d "
		         "comma-separated levels, each in [1e-06, 0.5]", bc_quote(text, q),
		         BC_CALIB_MAX_LEVELS);
		return -1;
	}
	cfg->n_levels = n;
	return 0;
}

/* "ID" (its every in-regime and not_below point) or "ID/POINT" into t[*n...]. */
static int add_targets(const char *word, struct bc_calib_target *t, int *n, char *err,
                       size_t errlen)
{
	char id[128], q[BC_QUOTE_MAX + 4];
	const char *slash = strchr(word, '/');
	size_t idlen = slash ? (size_t)(slash - word) : strlen(word);
	const struct bc_claim *c = NULL;
	if (idlen < sizeof id) {
		memcpy(id, word, idlen);
		id[idlen] = '\0';
		c = bc_claim_find(id);
	}
	if (!c) {
		snprintf(err, errlen, "unknown claim id in '%s' (see batchcheck list)",
		         bc_quote(word, q));
		return -1;
	}
	int first = *n;
	if (!slash) {
		*n += bc_calib_targets(&c, 1, t + *n);
	} else {
		int p = 0;
		while (p < c->n_points && strcmp(c->points[p].name, slash + 1) != 0)
			p++;
		if (p == c->n_points) {
			snprintf(err, errlen, "claim '%s' has no check point '%s': valid are its point "
			         "names (see batchcheck check %s)", c->id, bc_quote(slash + 1, q), c->id);
			return -1;
		}
		if (c->points[p].kind == BC_OUTSIDE) {
			snprintf(err, errlen, "point '%s/%s' is an outside point: valid are in-regime and "
			         "not_below points", c->id, c->points[p].name);
			return -1;
		}
		t[(*n)++] = (struct bc_calib_target){c, p};
	}
	for (int i = first; i < *n; i++)
		for (int j = 0; j < first; j++)
			if (t[j].claim == t[i].claim && t[j].point == t[i].point) {
				snprintf(err, errlen, "point '%s/%s' is named twice", c->id,
				         c->points[t[i].point].name);
				return -1;
			}
	return 0;
}

int bc_cmd_calibrate(int argc, char **argv)
{
	if (bc_cli_wants_help(argc, argv))
		return fputs(help, stdout), 0;
	struct bc_calib_config cfg;
	bc_calib_config_default(&cfg);
	uint64_t threads = (uint64_t)bc_cli_default_threads(), seeds = (uint64_t)cfg.seeds;
	const char *levels = NULL;
	const struct bc_opt opts[] = {
		{"seeds", BC_OPT_U64, 2, 100000, &seeds},
		{"seed", BC_OPT_U64, 0, 0x1p64, &cfg.seed},
		{"budget", BC_OPT_U64, 100, 1e9, &cfg.replicates},
		{"level", BC_OPT_STRING, 0, 0, &levels},
		{"alpha", BC_OPT_REAL, 1e-15, 0.5, &cfg.alpha},
		{"threads", BC_OPT_U64, 1, 1024, &threads},
		{"se-factor", BC_OPT_REAL, 0.01, 100, &cfg.se_factor},
	};
	char **rest = malloc(((size_t)argc + 1) * sizeof *rest), err[BC_ERR_LEN];
	/* every claim named once at most, each with at most BC_MAX_POINTS points */
	size_t room = ((size_t)argc + (size_t)bc_n_claims) * BC_MAX_POINTS;
	struct bc_calib_target *t = malloc(room * sizeof *t);
	int nrest, n = 0, status;
	if (!rest || !t) {
		status = bc_cli_usage_error("out of memory");
		goto out;
	}
	if (bc_opts_parse(argc, argv, opts, sizeof opts / sizeof *opts, rest, argc, &nrest, err,
	                  sizeof err) ||
	    (levels && parse_levels(levels, &cfg, err, sizeof err))) {
		status = bc_cli_usage_error(err);
		goto out;
	}
	cfg.seeds = (int)seeds;
	cfg.threads = (int)threads;
	cfg.progress = isatty(STDERR_FILENO);
	for (int i = 0; i < nrest; i++)
		if (add_targets(rest[i], t, &n, err, sizeof err)) {
			status = bc_cli_usage_error(err);
			goto out;
		}
	if (nrest == 0)
		n = bc_calib_targets(bc_claims, bc_n_claims, t);

	struct bc_calib_result res;
	status = bc_calib_run(t, n, &cfg, &res);
	if (status < 0) {
		status = bc_cli_usage_error("out of memory");
		goto out;
	}
	bc_calib_print(stdout, &res);
	bc_calib_free(&res);
	status = status ? BC_EXIT_FAIL : 0;
out:
	free(rest);
	free(t);
	return status;
}
