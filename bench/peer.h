/*
 * peer.h - the NumPy peer of a claim's simulator, run for the benchmark's C:NumPy ratio.
 *
 * bench/peers/ID.py is a vectorised NumPy simulation of the same model and observation as
 * sim/ID.c at one fixed benchmark point (each script's opening comment names it): what a
 * competent NumPy user would write, the baseline the C hot path is compared with. Python is
 * a benchmark-only dependency (make deps-bench); the product never needs it.
 */
#ifndef BC_BENCH_PEER_H
#define BC_BENCH_PEER_H

/* The interpreter the peers run under: Debian's, with python3-numpy (-D to try another). */
#ifndef BC_PEER_PYTHON
#define BC_PEER_PYTHON "/usr/bin/python3"
#endif
/* Where the peers are, relative to the repository root (make bench runs from there). */
#define BC_PEER_DIR "bench/peers"

struct bc_peer_result {
	unsigned long long draws; /* random variates drawn, counted as the C simulator draws */
	double cpu_s;             /* process CPU time of the peer's simulation loop alone */
	double mean, se;          /* the observation's mean and its standard error */
};

/*
 * Runs `BC_PEER_PYTHON BC_PEER_DIR/ID.py replicates seed` from the current directory,
 * which must be the repository root, and parses its one line into *out. The peer's
 * ns per draw is 1e9 cpu_s / draws; it agrees with the C simulator (at the same point and
 * replicate count) when |mean_C - mean| is within a few sqrt(se_C^2 + se^2).
 * Returns 0; -1 when the peer cannot run here because python3 or NumPy is not installed
 * (the caller prints "not installed (make deps-bench)"); -2 when the claim has no peer or
 * the peer failed or printed something else. A failure prints one line on stderr (the
 * peer's own reason, if it gives one, comes before it).
 */
int bc_bench_peer(const char *claim_id, unsigned long long replicates, unsigned long long seed,
                  struct bc_peer_result *out);

#endif
