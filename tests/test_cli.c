/* The CLI as a user meets it: JSON on stdout, one-line errors and exit status 2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bc_test.h"

Test(cli, bad_parameters_exit_2_with_one_line_and_no_output)
{
	bc_test_expect_usage_error("theory corr_batch_var sigma=nan m=8 rho=0.3", "'sigma'");
	bc_test_expect_usage_error("theory corr_batch_var sigma=1 m=8", "missing parameter 'rho'");
	bc_test_expect_usage_error("theory corr_batch_var sigma=1 m=8 rho=0.3 zeta=1", "unknown parameter");
	bc_test_expect_usage_error("theory corr_batch_var sigma=1 m=8 rho=-0.5", "[-1/(m-1), 1]");
	bc_test_expect_usage_error("theory nope", "unknown claim");
	bc_test_expect_usage_error("sim corr_batch_var sigma=1 m=8 rho=0.3 --samples 1", "'--samples'");
	bc_test_expect_usage_error("sim corr_batch_var sigma=1 m=8 rho=0.3 --threads 0", "'--threads'");
	bc_test_expect_usage_error("sim corr_batch_var sigma=1 m=8 rho=0.3 --seed -1", "'--seed'");
	bc_test_expect_usage_error("sim corr_batch_var sigma=1 m=8 rho=-0.1 mech=factor", "mech=factor");
	bc_test_expect_usage_error("sim corr_batch_var sigma=1 m=2000000 rho=0", "for sim");
	bc_test_expect_usage_error("sim corr_batch_var sigma=1 m=2 rho=-1 mech=cholesky",
	                   "positive definite");
	bc_test_expect_usage_error("check corr_batch_var --alpha 2", "'--alpha'");
	bc_test_expect_usage_error("check nope", "unknown claim id 'nope'");
	bc_test_expect_usage_error("sweep corr_batch_var sigma=1 m=1,2,x rho=0", "'m'");
	bc_test_expect_usage_error("list extra", "no arguments");
	bc_test_expect_usage_error("", "missing command");
	bc_test_expect_usage_error("theory corr_batch_var sigma=+1 m=8 rho=0.3", "'sigma'");
	bc_test_expect_usage_error("theory corr_batch_var 'sigma= 1' m=8 rho=0.3", "'sigma'");
	bc_test_expect_usage_error("theory corr_batch_var sigma=1e-400 m=8 rho=0.3", "'sigma'");
	bc_test_expect_usage_error("sim corr_batch_var sigma=1e77 m=8 rho=0.3", "[1e-70, 1e+70]");
	bc_test_expect_usage_error("sim bn_bias m=4 gamma=1e50 lambda=1", "lambda gamma^3");
	bc_test_expect_usage_error("sim corr_batch_var sigma=1 m=8 rho=0.3 --samples 5 --samples 6",
	                           "'--samples' is given twice");
	bc_test_expect_usage_error("sim corr_batch_var sigma=1 m=8 rho=0.3 --seed "
	                           "18446744073709551616", "[0, 18446744073709551615]");
	bc_test_expect_usage_error("check corr_batch_var corr_batch_var", "named twice");
	bc_test_expect_usage_error("sweep corr_batch_var a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8 i=9 j=10 "
	                           "k=11 l=12 m=13 n=14 o=15", "too many arguments");
	bc_test_expect_usage_error("sweep corr_batch_var sigma=1 m=8 rho=0.3 --samples 1",
	                           "integer in [2, 1099511627776]");
}

Test(cli, theory_prints_double_and_45_digit_mpfr)
{
	char *out, *err;
	int rc = bc_test_cli("theory corr_batch_var sigma=2 m=8 rho=0.25", &out, &err);
	cr_assert_eq(rc, 0, "%s", err);
	/* 4 * (1 + 7/4) / 8 = 1.375 exactly */
	cr_assert_str_eq(out, "{\"claim\":\"corr_batch_var\",\"inputs\":{\"sigma\":2,\"m\":8,"
	                      "\"rho\":0.25},\"outputs\":{\"var\":{\"double\":1.375,\"mpfr\":"
	                      "\"1.37500000000000000000000000000000000000000000e+00\"}}}\n");
	free(out);
	free(err);
}

Test(cli, help_for_every_command_exits_0)
{
	const char *cmds[] = {"--help", "list --help", "theory --help", "sim --help",
	                      "sweep --help", "check --help"};
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
		char *out, *err;
		cr_assert_eq(bc_test_cli(cmds[i], &out, &err), 0, "%s", cmds[i]);
		cr_assert(strstr(out, "usage: batchcheck"), "%s", cmds[i]);
		free(out);
		free(err);
	}
}

