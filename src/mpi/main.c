/*
 * src/mpi/main.c - build/batchcheck-mpi: `check` over MPI ranks, the same bytes as one
 * process.
 *
 * Every rank runs `batchcheck check` on the same arguments. Each Monte Carlo run's blocks
 * of replicates are dealt out round robin (block b to rank b mod N; OpenMP threads share a
 * rank's blocks) and made whole on every rank by a bitwise-OR all-reduce (a block no rank
 * but its owner computed is all-zero bits elsewhere), so every rank merges the same blocks
 * in the same order and decides exactly as one process would (bc_mc.h). Rank 0 alone
 * writes: the others' stdout and stderr go to /dev/null, and they open no file. What one
 * rank alone can find out is agreed (bc_check_peers.h), so a bad input is reported once,
 * by rank 0, and every rank exits 2. A rank that dies takes the job down (mpirun's
 * default), and no output file appears: files are written whole at the end or not at all.
 *
 * The plain build/batchcheck never links MPI: this file is its only user.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mpi.h>

#include "bc_check_peers.h"
#include "bc_cli.h"
#include "bc_mc.h"

static int agree(int value)
{
	MPI_Allreduce(MPI_IN_PLACE, &value, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
	return value;
}

static int share_blocks(struct bc_moments *blocks, size_t n_moments, int failed)
{
	if ((failed = agree(failed)))
		return failed;
	/* a bc_moments is three doubles: OR their bits, in pieces MPI's int counts can hold */
	_Static_assert(sizeof *blocks == 3 * sizeof(uint64_t), "bc_moments is three doubles");
	uint64_t *words = (uint64_t *)(void *)blocks;
	size_t n = 3 * n_moments;
	for (size_t at = 0; at < n;) {
		int k = n - at > (size_t)(INT_MAX / 2) ? INT_MAX / 2 : (int)(n - at);
		MPI_Allreduce(MPI_IN_PLACE, words + at, k, MPI_UINT64_T, MPI_BOR, MPI_COMM_WORLD);
		at += (size_t)k;
	}
	return 0;
}

static int share_text(char **text, size_t *len)
{
	int rank;
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	unsigned long long n = rank == 0 ? (unsigned long long)*len : 0;
	MPI_Bcast(&n, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
	if (n > (unsigned long long)INT_MAX)
		return -1; /* the same on every rank */
	if (rank != 0) {
		*text = malloc((size_t)n + 1);
		*len = (size_t)n;
	}
	if (agree(*text == NULL))
		return -1;
	MPI_Bcast(*text, (int)n, MPI_CHAR, 0, MPI_COMM_WORLD);
	return 0;
}

static const char help[] =
        "usage: mpirun -np N batchcheck-mpi check [ID ...] [options]\n"
        "\n"
        "batchcheck check (see `batchcheck check --help` for its options) run by N MPI ranks:\n"
        "each point's blocks of replicates are shared among the ranks and, with --threads T,\n"
        "among T OpenMP threads within each; the table, JSON and report tables are byte for\n"
        "byte those of `batchcheck check` with the same seed and options, for any N and T.\n"
        "Rank 0 alone writes. The double-vs-MPFR sweep is run by every rank alike (it is not\n"
        "shared). Set --threads (default: all cores, per rank) so N x T fits the cores.\n";

int main(int argc, char **argv)
{
	int provided, rank, size;
	MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	MPI_Comm_size(MPI_COMM_WORLD, &size);
	if (rank != 0 && (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr)))
		MPI_Abort(MPI_COMM_WORLD, 2);
	int status;
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(help, stdout);
		status = 0;
	} else if (argc < 2 || strcmp(argv[1], "check") != 0) {
		status = bc_cli_usage_error("batchcheck-mpi runs only 'check' (see --help)");
	} else {
		struct bc_mc_peers mc = {rank, size, share_blocks};
		struct bc_check_peers check = {rank == 0, agree, share_text};
		bc_mc_set_peers(&mc);
		status = bc_cmd_check_with(argc - 2, argv + 2, &check);
		bc_mc_set_peers(NULL);
	}
	fflush(stdout);
	MPI_Finalize();
	return status;
}
