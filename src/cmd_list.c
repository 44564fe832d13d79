/*
 * cmd_list.c - `batchcheck list`: the claims, their parameters and the model each pins.
 */
#include <stdio.h>

#include "bc_claim.h"
#include "bc_cli.h"

static const char help[] =
        "usage: batchcheck list [--verbose]\n"
        "\n"
        "One line per claim: id, title, source (seed file and section), tab-separated.\n"
        "With --verbose, also the seed's formula, the exact model verified, what the\n"
        "simulator does (for SGD chains: the burn-in rule), and every parameter with its\n"
        "valid range (simulator switches marked [sim]).\n";

int bc_cmd_list(int argc, char **argv)
{
	bool verbose = false;
	const struct bc_opt opts[] = {{"verbose", BC_OPT_FLAG, 0, 0, &verbose}};
	char *rest[64], err[BC_ERR_LEN];
	int nrest;
	if (bc_cli_wants_help(argc, argv))
		return fputs(help, stdout), 0;
	if (bc_opts_parse(argc, argv, opts, 1, rest, 64, &nrest, err, sizeof err))
		return bc_cli_usage_error(argc > 64 ? "too many arguments" : err);
	if (nrest)
		return bc_cli_usage_error("list takes no arguments (see batchcheck list --help)");
	for (int i = 0; i < bc_n_claims; i++) {
		const struct bc_claim *c = bc_claims[i];
		printf("%s\t%s\t%s\n", c->id, c->title, c->source);
		if (!verbose)
			continue;
		printf("    %s %s\n    model: %s\n    sim:   %s\n",
		       bc_claim_from_seed(c) ? "seed: " : "states:", c->seed_formula, c->model,
		       c->sim->mechanism);
		for (int p = 0; p < c->n_params; p++) {
			char range[160];
			bc_param_range(&c->params[p], range, sizeof range);
			printf("    %-6s %s%s%s%s: %s\n", c->params[p].name, range,
			       c->params[p].deflt ? ", default " : "",
			       c->params[p].deflt ? c->params[p].deflt : "",
			       c->params[p].sim_only ? " [sim]" : "", c->params[p].help);
		}
	}
	return 0;
}
