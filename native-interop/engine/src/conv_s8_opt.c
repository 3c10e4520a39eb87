#include "dl_kernels.h"
#include "dl_fixedpoint.h"
#include "dl_dot.h"
#include "dl_q15.h"

/* Optimized convolution, two implementations computing the same integers:
 * the Cortex-M7 DSP one (first) and the portable one (after #else). */
#if DL_USE_DSP
/* DSP path, three kernels by the size of the receptive field K:
 * - K <= 16 (first layers, e.g. 3x3 over one channel): the per-pixel cost of
 *   an im2col column would dominate, so the weights of all channels are
 *   widened once per call into per-channel records, and one pixel's taps are
 *   widened into words that stay in registers across all output channels.
 * - K % 4 == 0: one output channel x six pixels (dl_dot_1x6, below), whole
 *   blocks of six pixels.
 * - the rest, and the pixels left over from blocks of six: the receptive
 *   fields of two pixels are widened into one interleaved int16 column pair
 *   (dl_q15.h), then two pixels x two output channels accumulate with SMLAD.
 * In all of them padded taps hold the input zero point, so the precomputed
 * bias_zp is right for every pixel, and the int8 weights are read in place
 * (the small-K records excepted). */
#define DL_SMALLK_MAX 16
#define DL_UNUSED __attribute__((unused))
#define DL_SMALLK_WBYTES 2048

static int smallk(const dl_conv_params *p)
{
    const int32_t k = p->k_h * p->k_w * p->in_c;
    return k <= DL_SMALLK_MAX && (size_t)p->out_c * (size_t)((k + 1) / 2 + 2) * 4 <= DL_SMALLK_WBYTES;
}

/* K % 4 == 0: one output channel by six pixels per step. Six widened columns are interleaved by groups of four, so one
 * LDM brings two pixels' four values; the weight word is widened once for
 * all six pixels: per four k, 1 LDR + 2 SXTB16 + 3 LDM + 12 SMLAD for 24
 * MACs. The 2x2 kernel below needs 16 (plus its loop) for 16. */
#define DL_WIDE_PX 6

static int wide(const dl_conv_params *p)
{
    const int32_t k = p->k_h * p->k_w * p->in_c;
    return (k & 3) == 0 && k >= 8 && p->out_h * p->out_w >= DL_WIDE_PX;
}

size_t dl_conv_s8_opt_scratch_bytes(const dl_conv_params *p)
{
    int32_t k = p->k_h * p->k_w * p->in_c;
    if (smallk(p))
        return (size_t)p->out_c * (size_t)((k + 1) / 2 + 2) * sizeof(uint32_t);
    if (wide(p))
        return (size_t)DL_WIDE_PX * (size_t)k * sizeof(int16_t) + (size_t)k;
    return dl_q15_pair_len(k) * sizeof(int16_t) + dl_q15_len(k);
}

static inline int8_t finish(const dl_conv_params *p, int32_t acc, int oc)
{
    return (int8_t)dl_requant_out(acc, oc, p->mult, p->shift, p->fscale, p->out_offset, p->act_min, p->act_max);
}

