/*
 * bc_param.h - parameters and their domains, as data.
 *
 * Every value a user or a check point gives passes through bc_param_parse(), the one place
 * that turns "name=value" into numbers and writes the one-line error naming the parameter
 * and its valid range. Claims only add cross-parameter conditions (bc_claim.validate).
 */
#ifndef BC_PARAM_H
#define BC_PARAM_H

#include <stdbool.h>
#include <stddef.h>

#define BC_MAX_PARAMS 12
#define BC_VEC_MAX 16
#define BC_ERR_LEN 256

enum bc_param_kind {
	BC_REAL,   /* finite double in [lo, hi] (ends open or closed) */
	BC_INT,    /* integer in [lo, hi] */
	BC_CHOICE, /* one word of `choices`; stored as its index */
	BC_VECTOR  /* comma-separated reals, each in [lo, hi], 1..BC_VEC_MAX of them */
};

struct bc_param {
	const char *name;
	enum bc_param_kind kind;
	double lo, hi;
	bool lo_open, hi_open;
	const char *const *choices; /* BC_CHOICE: NULL-terminated */
	const char *deflt;          /* NULL: required; otherwise the value used when absent */
	bool sim_only;              /* a simulator switch: accepted by `sim`, not by `theory` */
	const char *help;
};

/* Parsed values, indexed like the claim's parameter array. */
struct bc_args {
	double x[BC_MAX_PARAMS];                /* BC_REAL, BC_INT, BC_CHOICE */
	int len[BC_MAX_PARAMS];                 /* BC_VECTOR: number of entries */
	double vec[BC_MAX_PARAMS][BC_VEC_MAX];  /* BC_VECTOR: entries */
	bool given[BC_MAX_PARAMS];              /* set explicitly rather than defaulted */
};

struct bc_claim;

/*
 * Parses argv[0..argc-1], each "name=value", into `out` for `claim`. With `allow_sim`
 * false a simulator switch is an error. Checks every range, then claim->validate.
 * Returns 0, or -1 with a one-line message in err.
 */
int bc_param_parse(const struct bc_claim *claim, int argc, char *const *argv, bool allow_sim,
                   struct bc_args *out, char *err, size_t errlen);

/* Same, from one string of space-separated "name=value" words (check points). */
int bc_param_parse_line(const struct bc_claim *claim, const char *line, bool allow_sim,
                        struct bc_args *out, char *err, size_t errlen);

/* Index of the parameter named name[0..nlen) (not NUL-terminated), or -1 with an "unknown
 * parameter" message. */
int bc_param_find(const struct bc_claim *claim, const char *name, size_t nlen, char *err,
                  size_t errlen);

/* Parses one value of parameter p (index idx) into out; -1 with a message if invalid. */
int bc_param_set(const struct bc_param *p, int idx, const char *text, struct bc_args *out,
                 char *err, size_t errlen);

/* Writes the valid range of p, e.g. "[-1, 1]", "integer in [1, 1000000]", "gauss|exp". */
void bc_param_range(const struct bc_param *p, char *buf, size_t n);

/* 1 when v satisfies p's scalar range. */
bool bc_param_in_range(const struct bc_param *p, double v);

/*
 * Reads one finite number, consumed whole: decimal, or a C hexadecimal floating constant
 * (0x1p-350, for exact inputs), with an optional leading '-'. No spaces, '+', nan or inf;
 * a result that overflows or underflows to 0 is refused, a subnormal one kept. Returns 0,
 * or -1.
 */
int bc_parse_real(const char *text, double *v);

/* User text for a one-line message: at most BC_QUOTE_MAX bytes (then "..."), control
 * characters shown as '?'. Returns buf. */
#define BC_QUOTE_MAX 40
const char *bc_quote(const char *text, char buf[BC_QUOTE_MAX + 4]);

#endif
