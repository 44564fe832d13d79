/*
 * test_mpi.c - build/batchcheck-mpi prints the bytes `batchcheck check` prints, for 1, 2
 * and 3 ranks (and threads within a rank), reports a bad input once with exit 2, and
 * resumes from a journal like one process. Five mpiruns of a claim set that takes 0.1 s:
 * most of the cost is Open MPI's start-up. Skipped where MPI is not installed (the
 * Makefile defines BC_MPI_BINARY only when it built the program).
 *
 * Open MPI refuses to run as root unless told; CI runs as root, so the two variables that
 * tell it are set for these commands only. The sanitized build's ranks would report Open
 * MPI's own leaks at exit: leak detection is off for them (the project's code is
 * leak-checked through build/batchcheck).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bc_test.h"

#define RUN_ARGS "check bn_bias noise_scale_progress --no-ulp --detect 0.05 --json"
#define MPIRUN "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 " \
	"ASAN_OPTIONS=detect_leaks=0 mpirun --oversubscribe"

#ifdef BC_MPI_BINARY

/* Runs a shell command; returns its exit status and its stdout and stderr (free both). */
static int run(const char *cmd, char **out, char **err)
{
	char op[32] = "/tmp/bc_mpi_outXXXXXX", ep[32] = "/tmp/bc_mpi_errXXXXXX";
	int fo = mkstemp(op), fe = mkstemp(ep);
	cr_assert(fo >= 0 && fe >= 0);
	char full[2048];
	snprintf(full, sizeof full, "{ %s; } >%s 2>%s </dev/null", cmd, op, ep);
	int status = system(full);
	char *bufs[2] = {NULL, NULL};
	int fds[2] = {fo, fe};
	for (int i = 0; i < 2; i++) {
		off_t n = lseek(fds[i], 0, SEEK_END);
		bufs[i] = malloc((size_t)n + 1);
		cr_assert(bufs[i]);
		cr_assert_eq(pread(fds[i], bufs[i], (size_t)n, 0), n);
		bufs[i][n] = '\0';
		close(fds[i]);
	}
	unlink(op);
	unlink(ep);
	*out = bufs[0];
	*err = bufs[1];
	cr_assert(WIFEXITED(status), "'%s' did not exit normally", cmd);
	return WEXITSTATUS(status);
}

static void expect_same_as_one_process(int ranks, int threads)
{
	char cmd[1024], *ref, *out, *err;
	snprintf(cmd, sizeof cmd, "%s %s --threads 1", BC_BINARY, RUN_ARGS);
	int rc_ref = run(cmd, &ref, &err);
	cr_assert(rc_ref <= 1, "%s: %s", cmd, err);
	free(err);
	snprintf(cmd, sizeof cmd, "%s -np %d %s %s --threads %d", MPIRUN, ranks, BC_MPI_BINARY,
	         RUN_ARGS, threads);
	int rc = run(cmd, &out, &err);
	cr_assert_eq(rc, rc_ref, "%s exited %d, one process %d: %s", cmd, rc, rc_ref, err);
	cr_assert(strcmp(out, ref) == 0, "%s printed other bytes than one process", cmd);
	free(ref);
	free(out);
	free(err);
}

Test(mpi, one_rank_prints_the_bytes_of_one_process, .timeout = 60)
{
	expect_same_as_one_process(1, 1);
}

Test(mpi, two_ranks_of_two_threads_print_the_bytes_of_one_process, .timeout = 60)
{
	expect_same_as_one_process(2, 2);
}

Test(mpi, a_bad_input_is_reported_once_and_every_rank_exits_2, .timeout = 60)
{
	char cmd[1024], *out, *err;
	snprintf(cmd, sizeof cmd, "%s -np 2 %s check bn_bias --detect 7", MPIRUN, BC_MPI_BINARY);
	cr_assert_eq(run(cmd, &out, &err), 2);
	cr_assert_str_empty(out);
	const char *line = "batchcheck: option '--detect'";
	char *first = strstr(err, line);
	cr_assert(first, "no error line in: %s", err);
	cr_assert(!strstr(first + 1, line), "the error was reported twice: %s", err);
	free(out);
	free(err);
	/* what only rank 0 finds out (it alone opens files) is agreed: no rank runs on */
	snprintf(cmd, sizeof cmd, "%s -np 2 %s check bn_bias --no-ulp --json-out /no/such/dir/x",
	         MPIRUN, BC_MPI_BINARY);
	cr_assert_eq(run(cmd, &out, &err), 2, "%s", err);
	cr_assert_str_empty(out);
	free(out);
	free(err);
}

/* Three ranks, resuming: the bytes of one process both ways (printed, and the journal rank
 * 0 completes), with the blocks of a point dealt 3 ways (10 to 114 blocks a point). */
Test(mpi, three_ranks_resuming_a_journal_print_the_bytes_of_one_process, .timeout = 60)
{
	char dir[32] = "/tmp/bc_mpi_XXXXXX";
	cr_assert(mkdtemp(dir));
	char cmd[1024], *full, *out, *err;
	/* one process writes the whole journal; a copy cut to its first 3 points resumes */
	snprintf(cmd, sizeof cmd, "%s %s --threads 1 --journal %s/full; head -n 4 %s/full > %s/part",
	         BC_BINARY, RUN_ARGS, dir, dir, dir);
	cr_assert_eq(run(cmd, &full, &err), 0, "%s", err); /* head's status */
	free(err);
	snprintf(cmd, sizeof cmd, "%s -np 3 %s %s --threads 1 --journal %s/part", MPIRUN,
	         BC_MPI_BINARY, RUN_ARGS, dir);
	run(cmd, &out, &err);
	cr_assert(strcmp(out, full) == 0, "the resumed MPI run printed other bytes: %s", err);
	free(out);
	free(err);
	snprintf(cmd, sizeof cmd, "cmp -s %s/full %s/part && rm -rf %s", dir, dir, dir);
	cr_assert_eq(system(cmd), 0, "rank 0 did not complete the journal like one process");
	free(full);
}

#else

Test(mpi, skipped_without_mpi)
{
	cr_skip_test("MPI is not installed: build/batchcheck-mpi was not built");
}

#endif
