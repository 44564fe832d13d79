/*
 * options.c - "--name value" options shared by the subcommands.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "bc_cli.h"
#include "bc_json.h"
#include "bc_param.h"

int bc_cli_usage_error(const char *msg)
{
	fprintf(stderr, "batchcheck: %s\n", msg);
	return BC_EXIT_USAGE;
}

bool bc_cli_wants_help(int argc, char **argv)
{
	for (int a = 0; a < argc; a++)
		if (strcmp(argv[a], "--help") == 0 || strcmp(argv[a], "-h") == 0)
			return true;
	return false;
}

int bc_cli_default_threads(void)
{
#ifdef _OPENMP
	return omp_get_max_threads();
#else
	return 1;
#endif
}

/* Largest value an integer option accepts; hi >= 2^64 means every uint64_t. */
static uint64_t u64_max(const struct bc_opt *o)
{
	return o->hi >= 0x1p64 ? UINT64_MAX : (uint64_t)o->hi;
}

static int set_value(const struct bc_opt *o, const char *text, char *err, size_t errlen)
{
	char *end, q[BC_QUOTE_MAX + 4];
	errno = 0;
	if (o->kind == BC_OPT_STRING) {
		if (!*text) {
			snprintf(err, errlen, "option '--%s' needs a non-empty file name", o->name);
			return -1;
		}
		*(const char **)o->dst = text;
		return 0;
	}
	if (o->kind == BC_OPT_U64) {
		/* strtoull accepts a sign and wraps "-1"; digits only. */
		unsigned long long v = 0;
		if (text[0] >= '0' && text[0] <= '9')
			v = strtoull(text, &end, 10);
		if (text[0] < '0' || text[0] > '9' || *end || errno == ERANGE || v < o->lo ||
		    v > u64_max(o)) {
			snprintf(err, errlen, "option '--%s' = '%s' is invalid: valid range is integer "
			         "in [%.0f, %llu]", o->name, bc_quote(text, q), o->lo,
			         (unsigned long long)u64_max(o));
			return -1;
		}
		*(uint64_t *)o->dst = v;
		return 0;
	}
	double v;
	if (bc_parse_real(text, &v) || v < o->lo || v > o->hi) {
		/* shortest text that reads back as the same double: "1e-15", not
		 * "1.0000000000000001e-15" */
		char lo[32], hi[32];
		bc_fmt_double(lo, sizeof lo, o->lo);
		bc_fmt_double(hi, sizeof hi, o->hi);
		snprintf(err, errlen, "option '--%s' = '%s' is invalid: valid range is [%s, %s]",
		         o->name, bc_quote(text, q), lo, hi);
		return -1;
	}
	*(double *)o->dst = v;
	return 0;
}

int bc_opts_parse(int argc, char **argv, const struct bc_opt *opts, int nopts, char **rest,
                  int rest_max, int *nrest, char *err, size_t errlen)
{
	bool seen[BC_OPTS_MAX] = {false};
	char q[BC_QUOTE_MAX + 4];
	*nrest = 0;
	if (nopts > BC_OPTS_MAX) {
		snprintf(err, errlen, "a subcommand with more than %d options (a bug)", BC_OPTS_MAX);
		return -1;
	}
	for (int a = 0; a < argc; a++) {
		if (strncmp(argv[a], "--", 2) != 0) {
			if (*nrest == rest_max) {
				snprintf(err, errlen, "too many arguments: at most %d besides options",
				         rest_max);
				return -1;
			}
			rest[(*nrest)++] = argv[a];
			continue;
		}
		const char *name = argv[a] + 2;
		const char *eq = strchr(name, '=');
		size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
		int i = 0;
		while (i < nopts && !(strlen(opts[i].name) == nlen &&
		                      strncmp(opts[i].name, name, nlen) == 0))
			i++;
		if (i == nopts) {
			snprintf(err, errlen, "unknown option '%s' (see --help)", bc_quote(argv[a], q));
			return -1;
		}
		const struct bc_opt *o = &opts[i];
		if (seen[i]) {
			snprintf(err, errlen, "option '--%s' is given twice", o->name);
			return -1;
		}
		seen[i] = true;
		if (o->kind == BC_OPT_FLAG) {
			if (eq) {
				snprintf(err, errlen, "option '--%s' takes no value", o->name);
				return -1;
			}
			*(bool *)o->dst = true;
			continue;
		}
		const char *value = eq ? eq + 1 : (a + 1 < argc ? argv[++a] : NULL);
		if (!value) {
			snprintf(err, errlen, "option '--%s' needs a value", o->name);
			return -1;
		}
		if (set_value(o, value, err, errlen))
			return -1;
	}
	return 0;
}
