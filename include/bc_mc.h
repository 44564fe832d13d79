/*
 * bc_mc.h - running a claim's simulator for R independent replicates.
 *
 * Replicates are cut into fixed blocks of BC_MC_BLOCK; OpenMP shares the blocks among
 * threads, each block's moments are computed on their own, and the blocks are merged in
 * index order. Replicate r always draws from stream (id, r). So the result is bit-identical
 * for any thread count.
 */
#ifndef BC_MC_H
#define BC_MC_H

#include <stdint.h>

#include "bc_claim.h"
#include "bc_est.h"
#include "bc_rng.h"

#define BC_MC_BLOCK 1024

/*
 * A simulator with replicate_lanes (bc_claim.h) runs each group's replicates BC_LANES at a
 * time, and the rest of a run that does not fill the lanes one at a time. On every run
 * the first BC_LANES replicates are computed both ways, and any bit that differs fails
 * the run with an internal error naming the claim and the replicate. Nonzero
 * bc_mc_lanes_off (the tests) runs every replicate one at a time.
 */
extern int bc_mc_lanes_off;

/* Number of observations the claim's simulator makes per replicate. */
int bc_mc_n_obs(const struct bc_claim *c);

/*
 * Runs replicates 0..R-1 of stream `id` and writes one struct bc_moments per observation
 * (in the simulator's `obs` order) to `out`. Returns 0, or -1 with a one-line message
 * (the simulator refused the inputs, or memory ran out).
 */
int bc_mc_run(const struct bc_claim *c, const struct bc_args *in, const struct bc_stream_id *id,
              uint64_t replicates, int threads, struct bc_moments *out, char *err, size_t errlen);

/* The same for replicates first .. first + R - 1 (a run continued where another stopped). */
int bc_mc_run_from(const struct bc_claim *c, const struct bc_args *in,
                   const struct bc_stream_id *id, uint64_t first, uint64_t replicates,
                   int threads, struct bc_moments *out, char *err, size_t errlen);

/*
 * Splitting each run's blocks over processes (build/batchcheck-mpi, src/mpi/): this
 * process computes the blocks b with b % size == rank (threads share those as above), and
 * `share` then makes every process's array of blocks whole, the same bits everywhere, and
 * returns the largest `failed` over the processes (when it is not 0, blocks may be NULL and
 * are not exchanged). Blocks a process did not compute are all-zero bits when shared. The
 * merge stays in block order, so the result is the one process's, bit for bit. NULL (the
 * default): this process alone.
 */
struct bc_mc_peers {
	int rank, size;
	int (*share)(struct bc_moments *blocks, size_t n_moments, int failed);
};
void bc_mc_set_peers(const struct bc_mc_peers *peers);

#endif
