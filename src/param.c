/*
 * param.c - "name=value" to numbers, with the one error message a user sees.
 *
 * Numbers (decimal or C hexadecimal, see bc_parse_real) must be consumed whole; NaN and
 * infinities are refused before any range test, so a comparison with NaN can never let a
 * bad value through.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bc_claim.h"
#include "bc_json.h"
#include "bc_param.h"

void bc_param_range(const struct bc_param *p, char *buf, size_t n)
{
	switch (p->kind) {
	case BC_CHOICE: {
		size_t used = 0;
		buf[0] = '\0';
		for (int i = 0; p->choices[i] && used < n; i++)
			used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? "|" : "",
			                         p->choices[i]);
		return;
	}
	case BC_INT:
	case BC_VECTOR:
	case BC_REAL: {
		char lo[32], hi[32];
		bc_fmt_double(lo, sizeof lo, p->lo);
		bc_fmt_double(hi, sizeof hi, p->hi);
		char lead[64] = "";
		if (p->kind == BC_VECTOR)
			snprintf(lead, sizeof lead, "up to %d comma-separated numbers, each in ",
			         BC_VEC_MAX);
		if (p->kind == BC_INT)
			snprintf(buf, n, "integer in [%s, %s]", lo, hi);
		else
			snprintf(buf, n, "%s%c%s, %s%c", lead,
			         p->lo_open ? '(' : '[', lo, hi, p->hi_open ? ')' : ']');
		return;
	}
	}
}

bool bc_param_in_range(const struct bc_param *p, double v)
{
	if (!isfinite(v))
		return false;
	if (p->lo_open ? !(v > p->lo) : !(v >= p->lo))
		return false;
	if (p->hi_open ? !(v < p->hi) : !(v <= p->hi))
		return false;
	return p->kind != BC_INT || v == floor(v);
}

static int fail_range(const struct bc_param *p, const char *text, char *err, size_t errlen)
{
	char range[160], q[BC_QUOTE_MAX + 4];
	bc_param_range(p, range, sizeof range);
	snprintf(err, errlen, "parameter '%s' = '%s' is invalid: valid range is %s", p->name,
	         bc_quote(text, q), range);
	return -1;
}

/* One number, text[0..len): text[len] must end it (',' or '\0'), which strtod never reads
 * as part of a number in the C locale. Any length is fine: strtod reads every digit. */
static int parse_span(const char *text, size_t len, double *v)
{
	if (len == 0 || text[0] == '+' ||
	    strspn(text, "0123456789abcdefABCDEFxXpP.+-") < len)
		return -1;
	char *stop;
	errno = 0;
	*v = strtod(text, &stop);
	if (stop != text + len || !isfinite(*v))
		return -1;
	/* glibc sets ERANGE for subnormal results too: refuse only what did not survive */
	return errno == ERANGE && (*v == 0 || fabs(*v) == HUGE_VAL) ? -1 : 0;
}

int bc_parse_real(const char *text, double *v)
{
	return parse_span(text, strlen(text), v);
}

const char *bc_quote(const char *text, char buf[BC_QUOTE_MAX + 4])
{
	size_t i = 0;
	for (; text[i] && i < BC_QUOTE_MAX; i++) {
		unsigned char ch = (unsigned char)text[i];
		buf[i] = ch < 0x20 || ch == 0x7f ? '?' : (char)ch;
	}
	strcpy(buf + i, text[i] ? "..." : "");
	return buf;
}

