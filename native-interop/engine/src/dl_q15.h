/*
 * Building blocks of the DSP (SMLAD) kernels. Activations are widened once to
 * int16 ("q15") with each group of four lanes stored as {0,2},{1,3}: exactly
 * the order SXTB16 and SXTB16-ror-8 produce from a word of int8 weights, so
 * the weights are used straight from the model (flash) with two SXTB16 per
 * four weights, and each SMLAD does two multiply-accumulates. The K % 4 tail
 * is stored in natural order after the groups.
 */
#ifndef DL_Q15_H
#define DL_Q15_H

#include "dl_simd.h"

#if DL_USE_DSP

static inline size_t dl_q15_len(int32_t k) { return (size_t)((k + 3) & ~3); }

static inline void dl_st32(void *p, uint32_t v) { memcpy(p, &v, 4); }

/* dst[0..k) (int16, 4-byte aligned) <- src[0..k) int8, group-reordered */
static inline void dl_widen(const int8_t *src, int16_t *dst, int32_t k)
{
    int32_t i = 0;
    for (; i + 4 <= k; i += 4) {
        uint32_t v = dl_ld32(src + i);
        dl_st32(dst + i, dl_sxtb16(v));
        dl_st32(dst + i + 2, dl_sxtb16_ror8(v));
    }
    for (; i < k; ++i)
        dst[i] = src[i];
}

/* Two columns interleaved for the 2x2 kernel: group g of column c (0/1) is the
 * word pair at int16 offset 8g + 4c; the k % 4 tails follow at 2*k4 + 4c. */
static inline size_t dl_q15_pair_len(int32_t k) { return (size_t)(2 * (k & ~3) + 8); }

static inline void dl_widen_pair(const int8_t *src, int16_t *dst, int32_t k, int c)
{
    int32_t i = 0;
    int16_t *d = dst + 4 * c;
    for (; i + 4 <= k; i += 4, d += 8) {
        uint32_t v = dl_ld32(src + i);
        dl_st32(d, dl_sxtb16(v));
        dl_st32(d + 2, dl_sxtb16_ror8(v));
    }
    for (int16_t *t = dst + 2 * (k & ~3) + 4 * c; i < k; ++i)
        *t++ = src[i];
}

/* Columns interleaved for the one-channel, six-pixel kernel (K % 4 == 0):
 * group g of column c is the word pair at int16 offset 4 * (ncol * g + c). */
static inline void dl_widen_cols(const int8_t *src, int16_t *dst, int32_t k, int c, int ncol)
{
    int16_t *d = dst + 4 * c;
    for (int32_t i = 0; i + 4 <= k; i += 4, d += 4 * ncol) {
        uint32_t v = dl_ld32(src + i);
        dl_st32(d, dl_sxtb16(v));
        dl_st32(d + 2, dl_sxtb16_ror8(v));
    }
}

#define DL_MAGIC 12582912.0f /* 1.5 * 2^23 */

/* XNNPACK's fp32 output stage, clamp(round_half_even(acc * scale) + zp), for
 * an even zp, computed without integer steps: magic = 1.5 * 2^23 + zp,
 * lo/hi = 1.5 * 2^23 + act_min/act_max, and the output is the low byte of
 * the clamped sum's bits. Why that is the same integer: docs/engine.md
 * ("Second pass") and dl_px_job in conv_s8_opt.c. */
static inline int8_t dl_out_magic(int32_t acc, float scale, float magic, float lo, float hi)
{
    float t = (float)acc * scale;
    t = t + magic;
#if defined(__ARM_ARCH_7EM__) && defined(__ARM_FP) && (__ARM_FP & 8) && !defined(DL_EMULATE_DSP)
    __asm__("vmaxnm.f32 %0, %0, %1\n\tvminnm.f32 %0, %0, %2" : "+t"(t) : "t"(lo), "t"(hi));
#else
    t = t < lo ? lo : (t > hi ? hi : t);
#endif
    uint32_t u;
    memcpy(&u, &t, 4);
    return (int8_t)(uint8_t)u;
}

/* acc[2c+r] += column_c . w_r for an interleaved pair of columns and two
 * int8 weight rows: per four lanes 2+2 word loads, 4 SXTB16, 8 SMLAD. */
