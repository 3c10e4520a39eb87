/*
 * The two Armv7E-M DSP instructions the optimized kernels are built on, and a
 * bit-exact C emulation (DL_EMULATE_DSP) so the host tests exercise the same
 * data layout and loop structure as the Cortex-M7 build.
 *   SXTB16 v        -> int16 lanes {byte0, byte2}
 *   SXTB16 v, ror 8 -> int16 lanes {byte1, byte3}
 *   SMLAD a, b, acc -> acc + a.lo*b.lo + a.hi*b.hi
 */
#ifndef DL_SIMD_H
#define DL_SIMD_H

#include <stdint.h>
#include <string.h>

#if defined(__ARM_FEATURE_DSP) || defined(DL_EMULATE_DSP)
#define DL_USE_DSP 1
#else
#define DL_USE_DSP 0
#endif

static inline uint32_t dl_ld32(const void *p)
{
    uint32_t v;
    memcpy(&v, p, 4); /* a single LDR: unaligned access is allowed on the M7 */
    return v;
}

#if defined(__ARM_FEATURE_DSP) && !defined(DL_EMULATE_DSP)
#include <arm_acle.h>
static inline uint32_t dl_sxtb16(uint32_t v) { return (uint32_t)__sxtb16(v); }
static inline uint32_t dl_sxtb16_ror8(uint32_t v)
{
    uint32_t r;
    __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(v)); /* GCC 12 has no __ror to fold */
    return r;
}
static inline int32_t dl_smlad(uint32_t a, uint32_t b, int32_t acc) { return __smlad((int32_t)a, (int32_t)b, acc); }
static inline int32_t dl_smlabb(uint32_t a, uint32_t b, int32_t acc) { return __smlabb((int32_t)a, (int32_t)b, acc); }
static inline int32_t dl_smlatt(uint32_t a, uint32_t b, int32_t acc) { return __smlatt((int32_t)a, (int32_t)b, acc); }
#elif DL_USE_DSP
static inline uint32_t dl_sxtb16(uint32_t v)
{
    return ((uint32_t)(uint16_t)(int16_t)(int8_t)(v & 0xff)) | ((uint32_t)(uint16_t)(int16_t)(int8_t)((v >> 16) & 0xff) << 16);
}
static inline uint32_t dl_sxtb16_ror8(uint32_t v) { return dl_sxtb16((v >> 8) | (v << 24)); }
static inline int32_t dl_smlad(uint32_t a, uint32_t b, int32_t acc)
{
    int32_t lo = (int32_t)(int16_t)(a & 0xffff) * (int32_t)(int16_t)(b & 0xffff);
    int32_t hi = (int32_t)(int16_t)(a >> 16) * (int32_t)(int16_t)(b >> 16);
    return (int32_t)((uint32_t)acc + (uint32_t)lo + (uint32_t)hi);
}
/* SMLABB / SMLATT: one 16x16 product of the bottom (top) halves */
static inline int32_t dl_smlabb(uint32_t a, uint32_t b, int32_t acc)
{
    return (int32_t)((uint32_t)acc + (uint32_t)((int32_t)(int16_t)(a & 0xffff) * (int32_t)(int16_t)(b & 0xffff)));
}
static inline int32_t dl_smlatt(uint32_t a, uint32_t b, int32_t acc)
{
    return (int32_t)((uint32_t)acc + (uint32_t)((int32_t)(int16_t)(a >> 16) * (int32_t)(int16_t)(b >> 16)));
}
#endif

#endif
