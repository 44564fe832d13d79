/*
 * bc_ziggurat.h - the layers of the normal and exponential ziggurats (draws.c), for the
 * variate generators and the tests that check them.
 *
 * A ziggurat of L = BC_ZIG_LAYERS layers of equal area v covers the half-density f on
 * [0, inf) (f(x) = exp(-x^2/2) for the normal, exp(-x) for the exponential, both with
 * f(0) = 1): x[1] = r is where the tail starts, x[i + 1] = f^-1(f(x[i]) + v / x[i]) for
 * i = 1 .. L - 2, x[L] = 0, and r is the root that makes the top layer end at f = 1
 * (x[L - 1] (1 - f(x[L - 1])) = v). Layer 0 is the base strip, the box [0, r] x [0, f(r)]
 * plus the tail beyond r, of area v = r f(r) + integral_r^inf f, drawn as a box of width
 * x[0] = v / f(r); layer i >= 1 is the box [0, x[i]] x [f(x[i]), f(x[i + 1])], of area v
 * too. f[i] = f(x[i]) (f[0] is not used, f[L] = 1).
 *
 * The wedge of layer i >= 1 is its part right of x[i + 1]. A point there, abscissa x and
 * height y = f[i] + U (f[i + 1] - f[i]), lies under f exactly when x + U dx[i] < h(x),
 * h(x) = x + dx[i] (f(x) - f[i]) / (f[i + 1] - f[i]), dx[i] = x[i] - x[i + 1]: h is the
 * chord's abscissa bent by the curve. accept[i] is below the minimum of h over the wedge and
 * reject[i] above its maximum, each by 2^-36 x[i] to spare: x + U dx[i] < accept[i]
 * means under f, > reject[i] over it, and only points between need f itself. (Index 0 of
 * these three is not used.)
 *
 * The numbers are constants (src/ziggurat_tables.c), each the double nearest to the exact
 * value (accept rounded down, reject up), computed in MPFR with 256-bit significands by
 * tools/gen_ziggurat_tables.c (`make ziggurat-tables` rewrites the file), so no platform
 * computes them differently. tests/test_draws.c checks in MPFR that they satisfy the
 * definitions above.
 */
#ifndef BC_ZIGGURAT_H
#define BC_ZIGGURAT_H

#define BC_ZIG_BITS 10 /* bits of a layer index */
#define BC_ZIG_LAYERS (1 << BC_ZIG_BITS)

struct bc_zig {
	double r; /* x[1]: the tail starts here */
	double v; /* the area of each layer */
	double x[BC_ZIG_LAYERS + 1];
	double f[BC_ZIG_LAYERS + 1];
	double dx[BC_ZIG_LAYERS], accept[BC_ZIG_LAYERS], reject[BC_ZIG_LAYERS];
};

extern const struct bc_zig bc_zig_normal, bc_zig_exponential;

#endif