static inline void dl_dot_q15_2x2(const int16_t *x, const int8_t *w0, const int8_t *w1, int32_t k, int32_t *acc)
{
    int32_t s00 = acc[0], s01 = acc[1], s10 = acc[2], s11 = acc[3];
    const int16_t *px = x;
    const int8_t *p0 = w0, *p1 = w1;
#if defined(__ARM_FEATURE_DSP) && !defined(DL_EMULATE_DSP)
    /* GCC spills in this loop when left to itself; by hand it is 18
     * instructions per 16 MACs, and 34 per 32 with the body unrolled twice. */
#define DL_BODY_2X2                                                                  \
    "ldrd %[ae], %[ao], [%[px]], #8\n\t"                                            \
    "ldrd %[be], %[bo], [%[px]], #8\n\t"                                            \
    "ldr %[v], [%[p0]], #4\n\t"                                                     \
    "sxtb16 %[t], %[v]\n\t"                                                         \
    "sxtb16 %[v], %[v], ror #8\n\t"                                                 \
    "smlad %[s00], %[ae], %[t], %[s00]\n\t"                                         \
    "smlad %[s00], %[ao], %[v], %[s00]\n\t"                                         \
    "smlad %[s10], %[be], %[t], %[s10]\n\t"                                         \
    "smlad %[s10], %[bo], %[v], %[s10]\n\t"                                         \
    "ldr %[v], [%[p1]], #4\n\t"                                                     \
    "sxtb16 %[t], %[v]\n\t"                                                         \
    "sxtb16 %[v], %[v], ror #8\n\t"                                                 \
    "smlad %[s01], %[ae], %[t], %[s01]\n\t"                                         \
    "smlad %[s01], %[ao], %[v], %[s01]\n\t"                                         \
    "smlad %[s11], %[be], %[t], %[s11]\n\t"                                         \
    "smlad %[s11], %[bo], %[v], %[s11]\n\t"
    {
        int32_t n2 = k >> 3;
        uint32_t ae, ao, be, bo, v, t;
        if (n2 > 0)
            __asm__ volatile("1:\n\t" DL_BODY_2X2 DL_BODY_2X2 "subs %[n], %[n], #1\n\t"
                             "bne 1b\n\t"
                             : [s00] "+r"(s00), [s01] "+r"(s01), [s10] "+r"(s10), [s11] "+r"(s11), [px] "+r"(px),
                               [p0] "+r"(p0), [p1] "+r"(p1), [n] "+r"(n2), [ae] "=&r"(ae), [ao] "=&r"(ao),
                               [be] "=&r"(be), [bo] "=&r"(bo), [v] "=&r"(v), [t] "=&r"(t)
                             :
                             : "cc", "memory");
        if (k & 4)
            __asm__ volatile(DL_BODY_2X2
                             : [s00] "+r"(s00), [s01] "+r"(s01), [s10] "+r"(s10), [s11] "+r"(s11), [px] "+r"(px),
                               [p0] "+r"(p0), [p1] "+r"(p1), [ae] "=&r"(ae), [ao] "=&r"(ao), [be] "=&r"(be),
                               [bo] "=&r"(bo), [v] "=&r"(v), [t] "=&r"(t)
                             :
                             : "memory");
    }
#undef DL_BODY_2X2
#else
    for (int32_t n = k >> 2; n > 0; --n) {
        uint32_t ae = dl_ld32(px), ao = dl_ld32(px + 2), be = dl_ld32(px + 4), bo = dl_ld32(px + 6);
        uint32_t v0 = dl_ld32(p0), v1 = dl_ld32(p1);
        px += 8;
        p0 += 4;
        p1 += 4;
        uint32_t we = dl_sxtb16(v0), wo = dl_sxtb16_ror8(v0);
        s00 = dl_smlad(ae, we, s00);
        s00 = dl_smlad(ao, wo, s00);
        s10 = dl_smlad(be, we, s10);
        s10 = dl_smlad(bo, wo, s10);
        we = dl_sxtb16(v1);
        wo = dl_sxtb16_ror8(v1);
        s01 = dl_smlad(ae, we, s01);
        s01 = dl_smlad(ao, wo, s01);
        s11 = dl_smlad(be, we, s11);
        s11 = dl_smlad(bo, wo, s11);
    }
#endif
    const int16_t *ta = px, *tb = px + 4;
    for (int32_t j = 0; j < (k & 3); ++j) {
        s00 += ta[j] * p0[j];
        s01 += ta[j] * p1[j];
        s10 += tb[j] * p0[j];
        s11 += tb[j] * p1[j];
    }
    acc[0] = s00;
    acc[1] = s01;
    acc[2] = s10;
    acc[3] = s11;
}

