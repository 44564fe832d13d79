/*
 * cmd_sweep.c - `batchcheck sweep ID k=v1,v2 ...`: theory and Monte Carlo over a grid,
 * printed as a whitespace table that gnuplot reads (plots/ uses it).
 *
 * Everything is computed before anything is printed, so a bad grid point leaves no
 * partial table behind.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bc_claim.h"
#include "bc_cli.h"
#include "bc_mc.h"

#define SWEEP_MAX 4096
#define LIST_MAX 64

static const char help[] =
        "usage: batchcheck sweep ID name=v1,v2,... ... [--samples N] [--seed S] [--threads T]\n"
        "\n"
        "Evaluates claim ID at every combination of the listed values (a scalar parameter\n"
        "may list several, comma-separated) and prints one row per combination: the\n"
        "parameters, each theory output, and with --samples N >= 2 (default: theory only)\n"
        "each simulated output's estimate and standard error. Blocks are separated by two\n"
        "blank lines whenever the first listed parameter changes (gnuplot's `index`).\n"
        "Grid point k draws from the Philox stream keyed by (S, claim, sweep, k); the\n"
        "points run in parallel on T threads, and the table does not depend on T.\n";

struct axis {
	const char *name; /* the claim's own spelling */
	int n;
	char *values[LIST_MAX];
	size_t longest;   /* strlen of the longest value */
};

/* Splits "name=v1,v2" into an axis; a vector parameter keeps its commas. */
static int split_word(const struct bc_claim *c, char *word, struct axis *ax, char *err,
                      size_t errlen)
{
	char *eq = strchr(word, '='), q[BC_QUOTE_MAX + 4];
	if (!eq) {
		snprintf(err, errlen, "argument '%s' is not of the form name=value",
		         bc_quote(word, q));
		return -1;
	}
	int idx = bc_param_find(c, word, (size_t)(eq - word), err, errlen);
	if (idx < 0)
		return -1;
	ax->name = c->params[idx].name;
	bool is_list = c->params[idx].kind != BC_VECTOR;
	ax->n = 0;
	ax->longest = 0;
	for (char *v = eq + 1, *next; v; v = next) {
		next = is_list ? strchr(v, ',') : NULL;
		if (next)
			*next++ = '\0';
		if (ax->n == LIST_MAX) {
			snprintf(err, errlen, "parameter '%s' lists more than %d values", ax->name,
			         LIST_MAX);
			return -1;
		}
		if (strlen(v) > ax->longest)
			ax->longest = strlen(v);
		ax->values[ax->n++] = v;
	}
	return 0;
}

/*
 * The grid's simulations. A grid of at least as many points as threads runs its points in
 * parallel, one thread each (a point's replicates fill few blocks in a plot's sweep, so
 * they would leave threads idle); a smaller grid gives each point every thread. Point k's
 * numbers depend on neither: its stream is keyed by k and its blocks merge in a fixed
 * order. A refusal is reported for the first refused point, as a serial run would.
 */
static int simulate_grid(const struct bc_claim *c, const struct bc_args *in, int total,
                         uint64_t seed, uint64_t samples, int threads, int n_obs,
                         struct bc_moments *mc)
{
	int outer = total >= threads ? threads : 1, first_bad = total;
	char (*errs)[BC_ERR_LEN] = calloc((size_t)total, sizeof *errs);
	if (!errs)
		return bc_cli_usage_error("out of memory");
#pragma omp parallel for num_threads(outer) schedule(dynamic, 1)
	for (int k = 0; k < total; k++) {
		struct bc_stream_id id = {seed, bc_rng_claim_hash(c->id), BC_PURPOSE_CLI,
		                          (uint32_t)k + 1};
		if (bc_mc_run(c, &in[k], &id, samples, outer > 1 ? 1 : threads,
		              &mc[(size_t)k * (size_t)n_obs], errs[k], sizeof errs[k])) {
#pragma omp critical(sweep_first_bad)
			if (k < first_bad)
				first_bad = k;
		}
	}
	int status = first_bad < total ? bc_cli_usage_error(errs[first_bad]) : 0;
	free(errs);
	return status;
}

