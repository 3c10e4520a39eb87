/*
 * Fixed-point arithmetic that must agree bit for bit with TensorFlow Lite
 * (gemmlowp's SaturatingRoundingDoublingHighMul / RoundingDivideByPOT and
 * TFLite's MultiplyByQuantizedMultiplier with its default "double rounding").
 */
#ifndef DL_FIXEDPOINT_H
#define DL_FIXEDPOINT_H

#include <stdint.h>

/* round(a*b / 2^31) with ties away from zero; the single overflowing case
 * (INT32_MIN * INT32_MIN) saturates, as in gemmlowp. */
static inline int32_t dl_srdhm(int32_t a, int32_t b)
{
    if (a == INT32_MIN && b == INT32_MIN)
        return INT32_MAX;
    int64_t ab = (int64_t)a * (int64_t)b;
    int64_t nudge = ab >= 0 ? (1LL << 30) : (1 - (1LL << 30));
    /* gemmlowp divides (truncation towards zero), it does not shift. */
    return (int32_t)((ab + nudge) / (1LL << 31));
}

/* x / 2^exponent rounded to nearest, ties away from zero (0 <= exponent <= 31). */
static inline int32_t dl_rdbpot(int32_t x, int exponent)
{
    int32_t mask = (int32_t)((1LL << exponent) - 1);
    int32_t remainder = x & mask;
    int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* TFLite's MultiplyByQuantizedMultiplier: shift > 0 shifts left before the
 * high multiply, shift < 0 rounds right after it. The left shift wraps like
 * the two's complement multiply TFLite does. */
static inline int32_t dl_mbqm(int32_t x, int32_t multiplier, int shift)
{
    int left = shift > 0 ? shift : 0;
    int right = shift > 0 ? 0 : -shift;
    return dl_rdbpot(dl_srdhm((int32_t)((uint32_t)x << left), multiplier), right);
}

static inline int32_t dl_clamp(int32_t v, int32_t lo, int32_t hi)
{
    return v < lo ? lo : (v > hi ? hi : v);
}

/* Output stage of conv/depthwise/FC. With fscale (per-channel float scale
 * in*w/out computed in float) it is XNNPACK's "fp32" requantization, which
 * the TFLite runtime uses when its default XNNPACK delegate takes int8 ops:
 * float(acc)*scale, clamp, round half to even via the 1.5*2^23 magic number.
 * Without fscale it is TFLite's integer MultiplyByQuantizedMultiplier path
 * (reference kernels, TFLite Micro, CMSIS-NN). */
/* fp32 (XNNPACK) output stage for one value with float scale `scale` */
static inline int32_t dl_requant_f(int32_t acc, float scale, int32_t zp, int32_t lo, int32_t hi)
{
    float v = (float)acc * scale;
#if defined(__ARM_FP) && (__ARM_FP & 4) && !defined(DL_EMULATE_DSP)
    /* VCVTR rounds with the FPSCR mode (nearest-even by default) and
     * saturates, so clamping the integer afterwards is the same as
     * XNNPACK's clamp-then-round. */
    float r;
    __asm__("vcvtr.s32.f32 %0, %1" : "=t"(r) : "t"(v));
    union { float f; int32_t i; } u;
    u.f = r;
    int32_t q = u.i, qlo = lo - zp, qhi = hi - zp;
    return (q < qlo ? qlo : (q > qhi ? qhi : q)) + zp;
#else
    float flo = (float)(lo - zp), fhi = (float)(hi - zp);
    v = v < flo ? flo : (v > fhi ? fhi : v);
    union { float f; int32_t i; } u;
    u.f = v + 12582912.0f;
    return u.i - 0x4B400000 + zp;
#endif
}

/* integer (TFLite reference) output stage */
static inline int32_t dl_requant_i(int32_t acc, int32_t mult, int32_t shift, int32_t zp, int32_t lo, int32_t hi)
{
    return dl_clamp(dl_mbqm(acc, mult, shift) + zp, lo, hi);
}

static inline int32_t dl_requant_out(int32_t acc, int c, const int32_t *mult, const int32_t *shift,
                                     const float *fscale, int32_t zp, int32_t lo, int32_t hi)
{
    if (fscale)
        return dl_requant_f(acc, fscale[c], zp, lo, hi);
    return dl_requant_i(acc, mult[c], shift[c], zp, lo, hi);
}

#endif