static void column(const dl_conv_params *p, const int8_t *inb, int pix, int16_t *q, int c, int8_t *raw, int ncol)
{
    const int C = p->in_c, span = p->k_w * C, K = p->k_h * span;
    const int oy = pix / p->out_w, ox = pix % p->out_w;
    const int iy0 = oy * p->stride_h - p->pad_h, ix0 = ox * p->stride_w - p->pad_w;
    const int inside = p->dil_w == 1 && iy0 >= 0 && ix0 >= 0 && iy0 + (p->k_h - 1) * p->dil_h < p->in_h &&
                       ix0 + p->k_w - 1 < p->in_w;
    if (inside && (span & 3) == 0) {
        /* rows are contiguous and keep the groups of four aligned */
        for (int ky = 0; ky < p->k_h; ++ky) {
            const int8_t *src = inb + ((size_t)(iy0 + ky * p->dil_h) * p->in_w + ix0) * C;
            if (ncol == 2)
                dl_widen_pair(src, q + 2 * ky * span, span, c);
            else
                dl_widen_cols(src, q + ncol * ky * span, span, c, ncol);
        }
        return;
    }
    int8_t *d = raw;
    if (inside) {
        /* contiguous rows that break the groups of four: copy, then widen */
        for (int ky = 0; ky < p->k_h; ++ky, d += span) {
            const int8_t *src = inb + ((size_t)(iy0 + ky * p->dil_h) * p->in_w + ix0) * C;
            for (int i = 0; i < span; ++i)
                d[i] = src[i];
        }
        if (ncol == 2)
            dl_widen_pair(raw, q, K, c);
        else
            dl_widen_cols(raw, q, K, c, ncol);
        return;
    }
    const int8_t zp = (int8_t)(-p->in_offset);
    if ((C & 3) == 0) {
        /* groups of four never straddle a tap: widen each tap in place */
        const uint32_t zw = (uint32_t)(uint8_t)zp * 0x01010101u;
        const uint32_t ze = dl_sxtb16(zw), zo = dl_sxtb16_ror8(zw);
        int16_t *dq = q + 4 * c;
        for (int ky = 0; ky < p->k_h; ++ky) {
            const int iy = iy0 + ky * p->dil_h;
            for (int kx = 0; kx < p->k_w; ++kx) {
                const int ix = ix0 + kx * p->dil_w;
                if (iy < 0 || iy >= p->in_h || ix < 0 || ix >= p->in_w) {
                    for (int g = 0; g < C; g += 4, dq += 4 * ncol) {
                        dl_st32(dq, ze);
                        dl_st32(dq + 2, zo);
                    }
                } else {
                    const int8_t *src = inb + ((size_t)iy * p->in_w + ix) * C;
                    for (int g = 0; g < C; g += 4, dq += 4 * ncol) {
                        const uint32_t v = dl_ld32(src + g);
                        dl_st32(dq, dl_sxtb16(v));
                        dl_st32(dq + 2, dl_sxtb16_ror8(v));
                    }
                }
            }
        }
        return;
    }
    for (int ky = 0; ky < p->k_h; ++ky) {
        const int iy = iy0 + ky * p->dil_h;
        for (int kx = 0; kx < p->k_w; ++kx, d += C) {
            const int ix = ix0 + kx * p->dil_w;
            const int out_of_range = iy < 0 || iy >= p->in_h || ix < 0 || ix >= p->in_w;
            if (C < 8) { /* few channels (first layers): library calls would dominate */
                const int8_t *src = out_of_range ? inb : inb + ((size_t)iy * p->in_w + ix) * C;
                for (int c = 0; c < C; ++c)
                    d[c] = out_of_range ? zp : src[c];
            } else if (out_of_range) {
                memset(d, zp, (size_t)C);
            } else {
                memcpy(d, inb + ((size_t)iy * p->in_w + ix) * C, (size_t)C);
            }
        }
    }
    if (ncol == 2)
        dl_widen_pair(raw, q, K, c);
    else
        dl_widen_cols(raw, q, K, c, ncol);
}

/* All output channels of one column pair. `fp` is a compile-time constant at
 * both call sites, so each copy has its output stage without a per-value test. */
static inline __attribute__((always_inline)) void channels(const dl_conv_params *p, const int16_t *q, int K,
                                                           int8_t *oa, int8_t *ob, int two, const int fp)
{
    const int OC = p->out_c;
    const int32_t zp = p->out_offset, lo = p->act_min, hi = p->act_max;
#define DL_OUT(acc, ch)                                                                                          \
    (int8_t)(fp ? dl_requant_f((acc), p->fscale[ch], zp, lo, hi)                                                 \
                : dl_requant_i((acc), p->mult[ch], p->shift[ch], zp, lo, hi))
    int oc = 0;
    for (; oc + 2 <= OC; oc += 2) {
        const int8_t *w0 = p->weights + (size_t)oc * K;
        int32_t acc[4] = {p->bias_zp[oc], p->bias_zp[oc + 1], p->bias_zp[oc], p->bias_zp[oc + 1]};
        dl_dot_q15_2x2(q, w0, w0 + K, K, acc);
        oa[oc] = DL_OUT(acc[0], oc);
        oa[oc + 1] = DL_OUT(acc[1], oc + 1);
        if (two) {
            ob[oc] = DL_OUT(acc[2], oc);
            ob[oc + 1] = DL_OUT(acc[3], oc + 1);
        }
    }
    if (oc < OC) {
        /* last odd channel: pair the row with itself */
        const int8_t *w0 = p->weights + (size_t)oc * K;
        int32_t acc[4] = {p->bias_zp[oc], p->bias_zp[oc], p->bias_zp[oc], p->bias_zp[oc]};
        dl_dot_q15_2x2(q, w0, w0, K, acc);
        oa[oc] = DL_OUT(acc[0], oc);
        if (two)
            ob[oc] = DL_OUT(acc[2], oc);
    }
#undef DL_OUT
}

