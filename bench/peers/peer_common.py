"""
peer_common.py - the driver the NumPy benchmark peers share (bench/peers/ID.py).

A peer is the simulator a NumPy user would write for one claim at one fixed benchmark
point: the same model and the same observation as sim/ID.c, vectorised over replicates.
This module owns what every peer does alike, so the three differ only in their model:

    python3 bench/peers/ID.py REPLICATES SEED

draws with numpy.random.default_rng(SEED) (PCG64; NumPy's ziggurat for the normal and
exponential laws), in chunks of CHUNK replicates, float64 throughout, and prints one line

    draws=<random variates drawn> cpu_s=<process CPU time of the loop> mean=<..> se=<..>

for bench/peer.c to parse. cpu_s is time.process_time() around the chunk loop only (the
draws, the model, and the moments of the observations), not the interpreter's start or
NumPy's import. mean and se are those of the observation over all replicates; each chunk's
moments are two-pass and merged in chunk order (Chan, Golub and LeVeque), as src/est.c does
for its blocks, so se = sd / sqrt(R) with the n - 1 variance, like bc_est_se.

Exit status: 0; 2 bad arguments; 3 NumPy is not importable (bench/peer.c reports the peer
as not installed: make deps-bench).
"""
import sys
import time

CHUNK = 16384


def _import_numpy():
    try:
        import numpy
    except ImportError:
        sys.stderr.write("%s: NumPy is not importable by %s (make deps-bench)\n"
                         % (sys.argv[0], sys.executable))
        sys.exit(3)
    return numpy


np = _import_numpy()


def _parse_args(argv):
    usage = "usage: %s REPLICATES SEED (REPLICATES >= 2, SEED >= 0, integers)" % argv[0]
    try:
        replicates, seed = int(argv[1]), int(argv[2])
        if len(argv) != 3 or replicates < 2 or seed < 0:
            raise ValueError
    except (IndexError, ValueError):
        sys.stderr.write(usage + "\n")
        sys.exit(2)
    return replicates, seed


def run(make_chunk, draws_per_replicate):
    """
    The benchmark: make_chunk(rng, CHUNK) returns chunk(n), which simulates n <= CHUNK
    replicates and returns their observations as a float64 array of n (it may be a view
    into a buffer chunk reuses). Prints the peer's line.
    """
    replicates, seed = _parse_args(sys.argv)
    rng = np.random.default_rng(seed)
    chunk = make_chunk(rng, CHUNK)
    dev = np.empty(CHUNK)
    n_all, mean_all, m2_all = 0, 0.0, 0.0
    t0 = time.process_time()
    for start in range(0, replicates, CHUNK):
        n = min(CHUNK, replicates - start)
        obs = chunk(n)
        mean = float(obs.mean())
        d = np.subtract(obs, mean, out=dev[:n])
        m2 = float(np.dot(d, d))
        # merge (n_all, mean_all, m2_all) with this chunk's moments
        total = n_all + n
        delta = mean - mean_all
        mean_all += delta * (n / total)
        m2_all += m2 + delta * delta * (n_all * n / total)
        n_all = total
    cpu_s = time.process_time() - t0
    se = (m2_all / (n_all - 1) / n_all) ** 0.5
    print("draws=%d cpu_s=%.6f mean=%.17g se=%.17g"
          % (replicates * draws_per_replicate, cpu_s, mean_all, se))
