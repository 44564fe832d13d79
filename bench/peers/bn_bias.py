"""
bn_bias.py - NumPy peer of sim/bn_bias.c (see peer_common.py for the protocol).

Benchmark point: m=8 gamma=1 lambda=1, defaults otherwise (law=gauss mu=0 sigma=1 eps=0
var=biased data=0), i.e. `batchcheck sim bn_bias m=8 gamma=1 lambda=1`.

Model, as the C simulator: one replicate draws a batch x_1..x_m i.i.d. N(mu, sigma^2),
normalises r_i = (x_i - mean) / sqrt(v) with v = (1/m) sum (x_i - mean)^2 (no epsilon), and
takes the gamma-gradient of the mini-batch loss (1/m) sum (lambda/4) (gamma r_i)^4,
g_mb = lambda gamma^3 r4 with r4 = (1/m) sum r_i^4. Observation: g_mb - G, G = 3 lambda
gamma^3 the population-BN gradient (the C simulator's first output, `bias`). Expected:
-6 lambda gamma^3 / (m + 1) = -2/3. Draws per replicate: m.

Computed as r4 = m sum d_i^4 / (sum d_i^2)^2 with d_i = x_i - mean (the same quantity:
r_i^4 = d_i^4 / v^2). r_i does not change when x -> mu + sigma x (sigma > 0, eps = 0), so the
peer normalises the standard draws directly; at this point mu + sigma x is x anyway.
Two things the C simulator does that this peer leaves out, both in the C side's disfavour or
of probability zero: it also forms its second output, c g_mb - G (c = (m+1)/(m-1)), and its
moments; and it redraws a batch of m equal values (BN would divide 0 by 0), which its
one-word ziggurat normals can produce (about 2^-32 a batch at m = 2) but NumPy's 64-bit ones
practically never do.

Layout: a chunk's draws are an m x n array (one column per batch), so the batch sums are
additions of contiguous rows.
"""
import sys

sys.dont_write_bytecode = True  # importing peer_common leaves no __pycache__ in the tree

import peer_common
from peer_common import np  # exits 3, with a message, without NumPy

M, GAMMA, LAMBDA = 8, 1.0, 1.0
LG3 = LAMBDA * GAMMA ** 3
KAPPA = 3.0  # E[e^4] of the Gaussian: G = lambda gamma^3 KAPPA


def make_chunk(rng, size):
    draws = np.empty(M * size)
    mean, ss, s4 = np.empty(size), np.empty(size), np.empty(size)

    def chunk(n):
        x = draws[:M * n].reshape(M, n)
        rng.standard_normal(out=x)
        mu = np.sum(x, axis=0, out=mean[:n])
        np.multiply(mu, 1.0 / M, out=mu)
        d = np.subtract(x, mu, out=x)                 # d_i = x_i - batch mean
        np.multiply(d, d, out=d)                      # d_i^2
        q = np.sum(d, axis=0, out=ss[:n])             # m v
        np.multiply(d, d, out=d)                      # d_i^4
        r4 = np.sum(d, axis=0, out=s4[:n])
        np.multiply(q, q, out=q)
        np.divide(r4, q, out=r4)
        np.multiply(r4, M, out=r4)                    # r4 = (1/m) sum r_i^4
        np.subtract(r4, KAPPA, out=r4)
        return np.multiply(r4, LG3, out=r4)           # g_mb - G

    return chunk


if __name__ == "__main__":
    peer_common.run(make_chunk, M)
