/*
 * libFuzzer target (make fuzz): the parameter parser, as the CLI and the check-point lines
 * use it, on every claim. Whatever the bytes, parsing must not crash or trip a sanitizer;
 * a refusal is one non-empty line; an accepted input gives finite theory outputs (the CLI
 * never prints NaN) and, where the simulator takes it, a plan or a one-line refusal.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bc_claim.h"

static void fail(const char *what, const char *claim, const char *line)
{
	fprintf(stderr, "fuzz_param: %s: claim %s, input '%s'\n", what, claim, line);
	abort();
}

static void one_line(const char *err, const char *claim, const char *line)
{
	if (!err[0] || strchr(err, '\n'))
		fail("a refusal that is not one non-empty line", claim, line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char line[1024];
	size_t n = size < sizeof line - 1 ? size : sizeof line - 1;
	memcpy(line, data, n);
	line[n] = '\0';
	if (strlen(line) != n) /* an embedded NUL: not a command line a shell could pass */
		return 0;
	for (int i = 0; i < bc_n_claims; i++) {
		const struct bc_claim *c = bc_claims[i];
		for (int sim = 0; sim < 2; sim++) {
			struct bc_args in;
			char err[BC_ERR_LEN] = "";
			if (bc_param_parse_line(c, line, sim, &in, err, sizeof err)) {
				one_line(err, c->id, line);
				continue;
			}
			struct bc_outputs out;
			c->theory(&in, &out);
			for (int k = 0; k < out.n; k++)
				if (!isfinite(out.v[k]))
					fail("an accepted input gives a non-finite output", c->id, line);
			if (!sim)
				continue;
			void *plan = c->sim->plan_new(c, &in, err, sizeof err);
			if (plan)
				c->sim->plan_free(plan);
			else
				one_line(err, c->id, line);
		}
	}
	return 0;
}
