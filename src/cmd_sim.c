/*
 * cmd_sim.c - `batchcheck sim ID k=v ...`: one Monte Carlo estimate per simulated output.
 */
#include <stdio.h>

#include "bc_claim.h"
#include "bc_cli.h"
#include "bc_json.h"
#include "bc_mc.h"

static const char help[] =
        "usage: batchcheck sim ID name=value ... [--samples N] [--seed S] [--threads T]\n"
        "\n"
        "Runs claim ID's literal simulator for N independent replicates (default 100000)\n"
        "and prints {\"claim\",\"inputs\",\"samples\",\"seed\",\"threads\",\"outputs\":{NAME:\n"
        "{\"estimate\",\"se\"}}}. Replicate r draws from the Philox stream keyed by (S, claim,\n"
        "purpose sim, r), so the numbers are identical for every thread count T (default: all\n"
        "cores). Simulator switches ([sim] in batchcheck list --verbose) are accepted here.\n";

int bc_cmd_sim(int argc, char **argv)
{
	if (bc_cli_wants_help(argc, argv))
		return fputs(help, stdout), 0;
	uint64_t samples = 100000, seed = 1, threads = (uint64_t)bc_cli_default_threads();
	const struct bc_opt opts[] = {
		{"samples", BC_OPT_U64, 2, 0x1p40, &samples},
		{"seed", BC_OPT_U64, 0, 0x1p64, &seed},
		{"threads", BC_OPT_U64, 1, 1024, &threads},
	};
	char *rest[64], err[BC_ERR_LEN];
	int nrest;
	if (argc > 64)
		return bc_cli_usage_error("too many arguments: at most 64");
	if (bc_opts_parse(argc, argv, opts, 3, rest, 64, &nrest, err, sizeof err))
		return bc_cli_usage_error(err);
	if (nrest < 1)
		return bc_cli_usage_error("sim needs a claim id (see batchcheck list)");
	const struct bc_claim *c = bc_claim_find(rest[0]);
	if (!c)
		return bc_cli_usage_error("unknown claim id (see batchcheck list)");
	struct bc_args in;
	if (bc_param_parse(c, nrest - 1, rest + 1, true, &in, err, sizeof err))
		return bc_cli_usage_error(err);

	struct bc_moments m[BC_MAX_OUT];
	struct bc_stream_id id = {seed, bc_rng_claim_hash(c->id), BC_PURPOSE_CLI, 0};
	if (bc_mc_run(c, &in, &id, samples, (int)threads, m, err, sizeof err))
		return bc_cli_usage_error(err);

	printf("{\"claim\":");
	bc_json_string(stdout, c->id);
	printf(",\"inputs\":");
	bc_json_args(stdout, c, &in, true);
	printf(",\"samples\":%llu,\"seed\":%llu,\"threads\":%d,\"outputs\":{",
	       (unsigned long long)samples, (unsigned long long)seed, (int)threads);
	for (int k = 0; c->sim->obs[k]; k++) {
		printf("%s", k ? "," : "");
		bc_json_string(stdout, c->sim->obs[k]);
		printf(":{\"estimate\":");
		bc_json_number(stdout, m[k].mean);
		printf(",\"se\":");
		bc_json_number(stdout, bc_est_se(m[k]));
		printf("}");
	}
	printf("}}\n");
	return 0;
}
