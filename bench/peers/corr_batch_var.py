"""
corr_batch_var.py - NumPy peer of sim/corr_batch_var.c (see peer_common.py for the protocol).

Benchmark point: sigma=1 m=16 rho=0.3 law=gauss mech=factor (what mech=auto picks for
rho >= 0), i.e. `batchcheck sim corr_batch_var sigma=1 m=16 rho=0.3`.

Model, as the C simulator: one replicate draws a shared factor F and own parts E_1..E_m, all
i.i.d. N(0, 1), builds X_i = sigma (sqrt(rho) F + sqrt(1 - rho) E_i), and observes
G^2 with G = mean(X) = sigma sqrt(rho) F + sigma sqrt(1 - rho) mean(E).
Draws per replicate: m + 1 (F, then one per sample). Expected observation:
Var(G) = sigma^2 (rho + (1 - rho)/m) = 0.34375.

Layout: a chunk's draws are an (m + 1) x n array, row 0 the factors, so the batch sums are
row additions over contiguous rows (faster in NumPy than reducing short rows).
"""
import sys

sys.dont_write_bytecode = True  # importing peer_common leaves no __pycache__ in the tree

import math

import peer_common
from peer_common import np  # exits 3, with a message, without NumPy

SIGMA, M, RHO = 1.0, 16, 0.3
SHARED, OWN = SIGMA * math.sqrt(RHO), SIGMA * math.sqrt(1 - RHO)


def make_chunk(rng, size):
    draws = np.empty((M + 1) * size)
    sums, g = np.empty(size), np.empty(size)

    def chunk(n):
        z = draws[:(M + 1) * n].reshape(M + 1, n)
        rng.standard_normal(out=z)
        s = np.sum(z[1:], axis=0, out=sums[:n])     # sum of the own parts E_i
        np.multiply(s, OWN / M, out=s)               # sigma sqrt(1 - rho) mean(E)
        out = np.multiply(z[0], SHARED, out=g[:n])   # sigma sqrt(rho) F
        np.add(out, s, out=out)                      # G
        return np.multiply(out, out, out=out)        # G^2

    return chunk


if __name__ == "__main__":
    peer_common.run(make_chunk, M + 1)
