/*
 * bc_vmath.h - log and sincos written so that GCC vectorises them inside `#pragma omp simd`.
 *
 * Without -ffast-math GCC never vectorises a call to libm's log or sin, so the variate
 * generators' bulk loops call these instead. Each function is straight-line code: integer
 * and floating-point arithmetic on the bits of its argument (read through memcpy), selects
 * instead of branches, no tables (a gather per lane costs more than the polynomial). Inlined
 * into a loop, every lane runs the same instructions.
 *
 * Bit-reproducible: every operation is an IEEE-754 add, multiply or divide rounded to
 * nearest, in an order fixed by the source. The Makefile builds with -ffp-contract=off (GCC's
 * -std=c11 implies it, clang's does not), so no FMA is formed and SSE2, AVX2 and AVX-512
 * builds return identical bits. Do not build a file that includes this with -ffast-math
 * or without -ffp-contract=off.
 *
 * The polynomials are fdlibm's (Sun, 1993; as in musl's log.c, __sin.c, __cos.c), whose
 * error analysis assumes exactly this evaluation order without FMA. Measured errors against
 * MPFR are stated at each function; tests/test_vmath.c checks them and
 * bench/bench_vmath.c (`make bench-vmath`) repeats the dense sweeps.
 *
 * No sqrt here: the instruction is already correctly rounded, but sqrt() (and
 * __builtin_sqrt) may set errno, so GCC 12 and clang 14 keep a scalar call in an omp simd
 * loop. Compile the file holding the bulk loop with -fno-math-errno: that changes only
 * errno for negative inputs, never a result bit, and the loop vectorises.
 */
#ifndef BC_VMATH_H
#define BC_VMATH_H

#include <stdint.h>
#include <string.h>

static inline uint64_t bc_vm_bits(double x)
{
	uint64_t u;
	memcpy(&u, &x, sizeof u);
	return u;
}

static inline double bc_vm_double(uint64_t u)
{
	double x;
	memcpy(&x, &u, sizeof x);
	return x;
}

/*
 * Natural logarithm of a positive normal double x (2^-1022 <= x < 2^1024). Worst error
 * measured against MPFR 0.83 ulp (3.7e6 inputs: every binade, 6.7e5 around 1, 2e6 random
 * in [2^-64, 1]), log(1) == +0 exactly, log(2^k) correctly rounded, and relative accuracy
 * up to 1 - 2^-53 (no cancellation: near 1 the result is f - f^2/2 + ... with f = x - 1
 * exact, so -log(u) keeps its relative accuracy as a small exponential variate).
 * Subnormals, zero, negatives, infinities and NaN give a meaningless finite-or-not value
 * (no trap, no undefined behaviour); callers pass uniforms in (0, 1], which are normal.
 */
static inline double bc_vm_log(double x)
{
	/* fdlibm's log: x = 2^k (1 + f) with 1 + f in [sqrt(2)/2, sqrt(2)), then
	 * log(1 + f) = f - f^2/2 + s (f^2/2 + R(s^2)), s = f / (2 + f). */
	const double ln2_hi = 6.93147180369123816490e-01; /* 32 bits: k * ln2_hi is exact */
	const double ln2_lo = 1.90821492927058770002e-10;
	const double lg1 = 6.666666666666735130e-01, lg2 = 3.999999999940941908e-01;
	const double lg3 = 2.857142874366239149e-01, lg4 = 2.222219843214978396e-01;
	const double lg5 = 1.818357216161805012e-01, lg6 = 1.531383769920937332e-01;
	const double lg7 = 1.479819860511658591e-01;

	/* Adding 1.0's exponent minus sqrt(2)/2's high bits carries into the exponent field
	 * exactly when the significand is >= sqrt(2)/2 * 2, so k comes out already rounded. */
	uint64_t hx = bc_vm_bits(x) + (UINT64_C(0x3ff0000000000000) - UINT64_C(0x3fe6a09e00000000));
	uint64_t e = hx >> 52; /* k + 1023, in [1, 2046] for normal x */
	double m = bc_vm_double((hx & UINT64_C(0x000fffffffffffff)) + UINT64_C(0x3fe6a09e00000000));
	/* (double)k without an int64 -> double conversion, which SSE2/AVX2 lack as a vector
	 * instruction: 2^52 + e read as a double, minus 2^52 + 1023, both exact. */
	double dk = bc_vm_double(UINT64_C(0x4330000000000000) | e) - (0x1p52 + 1023.0);

	double f = m - 1.0; /* exact: m in [0.70, 1.42) */
	double hfsq = 0.5 * f * f;
	double s = f / (2.0 + f);
	double z = s * s;
	double w = z * z;
	double t1 = w * (lg2 + w * (lg4 + w * lg6));
	double t2 = z * (lg1 + w * (lg3 + w * (lg5 + w * lg7)));
	double r = t2 + t1;
	return s * (hfsq + r) + dk * ln2_lo - hfsq + f + dk * ln2_hi;
}

