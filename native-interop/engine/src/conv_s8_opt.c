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
#define DL_STR(x) #x
#define DL_XSTR(x) DL_STR(x)
#define DL_SMALLK_WBYTES 2048
#if defined(__ARM_FEATURE_DSP) && defined(__ARM_ARCH_7EM__) && defined(__ARM_FP) && (__ARM_FP & 8) &&            \
    !defined(DL_EMULATE_DSP)
#define DL_PX_ASM 1 /* the hand-written kernels below: Cortex-M7 with the FPv5 FPU */
#else
#define DL_PX_ASM 0
#endif
#define DL_PX_MAX 6

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

/* Output channels whose weights the six-pixel kernel reads pre-widened to
 * int16 from the scratch (each widened once per call, read by every block of
 * pixels): 2 instructions fewer per four k than widening them in the loop.
 * The widened weights take at most as many bytes as the larger of the
 * layer's input and output, so the scratch stays within the activations'
 * scale (the shipped model's arena does not grow); layers with fewer than
 * two blocks of pixels gain nothing. */
static int wq_channels(const dl_conv_params *p)
{
    const int32_t k = p->k_h * p->k_w * p->in_c;
    const size_t in = (size_t)p->in_h * p->in_w * p->in_c, out = (size_t)p->out_h * p->out_w * p->out_c;
    if (p->out_h * p->out_w < 2 * DL_WIDE_PX)
        return 0;
    const size_t n = (in + out) * 3 / 4 / ((size_t)k * sizeof(int16_t));
    return n < (size_t)p->out_c ? (int)n : p->out_c;
}

size_t dl_conv_s8_opt_scratch_bytes(const dl_conv_params *p)
{
    int32_t k = p->k_h * p->k_w * p->in_c;
    if (smallk(p))
        return (size_t)p->out_c * (size_t)((k + 1) / 2 + 2) * sizeof(uint32_t);
    if (wide(p))
        return (size_t)DL_WIDE_PX * (size_t)k * sizeof(int16_t) + (size_t)k +
               (size_t)wq_channels(p) * (size_t)k * sizeof(int16_t);
    return dl_q15_pair_len(k) * sizeof(int16_t) + dl_q15_len(k);
}

static inline int8_t finish(const dl_conv_params *p, int32_t acc, int oc)
{
    return (int8_t)dl_requant_out(acc, oc, p->mult, p->shift, p->fscale, p->out_offset, p->act_min, p->act_max);
}

#if defined(__ARM_FEATURE_DSP) && !defined(DL_EMULATE_DSP)
/* Widen `rows` rows of n (1..DL_WRUN_MAX) groups of four bytes (rows rstep
 * bytes apart) into every ncol-th group slot of an interleaved column block:
 * 4 instructions a group, entered part-way into an unrolled run (GCC's loop
 * took 8). */
#define DL_WRUN_MAX 32
#define DL_WRUN(name, pitch)                                                                                     \
    __attribute__((noinline)) static void name(const int8_t *s, int16_t *d, int32_t n, int32_t rows,                \
                                               int32_t rskip)                                                   \
    {                                                                                                            \
        uint32_t v, t, e;                                                                                        \
        __asm__ volatile("adr.w %[e], 9f\n\t"                                                                    \
                         "sub %[e], %[e], %[n], lsl #4\n\t"                                                      \
                         "orr %[e], %[e], #1\n\t"                                                                \
                         "1:\n\t"                                                                                \
                         "bx %[e]\n\t"                                                                           \
                         "8:\n\t"                                                                                \
                         ".rept " DL_XSTR(DL_WRUN_MAX) "\n\t"                                                    \
                         "ldr %[v], [%[s]], #4\n\t"                                                              \
                         "sxtb16 %[t], %[v]\n\t"                                                                 \
                         "sxtb16 %[v], %[v], ror #8\n\t"                                                         \
                         "strd %[t], %[v], [%[d]], #" #pitch "\n\t"                                              \
                         ".endr\n\t"                                                                             \
                         "9:\n\t"                                                                                \
                         ".if (9b - 8b) != 16 * " DL_XSTR(DL_WRUN_MAX) "\n\t"                                    \
                         ".error \"a widening group is not 16 bytes\"\n\t"                                       \
                         ".endif\n\t"                                                                            \
                         "add %[s], %[s], %[rskip]\n\t"                                                          \
                         "subs %[rows], %[rows], #1\n\t"                                                         \
                         "bne 1b\n\t"                                                                            \
                         : [v] "=&r"(v), [t] "=&r"(t), [e] "=&r"(e), [s] "+r"(s), [d] "+r"(d), [rows] "+r"(rows) \
                         : [n] "r"(n), [rskip] "r"(rskip)                                                        \
                         : "cc", "memory");                                                                      \
    }
DL_WRUN(dl_wrun3, 24)
DL_WRUN(dl_wrun4, 32)
DL_WRUN(dl_wrun5, 40)
DL_WRUN(dl_wrun6, 48)
#endif

/* k_h rows of span bytes (span % 4 == 0, n = span / 4 >= 1) into column c
 * of an ncol-column block; consecutive rows' slots follow each other */
