/*
 * bc_simd.h - wider vectors chosen at run time for the hot loops.
 *
 * BC_CLONES on a function compiles it for AVX-512, AVX2 and the baseline, and glibc's
 * ifunc picks the widest the CPU has when the program starts. Where the toolchain cannot
 * (not GCC or Clang, not x86-64 Linux, or BC_NO_CLONES defined) the baseline alone is
 * built. The clones give identical bits: the Makefile builds with -ffp-contract=off (GCC's
 * C11 mode implies it, clang's does not), so no clone fuses a multiply and an add, even
 * where its target (AVX-512) has FMA: each performs the same IEEE operations.
 */
#ifndef BC_SIMD_H
#define BC_SIMD_H

#if defined(__x86_64__) && defined(__GNUC__) && defined(__linux__) && !defined(BC_NO_CLONES)
#define BC_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define BC_CLONES
#endif

#endif
