/*
 * json.c - JSON and "name=value" renderings of numbers and arguments.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bc_json.h"

void bc_json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

void bc_json_number(FILE *f, double x)
{
	if (isfinite(x))
		fprintf(f, "%.17g", x);
	else
		fputs("null", f);
}

void bc_json_mpfr(FILE *f, const mpfr_t x)
{
	char *s = NULL;
	if (mpfr_asprintf(&s, "%.44Re", x) < 0 || !mpfr_number_p(x)) {
		fputs("null", f);
	} else {
		bc_json_string(f, s);
	}
	if (s)
		mpfr_free_str(s);
}

/* Shortest of %.15g, %.16g, %.17g that reads back to x: inputs print as typed. */
int bc_fmt_double(char *buf, size_t n, double x)
{
	int len = 0;
	for (int digits = 15; digits <= 17; digits++) {
		len = snprintf(buf, n, "%.*g", digits, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	return len;
}

/* One parameter's value as text: a number, a choice word or a comma list. */
static void value_text(const struct bc_param *p, const struct bc_args *in, int i, char *buf,
                       size_t n, const char *sep)
{
	if (p->kind == BC_CHOICE) {
		snprintf(buf, n, "%s", p->choices[(int)in->x[i]]);
	} else if (p->kind == BC_VECTOR) {
		size_t used = 0;
		buf[0] = '\0'; /* an empty vector (a sweep not run) */
		for (int k = 0; k < in->len[i] && used < n; k++) {
			if (k)
				used += (size_t)snprintf(buf + used, n - used, "%s", sep);
			if (used < n)
				used += (size_t)bc_fmt_double(buf + used, n - used, in->vec[i][k]);
		}
	} else {
		bc_fmt_double(buf, n, in->x[i]);
	}
}

void bc_json_args(FILE *f, const struct bc_claim *c, const struct bc_args *in, bool with_sim)
{
	fputc('{', f);
	int first = 1;
	for (int i = 0; i < c->n_params; i++) {
		const struct bc_param *p = &c->params[i];
		if (p->sim_only && !with_sim)
			continue;
		char buf[BC_VEC_MAX * 26];
		value_text(p, in, i, buf, sizeof buf, ",");
		fprintf(f, "%s", first ? "" : ",");
		bc_json_string(f, p->name);
		fputc(':', f);
		if (p->kind == BC_CHOICE)
			bc_json_string(f, buf);
		else if (p->kind == BC_VECTOR)
			fprintf(f, "[%s]", buf);
		else
			fputs(buf, f);
		first = 0;
	}
	fputc('}', f);
}

void bc_args_format(const struct bc_claim *c, const struct bc_args *in, bool with_sim,
                    char *buf, size_t n)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < c->n_params && used < n; i++) {
		const struct bc_param *p = &c->params[i];
		if (p->sim_only && !with_sim)
			continue;
		char v[BC_VEC_MAX * 26];
		value_text(p, in, i, v, sizeof v, ",");
		used += (size_t)snprintf(buf + used, n - used, "%s%s=%s", used ? " " : "", p->name, v);
	}
}
