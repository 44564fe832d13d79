/*
 * check_print.c - tables and JSON for `batchcheck check`.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "bc_check_print.h"
#include "bc_json.h"

static void print_ulp_line(FILE *f, const struct bc_claim_result *cr)
{
	char where[512];
	if (cr->ulp.skipped) {
		fprintf(f, "  double vs MPFR: skipped (--no-ulp)  %s\n", bc_verdict_name(cr->ulp_verdict));
		return;
	}
	bc_args_format(cr->claim, &cr->ulp.worst_in, false, where, sizeof where);
	fprintf(f, "  double vs MPFR: worst %.3g ulp (bound %g) over %d inputs, at %s [%s]%s  %s\n",
	        cr->ulp.worst, cr->claim->ulp_bound, cr->ulp.inputs, where, cr->ulp.worst_output,
	        cr->ulp.nonfinite ? ", NON-FINITE OUTPUTS" : "", bc_verdict_name(cr->ulp_verdict));
}

static void print_point_line(FILE *f, const struct bc_point_result *pr)
{
	const char *kind = bc_point_kind_name(pr->point->kind);
	if (pr->error[0]) {
		fprintf(f, "  %-14s %-9s error: %s  %s\n", pr->point->name, kind, pr->error,
		        bc_verdict_name(pr->verdict));
		return;
	}
	char est[64];
	snprintf(est, sizeof est, "%.6g ± %.2g", pr->estimate, pr->se);
	char z[32]; /* as the report prints it: three digits beyond 1e5 (an SE at its floor) */
	snprintf(z, sizeof z, fabs(pr->z) < 1e5 ? "%.2f" : "%.3g", pr->z);
	fprintf(f, "  %-14s %-9s %-13.6g %-24s %8s %7.2f%% %10llu  %s", pr->point->name, kind,
	        pr->theory, est, z, 100 * pr->detectable, (unsigned long long)pr->samples,
	        bc_verdict_name(pr->verdict));
	if (pr->pilot_only && pr->needed == UINT64_MAX)
		fprintf(f, " (pilot only: no replicate count can resolve it)");
	else if (pr->pilot_only)
		fprintf(f, " (pilot only: needs %.3g replicates)", (double)pr->needed);
	else if (pr->verdict == BC_INCONCLUSIVE && pr->needed > pr->samples)
		fprintf(f, " (needs %.3g replicates, over the budget)", (double)pr->needed);
	fputc('\n', f);
}

void bc_check_print_table(FILE *f, const struct bc_run_result *res)
{
	const struct bc_config *cfg = &res->cfg;
	fprintf(f, "batchcheck check: seed %llu; alpha %g over %d comparisons, so |z| <= %.3f; "
	        "each check detects a %g%% error with power %g\n",
	        (unsigned long long)cfg->seed, cfg->alpha, res->comparisons, res->z,
	        100 * cfg->detect, cfg->power);
	for (int i = 0; i < res->n_claims; i++) {
		const struct bc_claim_result *cr = &res->claims[i];
		const struct bc_claim *c = cr->claim;
		fprintf(f, "\n%s: %s\n  source: %s\n", c->id, c->title, c->source);
		print_ulp_line(f, cr);
		fprintf(f, "  %-14s %-9s %-13s %-24s %8s %8s %10s  %s\n", "point", "kind", "theory",
		        "estimate ± SE", "z", "detect", "replicates", "verdict");
		for (int p = 0; p < c->n_points; p++)
			print_point_line(f, &cr->points[p]);
		for (int v = 0; v < c->n_variants; v++) {
			const struct bc_variant_result *vr = &cr->variants[v];
			fprintf(f, "  planted %-30s rejected at %d/%d points, max |z| = %.1f  %s\n",
			        vr->variant->name, vr->rejected, vr->compared, vr->max_abs_z,
			        bc_verdict_name(vr->verdict));
		}
	}
	fprintf(f, "\n");
	if (res->inconclusive)
		fprintf(f, "%d checks inconclusive (counted as failed): raise --budget or "
		        "--detect\n", res->inconclusive);
	fprintf(f, "passed: %d ulp bounds met, %d in-regime points passed, %d planted variants "
	        "rejected, %d outside points flagged\n", res->ulp_met, res->regime_passed,
	        res->variants_rejected, res->outside_flagged);
	fprintf(f, "%d passed, %d failed\n", res->passed, res->failed);
}

static void json_point(FILE *f, const struct bc_claim *c, const struct bc_point_result *pr)
{
	fprintf(f, "{\"name\":");
	bc_json_string(f, pr->point->name);
	fprintf(f, ",\"kind\":\"%s\",\"output\":", bc_point_kind_name(pr->point->kind));
	bc_json_string(f, pr->point->output);
	fprintf(f, ",\"why\":");
	bc_json_string(f, pr->point->why);
	fprintf(f, ",\"inputs\":");
	bc_json_args(f, c, &pr->args, true);
	fprintf(f, ",\"theory\":");
	bc_json_number(f, pr->theory);
	fprintf(f, ",\"estimate\":");
	bc_json_number(f, pr->estimate);
	fprintf(f, ",\"se\":");
	bc_json_number(f, pr->se);
	fprintf(f, ",\"z\":");
	bc_json_number(f, pr->z);
	fprintf(f, ",\"detectable\":");
	bc_json_number(f, pr->detectable);
	fprintf(f, ",\"samples\":%llu,\"needed\":", (unsigned long long)pr->samples);
	if (pr->needed == UINT64_MAX)
		fputs("null", f);
	else
		fprintf(f, "%llu", (unsigned long long)pr->needed);
	fprintf(f, ",\"pilot_only\":%s,\"resized\":%s,\"verdict\":\"%s\",\"error\":",
	        pr->pilot_only ? "true" : "false", pr->resized ? "true" : "false",
	        bc_verdict_name(pr->verdict));
	bc_json_string(f, pr->error);
	fprintf(f, "}");
}

