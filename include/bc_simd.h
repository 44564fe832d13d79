/*
 * bc_simd.h - wider vectors chosen at run time for the hot loops.
 *
 * BC_CLONES on a function compiles it for AVX-512, AVX2 and the baseline, and glibc's
 * ifunc picks the widest the CPU has when the program starts. Where the toolchain cannot
 * (not GCC or Clang, not x86-64 Linux, or BC_NO_CLONES defined) the baseline alone is
 * built. The clones give identical bits: the Makefile builds with -ffp-contract=off (GCC's
 * C11 mode implies it, clang's does not), so no clone fuses a multiply and an add, even
 * where its target (AVX-512) has FMA: each performs the same IEEE operations.
 *
 * BC_TARGET_AVX2, where BC_HAVE_AVX2_TARGET is defined (GCC or Clang on x86-64), compiles
 * one function for AVX2 (intrinsics allowed), for a loop whose caller picks the variant
 * itself (__builtin_cpu_supports), so that a test can run the baseline loop on an AVX2
 * machine and compare the bits. BC_ALWAYS_INLINE inlines a function into each caller, so
 * that constant arguments (a function pointer, a flag) specialise it.
 */
#ifndef BC_SIMD_H
#define BC_SIMD_H

#if defined(__x86_64__) && defined(__GNUC__) && defined(__linux__) && !defined(BC_NO_CLONES)
#define BC_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define BC_CLONES
#endif

#if defined(__x86_64__) && defined(__GNUC__) && !defined(BC_NO_CLONES)
#define BC_HAVE_AVX2_TARGET 1
#define BC_TARGET_AVX2 __attribute__((target("avx2")))
#endif

/* Before a loop in a header claims include: `#pragma omp simd` where OpenMP is on (the
 * build's -fopenmp), nothing where it is not, so a claim compiled without it gets no
 * unknown-pragma warning. */
#ifdef _OPENMP
#define BC_OMP_SIMD _Pragma("omp simd")
#else
#define BC_OMP_SIMD
#endif

#ifdef __GNUC__
#define BC_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define BC_ALWAYS_INLINE inline
#endif

#endif