/* Per output channel the scratch holds one record of NW + 2 words: bias_zp,
 * the weights as q15 pairs (the odd pad lane 0), and the float scale (fp32
 * mode) or the channel index (integer mode), so the channel loop walks one
 * pointer. */
/* two int16 lanes {lo, hi} from sign-extended values */
static inline uint32_t dl_pack16(int32_t lo, int32_t hi)
{
    return ((uint32_t)lo & 0xffffu) | ((uint32_t)hi << 16);
}

#if defined(__ARM_FEATURE_DSP) && defined(__ARM_ARCH_7EM__) && defined(__ARM_FP) && (__ARM_FP & 8) &&            \
    !defined(DL_EMULATE_DSP)
#define DL_K9_ASM 1
/* The fp32-mode channel loop for NW = 5 (3x3 over one channel), by hand:
 * 16 instructions per output when the channel count is a multiple of four,
 * 19 otherwise. GCC spilled the five input words. Per record
 * one LDM brings bias_zp and the five weight words; the pixel's five input
 * words stay in r8-r12 for all channels.
 *   r0 x (5 words), r1 rec, r2 o, r3 n (> 0), s0 flo, s1 fhi, [sp] zp */
__attribute__((naked, noinline)) static void dl_k9_channels(DL_UNUSED const uint32_t *x, DL_UNUSED const uint32_t *rec,
                                                            DL_UNUSED int8_t *o, DL_UNUSED int32_t n,
                                                            DL_UNUSED float flo, DL_UNUSED float fhi,
                                                            DL_UNUSED int32_t zp)
{
#define DL_K9_OUT                                                                                                \
    "ldm r1!, {r0, r4-r7, lr}\n\t"                                                                               \
    "smlad r0, r8, r4, r0\n\t"                                                                                   \
    "smlad r0, r9, r5, r0\n\t"                                                                                   \
    "smlad r0, r10, r6, r0\n\t"                                                                                  \
    "smlad r0, r11, r7, r0\n\t"                                                                                  \
    "smlad r0, r12, lr, r0\n\t"                                                                                  \
    "vldmia r1!, {s2}\n\t"                                                                                       \
    "vmov s3, r0\n\t"                                                                                            \
    "vcvt.f32.s32 s3, s3\n\t"                                                                                    \
    "vmul.f32 s3, s3, s2\n\t"                                                                                    \
    "vmaxnm.f32 s3, s3, s0\n\t"                                                                                  \
    "vminnm.f32 s3, s3, s1\n\t"                                                                                  \
    "vcvtr.s32.f32 s3, s3\n\t"                                                                                   \
    "vmov r0, s3\n\t"
    /* n % 4 == 0: two channels per iteration, the zero point added
     * afterwards four bytes at a time (UADD8: the stored q and q + zp agree
     * modulo 256, and q + zp is in range after the clamp) */
    __asm__ volatile("push {r1, r2, r4-r12, lr}\n\t" /* 12 words: o at [sp, #4], zp at [sp, #48] */
                     "ldm r0, {r8-r12}\n\t"
                     "tst r3, #3\n\t"
                     "add r3, r2, r3\n\t"
                     "bne 1f\n\t"
                     "2:\n\t" DL_K9_OUT "strb r0, [r2], #1\n\t" DL_K9_OUT "strb r0, [r2], #1\n\t"
                     "cmp r2, r3\n\t"
                     "bne 2b\n\t"
                     "ldr r2, [sp, #4]\n\t"
                     "ldr r4, [sp, #48]\n\t"
                     "uxtb r4, r4\n\t"
                     "orr r4, r4, r4, lsl #8\n\t"
                     "orr r4, r4, r4, lsl #16\n\t"
                     "3:\n\t"
                     "ldr r0, [r2]\n\t"
                     "uadd8 r0, r0, r4\n\t"
                     "str r0, [r2], #4\n\t"
                     "cmp r2, r3\n\t"
                     "bne 3b\n\t"
                     "pop {r1, r2, r4-r12, pc}\n\t"
                     "1:\n\t" DL_K9_OUT "ldr r4, [sp, #48]\n\t"
                     "add r0, r0, r4\n\t"
                     "strb r0, [r2], #1\n\t"
                     "cmp r2, r3\n\t"
                     "bne 1b\n\t"
                     "pop {r1, r2, r4-r12, pc}\n\t");
#undef DL_K9_OUT
}
#else
#define DL_K9_ASM 0
#endif

