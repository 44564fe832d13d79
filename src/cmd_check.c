/*
 * cmd_check.c - `batchcheck check [ID ...]`: the harness, as a table or JSON.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bc_check_peers.h"
#include "bc_check_print.h"
#include "bc_claim.h"
#include "bc_cli.h"
#include "bc_journal.h"

static const char help[] =
        "usage: batchcheck check [ID ...] [--seed S] [--threads T] [--json] [--alpha A]\n"
        "                        [--detect D] [--power P] [--budget N]\n"
        "                        [--json-out FILE] [--tex-out FILE] [--no-ulp]\n"
        "                        [--battery quick|standard|thorough] [--journal FILE]\n"
        "\n"
        "Runs every check of the named claims (all claims if none):\n"
        "  - double vs MPFR over the claim's whole domain, within its stated ulp bound;\n"
        "  - at each check point, |estimate - theory| <= z SE, z the two-sided Bonferroni\n"
        "    quantile for family-wise false-alarm rate A (default 1e-6) over all comparisons;\n"
        "  - each point's replicates sized from a pilot so a relative error D (default 0.01)\n"
        "    is detected with probability P (default 0.9); a point whose pilot asks for more\n"
        "    than N replicates (default 50000000) is decided from the pilot alone: FAIL if\n"
        "    it already disagrees, else INCONCLUSIVE, which fails too; a decisive run that\n"
        "    still falls short is sized again from its own SD and continued, once;\n"
        "  - every planted wrong variant must be rejected at some in-regime point;\n"
        "  - every outside-regime point must show the formula disagreeing (flagged).\n"
        "Prints a table (or with --json the full record) and ends with a line splitting the\n"
        "passes by kind (ulp bounds, in-regime points, variants rejected, outside points\n"
        "flagged), then 'N passed, N failed'.\n"
        "--json-out and --tex-out also write the JSON record and the report's LaTeX tables\n"
        "from the same run (each file appears whole or not at all).\n"
        "--no-ulp skips the double-vs-MPFR sweep; its check is then reported as skipped and\n"
        "fails the run: it is for measuring what the Monte Carlo checks alone decide (tests,\n"
        "make mutate), never a way to pass.\n"
        "--battery picks the detectable error and budgets: quick (the default, what make\n"
        "check runs) D 0.01, pilot 10000, N 50000000; standard D 0.003, pilot 30000,\n"
        "N 600000000; thorough D 0.001, pilot 100000, N 5000000000. --detect and --budget\n"
        "given beside it override its values.\n"
        "--journal FILE makes the run resumable: each finished check point's result is\n"
        "appended to FILE (fsync'd, one checksummed line each); run the same command again\n"
        "after a kill and the points already there are taken from it, giving the same bytes\n"
        "as an uninterrupted run. A FILE from another seed, options or claim set is refused.\n"
        "Exit status 0 iff everything passes. Progress goes to stderr when it is a terminal.\n"
        "Results depend on S but never on T (default: all cores).\n";

/* An output file, written as PATH.tmp and renamed when whole, so a reader never sees half a
 * file. It is opened before the run, so a bad path fails at once rather than after it. */
struct out_file {
	const char *path;
	char tmp[4096];
	FILE *f;
};

static int out_open(struct out_file *o, const char *path)
{
	o->path = path;
	o->f = NULL;
	if (!path)
		return 0;
	char q[BC_QUOTE_MAX + 4], msg[BC_ERR_LEN];
	if ((size_t)snprintf(o->tmp, sizeof o->tmp, "%s.tmp", path) < sizeof o->tmp)
		o->f = fopen(o->tmp, "w");
	if (o->f)
		return 0;
	snprintf(msg, sizeof msg, "cannot write '%s'", bc_quote(path, q));
	return bc_cli_usage_error(msg);
}

/* Prints the results into o (when it was asked for) and renames it into place; with
 * res NULL, only removes what out_open made. */
