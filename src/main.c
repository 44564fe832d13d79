/*
 * main.c - `batchcheck COMMAND ...`: finds the subcommand and hands it the rest.
 */
#include <stdio.h>
#include <string.h>

#include "bc_cli.h"
#include "bc_param.h"

static const char usage[] =
        "usage: batchcheck COMMAND [ARGS]\n"
        "\n"
        "Numerical verification of formulas about mini-batch stochastic gradient methods.\n"
        "\n"
        "commands:\n"
        "  list                      one line per claim: id, title, source\n"
        "  theory ID k=v ...         closed form in double and MPFR, as JSON\n"
        "  sim ID k=v ... [opts]     Monte Carlo estimate and standard error, as JSON\n"
        "  sweep ID k=v1,v2 ...      theory and Monte Carlo over a grid, as a table for gnuplot\n"
        "  check [ID ...] [opts]     the harness: every check of the given claims (all if none)\n"
        "  calibrate [ID ...] [opts] the harness's false-alarm rates, measured over many seeds\n"
        "\n"
        "`batchcheck COMMAND --help` describes each command. Exit status: 0 success,\n"
        "1 a check failed or was inconclusive, 2 bad usage or input.\n";

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{"list", bc_cmd_list},   {"theory", bc_cmd_theory}, {"sim", bc_cmd_sim},
	{"sweep", bc_cmd_sweep}, {"check", bc_cmd_check}, {"calibrate", bc_cmd_calibrate},
};

int main(int argc, char **argv)
{
	if (argc < 2)
		return bc_cli_usage_error("missing command: valid are list, theory, sim, sweep, check, "
		                          "calibrate (see batchcheck --help)");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 2, argv + 2);
	char q[BC_QUOTE_MAX + 4], msg[BC_ERR_LEN];
	snprintf(msg, sizeof msg, "unknown command '%s': valid are list, theory, sim, sweep, check, "
	         "calibrate (see batchcheck --help)", bc_quote(argv[1], q));
	return bc_cli_usage_error(msg);
}