Test(cli, list_names_every_claim_with_its_source)
{
	char *out, *err;
	cr_assert_eq(bc_test_cli("list", &out, &err), 0);
	cr_assert(strstr(out, "corr_batch_var\t"));
	cr_assert(strstr(out, "seed 000_afccf42146ca7ee5.txt"));
	free(out);
	free(err);
}

/* --verbose says what each simulator does; every chain claim states the burn-in rule. */
Test(cli, list_verbose_shows_each_simulator_and_the_burn_in_rule)
{
	char *out, *err;
	cr_assert_eq(bc_test_cli("list --verbose", &out, &err), 0);
	static const char *const chains[] = {"sqrt_lr_law", "eigen_stationary_error",
	                                     "flat_minimum_batch"};
	for (size_t i = 0; i < sizeof chains / sizeof *chains; i++) {
		const char *at = strstr(out, chains[i]);
		cr_assert(at, "%s not listed", chains[i]);
		const char *sim = strstr(at, "\n    sim:   ");
		cr_assert(sim, "%s: no sim line", chains[i]);
		const char *end = strchr(sim + 1, '\n');
		cr_assert(end && strstr(sim, "ceil(log 1e-7 / log kappa)") &&
		          strstr(sim, "ceil(log 1e-7 / log kappa)") < end, "%s: no burn-in rule",
		          chains[i]);
	}
	free(out);
	free(err);
}

/* The replicates' numbers depend on the seed, never on the thread count. */
Test(cli, sim_is_identical_for_one_two_and_three_threads, .timeout = 60)
{
	char *ref = NULL;
	for (int t = 1; t <= 3; t++) {
		char args[256], *out, *err;
		snprintf(args, sizeof args, "sim corr_batch_var sigma=1.5 m=5 rho=-0.2 --samples 50001 "
		         "--seed 42 --threads %d", t);
		cr_assert_eq(bc_test_cli(args, &out, &err), 0, "%s", err);
		char *outputs = strstr(out, "\"outputs\"");
		cr_assert(outputs);
		if (ref)
			cr_assert_str_eq(outputs, ref);
		else
			ref = strdup(outputs);
		free(out);
		free(err);
	}
	free(ref);
}

Test(cli, a_different_seed_gives_different_numbers)
{
	char *a, *b, *err;
	cr_assert_eq(bc_test_cli("sim corr_batch_var sigma=1 m=4 rho=0.5 --samples 1000 --seed 1", &a, &err), 0);
	free(err);
	cr_assert_eq(bc_test_cli("sim corr_batch_var sigma=1 m=4 rho=0.5 --samples 1000 --seed 2", &b, &err), 0);
	free(err);
	cr_assert_str_neq(a, b);
	free(a);
	free(b);
}

/* Whatever the user typed, the message stays one line and keeps the valid range. */
Test(cli, echoed_input_is_shortened_and_stripped_of_control_characters)
{
	char args[512];
	snprintf(args, sizeof args, "theory corr_batch_var sigma=1 m=2 rho=%0300d", 7);
	bc_test_expect_usage_error(args, "valid range is [-1, 1]");
	bc_test_expect_usage_error("theory corr_batch_var sigma=1 m=2 rho=\"$(printf '0.5\\n1')\"",
	                           "'0.5?1'");
	bc_test_expect_usage_error("sim corr_batch_var sigma=1 m=2 rho=0 --seed \"$(printf '5\\n1')\"",
	                           "'5?1'");
}

/* Subnormal inputs are numbers like any other (glibc flags them with ERANGE). */
Test(cli, subnormal_and_hexadecimal_inputs_are_read_exactly)
{
	char *out, *err;
	cr_assert_eq(bc_test_cli("theory corr_batch_var sigma=1 m=8 rho=0x1p-1070", &out, &err), 0,
	             "%s", err);
	cr_assert(strstr(out, "\"rho\":7.90505033345994e-323"), "%s", out);
	free(out);
	free(err);
}

/* An output file that cannot be written fails at once, before the run, and leaves nothing. */
Test(cli, unwritable_output_fails_before_the_run)
{
	char *out, *err;
	remove("/tmp/bc_test_early.json");
	int rc = bc_test_cli("check --json-out /tmp/bc_test_early.json --tex-out /nonexistent/x.tex",
	                     &out, &err);
	cr_assert_eq(rc, 2);
	cr_assert_str_empty(out);
	cr_assert(strstr(err, "cannot write '/nonexistent/x.tex'"), "%s", err);
	cr_assert(!strstr(err, "\n") || strchr(err, '\n') == err + strlen(err) - 1, "%s", err);
	cr_assert_eq(access("/tmp/bc_test_early.json", F_OK), -1);
	cr_assert_eq(access("/tmp/bc_test_early.json.tmp", F_OK), -1);
	free(out);
	free(err);
}