static int out_close(struct out_file *o, void (*print)(FILE *, const struct bc_run_result *),
                     const struct bc_run_result *res)
{
	if (!o->f)
		return 0;
	if (res)
		print(o->f, res);
	bool ok = res && !ferror(o->f);
	if (fclose(o->f) == 0 && ok && rename(o->tmp, o->path) == 0)
		return 0;
	remove(o->tmp);
	if (!res)
		return 0;
	char q[BC_QUOTE_MAX + 4], msg[BC_ERR_LEN];
	snprintf(msg, sizeof msg, "cannot write '%s'", bc_quote(o->path, q));
	return bc_cli_usage_error(msg);
}

static int agree(const struct bc_check_peers *p, int value)
{
	return p->agree ? p->agree(value) : value;
}

/* Opens the journal: the writer opens the file, the others take the writer's text; every
 * process succeeds or fails alike. 0, or -1 with a one-line message. */
static int open_journal(const struct bc_check_peers *p, const char *path,
                        const struct bc_claim *const *chosen, int n,
                        const struct bc_config *cfg, struct bc_journal **journal, char *err,
                        size_t errlen)
{
	char header[8000];
	int bad = bc_journal_header(chosen, n, cfg, header, sizeof header) < 0;
	if (bad)
		snprintf(err, errlen, "too many claims for one --journal");
	else if (p->writer)
		bad = !(*journal = bc_journal_open(path, header, err, errlen));
	int all = agree(p, bad);
	if (all && !bad)
		snprintf(err, errlen, "another process could not open --journal '%s'", path);
	else if (!all && p->share_text) {
		size_t len = 0;
		char *text = p->writer ? (char *)bc_journal_text(*journal, &len) : NULL;
		bad = p->share_text(&text, &len);
		if (!bad && !p->writer)
			bad = !(*journal = bc_journal_from_text(text, len));
		if (!p->writer)
			free(text);
		if ((all = agree(p, bad)))
			snprintf(err, errlen, "cannot share --journal '%s' with every process", path);
	}
	if (all && *journal) {
		char ignored[BC_ERR_LEN];
		bc_journal_close(*journal, ignored, sizeof ignored);
		*journal = NULL;
	}
	return all ? -1 : 0;
}