/* acc[r] += x . w_r for four int8 rows w + r*stride sharing one widened column */
static inline void dl_dot_q15_1x4(const int16_t *x, const int8_t *w, size_t stride, int32_t k, int32_t *acc)
{
    const int8_t *p0 = w, *p1 = w + stride, *p2 = w + 2 * stride, *p3 = w + 3 * stride;
    int32_t s0 = acc[0], s1 = acc[1], s2 = acc[2], s3 = acc[3];
    const int16_t *px = x;
#if defined(__ARM_FEATURE_DSP) && !defined(DL_EMULATE_DSP)
    /* 23 instructions per 16 MACs: one LDRD of input, per row one LDR,
     * two SXTB16 and two SMLAD, and the loop branch. */
#define DL_ROW_1X4(p, s)                                                             \
    "ldr %[v], [%[" #p "]], #4\n\t"                                                 \
    "sxtb16 %[t], %[v]\n\t"                                                         \
    "sxtb16 %[v], %[v], ror #8\n\t"                                                 \
    "smlad %[" #s "], %[xe], %[t], %[" #s "]\n\t"                                   \
    "smlad %[" #s "], %[xo], %[v], %[" #s "]\n\t"
    {
        int32_t n = k >> 2;
        uint32_t xe, xo, v, t;
        /* unrolled twice (an odd group first): 44 instructions per 32 MACs */
        if (n > 0)
            __asm__ volatile("tst %[n], #1\n\t"
                             "beq 1f\n\t"
                             "ldrd %[xe], %[xo], [%[px]], #8\n\t" DL_ROW_1X4(p0, s0) DL_ROW_1X4(p1, s1)
                                 DL_ROW_1X4(p2, s2) DL_ROW_1X4(p3, s3) "subs %[n], %[n], #1\n\t"
                                                                        "beq 2f\n\t"
                                                                        "1:\n\t"
                             "ldrd %[xe], %[xo], [%[px]], #8\n\t" DL_ROW_1X4(p0, s0) DL_ROW_1X4(p1, s1)
                                 DL_ROW_1X4(p2, s2) DL_ROW_1X4(p3, s3)
                             "ldrd %[xe], %[xo], [%[px]], #8\n\t" DL_ROW_1X4(p0, s0) DL_ROW_1X4(p1, s1)
                                 DL_ROW_1X4(p2, s2) DL_ROW_1X4(p3, s3) "subs %[n], %[n], #2\n\t"
                                                                        "bne 1b\n\t"
                                                                        "2:\n\t"
                             : [s0] "+r"(s0), [s1] "+r"(s1), [s2] "+r"(s2), [s3] "+r"(s3), [px] "+r"(px),
                               [p0] "+r"(p0), [p1] "+r"(p1), [p2] "+r"(p2), [p3] "+r"(p3), [n] "+r"(n),
                               [xe] "=&r"(xe), [xo] "=&r"(xo), [v] "=&r"(v), [t] "=&r"(t)
                             :
                             : "cc", "memory");
    }
#undef DL_ROW_1X4
#else
    for (int32_t n = k >> 2; n > 0; --n) {
        uint32_t xe = dl_ld32(px), xo = dl_ld32(px + 2);
        px += 4;
        uint32_t v = dl_ld32(p0);
        p0 += 4;
        s0 = dl_smlad(xe, dl_sxtb16(v), s0);
        s0 = dl_smlad(xo, dl_sxtb16_ror8(v), s0);
        v = dl_ld32(p1);
        p1 += 4;
        s1 = dl_smlad(xe, dl_sxtb16(v), s1);
        s1 = dl_smlad(xo, dl_sxtb16_ror8(v), s1);
        v = dl_ld32(p2);
        p2 += 4;
        s2 = dl_smlad(xe, dl_sxtb16(v), s2);
        s2 = dl_smlad(xo, dl_sxtb16_ror8(v), s2);
        v = dl_ld32(p3);
        p3 += 4;
        s3 = dl_smlad(xe, dl_sxtb16(v), s3);
        s3 = dl_smlad(xo, dl_sxtb16_ror8(v), s3);
    }
#endif
    for (int32_t j = 0; j < (k & 3); ++j) {
        s0 += px[j] * p0[j];
        s1 += px[j] * p1[j];
        s2 += px[j] * p2[j];
        s3 += px[j] * p3[j];
    }
    acc[0] = s0;
    acc[1] = s1;
    acc[2] = s2;
    acc[3] = s3;
}