/* A sweep names an unknown parameter as such, however long, and reads values of any
 * length (it used to refuse them with a negative character count). */
Test(cli, sweep_names_unknown_long_keys_and_reads_long_values)
{
	char args[1400];
	int n = snprintf(args, sizeof args, "sweep corr_batch_var sigma=1 m=2 rho=0 ");
	memset(args + n, 'k', 600);
	strcpy(args + n + 600, "=1");
	bc_test_expect_usage_error(args, "unknown parameter 'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
	                                 "...' for claim corr_batch_var");
	/* 16 strata, each W written with 41 characters: 670 in all */
	n = snprintf(args, sizeof args, "sweep neyman_allocation b=16,32 W=");
	for (int k = 0; k < 16; k++)
		n += snprintf(args + n, sizeof args - (size_t)n, "%s0.0625%034d", k ? "," : "", 0);
	n += snprintf(args + n, sizeof args - (size_t)n, " sigma=1");
	for (int k = 1; k < 16; k++)
		n += snprintf(args + n, sizeof args - (size_t)n, ",1");
	char *out, *err;
	cr_assert_eq(bc_test_cli(args, &out, &err), 0, "%s", err);
	cr_assert(strstr(out, "\n16 1 1 1"), "%s", out);
	cr_assert(strstr(out, "\n32 2 2 2"), "%s", out);
	free(out);
	free(err);
}

/* sim reads a 300-digit spelling of sigma = 1 like the short one. */
Test(cli, sim_reads_long_numbers_whole)
{
	char args[600], *out, *err;
	snprintf(args, sizeof args, "sim corr_batch_var sigma=1.%0300d m=4 rho=0.5 --samples 100", 0);
	cr_assert_eq(bc_test_cli(args, &out, &err), 0, "%s", err);
	cr_assert(strstr(out, "\"inputs\":{\"sigma\":1,\"m\":4,\"rho\":0.5"), "%s", out);
	free(out);
	free(err);
}

/* Each numeric option's printed range, pasted back, is accepted at both ends (the run then
 * stops at the unknown claim 'nope', after the options were read). */
Test(cli, every_option_range_reads_back_as_accepted_ends)
{
	const char *cases[][2] = {
		{"sim", "samples"}, {"sim", "seed"}, {"sim", "threads"},
		{"sweep", "samples"}, {"sweep", "seed"}, {"sweep", "threads"},
		{"check", "seed"}, {"check", "threads"}, {"check", "alpha"},
		{"check", "detect"}, {"check", "power"}, {"check", "budget"},
	};
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		char args[200], *out, *err;
		snprintf(args, sizeof args, "%s nope --%s -1", cases[c][0], cases[c][1]);
		cr_assert_eq(bc_test_cli(args, &out, &err), 2, "%s", args);
		const char *r = strstr(err, "valid range is ");
		cr_assert(r, "%s: %s", args, err);
		r += strlen("valid range is ");
		if (strncmp(r, "integer in ", 11) == 0)
			r += 11;
		char lo[64], hi[64];
		cr_assert_eq(sscanf(r, "[%63[^,], %63[^]]]", lo, hi), 2, "%s: %s", args, err);
		for (int e = 0; e < 2; e++) {
			char args2[200], *out2, *err2;
			snprintf(args2, sizeof args2, "%s nope --%s %s", cases[c][0], cases[c][1],
			         e ? hi : lo);
			cr_assert_eq(bc_test_cli(args2, &out2, &err2), 2, "%s", args2);
			cr_assert(strstr(err2, "unknown claim id"), "%s: %s", args2, err2);
			free(out2);
			free(err2);
		}
		free(out);
		free(err);
	}
	/* the shortest spelling that reads back, not %.17g's 1.0000000000000001e-15 */
	bc_test_expect_usage_error("check --alpha 1", "valid range is [1e-15, 0.5]");
}

/* Each refusal names where the input is valid, or the limit it broke. */
Test(cli, limits_are_named_in_their_messages)
{
	bc_test_expect_usage_error("sweep corr_batch_var sigma=1 m=4 rho=0.1 law=exp",
	                           "'batchcheck sweep --samples N'");
	char grid[1024] = "sweep corr_batch_var rho=0,0.5 sigma=1"; /* 2 x 64 x 64 points */
	for (int i = 2; i <= 64; i++)
		sprintf(grid + strlen(grid), ",%d", i);
	strcat(grid, " m=1");
	for (int i = 2; i <= 64; i++)
		sprintf(grid + strlen(grid), ",%d", i);
	bc_test_expect_usage_error(grid, "more than 4096 points");
	char args[512] = "sim corr_batch_var";
	for (int i = 0; i < 70; i++)
		strcat(args, " x=1");
	bc_test_expect_usage_error(args, "too many arguments: at most 64");
}