int bc_cmd_sweep(int argc, char **argv)
{
	if (bc_cli_wants_help(argc, argv))
		return fputs(help, stdout), 0;
	uint64_t samples = 0, seed = 1, threads = (uint64_t)bc_cli_default_threads();
	const struct bc_opt opts[] = {
		{"samples", BC_OPT_U64, 2, 0x1p40, &samples}, /* absent: 0, theory only */
		{"seed", BC_OPT_U64, 0, 0x1p64, &seed},
		{"threads", BC_OPT_U64, 1, 1024, &threads},
	};
	char *rest[BC_MAX_PARAMS + 1], err[BC_ERR_LEN];
	int nrest;
	if (bc_opts_parse(argc, argv, opts, 3, rest, BC_MAX_PARAMS + 1, &nrest, err, sizeof err))
		return bc_cli_usage_error(err);
	if (nrest < 1)
		return bc_cli_usage_error("sweep needs a claim id (see batchcheck list)");
	const struct bc_claim *c = bc_claim_find(rest[0]);
	if (!c)
		return bc_cli_usage_error("unknown claim id (see batchcheck list)");
	int naxes = nrest - 1, total = 1;
	struct axis axes[BC_MAX_PARAMS];
	for (int a = 0; a < naxes; a++) {
		if (split_word(c, rest[a + 1], &axes[a], err, sizeof err))
			return bc_cli_usage_error(err);
		total *= axes[a].n;
		if (total > SWEEP_MAX) {
			snprintf(err, sizeof err, "the grid has more than %d points", SWEEP_MAX);
			return bc_cli_usage_error(err);
		}
	}

	int n_obs = samples ? bc_mc_n_obs(c) : 0;
	/* One grid point's "name=value" words, each sized for its axis's longest value, so a
	 * value of any length is read whole (no silent cut, no arbitrary limit). */
	size_t text_len = 0;
	for (int a = 0; a < naxes; a++)
		text_len += strlen(axes[a].name) + axes[a].longest + 2;
	char *text = malloc(text_len + 1);
	struct bc_args *in = malloc((size_t)total * sizeof *in);
	struct bc_outputs *th = malloc((size_t)total * sizeof *th);
	struct bc_moments *mc = malloc((size_t)total * (size_t)(n_obs + 1) * sizeof *mc);
	int status = text && in && th && mc ? 0 : bc_cli_usage_error("out of memory");
	/* Point k: the first axis varies slowest. */
	for (int k = 0; k < total && status == 0; k++) {
		char *wv[BC_MAX_PARAMS], *w = text;
		for (int a = naxes - 1, rem = k; a >= 0; a--) {
			size_t room = strlen(axes[a].name) + axes[a].longest + 2;
			snprintf(w, room, "%s=%s", axes[a].name, axes[a].values[rem % axes[a].n]);
			wv[a] = w;
			w += room;
			rem /= axes[a].n;
		}
		if (bc_param_parse(c, naxes, wv, samples > 0, &in[k], err, sizeof err)) {
			status = bc_cli_usage_error(err);
			break;
		}
		c->theory(&in[k], &th[k]);
	}
	if (status == 0 && samples)
		status = simulate_grid(c, in, total, seed, samples, (int)threads, n_obs, mc);
	if (status == 0) {
		printf("# %s: seed %llu, %llu replicates per point\n#", c->id,
		       (unsigned long long)seed, (unsigned long long)samples);
		for (int i = 0; i < c->n_params; i++)
			if (c->params[i].kind != BC_VECTOR && !c->params[i].sim_only)
				printf(" %s", c->params[i].name);
		for (int j = 0; j < th[0].n; j++)
			printf(" %s", th[0].name[j]);
		for (int j = 0; j < n_obs; j++)
			printf(" %s_est %s_se", c->sim->obs[j], c->sim->obs[j]);
		printf("\n");
		int block = naxes && axes[0].n > 1 ? total / axes[0].n : total;
		for (int k = 0; k < total; k++) {
			if (k && k % block == 0)
				printf("\n\n");
			for (int i = 0; i < c->n_params; i++)
				if (c->params[i].kind != BC_VECTOR && !c->params[i].sim_only)
					printf("%.17g ", in[k].x[i]);
			for (int j = 0; j < th[k].n; j++)
				printf("%.17g ", th[k].v[j]);
			for (int j = 0; j < n_obs; j++) {
				const struct bc_moments *m = &mc[(size_t)k * (size_t)n_obs + (size_t)j];
				printf("%.17g %.17g ", m->mean, bc_est_se(*m));
			}
			printf("\n");
		}
	}
	free(text);
	free(in);
	free(th);
	free(mc);
	return status;
}
