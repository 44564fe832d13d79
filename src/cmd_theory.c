/*
 * cmd_theory.c - `batchcheck theory ID k=v ...`: the closed form, double and MPFR.
 */
#include <math.h>
#include <stdio.h>

#include "bc_claim.h"
#include "bc_cli.h"
#include "bc_json.h"
#include "bc_ulp.h"

#define STR_(x) #x
#define STR(x) STR_(x)

static const char help[] =
        "usage: batchcheck theory ID name=value ...\n"
        "\n"
        "Evaluates claim ID's closed form in double precision and with MPFR at "
        STR(BC_MPFR_PREC) " bits.\n"
        "Prints {\"claim\":ID,\"inputs\":{...},\"outputs\":{NAME:{\"double\":D,\"mpfr\":\"M\"}}}\n"
        "where D is printed with %.17g and M has 45 significant digits.\n"
        "Parameters and their valid ranges: batchcheck list --verbose.\n";

int bc_cmd_theory(int argc, char **argv)
{
	if (bc_cli_wants_help(argc, argv))
		return fputs(help, stdout), 0;
	if (argc < 1)
		return bc_cli_usage_error("theory needs a claim id (see batchcheck list)");
	const struct bc_claim *c = bc_claim_find(argv[0]);
	if (!c)
		return bc_cli_usage_error("unknown claim id (see batchcheck list)");
	struct bc_args in;
	char err[BC_ERR_LEN];
	if (bc_param_parse(c, argc - 1, argv + 1, false, &in, err, sizeof err))
		return bc_cli_usage_error(err);

	struct bc_outputs d;
	mpfr_t ref[BC_MAX_OUT];
	if (bc_theory_checked(c, &in, &d, err, sizeof err)) { /* a bug in the claim, not the input */
		fprintf(stderr, "batchcheck: %s\n", err);
		return 1;
	}
	for (int k = 0; k < BC_MAX_OUT; k++)
		mpfr_init2(ref[k], BC_MPFR_PREC);
	c->theory_mpfr(&in, ref);
	int status = 0;
	for (int k = 0; k < d.n; k++)
		if (!isfinite(d.v[k]) || !mpfr_number_p(ref[k])) {
			snprintf(err, sizeof err, "output '%s' is not finite at these inputs (a bug: "
			         "the domain should have refused them)", d.name[k]);
			status = bc_cli_usage_error(err);
		}
	if (status == 0) {
		printf("{\"claim\":");
		bc_json_string(stdout, c->id);
		printf(",\"inputs\":");
		bc_json_args(stdout, c, &in, false);
		printf(",\"outputs\":{");
		for (int k = 0; k < d.n; k++) {
			printf("%s", k ? "," : "");
			bc_json_string(stdout, d.name[k]);
			printf(":{\"double\":");
			bc_json_number(stdout, d.v[k]);
			printf(",\"mpfr\":");
			bc_json_mpfr(stdout, ref[k]);
			printf("}");
		}
		printf("}}\n");
	}
	for (int k = 0; k < BC_MAX_OUT; k++)
		mpfr_clear(ref[k]);
	return status;
}