static inline float dl_fclamp(float v, float lo, float hi)
{
#if defined(__ARM_ARCH_7EM__) && defined(__ARM_FP) && (__ARM_FP & 8) && !defined(DL_EMULATE_DSP)
    /* FPv5 VMAXNM/VMINNM; both bounds are integers, so clamping before the
     * rounding equals clamping after it, as XNNPACK does */
    __asm__("vmaxnm.f32 %0, %0, %1\n\tvminnm.f32 %0, %0, %2" : "+t"(v) : "t"(lo), "t"(hi));
    return v;
#else
    return v < lo ? lo : (v > hi ? hi : v);
#endif
}

static inline int32_t dl_round_even(float v)
{
#if defined(__ARM_FP) && (__ARM_FP & 4) && !defined(DL_EMULATE_DSP)
    float r;
    __asm__("vcvtr.s32.f32 %0, %1" : "=t"(r) : "t"(v));
    union { float f; int32_t i; } u;
    u.f = r;
    return u.i;
#else
    union { float f; int32_t i; } u;
    u.f = v + 12582912.0f;
    return u.i - 0x4B400000;
#endif
}

static inline __attribute__((always_inline)) void smallk_pixel(const dl_conv_params *p, const uint32_t *x,
                                                               const uint32_t *rec, int8_t *o, float flo, float fhi,
                                                               const int NW, const int fp)
{
    const int OC = p->out_c;
    const int32_t zp = p->out_offset;
#if DL_K9_ASM
    if (fp && NW == 5) {
        dl_k9_channels(x, rec, o, OC, flo, fhi, zp);
        return;
    }
#endif
    uint32_t xr[DL_SMALLK_MAX / 2];
    for (int i = 0; i < NW; ++i)
        xr[i] = x[i];
    if (fp) {
        int8_t *const end = o + OC;
        for (; o != end; rec += NW + 2) {
            int32_t acc = (int32_t)rec[0];
            for (int i = 0; i < NW; ++i)
                acc = dl_smlad(xr[i], rec[1 + i], acc);
            union { uint32_t u; float f; } sc;
            sc.u = rec[NW + 1];
            *o++ = (int8_t)(dl_round_even(dl_fclamp((float)acc * sc.f, flo, fhi)) + zp);
        }
    } else {
        for (int oc = 0; oc < OC; ++oc, rec += NW + 2) {
            int32_t acc = (int32_t)rec[0];
            for (int i = 0; i < NW; ++i)
                acc = dl_smlad(xr[i], rec[1 + i], acc);
            o[oc] = (int8_t)dl_requant_i(acc, p->mult[oc], p->shift[oc], zp, p->act_min, p->act_max);
        }
    }
}