/* sweep's table names its columns for the plot scripts: parameters, outputs, estimates. */
Test(cli, sweep_names_its_columns_in_a_header_line)
{
	char *out, *err;
	cr_assert_eq(bc_test_cli("sweep corr_batch_var sigma=1 m=2,4 rho=0.3 --samples 100", &out,
	                         &err), 0, "%s", err);
	const char *header = strchr(out, '\n');
	cr_assert(header);
	cr_assert(strncmp(header + 1, "# sigma m rho var var_est var_se\n", 33) == 0, "%s", out);
	free(out);
	free(err);
}

/* A sweep runs its grid points in parallel: the table is the same bytes on one thread,
 * on three (points in parallel) and on eight (more threads than points: each point's
 * replicates in parallel); a refusal names the first refused point, as a serial run would. */
Test(cli, a_sweep_is_the_same_on_any_thread_count)
{
	const char *grid = "sweep sqrt_lr_law u=0.001 h=1 sigma=1 b=1,4,16,64 --samples 3000";
	char *first = NULL, *err, args[256];
	for (int t = 1; t <= 8; t += t == 1 ? 2 : 5) {
		char *out;
		snprintf(args, sizeof args, "%s --threads %d", grid, t);
		cr_assert_eq(bc_test_cli(args, &out, &err), 0, "%s: %s", args, err);
		free(err);
		if (!first)
			first = out;
		else {
			cr_assert_str_eq(out, first, "%s differs from one thread", args);
			free(out);
		}
	}
	free(first);
	cr_assert_eq(bc_test_cli("sweep neyman_allocation W=0.5,0.3,0.2 sigma=4,2,1 b=5,2,1 "
	                         "--samples 10 --threads 3", &first, &err), 2);
	cr_assert(strstr(err, "'b' = 2 is invalid") && !strchr(strchr(err, '\n') + 1, '\n'),
	          "not the first refused point, on one line: %s", err);
	cr_assert_str_empty(first);
	free(first);
	free(err);
}

/* --no-ulp is for measuring the Monte Carlo checks alone: the sweep is reported as skipped
 * and the run fails, and the JSON says so without a made-up worst input. */
Test(cli, a_skipped_ulp_sweep_is_reported_and_never_passes)
{
	char *out, *err;
	cr_assert_eq(bc_test_cli("check neyman_allocation --no-ulp --detect 0.2", &out, &err), 1);
	cr_assert(strstr(out, "double vs MPFR: skipped (--no-ulp)  FAIL"), "%s", out);
	free(out);
	free(err);
	cr_assert_eq(bc_test_cli("check neyman_allocation --no-ulp --detect 0.2 --json", &out, &err), 1);
	cr_assert(strstr(out, "\"ulp\":{\"skipped\":true,\"inputs\":0,"), "%s", out);
	cr_assert(strstr(out, "\"at\":{\"W\":[],\"sigma\":[],\"b\":0}"), "%s", out);
	free(out);
	free(err);
}

/* Every claim's whole check record is the same bytes on 1, 2 and 8 threads, run after run:
 * streams are keyed by what they are for, never by thread or time. The Monte Carlo part:
 * the ulp sweep's own thread-independence is tested in tests/test_ulp.c. A budget of 4096
 * caps each pilot at 4 blocks of replicates, shared among the threads. */
Test(cli, every_claims_check_is_byte_identical_across_threads_and_runs, .timeout = 240)
{
	for (int i = 0; i < bc_n_claims; i++) {
		const char *threads[] = {"1", "2", "8"}; /* three runs, 1, 2 and 8 threads */
		char *first = NULL, *err;
		int first_rc = -1;
		for (int t = 0; t < 3; t++) {
			char args[256], *out;
			snprintf(args, sizeof args, "check %s --json --detect 0.2 --budget 4096 --no-ulp "
			         "--threads %s",
			         bc_claims[i]->id, threads[t]);
			int rc = bc_test_cli(args, &out, &err);
			free(err);
			cr_assert(rc == 0 || rc == 1, "%s: exit %d", args, rc);
			cr_assert(strstr(out, "\"passed\":"), "%s", args);
			cr_assert_eq(rc, 1, "%s: a skipped ulp sweep must fail the run", args);
			if (!first) {
				first = out;
				first_rc = rc;
				continue;
			}
			cr_assert_eq(rc, first_rc, "%s", args);
			cr_assert_str_eq(out, first, "%s: not the bytes of --threads 1", args);
			free(out);
		}
		free(first);
	}
}