static void json_variant(FILE *f, const struct bc_claim *c, const struct bc_variant_result *vr)
{
	fprintf(f, "{\"name\":");
	bc_json_string(f, vr->variant->name);
	fprintf(f, ",\"output\":");
	bc_json_string(f, vr->variant->output);
	fprintf(f, ",\"what\":");
	bc_json_string(f, vr->variant->what);
	fprintf(f, ",\"compared\":%d,\"rejected\":%d,\"max_abs_z\":", vr->compared, vr->rejected);
	bc_json_number(f, vr->max_abs_z);
	fprintf(f, ",\"verdict\":\"%s\",\"at\":[", bc_verdict_name(vr->verdict));
	int first = 1;
	for (int p = 0; p < c->n_points; p++) {
		if (isnan(vr->z_at[p]) && isnan(vr->value_at[p]))
			continue;
		fprintf(f, "%s{\"point\":", first ? "" : ",");
		bc_json_string(f, c->points[p].name);
		fprintf(f, ",\"value\":");
		bc_json_number(f, vr->value_at[p]);
		fprintf(f, ",\"z\":");
		bc_json_number(f, vr->z_at[p]);
		fprintf(f, "}");
		first = 0;
	}
	fprintf(f, "]}");
}

void bc_check_print_json(FILE *f, const struct bc_run_result *res)
{
	const struct bc_config *cfg = &res->cfg;
	fprintf(f, "{\"seed\":%llu,\"alpha\":", (unsigned long long)cfg->seed);
	bc_json_number(f, cfg->alpha);
	fprintf(f, ",\"detect\":");
	bc_json_number(f, cfg->detect);
	fprintf(f, ",\"power\":");
	bc_json_number(f, cfg->power);
	fprintf(f, ",\"pilot\":%llu,\"budget\":%llu,\"comparisons\":%d,\"z\":",
	        (unsigned long long)cfg->pilot, (unsigned long long)cfg->budget, res->comparisons);
	bc_json_number(f, res->z);
	fprintf(f, ",\"claims\":[");
	for (int i = 0; i < res->n_claims; i++) {
		const struct bc_claim_result *cr = &res->claims[i];
		const struct bc_claim *c = cr->claim;
		fprintf(f, "%s\n{\"id\":", i ? "," : "");
		bc_json_string(f, c->id);
		fprintf(f, ",\"title\":");
		bc_json_string(f, c->title);
		fprintf(f, ",\"source\":");
		bc_json_string(f, c->source);
		fprintf(f, ",\"seed_formula\":");
		bc_json_string(f, c->seed_formula);
		fprintf(f, ",\"model\":");
		bc_json_string(f, c->model);
		static const char *const status[] = {"exact", "conditions", "wrong", "not_from_seed"};
		fprintf(f, ",\"seed_status\":\"%s\",\"findings\":[", status[c->seed_status]);
		for (int k = 0; k < c->n_findings; k++) {
			fprintf(f, "%s{\"point\":", k ? "," : "");
			if (c->findings[k].point)
				bc_json_string(f, c->findings[k].point);
			else
				fputs("null", f);
			fprintf(f, ",\"text\":");
			bc_json_string(f, c->findings[k].text);
			fputc('}', f);
		}
		fputc(']', f);
		fprintf(f, ",\"ulp\":{\"skipped\":%s,\"inputs\":%d,\"worst\":",
		        cr->ulp.skipped ? "true" : "false", cr->ulp.inputs);
		bc_json_number(f, cr->ulp.worst);
		fprintf(f, ",\"bound\":");
		bc_json_number(f, c->ulp_bound);
		fprintf(f, ",\"output\":");
		bc_json_string(f, cr->ulp.worst_output);
		fprintf(f, ",\"at\":");
		bc_json_args(f, c, &cr->ulp.worst_in, false);
		fputs(",\"hist\":[", f);
		for (int i = 0; i < BC_ULP_BINS; i++)
			fprintf(f, "%s%ld", i ? "," : "", cr->ulp.hist[i]);
		fprintf(f, "],\"nonfinite\":%d,\"verdict\":\"%s\"},\n\"points\":[", cr->ulp.nonfinite,
		        bc_verdict_name(cr->ulp_verdict));
		for (int p = 0; p < c->n_points; p++) {
			fprintf(f, "%s\n", p ? "," : "");
			json_point(f, c, &cr->points[p]);
		}
		fprintf(f, "],\n\"variants\":[");
		for (int v = 0; v < c->n_variants; v++) {
			fprintf(f, "%s\n", v ? "," : "");
			json_variant(f, c, &cr->variants[v]);
		}
		fprintf(f, "]}");
	}
	fprintf(f, "],\n\"passed\":%d,\"failed\":%d,\"inconclusive\":%d,\"ulp_met\":%d,"
	        "\"regime_passed\":%d,\"variants_rejected\":%d,\"outside_flagged\":%d}\n",
	        res->passed, res->failed, res->inconclusive, res->ulp_met, res->regime_passed,
	        res->variants_rejected, res->outside_flagged);
}