static inline __attribute__((always_inline)) void smallk_run(const dl_conv_params *p, const int8_t *in, int8_t *out,
                                                             const int NW, const int fp, const int k3c1)
{
    const int C = p->in_c, OC = p->out_c;
    const uint32_t *rec = (const uint32_t *)(const void *)p->scratch;
    const int16_t zp = (int16_t)(-p->in_offset);
    const float flo = (float)(p->act_min - p->out_offset), fhi = (float)(p->act_max - p->out_offset);
    const int rs = p->dil_h * p->in_w; /* k3c1: input row step */
    int32_t off[DL_SMALLK_MAX]; /* tap offsets from the patch's top-left byte; the pad lane reads tap 0 */
    off[2 * NW - 1] = 0;
    {
        int t = 0;
        for (int ky = 0; ky < p->k_h; ++ky)
            for (int kx = 0; kx < p->k_w; ++kx)
                for (int c = 0; c < C; ++c)
                    off[t++] = ((ky * p->dil_h) * p->in_w + kx * p->dil_w) * C + c;
    }
    for (int b = 0; b < p->batches; ++b) {
        const int8_t *inb = in + (size_t)b * p->in_h * p->in_w * C;
        for (int oy = 0; oy < p->out_h; ++oy) {
            const int iy0 = oy * p->stride_h - p->pad_h;
            const int rows_in = iy0 >= 0 && iy0 + (p->k_h - 1) * p->dil_h < p->in_h;
            for (int ox = 0; ox < p->out_w; ++ox, out += OC) {
                const int ix0 = ox * p->stride_w - p->pad_w;
                union { uint32_t w[DL_SMALLK_MAX / 2]; int16_t h[DL_SMALLK_MAX]; } x;
                if (rows_in && ix0 >= 0 && ix0 + (p->k_w - 1) * p->dil_w < p->in_w) {
                    /* the odd pad lane (K odd) meets a zero weight, any value does */
                    const int8_t *base = inb + ((size_t)iy0 * p->in_w + ix0) * C;
                    if (k3c1) {
                        /* 3x3 over one channel: three rows of three bytes */
                        const int8_t *r0 = base, *r1 = base + rs, *r2 = r1 + rs;
                        x.w[0] = dl_pack16(r0[0], r0[1]);
                        x.w[1] = dl_pack16(r0[2], r1[0]);
                        x.w[2] = dl_pack16(r1[1], r1[2]);
                        x.w[3] = dl_pack16(r2[0], r2[1]);
                        x.w[4] = (uint32_t)(int32_t)r2[2];
                    } else {
                        for (int t = 0; t < 2 * NW; ++t)
                            x.h[t] = base[off[t]];
                    }
                } else {
                    for (int i = 0; i < NW; ++i)
                        x.w[i] = 0; /* the pad lane */
                    int t = 0;
                    for (int ky = 0; ky < p->k_h; ++ky) {
                        const int iy = iy0 + ky * p->dil_h;
                        for (int kx = 0; kx < p->k_w; ++kx) {
                            const int ix = ix0 + kx * p->dil_w;
                            const int inside = iy >= 0 && iy < p->in_h && ix >= 0 && ix < p->in_w;
                            const int8_t *src = inb + ((size_t)(inside ? iy : 0) * p->in_w + (inside ? ix : 0)) * C;
                            for (int c = 0; c < C; ++c)
                                x.h[t++] = inside ? src[c] : zp;
                        }
                    }
                }
                smallk_pixel(p, x.w, rec, out, flo, fhi, NW, fp);
            }
        }
    }
}

static void smallk_conv(const dl_conv_params *p, const int8_t *in, int8_t *out)
{
    const int K = p->k_h * p->k_w * p->in_c, NW = (K + 1) / 2;
    uint32_t *rec = (uint32_t *)(void *)p->scratch;
    for (int oc = 0; oc < p->out_c; ++oc, rec += NW + 2) {
        const int8_t *w = p->weights + (size_t)oc * K;
        for (int i = 0; i < NW; ++i) {
            const int32_t hi = 2 * i + 1 < K ? w[2 * i + 1] : 0;
            rec[1 + i] = (uint32_t)(uint16_t)(int16_t)w[2 * i] | (uint32_t)(uint16_t)(int16_t)hi << 16;
        }
        rec[0] = (uint32_t)p->bias_zp[oc];
        if (p->fscale)
            memcpy(&rec[NW + 1], &p->fscale[oc], 4);
        else
            rec[NW + 1] = (uint32_t)oc;
    }
    /* fp32 mode (the default) gets copies with the word count fixed for the
     * common shapes; the rest, and integer mode, share one copy with NW a
     * variable, to keep the code small */
    if (p->fscale == NULL) {
        smallk_run(p, in, out, NW, 0, 0);
        return;
    }
    if (NW == 5 && K == 9 && p->in_c == 1 && p->dil_w == 1)
        smallk_run(p, in, out, 5, 1, 1);
    else if (NW == 5)
        smallk_run(p, in, out, 5, 1, 0);
    else if (NW == 4)
        smallk_run(p, in, out, 4, 1, 0);
    else if (NW == 8)
        smallk_run(p, in, out, 8, 1, 0);
    else
        smallk_run(p, in, out, NW, 1, 0);
}

#if defined(__ARM_FEATURE_DSP) && !defined(DL_EMULATE_DSP)
/* acc[0..5] += column_j . w over ngroups (>= 1) groups of four; by hand
 * because it needs all fourteen registers: r2-r7 accumulators, r8-r11 two
 * pixels' words, r12/lr the widened weights. Unrolled twice; the loop end
 * (weight pointer at its end, kept on the stack) costs 3 per 48 MACs. */
