/*
 * test_check_battery.c - `check --battery`: each battery's detectable error, pilot and
 * budget reach the run (as its JSON records them), `quick` is the default, and explicit
 * --detect / --budget override a battery. Runs capped at a 2000-replicate budget: cheap.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bc_test.h"

static void expect_config(const char *options, const char *fragment)
{
	char args[512], *out, *err;
	snprintf(args, sizeof args, "check bn_bias --no-ulp --json --threads 1 %s", options);
	int rc = bc_test_cli(args, &out, &err);
	cr_assert(rc == 0 || rc == 1, "'%s' exited %d: %s", args, rc, err);
	cr_assert(strstr(out, fragment), "'%s' does not record %s: %.300s", args, fragment, out);
	free(out);
	free(err);
}

/* The JSON prints numbers with 17 significant digits: 0.003 is 0.0030000000000000001. */
Test(check_battery, each_battery_sets_its_detectable_error_pilot_and_budget)
{
	expect_config("--budget 2000", "\"detect\":0.01,");
	expect_config("--budget 2000", "\"pilot\":10000,\"budget\":2000,");
	expect_config("--battery quick --detect 0.5", "\"detect\":0.5,");
	expect_config("--battery quick --detect 0.5", "\"pilot\":10000,\"budget\":50000000,");
	expect_config("--battery standard --budget 2000", "\"detect\":0.0030000000000000001,");
	expect_config("--battery standard --budget 2000", "\"pilot\":30000,\"budget\":2000,");
	expect_config("--battery thorough --budget 2000", "\"detect\":0.001,");
	expect_config("--battery thorough --budget 2000", "\"pilot\":100000,\"budget\":2000,");
}

Test(check_battery, an_unknown_battery_is_refused_naming_the_valid_ones)
{
	bc_test_expect_usage_error("check bn_bias --battery crush", "quick|standard|thorough");
	bc_test_expect_usage_error("check bn_bias --battery", "battery");
}