/* acc[r] += x . w_r for two int8 rows */
static inline void dl_dot_q15_1x2(const int16_t *x, const int8_t *w0, const int8_t *w1, int32_t k, int32_t *acc)
{
    int32_t s0 = acc[0], s1 = acc[1];
    const int16_t *px = x;
    const int8_t *p0 = w0, *p1 = w1;
#if defined(__ARM_FEATURE_DSP) && !defined(DL_EMULATE_DSP)
    {
        int32_t n = k >> 2;
        uint32_t xe, xo, v, t;
        if (n > 0)
            __asm__ volatile("1:\n\t"
                             "ldrd %[xe], %[xo], [%[px]], #8\n\t"
                             "ldr %[v], [%[p0]], #4\n\t"
                             "sxtb16 %[t], %[v]\n\t"
                             "sxtb16 %[v], %[v], ror #8\n\t"
                             "smlad %[s0], %[xe], %[t], %[s0]\n\t"
                             "smlad %[s0], %[xo], %[v], %[s0]\n\t"
                             "ldr %[v], [%[p1]], #4\n\t"
                             "sxtb16 %[t], %[v]\n\t"
                             "sxtb16 %[v], %[v], ror #8\n\t"
                             "smlad %[s1], %[xe], %[t], %[s1]\n\t"
                             "smlad %[s1], %[xo], %[v], %[s1]\n\t"
                             "subs %[n], %[n], #1\n\t"
                             "bne 1b\n\t"
                             : [s0] "+r"(s0), [s1] "+r"(s1), [px] "+r"(px), [p0] "+r"(p0), [p1] "+r"(p1),
                               [n] "+r"(n), [xe] "=&r"(xe), [xo] "=&r"(xo), [v] "=&r"(v), [t] "=&r"(t)
                             :
                             : "cc", "memory");
    }
#else
    for (int32_t n = k >> 2; n > 0; --n) {
        uint32_t xe = dl_ld32(px), xo = dl_ld32(px + 2);
        uint32_t v0 = dl_ld32(p0), v1 = dl_ld32(p1);
        px += 4;
        p0 += 4;
        p1 += 4;
        s0 = dl_smlad(xe, dl_sxtb16(v0), s0);
        s0 = dl_smlad(xo, dl_sxtb16_ror8(v0), s0);
        s1 = dl_smlad(xe, dl_sxtb16(v1), s1);
        s1 = dl_smlad(xo, dl_sxtb16_ror8(v1), s1);
    }
#endif
    for (int32_t j = 0; j < (k & 3); ++j) {
        s0 += px[j] * p0[j];
        s1 += px[j] * p1[j];
    }
    acc[0] = s0;
    acc[1] = s1;
}

static inline int32_t dl_dot_q15_1x1(const int16_t *x, const int8_t *w, int32_t k, int32_t s)
{
    int32_t i = 0;
    for (; i + 4 <= k; i += 4) {
        uint32_t v = dl_ld32(w + i);
        s = dl_smlad(dl_ld32(x + i), dl_sxtb16(v), s);
        s = dl_smlad(dl_ld32(x + i + 2), dl_sxtb16_ror8(v), s);
    }
    for (; i < k; ++i)
        s += x[i] * w[i];
    return s;
}

#endif
#endif