__attribute__((naked, noinline)) static void dl_dot_1x6(DL_UNUSED const int16_t *x, DL_UNUSED const int8_t *w,
                                                        DL_UNUSED int32_t ngroups, DL_UNUSED int32_t *acc)
{
#define DL_G1X6                                                                                                  \
    "ldr lr, [r1], #4\n\t"                                                                                       \
    "sxtb16 r12, lr\n\t"                                                                                         \
    "sxtb16 lr, lr, ror #8\n\t"                                                                                  \
    "ldmia r0!, {r8-r11}\n\t"                                                                                    \
    "smlad r2, r8, r12, r2\n\t"                                                                                  \
    "smlad r2, r9, lr, r2\n\t"                                                                                   \
    "smlad r3, r10, r12, r3\n\t"                                                                                 \
    "smlad r3, r11, lr, r3\n\t"                                                                                  \
    "ldmia r0!, {r8-r11}\n\t"                                                                                    \
    "smlad r4, r8, r12, r4\n\t"                                                                                  \
    "smlad r4, r9, lr, r4\n\t"                                                                                   \
    "smlad r5, r10, r12, r5\n\t"                                                                                 \
    "smlad r5, r11, lr, r5\n\t"                                                                                  \
    "ldmia r0!, {r8-r11}\n\t"                                                                                    \
    "smlad r6, r8, r12, r6\n\t"                                                                                  \
    "smlad r6, r9, lr, r6\n\t"                                                                                   \
    "smlad r7, r10, r12, r7\n\t"                                                                                 \
    "smlad r7, r11, lr, r7\n\t"
    __asm__ volatile("push {r1-r11, lr}\n\t" /* 12 words; [sp, #4] becomes the weight end, [sp, #8] acc */
                     "add r12, r1, r2, lsl #2\n\t"
                     "str r12, [sp, #4]\n\t"
                     "tst r2, #1\n\t"
                     "ldm r3, {r2-r7}\n\t"
                     "beq 2f\n\t" DL_G1X6 "ldr r8, [sp, #4]\n\t"
                     "cmp r1, r8\n\t"
                     "beq 3f\n\t"
                     "2:\n\t" DL_G1X6 DL_G1X6 "ldr r8, [sp, #4]\n\t"
                     "cmp r1, r8\n\t"
                     "bne 2b\n\t"
                     "3:\n\t"
                     "ldr r8, [sp, #8]\n\t"
                     "stm r8, {r2-r7}\n\t"
                     "pop {r1-r11, pc}\n\t");
#undef DL_G1X6
}
#else
static void dl_dot_1x6(const int16_t *x, const int8_t *w, int32_t ngroups, int32_t *acc)
{
    for (; ngroups > 0; --ngroups, w += 4, x += 4 * DL_WIDE_PX) {
        const uint32_t v = dl_ld32(w), we = dl_sxtb16(v), wo = dl_sxtb16_ror8(v);
        for (int j = 0; j < DL_WIDE_PX; ++j) {
            acc[j] = dl_smlad(dl_ld32(x + 4 * j), we, acc[j]);
            acc[j] = dl_smlad(dl_ld32(x + 4 * j + 2), wo, acc[j]);
        }
    }
}
#endif

/* Pixels [0, end) of one batch image, end a multiple of DL_WIDE_PX. */
static void wide_conv(const dl_conv_params *p, const int8_t *inb, int8_t *out, int end)
{
    const int K = p->k_h * p->k_w * p->in_c, OC = p->out_c;
    int16_t *q = p->scratch;
    int8_t *raw = (int8_t *)(q + DL_WIDE_PX * K);
    const int32_t zp = p->out_offset;
    const float flo = (float)(p->act_min - zp), fhi = (float)(p->act_max - zp);
    for (int pix = 0; pix < end; pix += DL_WIDE_PX) {
        for (int j = 0; j < DL_WIDE_PX; ++j)
            column(p, inb, pix + j, q, j, raw, DL_WIDE_PX);
        int8_t *o = out + (size_t)pix * OC;
        for (int oc = 0; oc < OC; ++oc) {
            const int32_t bz = p->bias_zp[oc];
            int32_t acc[DL_WIDE_PX] = {bz, bz, bz, bz, bz, bz};
            dl_dot_1x6(q, p->weights + (size_t)oc * K, K / 4, acc);
            if (p->fscale) {
                const float sc = p->fscale[oc];
                for (int j = 0; j < DL_WIDE_PX; ++j)
                    o[j * OC + oc] = (int8_t)(dl_round_even(dl_fclamp((float)acc[j] * sc, flo, fhi)) + zp);
            } else {
                for (int j = 0; j < DL_WIDE_PX; ++j)
                    o[j * OC + oc] =
                        (int8_t)dl_requant_i(acc[j], p->mult[oc], p->shift[oc], zp, p->act_min, p->act_max);
            }
        }
    }
}

