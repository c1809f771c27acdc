/*
 * ws2mp compat: <intrin.h>: Microsoft's compiler intrinsics that network programs call, as GCC
 * and Clang builtins: __rdtsc (a cycle counter for timing), _BitScanForward/_BitScanReverse
 * (and the 64 forms), __popcnt/__popcnt16/__popcnt64, __cpuid/__cpuidex (x86),
 * __debugbreak, _mm_pause, _ReturnAddress. <windows.h> includes it (Windows' brings these
 * through <winnt.h>), and has the Interlocked family and the barriers (_ReadWriteBarrier,
 * MemoryBarrier).
 */
#ifndef WS2MP_COMPAT_INTRIN_H
#define WS2MP_COMPAT_INTRIN_H

#include <stdint.h>
#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif
#ifdef WS2MP_COMPAT_CRT_H
/* <stdlib.h> came first: its _rotl / _rotr / _lrotl / _lrotr (32 bits, as Microsoft's) count,
 * not <x86intrin.h>'s macros. */
#undef _rotl
#undef _rotr
#undef _lrotl
#undef _lrotr
#endif

#ifdef __cplusplus
extern "C" {
#endif

#if !(defined(__x86_64__) || defined(__i386__))
/* x86 has __rdtsc in <x86intrin.h>; elsewhere a monotonic count of nanoseconds stands in (a
 * cycle counter too, of a 1 GHz clock). */
#include <time.h>
static inline unsigned long long __rdtsc(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000000000ull + (unsigned long long)ts.tv_nsec;
}
static inline void _mm_pause(void)
{
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
}
#endif

/* The index of the lowest (Forward) or highest (Reverse) set bit of Mask in *Index: 1, or 0
 * when Mask is 0 (*Index is then left alone). Microsoft's `unsigned long` is 32 bits: Index is
 * an `unsigned long *` here too, Mask's low 32 bits count. */
static inline unsigned char _BitScanForward(unsigned long *Index, unsigned long Mask)
{
    uint32_t m = (uint32_t)Mask;
    if (m == 0)
        return 0;
    *Index = (unsigned long)__builtin_ctz(m);
    return 1;
}
static inline unsigned char _BitScanReverse(unsigned long *Index, unsigned long Mask)
{
    uint32_t m = (uint32_t)Mask;
    if (m == 0)
        return 0;
    *Index = (unsigned long)(31 - __builtin_clz(m));
    return 1;
}
static inline unsigned char _BitScanForward64(unsigned long *Index, unsigned long long Mask)
{
    if (Mask == 0)
        return 0;
    *Index = (unsigned long)__builtin_ctzll(Mask);
    return 1;
}
static inline unsigned char _BitScanReverse64(unsigned long *Index, unsigned long long Mask)
{
    if (Mask == 0)
        return 0;
    *Index = (unsigned long)(63 - __builtin_clzll(Mask));
    return 1;
}

static inline unsigned short __popcnt16(unsigned short value)
{
    return (unsigned short)__builtin_popcount(value);
}
static inline unsigned int __popcnt(unsigned int value)
{
    return (unsigned int)__builtin_popcount(value);
}
static inline unsigned long long __popcnt64(unsigned long long value)
{
    return (unsigned long long)__builtin_popcountll(value);
}

#if defined(__x86_64__) || defined(__i386__)
/* CPUID leaf `function_id` (sub-leaf `subfunction_id`) into cpuInfo[0..3] = EAX, EBX, ECX,
 * EDX. Under private names (GCC's <cpuid.h> has a __cpuid macro of five arguments, and newer
 * ones their own __cpuidex). */
static inline void ws2mp_cpuidex_(int cpuInfo[4], int function_id, int subfunction_id)
{
    unsigned int a, b, c, d;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(function_id), "c"(subfunction_id));
    cpuInfo[0] = (int)a;
    cpuInfo[1] = (int)b;
    cpuInfo[2] = (int)c;
    cpuInfo[3] = (int)d;
}
static inline void ws2mp_cpuid_(int cpuInfo[4], int function_id)
{
    ws2mp_cpuidex_(cpuInfo, function_id, 0);
}
#undef __cpuid
#undef __cpuidex
#define __cpuid ws2mp_cpuid_
#define __cpuidex ws2mp_cpuidex_
#endif

/* A breakpoint: stops in a debugger, or ends the program with SIGTRAP without one (Windows
 * raises EXCEPTION_BREAKPOINT, which ends it too). */
#if defined(__x86_64__) || defined(__i386__)
#define __debugbreak() __asm__ volatile("int3")
#else
#define __debugbreak() __builtin_trap()
#endif
#define _ReturnAddress() __builtin_return_address(0)

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_INTRIN_H */