static void widen_rows(const int8_t *src, int16_t *d, int32_t span, int32_t rows, size_t rstep, int c, int ncol)
{
#if defined(__ARM_FEATURE_DSP) && !defined(DL_EMULATE_DSP)
    int16_t *dc = d + 4 * c;
    const int32_t n = span / 4, rskip = (int32_t)rstep - span;
    if (n <= DL_WRUN_MAX) {
        switch (ncol) {
        case 3: dl_wrun3(src, dc, n, rows, rskip); return;
        case 4: dl_wrun4(src, dc, n, rows, rskip); return;
        case 5: dl_wrun5(src, dc, n, rows, rskip); return;
        case 6: dl_wrun6(src, dc, n, rows, rskip); return;
        default: break;
        }
    } else if (ncol >= 3 && ncol <= 6) {
        /* long rows (1x1 layers with many channels) in pieces */
        for (int32_t ky = 0; ky < rows; ++ky, src += rstep, dc += ncol * span)
            for (int32_t g = 0; g < n; g += DL_WRUN_MAX)
                widen_rows(src + 4 * g, dc + 4 * ncol * g - 4 * c, 4 * (n - g < DL_WRUN_MAX ? n - g : DL_WRUN_MAX), 1,
                           0, c, ncol);
        return;
    }
#endif
    for (int32_t ky = 0; ky < rows; ++ky, src += rstep, d += ncol * span) {
        if (ncol == 2)
            dl_widen_pair(src, d, span, c);
        else
            dl_widen_cols(src, d, span, c, ncol);
    }
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
            widen_rows(src, q + ncol * ky * span, span, 1, 0, c, ncol);
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

/* 3x3 over one channel, fp32 mode with an even output zero point, output
 * channels a multiple of four up to 16 (first layers such as the shipped
 * model's): one asm call per run of interior pixels in an output row.
 * Per pixel the three input rows are read as one word each and widened into
 * five q15 pairs kept in r8-r12: (a0,a2) (b0,b2) (c0,c2) (a1,b1) (c1,x) for
 * rows a, b, c; the records hold each channel's weights in that order (the
 * last lane 0). Per channel one LDM brings bias_zp and the five weight words,
 * five SMLAD accumulate onto the bias; two channels' sums go to the FPU in
 * one VMOV and the output stage is the px kernels' (magic number, clamp,
 * low byte), with the channel scales held in s16-s31 for the whole call.
 * Pixels go in pairs sharing the three row loads (see DL_K9_FN).
 * 12.25 instructions per output (USAT stage; 13 otherwise) plus about 14 per
 * pixel. */
typedef struct {
    float scale[16];      /* entries 16 - OC.. are the channel scales (s16-s31) */
    float magic, lo, hi;  /* s4-s6 */
    const int8_t *in;     /* s7: top-left input byte of the run's first pixel */
    int32_t rstep;        /* s8: bytes between the window's rows */
    const uint32_t *rec;  /* s9: records of six words */
    int32_t skip;         /* s10: 4 - OC / 4 */
    int32_t n;            /* s11: pixels, even, >= 2 */
    int8_t *out;
    int usat;             /* zero point -128, full int8 range: the USAT output stage */
} dl_k9_job;

#define DL_K9_REC 6
#define DL_K9_PADW 132 /* bytes of a padded row on the stack (3 rows) */

#if DL_PX_ASM
/* X2 and X4 (the window words (c0,c2) and (c1,x)) swap registers between
 * the two pixels of a pair, so the second pixel's window is three
 * instructions away from the first's */
#define DL_K9_CH2(s0, s1, X2, X4)                                                                                \
    "ldm r6!, {r0-r5}\n\t"                                                                                       \
    "smlad r0, r8, r1, r0\n\tsmlad r0, r9, r2, r0\n\tsmlad r0, " X2 ", r3, r0\n\tsmlad r0, r12, r4, r0\n\t"    \
    "smlad r0, " X4 ", r5, r0\n\t"                                                                               \
    "ldm r6!, {r1-r5, lr}\n\t"                                                                                   \
    "smlad r1, r8, r2, r1\n\tsmlad r1, r9, r3, r1\n\tsmlad r1, " X2 ", r4, r1\n\tsmlad r1, r12, r5, r1\n\t"    \
    "smlad r1, " X4 ", lr, r1\n\t"                                                                               \
    "vmov " s0 ", " s1 ", r0, r1\n\t"
#define DL_K9_F(s, sc)                                                                                           \
    "vcvt.f32.s32 " s ", " s "\n\tvmul.f32 " s ", " s ", " sc "\n\tvadd.f32 " s ", " s ", s4\n\tvmaxnm.f32 " s   \
    ", " s ", s5\n\tvminnm.f32 " s ", " s ", s6\n\t"
#define DL_K9_CHUNK(X2, X4, a, b, c, d)                                                                          \
    DL_K9_CH2("s0", "s1", X2, X4) DL_K9_CH2("s2", "s3", X2, X4) DL_K9_F("s0", a) DL_K9_F("s1", b)              \
        DL_K9_F("s2", c) DL_K9_F("s3", d) "vmov r0, r1, s0, s1\n\tvmov r2, r3, s2, s3\n\t"                      \
                                          "strb r0, [r7], #1\n\tstrb r1, [r7], #1\n\tstrb r2, [r7], #1\n\t"      \
                                          "strb r3, [r7], #1\n\t"
/* zero point -128 with the full int8 range (ReLU layers): VCVTR rounds half
 * to even, USAT #8 clamps to [0, 255] = [act_min, act_max] - zp, and one EOR
 * 0x80 per word subtracts the 128 again: 12.25 instructions per output. */
#define DL_K9_G(s, sc) "vcvt.f32.s32 " s ", " s "\n\tvmul.f32 " s ", " s ", " sc "\n\tvcvtr.s32.f32 " s ", " s "\n\t"
#define DL_K9_CHUNK_U(X2, X4, a, b, c, d)                                                                        \
    DL_K9_CH2("s0", "s1", X2, X4) DL_K9_CH2("s2", "s3", X2, X4) DL_K9_G("s0", a) DL_K9_G("s1", b)              \
        DL_K9_G("s2", c) DL_K9_G("s3", d) "vmov r0, r1, s0, s1\n\tvmov r2, r3, s2, s3\n\t"                      \
                                          "usat r0, #8, r0\n\tusat r1, #8, r1\n\tusat r2, #8, r2\n\t"            \
                                          "usat r3, #8, r3\n\torr r0, r0, r1, lsl #8\n\t"                        \
                                          "orr r0, r0, r2, lsl #16\n\torr r0, r0, r3, lsl #24\n\t"               \
                                          "eor r0, r0, #0x80808080\n\tstr r0, [r7], #4\n\t"
/* all channels of one pixel: a table jump past the chunks OC does not need */
#define DL_K9_PIXEL(CHUNK, L, X2, X4)                                                                            \
    "vmov r6, s9\n\t"                                                                                            \
    "vmov r0, s10\n\t"                                                                                           \
    "tbh [pc, r0, lsl #1]\n\t" L "0:\n\t"                                                                       \
    ".hword (" L "1f - " L "0b) / 2, (" L "2f - " L "0b) / 2, (" L "3f - " L "0b) / 2, (" L "4f - " L "0b) / 2\n\t" \
    L "1:\n\t" CHUNK(X2, X4, "s16", "s17", "s18", "s19") L "2:\n\t" CHUNK(X2, X4, "s20", "s21", "s22", "s23")  \
    L "3:\n\t" CHUNK(X2, X4, "s24", "s25", "s26", "s27") L "4:\n\t" CHUNK(X2, X4, "s28", "s29", "s30", "s31")
/* pairs of pixels (n even): rows a, b, c read once per pair, the first
 * pixel's window (A_e, B_e, C_e, (a1,b1), C_o), the second's (A_o, B_o, C_o,
 * (a2,b2), C_e ror 16) */
#define DL_K9_FN(name, CHUNK)                                                                                    \
    __attribute__((naked, noinline)) static void name(DL_UNUSED const dl_k9_job *j)                             \
    {                                                                                                            \
        __asm__ volatile("push {r3-r11, lr}\n\t"                                                                 \
                         "vpush {s16-s31}\n\t"                                                                   \
                         "vldmia r0!, {s16-s31}\n\t"                                                             \
                         "vldmia r0!, {s4-s11}\n\t"                                                              \
                         "ldr r7, [r0]\n\t"                                                                      \
                         "vmov r0, r1, s10, s11\n\t" /* the end of the output: out + n * 4 * (4 - skip) */       \
                         "rsb r0, r0, #4\n\t"                                                                    \
                         "mul r1, r1, r0\n\t"                                                                    \
                         "add r1, r7, r1, lsl #2\n\t"                                                            \
                         "vmov s14, r1\n\t"                                                                      \
                         "1:\n\t"                                                                                \
                         "vmov r0, r1, s7, s8\n\t"                                                               \
                         "ldr r4, [r0]\n\t"                                                                      \
                         "ldr r5, [r0, r1]\n\t"                                                                  \
                         "ldr r2, [r0, r1, lsl #1]\n\t"                                                          \
                         "add r0, r0, #2\n\t"                                                                    \
                         "vmov s7, r0\n\t"                                                                       \
                         "sxtb16 r8, r4\n\t"                                                                     \
                         "sxtb16 r4, r4, ror #8\n\t"                                                             \
                         "sxtb16 r9, r5\n\t"                                                                     \
                         "sxtb16 r5, r5, ror #8\n\t"                                                             \
                         "sxtb16 r10, r2\n\t"                                                                    \
                         "sxtb16 r11, r2, ror #8\n\t"                                                            \
                         "pkhbt r12, r4, r5, lsl #16\n\t"                                                        \
                         "vmov s12, s13, r4, r5\n\t" DL_K9_PIXEL(CHUNK, "2", "r10", "r11")                       \
                         "pkhtb r12, r9, r8, asr #16\n\t"                                                        \
                         "ror r10, r10, #16\n\t"                                                                 \
                         "vmov r8, r9, s12, s13\n\t" DL_K9_PIXEL(CHUNK, "3", "r11", "r10")                       \
                         "vmov r0, s14\n\t"                                                                      \
                         "cmp r7, r0\n\t"                                                                        \
                         "bne 1b\n\t"                                                                            \
                         "vpop {s16-s31}\n\t"                                                                    \
                         "pop {r3-r11, pc}\n\t");                                                                \
    }
DL_K9_FN(dl_k9_run, DL_K9_CHUNK)
DL_K9_FN(dl_k9_run_u, DL_K9_CHUNK_U)
#endif

/* round half to even, clamp to [0, 255], subtract 128: the output for zero
 * point -128 and the full int8 range */
static inline int8_t dl_out_usat(int32_t acc, float scale)
{
    float t = (float)acc * scale;
    t = t < 0.0f ? 0.0f : (t > 255.0f ? 255.0f : t);
    uint32_t u;
    t = t + DL_MAGIC;
    memcpy(&u, &t, 4);
    return (int8_t)(uint8_t)((u & 0xff) ^ 0x80);
}

/* one pixel from its five window words (C: host emulation, borders) */
static void k9_pixel(const dl_k9_job *j, const uint32_t *x, int8_t *o, int OC)
{
    const uint32_t *rec = j->rec;
    const float *sc = j->scale + 16 - OC;
    for (int c = 0; c < OC; ++c, rec += DL_K9_REC) {
        int32_t acc = (int32_t)rec[0];
        for (int i = 0; i < 5; ++i)
            acc = dl_smlad(x[i], rec[1 + i], acc);
        o[c] = j->usat ? dl_out_usat(acc, sc[c]) : dl_out_magic(acc, sc[c], j->magic, j->lo, j->hi);
    }
}

#if DL_PX_ASM
/* dst[0, wdt) = zp, then dst[pad, pad + n) = src (if any), a word at a time
 * (newlib-nano's memset/memcpy go byte by byte); pad + n <= wdt <= DL_K9_PADW */
static void pad_row(int8_t *dst, const int8_t *src, int n, int pad, int wdt, int8_t zp)
{
    const uint32_t zw = (uint32_t)(uint8_t)zp * 0x01010101u;
    for (int i = 0; i < wdt; i += 4)
        dl_st32(dst + i, zw); /* wdt rounded up to a word: the row has DL_K9_PADW bytes */
    if (src == NULL)
        return;
    int8_t *d = dst + pad;
    int i = 0;
    for (; i + 4 <= n; i += 4)
        dl_st32(d + i, dl_ld32(src + i));
    for (; i < n; ++i)
        d[i] = src[i];
}
#endif

static int k9_ok(const dl_conv_params *p)
{
    return p->fscale != NULL && (p->out_offset & 1) == 0 && p->k_h == 3 && p->k_w == 3 && p->in_c == 1 &&
           p->dil_w == 1 && p->stride_w == 1 && (p->out_c & 3) == 0 && p->out_c <= 16;
}

static void k9_conv(const dl_conv_params *p, const int8_t *in, int8_t *out)
{
    const int OC = p->out_c;
    uint32_t *rec = (uint32_t *)(void *)p->scratch;
    dl_k9_job j;
    static const int8_t order[10] = {0, 2, 3, 5, 6, 8, 1, 4, 7, -1}; /* tap of each q15 lane */
    for (int oc = 0; oc < OC; ++oc, rec += DL_K9_REC) {
        const int8_t *w = p->weights + (size_t)oc * 9;
        rec[0] = (uint32_t)p->bias_zp[oc];
        for (int i = 0; i < 5; ++i) {
            const int32_t lo = w[order[2 * i]], hi = order[2 * i + 1] < 0 ? 0 : w[order[2 * i + 1]];
            rec[1 + i] = dl_pack16(lo, hi);
        }
    }
    for (int i = 0; i < 16; ++i)
        j.scale[i] = i >= 16 - OC ? p->fscale[i - (16 - OC)] : 0.0f;
    j.magic = DL_MAGIC + (float)p->out_offset;
    j.lo = DL_MAGIC + (float)p->act_min;
    j.hi = DL_MAGIC + (float)p->act_max;
    j.rstep = p->dil_h * p->in_w;
    j.rec = (const uint32_t *)(const void *)p->scratch;
    j.skip = 4 - OC / 4;
    j.usat = p->out_offset == -128 && p->act_min == -128 && p->act_max == 127;
    const int8_t zp = (int8_t)(-p->in_offset);
    for (int b = 0; b < p->batches; ++b) {
        const int8_t *inb = in + (size_t)b * p->in_h * p->in_w;
        const int last_batch = b == p->batches - 1;
        for (int oy = 0; oy < p->out_h; ++oy) {
            const int iy0 = oy * p->stride_h - p->pad_h;
            int x0 = 0, x1 = 0; /* interior run [x0, x1) */
            if (iy0 >= 0 && iy0 + 2 * p->dil_h < p->in_h) {
                x0 = p->pad_w;
                x1 = p->in_w - 2 + p->pad_w;
                x1 = x1 < p->out_w ? x1 : p->out_w;
                /* each row is read as a word: the last pixel of the input's
                 * last row would read one byte past the tensor */
                if (last_batch && iy0 + 2 * p->dil_h == p->in_h - 1 && x1 - p->pad_w + 3 > p->in_w)
                    --x1;
                if (x1 < x0)
                    x1 = x0;
            }
#if DL_PX_ASM
            if (x1 - x0 < p->out_w && p->out_w >= 2 && p->out_w + 6 <= DL_K9_PADW &&
                p->pad_w + p->in_w <= p->out_w + 3) {
                /* a row with padded taps (SAME padding): its three input
                 * rows padded with the zero point on the stack, then the
                 * whole row as interior pixels */
                int8_t rows[3][DL_K9_PADW];
                const int wdt = p->out_w + 3;
                for (int ky = 0; ky < 3; ++ky) {
                    const int iy = iy0 + ky * p->dil_h;
                    pad_row(rows[ky], iy >= 0 && iy < p->in_h ? inb + (size_t)iy * p->in_w : NULL, p->in_w, p->pad_w,
                            wdt, zp);
                }
                j.in = rows[0];
                j.rstep = DL_K9_PADW;
                j.n = p->out_w & ~1;
                j.out = out;
                if (j.usat)
                    dl_k9_run_u(&j);
                else
                    dl_k9_run(&j);
                j.rstep = p->dil_h * p->in_w;
                x0 = x1 = 0; /* an odd last pixel goes below */
                out += (size_t)j.n * OC;
                if (j.n == p->out_w)
                    continue;
                const int ox = j.n, ix0 = ox - p->pad_w;
                int8_t v[3][4];
                for (int ky = 0; ky < 3; ++ky)
                    for (int kx = 0; kx < 4; ++kx)
                        v[ky][kx] = kx < 3 ? rows[ky][ix0 + p->pad_w + kx] : zp;
                const uint32_t x[5] = {dl_pack16(v[0][0], v[0][2]), dl_pack16(v[1][0], v[1][2]),
                                       dl_pack16(v[2][0], v[2][2]), dl_pack16(v[0][1], v[1][1]),
                                       dl_pack16(v[2][1], 0)};
                k9_pixel(&j, x, out, OC);
                out += OC;
                continue;
            }
#endif
            for (int ox = 0; ox < p->out_w; ++ox, out += OC) {
#if DL_PX_ASM
                if (ox == x0 && x1 - x0 >= 2) {
                    /* pairs of pixels; an odd last one goes below */
                    j.in = inb + (size_t)iy0 * p->in_w + (ox - p->pad_w);
                    j.n = (x1 - x0) & ~1;
                    j.out = out;
                    if (j.usat)
                        dl_k9_run_u(&j);
                    else
                        dl_k9_run(&j);
                    out += (size_t)(j.n - 1) * OC;
                    ox += j.n - 1;
                    continue;
                }
#endif
                const int ix0 = ox - p->pad_w;
                int8_t v[3][4];
                for (int ky = 0; ky < 3; ++ky) {
                    const int iy = iy0 + ky * p->dil_h;
                    for (int kx = 0; kx < 4; ++kx) {
                        const int ix = ix0 + kx;
                        v[ky][kx] = kx < 3 && iy >= 0 && iy < p->in_h && ix >= 0 && ix < p->in_w
                                        ? inb[(size_t)iy * p->in_w + ix]
                                        : zp;
                    }
                }
                const uint32_t x[5] = {dl_pack16(v[0][0], v[0][2]), dl_pack16(v[1][0], v[1][2]),
                                       dl_pack16(v[2][0], v[2][2]), dl_pack16(v[0][1], v[1][1]),
                                       dl_pack16(v[2][1], 0)};
                k9_pixel(&j, x, out, OC);
            }
        }
    }
}

static void smallk_conv(const dl_conv_params *p, const int8_t *in, int8_t *out)
{
    const int K = p->k_h * p->k_w * p->in_c, NW = (K + 1) / 2;
    uint32_t *rec = (uint32_t *)(void *)p->scratch;
    if (k9_ok(p)) {
        k9_conv(p, in, out);
        return;
    }
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

/* fp32 mode with an even output zero point (K % 4 == 0): P = 3..6 pixels x
 * one channel per step like dl_dot_1x6, but one call runs every output
 * channel of the block and does the output stage itself, so the per-channel
 * cost outside the multiply-accumulate loop is a few dozen instructions
 * instead of a C call, six accumulator stores and a C requantization loop.
 *
 * The output stage is XNNPACK's, rearranged so it needs no integer work:
 * t = (float)acc * scale + M with M = 1.5 * 2^23 + zp, then t clamped to
 * [1.5 * 2^23 + act_min, 1.5 * 2^23 + act_max]; the low byte of t's bits is
 * the output. It is the same integer as round-half-even(acc * scale) + zp
 * clamped: adding M rounds to an integer exactly like round-half-even when M
 * is even (hence only even zero points take this path) and the sum stays in
 * [2^23, 2^24), where the float spacing is 1; float addition is monotonic,
 * so clamping after the addition selects the same bound as clamping before it
 * (both bounds are exact integers there). */
typedef struct {
    const int16_t *x;     /* s16: the P interleaved columns */
    const int8_t *w;      /* s17: weights of the first channel; each channel's follow (K % 4 == 0) */
    const int32_t *bias;  /* s18: bias_zp */
    const float *scale;   /* s19: fscale */
    int8_t *out;          /* s20: output of pixel 0, channel 0 */
    int32_t pitch;        /* s21: bytes between pixels (out_c) */
    int8_t *out_end;      /* s22: out + out_c */
    int32_t n1;           /* s23: groups of four k after the first */
    float magic, lo, hi;  /* s24-s26 */
    uint32_t entry;       /* s27: set by the kernel */
    const int16_t *x_end; /* s28: x + P * K */
    int wq;               /* w holds int16 pairs (dl_widen order) instead of int8 (C twin only) */
} dl_px_job;


#if DL_PX_ASM
/* Registers in the loop: r0 column pointer, r1 weight pointer, r2-r7
 * accumulators, r8-r11 two pixels' input words, r12/lr the widened weights;
 * everything else lives in s16-s28 (one VMOV moves two words). The K loop is
 * unrolled U times and entered part-way (all its instructions are 32-bit, so
 * a group has a fixed size, checked at assembly time). */
#define DL_PX_W "ldr lr, [r1], #4\n\tsxtb16 r12, lr\n\tsxtb16 lr, lr, ror #8\n\t"
#define DL_PX_WQ "ldrd r12, lr, [r1], #8\n\t" /* weights already widened */
#define DL_PX_2(a, b)                                                                                            \
    "ldmia r0!, {r8-r11}\n\tsmlad " a ", r8, r12, " a "\n\tsmlad " a ", r9, lr, " a "\n\tsmlad " b               \
    ", r10, r12, " b "\n\tsmlad " b ", r11, lr, " b "\n\t"
#define DL_PX_1(a) "ldmia r0!, {r8-r9}\n\tsmlad " a ", r8, r12, " a "\n\tsmlad " a ", r9, lr, " a "\n\t"
/* the first group starts every accumulator from the bias in r7 */
#define DL_PX_2B(a, b)                                                                                           \
    "ldmia r0!, {r8-r11}\n\tsmlad " a ", r8, r12, r7\n\tsmlad " a ", r9, lr, " a "\n\tsmlad " b                  \
    ", r10, r12, r7\n\tsmlad " b ", r11, lr, " b "\n\t"
#define DL_PX_1B(a) "ldmia r0!, {r8-r9}\n\tsmlad " a ", r8, r12, r7\n\tsmlad " a ", r9, lr, " a "\n\t"
#define DL_PX_F(s)                                                                                               \
    "vcvt.f32.s32 " s ", " s "\n\tvmul.f32 " s ", " s ", s15\n\tvadd.f32 " s ", " s ", s24\n\tvmaxnm.f32 " s     \
    ", " s ", s25\n\tvminnm.f32 " s ", " s ", s26\n\t"
#define DL_R2(x) x x
#define DL_R4(x) DL_R2(x) DL_R2(x)
#define DL_R8(x) DL_R4(x) DL_R4(x)
#define DL_R16(x) DL_R8(x) DL_R8(x)
#define DL_R32(x) DL_R16(x) DL_R16(x)

/* U = unroll (power of two), GB = bytes per group */
#define DL_PX_FN(name, U, REP, GB, W, GROUP, FIRST, TOF, FOPS, FROMF, STORES)                                      \
    __attribute__((naked, noinline)) static void name(DL_UNUSED const dl_px_job *j)                             \
    {                                                                                                            \
        __asm__ volatile("push {r3-r11, lr}\n\t"                                                                 \
                         "vpush {s16-s31}\n\t"                                                                   \
                         "vldmia r0, {s16-s28}\n\t"                                                              \
                         "vmov r2, s23\n\t"                                                                      \
                         "adr.w r5, 30f\n\t"                                                                     \
                         "cbz r2, 6f\n\t"                                                                        \
                         "and r3, r2, #" #U "-1\n\t"                                                             \
                         "rsb r3, r3, #" #U "\n\t"                                                               \
                         "and r3, r3, #" #U "-1\n\t"                                                             \
                         "mov r4, #" #GB "\n\t"                                                                  \
                         "adr.w r5, 10f\n\t"                                                                     \
                         "mla r5, r3, r4, r5\n\t"                                                                \
                         "6:\n\t"                                                                                \
                         "orr r5, r5, #1\n\t"                                                                    \
                         "vmov s27, r5\n\t"                                                                      \
                         "vmov r1, s17\n\t" /* r1 runs on from channel to channel */                              \
                         "20:\n\t"                                                                               \
                         "vmov r0, s16\n\t"                                                                      \
                         "vmov r8, r9, s18, s19\n\t"                                                             \
                         "ldr r7, [r8], #4\n\t"                                                                  \
                         "vldmia r9!, {s15}\n\t"                                                                 \
                         "vmov s18, s19, r8, r9\n\t" W FIRST "vmov r8, s27\n\t"                                  \
                         "bx r8\n\t"                                                                             \
                         "10:\n\t" REP(W GROUP) "11:\n\t"                                                        \
                         ".if (11b - 10b) != " #U " * " #GB "\n\t"                                               \
                         ".error \"a K group is not " #GB " bytes\"\n\t"                                         \
                         ".endif\n\t"                                                                            \
                         "vmov r8, s28\n\t"                                                                      \
                         "cmp r0, r8\n\t"                                                                        \
                         "bne 10b\n\t"                                                                           \
                         "30:\n\t"                                                                               \
                         TOF FOPS FROMF "vmov r8, r9, s20, s21\n\t" STORES                                         \
                         "add r8, r8, #1\n\t"                                                                    \
                         "vmov s20, r8\n\t"                                                                      \
                         "vmov r9, s22\n\t"                                                                      \
                         "cmp r8, r9\n\t"                                                                        \
                         "bne 20b\n\t"                                                                           \
                         "vpop {s16-s31}\n\t"                                                                    \
                         "pop {r3-r11, pc}\n\t");                                                                \
    }

DL_PX_FN(dl_px6, 32, DL_R32, 72, DL_PX_W, DL_PX_2("r2", "r3") DL_PX_2("r4", "r5") DL_PX_2("r6", "r7"),
         DL_PX_2B("r2", "r3") DL_PX_2B("r4", "r5") DL_PX_2B("r6", "r7"),
         "vmov s0, s1, r2, r3\n\tvmov s2, s3, r4, r5\n\tvmov s4, s5, r6, r7\n\t",
         DL_PX_F("s0") DL_PX_F("s1") DL_PX_F("s2") DL_PX_F("s3") DL_PX_F("s4") DL_PX_F("s5"),
         "vmov r2, r3, s0, s1\n\tvmov r4, r5, s2, s3\n\tvmov r6, r7, s4, s5\n\t",
         "strb r2, [r8]\n\tstrb r3, [r8, r9]\n\tadd r10, r8, r9, lsl #1\n\tstrb r4, [r10]\n\tstrb r5, [r10, r9]\n\t"
         "add r10, r10, r9, lsl #1\n\tstrb r6, [r10]\n\tstrb r7, [r10, r9]\n\t")
DL_PX_FN(dl_px6q, 32, DL_R32, 64, DL_PX_WQ, DL_PX_2("r2", "r3") DL_PX_2("r4", "r5") DL_PX_2("r6", "r7"),
         DL_PX_2B("r2", "r3") DL_PX_2B("r4", "r5") DL_PX_2B("r6", "r7"),
         "vmov s0, s1, r2, r3\n\tvmov s2, s3, r4, r5\n\tvmov s4, s5, r6, r7\n\t",
         DL_PX_F("s0") DL_PX_F("s1") DL_PX_F("s2") DL_PX_F("s3") DL_PX_F("s4") DL_PX_F("s5"),
         "vmov r2, r3, s0, s1\n\tvmov r4, r5, s2, s3\n\tvmov r6, r7, s4, s5\n\t",
         "strb r2, [r8]\n\tstrb r3, [r8, r9]\n\tadd r10, r8, r9, lsl #1\n\tstrb r4, [r10]\n\tstrb r5, [r10, r9]\n\t"
         "add r10, r10, r9, lsl #1\n\tstrb r6, [r10]\n\tstrb r7, [r10, r9]\n\t")
DL_PX_FN(dl_px5, 8, DL_R8, 64, DL_PX_W, DL_PX_2("r2", "r3") DL_PX_2("r4", "r5") DL_PX_1("r6"),
         DL_PX_2B("r2", "r3") DL_PX_2B("r4", "r5") DL_PX_1B("r6"),
         "vmov s0, s1, r2, r3\n\tvmov s2, s3, r4, r5\n\tvmov s4, r6\n\t",
         DL_PX_F("s0") DL_PX_F("s1") DL_PX_F("s2") DL_PX_F("s3") DL_PX_F("s4"),
         "vmov r2, r3, s0, s1\n\tvmov r4, r5, s2, s3\n\tvmov r6, s4\n\t",
         "strb r2, [r8]\n\tstrb r3, [r8, r9]\n\tadd r10, r8, r9, lsl #1\n\tstrb r4, [r10]\n\tstrb r5, [r10, r9]\n\t"
         "add r10, r10, r9, lsl #1\n\tstrb r6, [r10]\n\t")
DL_PX_FN(dl_px5q, 8, DL_R8, 56, DL_PX_WQ, DL_PX_2("r2", "r3") DL_PX_2("r4", "r5") DL_PX_1("r6"),
         DL_PX_2B("r2", "r3") DL_PX_2B("r4", "r5") DL_PX_1B("r6"),
         "vmov s0, s1, r2, r3\n\tvmov s2, s3, r4, r5\n\tvmov s4, r6\n\t",
         DL_PX_F("s0") DL_PX_F("s1") DL_PX_F("s2") DL_PX_F("s3") DL_PX_F("s4"),
         "vmov r2, r3, s0, s1\n\tvmov r4, r5, s2, s3\n\tvmov r6, s4\n\t",
         "strb r2, [r8]\n\tstrb r3, [r8, r9]\n\tadd r10, r8, r9, lsl #1\n\tstrb r4, [r10]\n\tstrb r5, [r10, r9]\n\t"
         "add r10, r10, r9, lsl #1\n\tstrb r6, [r10]\n\t")
DL_PX_FN(dl_px4, 8, DL_R8, 52, DL_PX_W, DL_PX_2("r2", "r3") DL_PX_2("r4", "r5"),
         DL_PX_2B("r2", "r3") DL_PX_2B("r4", "r5"),
         "vmov s0, s1, r2, r3\n\tvmov s2, s3, r4, r5\n\t",
         DL_PX_F("s0") DL_PX_F("s1") DL_PX_F("s2") DL_PX_F("s3"), "vmov r2, r3, s0, s1\n\tvmov r4, r5, s2, s3\n\t",
         "strb r2, [r8]\n\tstrb r3, [r8, r9]\n\tadd r10, r8, r9, lsl #1\n\tstrb r4, [r10]\n\tstrb r5, [r10, r9]\n\t")
DL_PX_FN(dl_px4q, 8, DL_R8, 44, DL_PX_WQ, DL_PX_2("r2", "r3") DL_PX_2("r4", "r5"),
         DL_PX_2B("r2", "r3") DL_PX_2B("r4", "r5"),
         "vmov s0, s1, r2, r3\n\tvmov s2, s3, r4, r5\n\t",
         DL_PX_F("s0") DL_PX_F("s1") DL_PX_F("s2") DL_PX_F("s3"), "vmov r2, r3, s0, s1\n\tvmov r4, r5, s2, s3\n\t",
         "strb r2, [r8]\n\tstrb r3, [r8, r9]\n\tadd r10, r8, r9, lsl #1\n\tstrb r4, [r10]\n\tstrb r5, [r10, r9]\n\t")
DL_PX_FN(dl_px3, 8, DL_R8, 44, DL_PX_W, DL_PX_2("r2", "r3") DL_PX_1("r4"), DL_PX_2B("r2", "r3") DL_PX_1B("r4"),
         "vmov s0, s1, r2, r3\n\tvmov s2, r4\n\t", DL_PX_F("s0") DL_PX_F("s1") DL_PX_F("s2"),
         "vmov r2, r3, s0, s1\n\tvmov r4, s2\n\t",
         "strb r2, [r8]\n\tstrb r3, [r8, r9]\n\tadd r10, r8, r9, lsl #1\n\tstrb r4, [r10]\n\t")
DL_PX_FN(dl_px3q, 8, DL_R8, 36, DL_PX_WQ, DL_PX_2("r2", "r3") DL_PX_1("r4"), DL_PX_2B("r2", "r3") DL_PX_1B("r4"),
         "vmov s0, s1, r2, r3\n\tvmov s2, r4\n\t", DL_PX_F("s0") DL_PX_F("s1") DL_PX_F("s2"),
         "vmov r2, r3, s0, s1\n\tvmov r4, s2\n\t",
         "strb r2, [r8]\n\tstrb r3, [r8, r9]\n\tadd r10, r8, r9, lsl #1\n\tstrb r4, [r10]\n\t")
#endif

/* the same computation in C (host emulation; any P) */
static void dl_px_c(const dl_px_job *j, int P)
{
    const int8_t *w = j->w;
    const int32_t *b = j->bias;
    const float *sc = j->scale;
    const int32_t ng = j->n1 + 1;
    for (int8_t *o = j->out; o != j->out_end; ++o, ++b, ++sc) {
        int32_t acc[DL_PX_MAX];
        for (int i = 0; i < P; ++i)
            acc[i] = *b;
        const int16_t *x = j->x;
        for (int32_t g = 0; g < ng; ++g) {
            uint32_t we, wo;
            if (j->wq) {
                we = dl_ld32(w);
                wo = dl_ld32(w + 4);
                w += 8;
            } else {
                const uint32_t v = dl_ld32(w);
                we = dl_sxtb16(v);
                wo = dl_sxtb16_ror8(v);
                w += 4;
            }
            for (int i = 0; i < P; ++i, x += 4) {
                acc[i] = dl_smlad(dl_ld32(x), we, acc[i]);
                acc[i] = dl_smlad(dl_ld32(x + 2), wo, acc[i]);
            }
        }
        for (int i = 0; i < P; ++i)
            o[i * j->pitch] = dl_out_magic(acc[i], *sc, j->magic, j->lo, j->hi);
    }
}

static void px_block(dl_px_job *j, int P)
{
#if DL_PX_ASM
    if (j->wq) {
        switch (P) {
        case 6: dl_px6q(j); return;
        case 5: dl_px5q(j); return;
        case 4: dl_px4q(j); return;
        case 3: dl_px3q(j); return;
        default: break;
        }
    }
    switch (P) {
    case 6: dl_px6(j); return;
    case 5: dl_px5(j); return;
    case 4: dl_px4(j); return;
    case 3: dl_px3(j); return;
    default: break;
    }
#endif
    dl_px_c(j, P);
}

static int px_ok(const dl_conv_params *p)
{
    return p->fscale != NULL && (p->out_offset & 1) == 0 && wide(p) && p->out_h * p->out_w >= 3;
}

/* The P columns of pixels pix..pix+P-1; interior pixels with whole rows of
 * groups (dilation 1 across, k_w * in_c % 4 == 0) in one call each. */
static void px_columns(const dl_conv_params *p, const int8_t *inb, int pix, int P, int16_t *q, int8_t *raw)
{
    const int C = p->in_c, span = p->k_w * C;
    const size_t rstep = (size_t)p->in_w * C * p->dil_h;
    const int fast = p->dil_w == 1 && (span & 3) == 0;
    int oy = pix / p->out_w, ox = pix % p->out_w;
#if defined(__ARM_FEATURE_DSP) && !defined(DL_EMULATE_DSP)
    /* the usual case, rows of at most DL_WRUN_MAX groups: the widening run
     * called directly, chosen once per block */
    void (*run)(const int8_t *, int16_t *, int32_t, int32_t, int32_t) =
        P == 6 ? dl_wrun6 : P == 5 ? dl_wrun5 : P == 4 ? dl_wrun4 : dl_wrun3;
    if (!fast || span / 4 > DL_WRUN_MAX)
        run = NULL;
#endif
    {
        /* the common case: all P pixels interior and in one output row */
        const int iy0 = oy * p->stride_h - p->pad_h, ix0 = ox * p->stride_w - p->pad_w;
        const int ixl = (ox + P - 1) * p->stride_w - p->pad_w;
        if (fast && ox + P <= p->out_w && iy0 >= 0 && ix0 >= 0 && iy0 + (p->k_h - 1) * p->dil_h < p->in_h &&
            ixl + p->k_w - 1 < p->in_w) {
            const int8_t *src = inb + ((size_t)iy0 * p->in_w + ix0) * C;
            const size_t step = (size_t)p->stride_w * C;
#if defined(__ARM_FEATURE_DSP) && !defined(DL_EMULATE_DSP)
            if (run != NULL) {
                const int32_t rskip = (int32_t)rstep - span;
                for (int c = 0; c < P; ++c, src += step)
                    run(src, q + 4 * c, span / 4, p->k_h, rskip);
                return;
            }
#endif
            for (int c = 0; c < P; ++c, src += step)
                widen_rows(src, q, span, p->k_h, rstep, c, P);
            return;
        }
    }
    for (int c = 0; c < P; ++c) {
        const int iy0 = oy * p->stride_h - p->pad_h, ix0 = ox * p->stride_w - p->pad_w;
        if (fast && iy0 >= 0 && ix0 >= 0 && iy0 + (p->k_h - 1) * p->dil_h < p->in_h && ix0 + p->k_w - 1 < p->in_w) {
            const int8_t *src = inb + ((size_t)iy0 * p->in_w + ix0) * C;
#if defined(__ARM_FEATURE_DSP) && !defined(DL_EMULATE_DSP)
            if (run != NULL)
                run(src, q + 4 * c, span / 4, p->k_h, (int32_t)rstep - span);
            else
#endif
                widen_rows(src, q, span, p->k_h, rstep, c, P);
        } else
            column(p, inb, pix + c, q, c, raw, P);
        if (++ox == p->out_w) {
            ox = 0;
            ++oy;
        }
    }
}

/* One batch image: blocks of six pixels, the rest as one block of 3-5 or,
 * for one or two left over, the last six plus them as 4 + 3 or 4 + 4. */
static void px_conv(const dl_conv_params *p, const int8_t *inb, int8_t *out)
{
    const int K = p->k_h * p->k_w * p->in_c, OC = p->out_c, npix = p->out_h * p->out_w;
    int16_t *q = p->scratch;
    int8_t *raw = (int8_t *)(q + DL_WIDE_PX * K);
    int n6 = npix / 6, r = npix % 6, tail[2] = {0, 0};
    if (r >= 3) {
        tail[0] = r;
    } else if (r > 0) {
        n6 -= 1;
        tail[0] = 4;
        tail[1] = 2 + r;
    }
    const int nq = wq_channels(p);
    int16_t *wq = (int16_t *)(void *)(raw + K);
    for (int oc = 0; oc < nq; ++oc)
        dl_widen(p->weights + (size_t)oc * K, wq + (size_t)oc * K, K);
    dl_px_job j;
    j.w = p->weights;
    j.pitch = OC;
    j.n1 = K / 4 - 1;
    j.magic = DL_MAGIC + (float)p->out_offset;
    j.lo = DL_MAGIC + (float)p->act_min;
    j.hi = DL_MAGIC + (float)p->act_max;
    j.x = q;
    int pix = 0;
    for (int blk = 0; blk < n6 + 2; ++blk) {
        const int P = blk < n6 ? 6 : tail[blk - n6];
        if (P == 0)
            break;
        px_columns(p, inb, pix, P, q, raw);
        const int nw = nq; /* channels [0, nw) read widened weights */
        j.x_end = q + (size_t)P * K;
        if (nw > 0) {
            j.wq = 1;
            j.bias = p->bias_zp;
            j.scale = p->fscale;
            j.w = (const int8_t *)(const void *)wq;
            j.out = out + (size_t)pix * OC;
            j.out_end = j.out + nw;
            px_block(&j, P);
        }
        if (nw < OC) {
            j.wq = 0;
            j.bias = p->bias_zp + nw;
            j.scale = p->fscale + nw;
            j.w = p->weights + (size_t)nw * K;
            j.out = out + (size_t)pix * OC + nw;
            j.out_end = out + (size_t)pix * OC + OC;
            px_block(&j, P);
        }
        pix += P;
    }
}

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
        if (px_ok(p)) {
            px_conv(p, inb, out);
            out += (size_t)npix * OC;
            continue;
        }
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