void dl_conv_s8_opt(const dl_conv_params *p, const int8_t *in, int8_t *out)
{
    const int K = p->k_h * p->k_w * p->in_c, OC = p->out_c;
    const int npix = p->out_h * p->out_w;
    if (smallk(p)) {
        smallk_conv(p, in, out);
        return;
    }
    /* the wide kernel takes whole blocks of six pixels, the pair kernel the rest */
    const int wide_end = wide(p) ? npix - npix % DL_WIDE_PX : 0;
    int16_t *q = p->scratch;
    int8_t *raw = (int8_t *)(q + dl_q15_pair_len(K));
    for (int b = 0; b < p->batches; ++b) {
        const int8_t *inb = in + (size_t)b * p->in_h * p->in_w * p->in_c;
        if (wide_end > 0)
            wide_conv(p, inb, out, wide_end);
        for (int pix = wide_end; pix < npix; pix += 2) {
            /* an odd last pixel is paired with itself and its twin discarded */
            const int two = pix + 1 < npix;
            int8_t *oa = out + (size_t)pix * OC;
            column(p, inb, pix, q, 0, raw, 2);
            column(p, inb, two ? pix + 1 : pix, q, 1, raw, 2);
            if (p->fscale)
                channels(p, q, K, oa, oa + OC, two, 1);
            else
                channels(p, q, K, oa, oa + OC, two, 0);
        }
        out += (size_t)npix * OC;
    }
}
#else
/* Portable path, no im2col buffer. For output pixels whose whole receptive
 * field is inside the input, each filter row is one contiguous span of
 * k_w*in_c bytes in both input and weights (dilation 1), and the zero point
 * correction is the precomputed bias_zp, so the work is plain int8 dot
 * products the compiler can vectorize. Border pixels take the reference
 * arithmetic for their taps. */
size_t dl_conv_s8_opt_scratch_bytes(const dl_conv_params *p)
{
    (void)p;
    return 0;
}

static inline int8_t finish(const dl_conv_params *p, int32_t acc, int oc)
{
    return (int8_t)dl_requant_out(acc, oc, p->mult, p->shift, p->fscale, p->out_offset, p->act_min, p->act_max);
}

static int interior(const dl_conv_params *p, int oy, int ox)
{
    int iy = oy * p->stride_h - p->pad_h, ix = ox * p->stride_w - p->pad_w;
    return p->dil_w == 1 && iy >= 0 && ix >= 0 && iy + (p->k_h - 1) * p->dil_h < p->in_h &&
           ix + p->k_w - 1 < p->in_w;
}

static void border_pixel(const dl_conv_params *p, const int8_t *inb, int oy, int ox, int8_t *out)
{
    int iy0 = oy * p->stride_h - p->pad_h, ix0 = ox * p->stride_w - p->pad_w;
    const int C = p->in_c;
    for (int oc = 0; oc < p->out_c; ++oc) {
        const int8_t *w = p->weights + (size_t)oc * p->k_h * p->k_w * C;
        int32_t acc = p->bias[oc];
        for (int ky = 0; ky < p->k_h; ++ky) {
            int iy = iy0 + ky * p->dil_h;
            if (iy < 0 || iy >= p->in_h)
                continue;
            for (int kx = 0; kx < p->k_w; ++kx) {
                int ix = ix0 + kx * p->dil_w;
                if (ix < 0 || ix >= p->in_w)
                    continue;
                const int8_t *x = inb + ((size_t)iy * p->in_w + ix) * C;
                const int8_t *wk = w + ((size_t)ky * p->k_w + kx) * C;
                int32_t s = 0;
                for (int ic = 0; ic < C; ++ic)
                    s += wk[ic] * x[ic];
                int32_t ws = 0;
                for (int ic = 0; ic < C; ++ic)
                    ws += wk[ic];
                acc += s + p->in_offset * ws;
            }
        }
        out[oc] = finish(p, acc, oc);
    }
}

