/*
 * bc_cli.h - the subcommands of build/batchcheck and their shared option parser.
 *
 * Exit status: 0 success, 1 a check failed or was inconclusive, 2 bad usage or input (one
 * line on stderr naming the parameter and its valid range, nothing on stdout).
 */
#ifndef BC_CLI_H
#define BC_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BC_EXIT_FAIL 1
#define BC_EXIT_USAGE 2

enum bc_opt_kind { BC_OPT_U64, BC_OPT_REAL, BC_OPT_FLAG, BC_OPT_STRING };

struct bc_opt {
	const char *name; /* without the leading "--" */
	enum bc_opt_kind kind;
	double lo, hi;    /* valid range (closed) for numbers */
	void *dst;        /* uint64_t *, double *, bool * or const char ** */
};

#define BC_OPTS_MAX 16 /* options one subcommand may have */

/*
 * Moves every "--name value" / "--name=value" of argv into its option and the remaining
 * words to rest[0..*nrest-1] (at most rest_max of them). An option given twice is an
 * error. Returns 0, or -1 with a one-line message.
 */
int bc_opts_parse(int argc, char **argv, const struct bc_opt *opts, int nopts, char **rest,
                  int rest_max, int *nrest, char *err, size_t errlen);

/* Prints "batchcheck: MSG" on stderr and returns BC_EXIT_USAGE. */
int bc_cli_usage_error(const char *msg);

/* True when argv holds --help or -h. */
bool bc_cli_wants_help(int argc, char **argv);

/* Threads OpenMP would use by default. */
int bc_cli_default_threads(void);

int bc_cmd_list(int argc, char **argv);
int bc_cmd_theory(int argc, char **argv);
int bc_cmd_sim(int argc, char **argv);
int bc_cmd_sweep(int argc, char **argv);
int bc_cmd_check(int argc, char **argv);
int bc_cmd_calibrate(int argc, char **argv);

#endif
