/* The CLI as a user meets it: JSON on stdout, one-line errors and exit status 2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
}

Test(cli, theory_prints_double_and_forty_digit_mpfr)
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

Test(cli, check_json_is_byte_identical_for_one_and_two_threads, .timeout = 120)
{
	char *out1, *out2, *err;
	int rc1 = bc_test_cli("check corr_batch_var --json --detect 0.1 --threads 1", &out1, &err);
	free(err);
	int rc2 = bc_test_cli("check corr_batch_var --json --detect 0.1 --threads 2", &out2, &err);
	free(err);
	cr_assert_eq(rc1, 0);
	cr_assert_eq(rc2, 0);
	cr_assert(strstr(out1, "\"passed\":"));
	cr_assert_str_eq(out1, out2);
	free(out1);
	free(out2);
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
