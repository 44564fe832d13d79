"""
eigen_stationary_error.py - NumPy peer of sim/eigen_stationary_error.c, standing for the
claims that run SGD chains (src/chain.c); see peer_common.py for the protocol.

Benchmark point: eta=0.5 s=1 b=8 lambda=1 d=1 rot=0 (law=gauss, k=0, rho=0), i.e.
`batchcheck sim eigen_stationary_error eta=0.5 s=1 b=8 lambda=1 d=1 rot=0`.

Model, as the C simulator: one replicate is one chain x_0 = 0, x_{t+1} = x_t - eta g_t with
g_t = lambda x_t + sqrt(s) (1/b) sum_i e_{t,i}, the e i.i.d. N(0, 1), b of them a step. It
burns T = ceil(log 1e-7 / log kappa) steps, kappa = (1 - eta lambda)^2 (T = 12 here), and
observes the mean of x_t^2 over the W = max(64, 2T) steps after. Draws per replicate:
(T + W) b = 608. Expected: eta s / (b lambda (2 - eta lambda)) = 1/24, less a residual
burn-in bias below 1e-7 relative.

Layout: a step's draws are a b x n array (one column per chain), so the batch sums are
additions of contiguous rows; the chains of a chunk advance together, step by step.
"""
import sys

sys.dont_write_bytecode = True  # importing peer_common leaves no __pycache__ in the tree

import math

import peer_common
from peer_common import np  # exits 3, with a message, without NumPy

ETA, S, B, LAM = 0.5, 1.0, 8, 1.0
KAPPA = (1 - ETA * LAM) ** 2
BURN = max(math.ceil(math.log(1e-7) / math.log(KAPPA)), 1)
WINDOW = max(2 * BURN, 64)
STEPS = BURN + WINDOW
NOISE = math.sqrt(S) / B


def make_chunk(rng, size):
    draws = np.empty(B * size)
    x, g, tmp, acc = np.empty(size), np.empty(size), np.empty(size), np.empty(size)

    def chunk(n):
        xv, gv, tv, av = x[:n], g[:n], tmp[:n], acc[:n]
        xv.fill(0)
        av.fill(0)
        z = draws[:B * n].reshape(B, n)
        for t in range(STEPS):
            rng.standard_normal(out=z)
            np.sum(z, axis=0, out=gv)              # sum of the batch's noises
            np.multiply(gv, NOISE, out=gv)          # sqrt(s) times their mean
            np.multiply(xv, LAM, out=tv)
            np.add(gv, tv, out=gv)                  # g_t
            if t >= BURN:
                np.multiply(xv, xv, out=tv)
                np.add(av, tv, out=av)              # sum of x_t^2 over the window
            np.multiply(gv, ETA, out=gv)
            np.subtract(xv, gv, out=xv)             # x_{t+1}
        return np.multiply(av, 1.0 / WINDOW, out=av)

    return chunk


if __name__ == "__main__":
    peer_common.run(make_chunk, STEPS * B)
