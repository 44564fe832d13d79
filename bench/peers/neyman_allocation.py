"""
neyman_allocation.py - NumPy peer of sim/neyman_allocation.c (see peer_common.py for the
protocol).

Benchmark point: the seed's example, check point seed_example of theory/neyman_allocation.c:
W=0.5,0.3,0.2 sigma=4,2,1 b=14, defaults otherwise (alloc=neyman law=exp round=min1 pop=0),
i.e. `batchcheck sim neyman_allocation W=0.5,0.3,0.2 sigma=4,2,1 b=14`.

Model, as the C simulator: S = sum_k W_k sigma_k = 2.8; Neyman's n_k* = b W_k sigma_k / S =
(10, 3, 1), integers already, so the simulator's largest-remainder rounding keeps them (the
peer takes them as constants and checks that they are n_k*). Stratum k has mean
mu_k = k S (k = 1..K) and draws mu_k + sigma_k E, E a unit exponential minus 1. One replicate
draws n_k examples from every stratum, forms ybar_k and mu_hat = sum_k W_k ybar_k, and
observes (mu_hat - mu)^2, mu = sum_k W_k mu_k. Expected: S^2 / b = 0.56. Draws per
replicate: b.

Layout: a chunk's draws are a b x n array (one column per replicate), stratum k's n_k rows
in a block; ybar_k - mu_k = sigma_k (mean of its rows - 1), summed as contiguous rows.
"""
import sys

sys.dont_write_bytecode = True  # importing peer_common leaves no __pycache__ in the tree

import peer_common
from peer_common import np  # exits 3, with a message, without NumPy

W = (0.5, 0.3, 0.2)
SIGMA = (4.0, 2.0, 1.0)
B = 14
N = (10, 3, 1)  # Neyman's n_k*, integer at this point
S = sum(w * s for w, s in zip(W, SIGMA))
MU = tuple((k + 1) * S for k in range(len(W)))
MU_TOTAL = sum(w * mu for w, mu in zip(W, MU))
assert sum(N) == B and all(abs(B * w * s / S - n) < 1e-9 for w, s, n in zip(W, SIGMA, N))


def make_chunk(rng, size):
    draws = np.empty(B * size)
    ybar, mu_hat = np.empty(size), np.empty(size)

    def chunk(n):
        e = draws[:B * n].reshape(B, n)
        rng.standard_exponential(out=e)
        est = mu_hat[:n]
        est.fill(0.0)
        row = 0
        for w, sigma, mu, nk in zip(W, SIGMA, MU, N):  # K = 3 strata, not per replicate
            y = np.sum(e[row:row + nk], axis=0, out=ybar[:n])
            row += nk
            # W_k ybar_k = W_k (mu_k + sigma_k (sum E / n_k - 1))
            np.multiply(y, w * sigma / nk, out=y)
            np.add(y, w * (mu - sigma), out=y)
            np.add(est, y, out=est)
        np.subtract(est, MU_TOTAL, out=est)
        return np.multiply(est, est, out=est)           # (mu_hat - mu)^2

    return chunk


if __name__ == "__main__":
    peer_common.run(make_chunk, B)