int bc_param_set(const struct bc_param *p, int idx, const char *text, struct bc_args *out,
                 char *err, size_t errlen)
{
	if (p->kind == BC_CHOICE) {
		for (int i = 0; p->choices[i]; i++)
			if (strcmp(text, p->choices[i]) == 0) {
				out->x[idx] = i;
				return 0;
			}
		return fail_range(p, text, err, errlen);
	}
	if (p->kind == BC_VECTOR) {
		int n = 0;
		const char *s = text;
		for (;;) {
			const char *comma = strchr(s, ',');
			const char *end = comma ? comma : s + strlen(s);
			double v;
			if (n == BC_VEC_MAX) {
				snprintf(err, errlen, "parameter '%s' has more than %d entries: valid are "
				         "at most %d", p->name, BC_VEC_MAX, BC_VEC_MAX);
				return -1;
			}
			if (parse_span(s, (size_t)(end - s), &v) || !bc_param_in_range(p, v))
				return fail_range(p, text, err, errlen);
			out->vec[idx][n++] = v;
			if (!comma)
				break;
			s = comma + 1;
		}
		out->len[idx] = n;
		return 0;
	}
	double v;
	if (bc_parse_real(text, &v) || !bc_param_in_range(p, v))
		return fail_range(p, text, err, errlen);
	out->x[idx] = v;
	return 0;
}

int bc_param_find(const struct bc_claim *claim, const char *name, size_t nlen, char *err,
                  size_t errlen)
{
	for (int i = 0; i < claim->n_params; i++)
		if (strlen(claim->params[i].name) == nlen &&
		    strncmp(claim->params[i].name, name, nlen) == 0)
			return i;
	/* quote only the name, keeping bc_quote's "..." when it is long */
	char shown[BC_QUOTE_MAX + 2], q[BC_QUOTE_MAX + 4];
	size_t n = nlen < sizeof shown - 1 ? nlen : sizeof shown - 1;
	memcpy(shown, name, n);
	shown[n] = '\0';
	snprintf(err, errlen, "unknown parameter '%s' for claim %s (see: batchcheck list)",
	         bc_quote(shown, q), claim->id);
	return -1;
}

int bc_param_parse(const struct bc_claim *claim, int argc, char *const *argv, bool allow_sim,
                   struct bc_args *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	for (int a = 0; a < argc; a++) {
		const char *eq = strchr(argv[a], '=');
		char q[BC_QUOTE_MAX + 4];
		if (!eq) {
			snprintf(err, errlen, "argument '%s' is not of the form name=value",
			         bc_quote(argv[a], q));
			return -1;
		}
		int idx = bc_param_find(claim, argv[a], (size_t)(eq - argv[a]), err, errlen);
		if (idx < 0)
			return -1;
		const struct bc_param *p = &claim->params[idx];
		if (p->sim_only && !allow_sim) {
			snprintf(err, errlen,
			         "parameter '%s' is a simulator switch: valid only with 'batchcheck sim' "
			         "and 'batchcheck sweep --samples N'",
			         p->name);
			return -1;
		}
		if (out->given[idx]) {
			snprintf(err, errlen, "parameter '%s' is given twice", p->name);
			return -1;
		}
		if (bc_param_set(p, idx, eq + 1, out, err, errlen))
			return -1;
		out->given[idx] = true;
	}
	for (int i = 0; i < claim->n_params; i++) {
		const struct bc_param *p = &claim->params[i];
		if (out->given[i])
			continue;
		if (!p->deflt) {
			char range[160];
			bc_param_range(p, range, sizeof range);
			snprintf(err, errlen, "missing parameter '%s': valid range is %s", p->name, range);
			return -1;
		}
		if (bc_param_set(p, i, p->deflt, out, err, errlen))
			return -1; /* a bad default is a bug; tests parse every claim's defaults */
	}
	return claim->validate ? claim->validate(out, err, errlen) : 0;
}

int bc_param_parse_line(const struct bc_claim *claim, const char *line, bool allow_sim,
                        struct bc_args *out, char *err, size_t errlen)
{
	char buf[512];
	char *words[2 * BC_MAX_PARAMS];
	int n = 0;
	if ((size_t)snprintf(buf, sizeof buf, "%s", line) >= sizeof buf) {
		snprintf(err, errlen, "parameter line longer than %zu characters", sizeof buf - 1);
		return -1;
	}
	for (char *w = strtok(buf, " "); w; w = strtok(NULL, " ")) {
		if (n == (int)(sizeof words / sizeof *words)) {
			snprintf(err, errlen, "parameter line of more than %d words", n);
			return -1;
		}
		words[n++] = w;
	}
	return bc_param_parse(claim, n, words, allow_sim, out, err, errlen);
}
