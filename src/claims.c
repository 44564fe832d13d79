/*
 * claims.c - the registry: one line per claim.
 *
 * To add a claim, write theory/ID.c (defining bc_claim_ID) and sim/ID.c (defining
 * bc_sim_ID), then add X(ID) below. The README's "Adding a claim" says the rest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bc_claim.h"

/* Each line ends in a backslash, so adding a claim adds exactly one line. The order is the
 * seed's (and so the report's and `list`'s). */
#define BC_CLAIMS(X) \
	X(corr_batch_var) \
	X(noise_scale_progress) \
	X(neyman_allocation) \
	X(sqrt_lr_law) \
	X(robust_step_bound) \
	X(eigen_stationary_error) \
	X(flat_minimum_batch) \
	X(bn_bias) \
	/* end of the list */

#define DECLARE(id) extern const struct bc_claim bc_claim_##id;
#define POINTER(id) &bc_claim_##id,
BC_CLAIMS(DECLARE)
const struct bc_claim *const bc_claims[] = {BC_CLAIMS(POINTER)};
const int bc_n_claims = sizeof bc_claims / sizeof *bc_claims;

const struct bc_claim *bc_claim_find(const char *id)
{
	for (int i = 0; i < bc_n_claims; i++)
		if (strcmp(bc_claims[i]->id, id) == 0)
			return bc_claims[i];
	return NULL;
}

int bc_output_index(const struct bc_outputs *out, const char *name)
{
	for (int k = 0; k < out->n; k++)
		if (strcmp(out->name[k], name) == 0)
			return k;
	return -1;
}

int bc_theory_checked(const struct bc_claim *c, const struct bc_args *in,
                      struct bc_outputs *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	c->theory(in, out);
	if (out->n < 1 || out->n > BC_MAX_OUT) {
		snprintf(err, errlen, "claim '%s': its theory returned %d outputs: valid is 1 to %d",
		         c->id, out->n, BC_MAX_OUT);
		return -1;
	}
	for (int k = 0; k < out->n; k++) {
		if (memchr(out->name[k], '\0', BC_NAME_LEN) == NULL || out->name[k][0] == '\0') {
			snprintf(err, errlen, "claim '%s': its theory's output %d of %d has no name "
			         "(it counts an output it does not write)", c->id, k + 1, out->n);
			return -1;
		}
		for (int j = 0; j < k; j++)
			if (strcmp(out->name[j], out->name[k]) == 0) {
				snprintf(err, errlen, "claim '%s': its theory names two outputs '%s'", c->id,
				         out->name[k]);
				return -1;
			}
	}
	return 0;
}

static int param_index(const struct bc_claim *c, const char *name)
{
	for (int i = 0; i < c->n_params; i++)
		if (strcmp(c->params[i].name, name) == 0)
			return i;
	abort(); /* a simulator asked for a parameter its claim does not have */
}

double bc_arg(const struct bc_claim *c, const struct bc_args *in, const char *name)
{
	return in->x[param_index(c, name)];
}

const double *bc_arg_vec(const struct bc_claim *c, const struct bc_args *in, const char *name,
                         int *len)
{
	int i = param_index(c, name);
	*len = in->len[i];
	return in->vec[i];
}

const char *bc_arg_choice(const struct bc_claim *c, const struct bc_args *in, const char *name)
{
	int i = param_index(c, name);
	return c->params[i].choices[(int)in->x[i]];
}

const char *bc_point_kind_name(enum bc_point_kind k)
{
	return k == BC_OUTSIDE ? "outside" : k == BC_NOT_BELOW ? "not_below" : "regime";
}

bool bc_arg_given(const struct bc_claim *c, const struct bc_args *in, const char *name)
{
	return in->given[param_index(c, name)];
}