int bc_cmd_check_with(int argc, char **argv, const struct bc_check_peers *peers)
{
	static const struct bc_check_peers alone = {true, NULL, NULL};
	const struct bc_check_peers *p = peers ? peers : &alone;
	if (bc_cli_wants_help(argc, argv))
		return fputs(help, stdout), 0;
	struct bc_config cfg;
	bc_config_default(&cfg);
	uint64_t threads = (uint64_t)bc_cli_default_threads();
	bool json = false, no_ulp = false;
	const char *json_out = NULL, *tex_out = NULL, *journal_path = NULL, *battery = "quick";
	/* NAN and 0 mark "not given": a battery's values fill them */
	cfg.detect = NAN;
	cfg.budget = 0;
	const struct bc_opt opts[] = {
		{"seed", BC_OPT_U64, 0, 0x1p64, &cfg.seed},
		{"threads", BC_OPT_U64, 1, 1024, &threads},
		{"json", BC_OPT_FLAG, 0, 0, &json},
		{"alpha", BC_OPT_REAL, 1e-15, 0.5, &cfg.alpha},
		{"detect", BC_OPT_REAL, 1e-6, 1, &cfg.detect},
		{"power", BC_OPT_REAL, 0.5, 0.999999, &cfg.power},
		{"budget", BC_OPT_U64, 1000, 0x1p40, &cfg.budget},
		{"json-out", BC_OPT_STRING, 0, 0, &json_out},
		{"tex-out", BC_OPT_STRING, 0, 0, &tex_out},
		{"no-ulp", BC_OPT_FLAG, 0, 0, &no_ulp},
		{"journal", BC_OPT_STRING, 0, 0, &journal_path},
		{"battery", BC_OPT_STRING, 0, 0, &battery},
	};
	char **rest = malloc(((size_t)argc + 1) * sizeof *rest), err[BC_ERR_LEN];
	const struct bc_claim **chosen = malloc(((size_t)argc + (size_t)bc_n_claims) * sizeof *chosen);
	int nrest, n = 0, status;
	if (!rest || !chosen) {
		status = bc_cli_usage_error("out of memory");
		goto out;
	}
	if (bc_opts_parse(argc, argv, opts, sizeof opts / sizeof *opts, rest, argc, &nrest, err,
	                  sizeof err)) {
		status = bc_cli_usage_error(err);
		goto out;
	}
	struct bc_config preset = cfg;
	if (bc_config_battery(&preset, battery)) {
		char q[BC_QUOTE_MAX + 4];
		snprintf(err, sizeof err, "--battery '%s' is unknown: valid are %s", bc_quote(battery, q),
		         bc_battery_names);
		status = bc_cli_usage_error(err);
		goto out;
	}
	cfg.pilot = preset.pilot;
	if (isnan(cfg.detect))
		cfg.detect = preset.detect;
	if (cfg.budget == 0)
		cfg.budget = preset.budget;
	cfg.threads = (int)threads;
	cfg.ulp_sweep = !no_ulp;
	cfg.progress = isatty(STDERR_FILENO);
	for (int i = 0; i < nrest; i++) {
		char q[BC_QUOTE_MAX + 4];
		chosen[n] = bc_claim_find(rest[i]);
		if (!chosen[n]) {
			snprintf(err, sizeof err, "unknown claim id '%s' (see batchcheck list)",
			         bc_quote(rest[i], q));
			status = bc_cli_usage_error(err);
			goto out;
		}
		for (int j = 0; j < n; j++)
			if (chosen[j] == chosen[n]) {
				snprintf(err, sizeof err, "claim id '%s' is named twice", chosen[n]->id);
				status = bc_cli_usage_error(err);
				goto out;
			}
		n++;
	}
	if (n == 0)
		for (; n < bc_n_claims; n++)
			chosen[n] = bc_claims[n];

	struct out_file jf, tf;
	out_open(&jf, NULL);
	out_open(&tf, NULL);
	if (agree(p, p->writer && (out_open(&jf, json_out) || out_open(&tf, tex_out)))) {
		out_close(&jf, NULL, NULL);
		out_close(&tf, NULL, NULL);
		status = BC_EXIT_USAGE; /* the writer said why */
		goto out;
	}
	struct bc_journal *journal = NULL;
	if (journal_path && open_journal(p, journal_path, chosen, n, &cfg, &journal, err,
	                                 sizeof err)) {
		out_close(&jf, NULL, NULL);
		out_close(&tf, NULL, NULL);
		status = bc_cli_usage_error(err);
		goto out;
	}
	if (journal)
		bc_journal_attach(journal, &cfg);
	struct bc_run_result res;
	status = bc_harness_run(chosen, n, &cfg, &res) ? BC_EXIT_FAIL : 0;
	/* a point the journal failed to keep fails the run: a resume would silently redo it */
	int journal_bad = journal && bc_journal_close(journal, err, sizeof err);
	if (agree(p, !res.claims || journal_bad)) {
		out_close(&jf, NULL, NULL);
		out_close(&tf, NULL, NULL);
		status = bc_cli_usage_error(!res.claims ? "the run could not start (out of memory, "
		                                          "or a claim too large: see above)"
		                            : journal_bad ? err : "another process failed");
		free(res.claims);
		goto out;
	}
	/* `|`, not `||`: both files are finished (or removed) whatever the first one did */
	if (out_close(&jf, bc_check_print_json, &res) | out_close(&tf, bc_check_print_tex, &res))
		status = BC_EXIT_USAGE;
	else if (p->writer && json)
		bc_check_print_json(stdout, &res);
	else if (p->writer)
		bc_check_print_table(stdout, &res);
	free(res.claims);
out:
	free(rest);
	free(chosen);
	return agree(p, status);
}

int bc_cmd_check(int argc, char **argv)
{
	return bc_cmd_check_with(argc, argv, NULL);
}