/* sin(x + y) for |x| <= pi/4, |y| <= ulp(x)/2 (fdlibm's __kernel_sin with iy = 1). */
static inline double bc_vm_sin_kernel(double x, double y)
{
	const double s1 = -1.66666666666666324348e-01, s2 = 8.33333333332248946124e-03;
	const double s3 = -1.98412698298579493134e-04, s4 = 2.75573137070700676789e-06;
	const double s5 = -2.50507602534068634195e-08, s6 = 1.58969099521155010221e-10;
	double z = x * x;
	double w = z * z;
	double r = s2 + z * (s3 + z * s4) + z * w * (s5 + z * s6);
	double v = z * x;
	return x - ((z * (0.5 * y - v * r) - y) - v * s1);
}

/* cos(x + y) for |x| <= pi/4, |y| <= ulp(x)/2 (fdlibm's __kernel_cos). */
static inline double bc_vm_cos_kernel(double x, double y)
{
	const double c1 = 4.16666666666666019037e-02, c2 = -1.38888888888741095749e-03;
	const double c3 = 2.48015872894767294178e-05, c4 = -2.75573143513906633035e-07;
	const double c5 = 2.08757232129817482790e-09, c6 = -1.13596475577881948265e-11;
	double z = x * x;
	double w = z * z;
	double r = z * (c1 + z * (c2 + z * c3)) + w * w * (c4 + z * (c5 + z * c6));
	double hz = 0.5 * z;
	double v = 1.0 - hz;
	/* (1 - v) - hz recovers the rounding error of v = 1 - hz */
	return v + (((1.0 - v) - hz) + (z * r - x * y));
}

/*
 * *s = sin(2 pi w / 2^32), *c = cos(2 pi w / 2^32): the angle of a Box-Muller pair from one
 * 32-bit random word. Worst error measured against MPFR's sin and cos of the exact angle
 * 0.79 ulp of the true value (2^24 words spread over the circle, each multiple of 2^29
 * +- 4096), relative accuracy included where the result is tiny (w near a multiple of 2^30).
 * Multiples of 2^30 give exactly 0 and +-1, zeros always +0.
 *
 * The reduction is exact: w = q 2^30 + r with q the nearest quadrant and r in [-2^29, 2^29),
 * so the angle is q pi/2 + x with x = (pi/2) r 2^-30 in [-pi/4, pi/4). x is formed as
 * y * PIO2_HI + y * PIO2_LO, y = r 2^-30: PIO2_HI has 24 significant bits and y at most 29,
 * so the first product is exact and x carries ~2^-77 relative error into the kernels.
 */
static inline void bc_vm_sincos2pi(uint32_t w, double *s, double *c)
{
	const double pio2_hi = 0x1.921fb6p+0;            /* pi/2 to 24 bits */
	const double pio2_lo = -0x1.777a5cf72cecep-25;   /* pi/2 - pio2_hi */

	uint32_t t = w + (UINT32_C(1) << 29);            /* wraps: the circle is mod 2^32 */
	uint32_t q = t >> 30;
	int32_t m = (int32_t)(t & 0x3fffffff);           /* r + 2^29, fits in int32 */
	double y = ((double)m - 0x1p29) * 0x1p-30;       /* exact, in [-1/2, 1/2) */
	double xh = y * pio2_hi;                         /* exact */
	double xl = y * pio2_lo;
	double x = xh + xl;                              /* Fast2Sum: |xh| >= |xl| */
	double xe = (xh - x) + xl;

	double sk = bc_vm_sin_kernel(x, xe);
	double ck = bc_vm_cos_kernel(x, xe);
	/* Quadrants 1 and 3 swap sin and cos; sin is negated in 2 and 3, cos in 1 and 2.
	 * The sign flips are XORs on the bits, so no lane branches. */
	double sv = (q & 1) ? ck : sk;
	double cv = (q & 1) ? sk : ck;
	uint64_t sneg = (uint64_t)(q & 2) << 62;
	uint64_t cneg = (uint64_t)((q + 1) & 2) << 62;
	/* + 0.0 turns a -0 (e.g. cos(pi/2) = -sin(0)) into +0 and changes nothing else */
	*s = bc_vm_double(bc_vm_bits(sv) ^ sneg) + 0.0;
	*c = bc_vm_double(bc_vm_bits(cv) ^ cneg) + 0.0;
}

#endif