/* Two interior pixels (xa, xb are their top-left input positions). */
static void interior_pair(const dl_conv_params *p, const int8_t *xa, const int8_t *xb, int8_t *oa, int8_t *ob)
{
    const int32_t span = p->k_w * p->in_c;
    const size_t row = (size_t)p->in_w * p->in_c * p->dil_h;
    const size_t wsize = (size_t)p->k_h * span;
    int oc = 0;
    for (; oc + 2 <= p->out_c; oc += 2) {
        const int8_t *w0 = p->weights + (size_t)oc * wsize, *w1 = w0 + wsize;
        int32_t acc[4] = {p->bias_zp[oc], p->bias_zp[oc + 1], p->bias_zp[oc], p->bias_zp[oc + 1]};
        for (int ky = 0; ky < p->k_h; ++ky)
            dl_dot_2x2(xa + ky * row, xb + ky * row, w0 + ky * span, w1 + ky * span, span, acc);
        oa[oc] = finish(p, acc[0], oc);
        oa[oc + 1] = finish(p, acc[1], oc + 1);
        ob[oc] = finish(p, acc[2], oc);
        ob[oc + 1] = finish(p, acc[3], oc + 1);
    }
    for (; oc < p->out_c; ++oc) {
        const int8_t *w0 = p->weights + (size_t)oc * wsize;
        int32_t a = p->bias_zp[oc], b = p->bias_zp[oc];
        for (int ky = 0; ky < p->k_h; ++ky) {
            a = dl_dot_1x1(xa + ky * row, w0 + ky * span, span, a);
            b = dl_dot_1x1(xb + ky * row, w0 + ky * span, span, b);
        }
        oa[oc] = finish(p, a, oc);
        ob[oc] = finish(p, b, oc);
    }
}

static void interior_one(const dl_conv_params *p, const int8_t *xa, int8_t *oa)
{
    const int32_t span = p->k_w * p->in_c;
    const size_t row = (size_t)p->in_w * p->in_c * p->dil_h;
    const size_t wsize = (size_t)p->k_h * span;
    int oc = 0;
    for (; oc + 2 <= p->out_c; oc += 2) {
        const int8_t *w0 = p->weights + (size_t)oc * wsize, *w1 = w0 + wsize;
        int32_t a0 = p->bias_zp[oc], a1 = p->bias_zp[oc + 1];
        for (int ky = 0; ky < p->k_h; ++ky)
            dl_dot_1x2(xa + ky * row, w0 + ky * span, w1 + ky * span, span, &a0, &a1);
        oa[oc] = finish(p, a0, oc);
        oa[oc + 1] = finish(p, a1, oc + 1);
    }
    for (; oc < p->out_c; ++oc) {
        const int8_t *w0 = p->weights + (size_t)oc * wsize;
        int32_t a = p->bias_zp[oc];
        for (int ky = 0; ky < p->k_h; ++ky)
            a = dl_dot_1x1(xa + ky * row, w0 + ky * span, span, a);
        oa[oc] = finish(p, a, oc);
    }
}

void dl_conv_s8_opt(const dl_conv_params *p, const int8_t *in, int8_t *out)
{
    const int C = p->in_c, OC = p->out_c;
    for (int b = 0; b < p->batches; ++b) {
        const int8_t *inb = in + (size_t)b * p->in_h * p->in_w * C;
        for (int oy = 0; oy < p->out_h; ++oy) {
            int ox = 0;
            while (ox < p->out_w) {
                int8_t *o = out + ((size_t)oy * p->out_w + ox) * OC;
                if (!interior(p, oy, ox)) {
                    border_pixel(p, inb, oy, ox, o);
                    ox += 1;
                    continue;
                }
                const int8_t *xa = inb + ((size_t)(oy * p->stride_h - p->pad_h) * p->in_w +
                                          (size_t)(ox * p->stride_w - p->pad_w)) * C;
                if (ox + 1 < p->out_w && interior(p, oy, ox + 1)) {
                    interior_pair(p, xa, xa + (size_t)p->stride_w * C, o, o + OC);
                    ox += 2;
                } else {
                    interior_one(p, xa, o);
                    ox += 1;
                }
            }
        }
        out += (size_t)p->out_h * p->out_w * OC;
    }
}
#endif
