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

static int set_value(const struct bc_opt *o, const char *text, char *err, size_t errlen)
{
	char *end;
	errno = 0;
	if (o->kind == BC_OPT_STRING) {
		if (!*text)
			goto bad;
		*(const char **)o->dst = text;
		return 0;
	}
	if (o->kind == BC_OPT_U64) {
		/* strtoull accepts a sign and wraps "-1"; digits only. */
		if (text[0] < '0' || text[0] > '9')
			goto bad;
		unsigned long long v = strtoull(text, &end, 10);
		if (*end || errno == ERANGE || (double)v < o->lo || (double)v > o->hi)
			goto bad;
		*(uint64_t *)o->dst = v;
		return 0;
	}
	double v = strtod(text, &end);
	if (end == text || *end || errno == ERANGE || !isfinite(v) || v < o->lo || v > o->hi)
		goto bad;
	*(double *)o->dst = v;
	return 0;
bad:
	if (o->kind == BC_OPT_STRING) {
		snprintf(err, errlen, "option '--%s' needs a non-empty file name", o->name);
		return -1;
	}
	snprintf(err, errlen, "option '--%s' = '%s' is invalid: valid range is %s[%.17g, %.17g]",
	         o->name, text, o->kind == BC_OPT_U64 ? "integer in " : "", o->lo, o->hi);
	return -1;
}

int bc_opts_parse(int argc, char **argv, const struct bc_opt *opts, int nopts, char **rest,
                  int *nrest, char *err, size_t errlen)
{
	*nrest = 0;
	for (int a = 0; a < argc; a++) {
		if (strncmp(argv[a], "--", 2) != 0) {
			rest[(*nrest)++] = argv[a];
			continue;
		}
		const char *name = argv[a] + 2;
		const char *eq = strchr(name, '=');
		size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
		const struct bc_opt *o = NULL;
		for (int i = 0; i < nopts; i++)
			if (strlen(opts[i].name) == nlen && strncmp(opts[i].name, name, nlen) == 0)
				o = &opts[i];
		if (!o) {
			snprintf(err, errlen, "unknown option '%s' (see --help)", argv[a]);
			return -1;
		}
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
