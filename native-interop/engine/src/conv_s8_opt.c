#include "dl_kernels.h"
#include "dl_fixedpoint.h"
#include "dl_dot.h"
#include "dl_q15.h"

/* Optimized convolution, two implementations computing the same integers:
 * the Cortex-M7 DSP one (first) and the portable one (after #else). */
#if DL_USE_DSP
/* DSP path: the receptive fields of two output pixels are widened into one
 * interleaved int16 column pair (dl_q15.h), padded taps holding the input
 * zero point so the precomputed bias_zp is right for every pixel; then two
 * pixels x two output channels accumulate with SMLAD, reading the int8
 * weights in place. */
size_t dl_conv_s8_opt_scratch_bytes(const dl_conv_params *p)
{
    int32_t k = p->k_h * p->k_w * p->in_c;
    return dl_q15_pair_len(k) * sizeof(int16_t) + dl_q15_len(k);
}

static inline int8_t finish(const dl_conv_params *p, int32_t acc, int oc)
{
    return (int8_t)dl_requant_out(acc, oc, p->mult, p->shift, p->fscale, p->out_offset, p->act_min, p->act_max);
}

static void column(const dl_conv_params *p, const int8_t *inb, int pix, int16_t *q, int c, int8_t *raw)
{
    const int C = p->in_c, span = p->k_w * C, K = p->k_h * span;
    const int oy = pix / p->out_w, ox = pix % p->out_w;
    const int iy0 = oy * p->stride_h - p->pad_h, ix0 = ox * p->stride_w - p->pad_w;
    const int inside = p->dil_w == 1 && iy0 >= 0 && ix0 >= 0 && iy0 + (p->k_h - 1) * p->dil_h < p->in_h &&
                       ix0 + p->k_w - 1 < p->in_w;
    if (inside && (span & 3) == 0) {
        /* rows are contiguous and keep the groups of four aligned */
        for (int ky = 0; ky < p->k_h; ++ky)
            dl_widen_pair(inb + ((size_t)(iy0 + ky * p->dil_h) * p->in_w + ix0) * C, q + 2 * ky * span, span, c);
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
        dl_widen_pair(raw, q, K, c);
        return;
    }
    const int8_t zp = (int8_t)(-p->in_offset);
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
    dl_widen_pair(raw, q, K, c);
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

void dl_conv_s8_opt(const dl_conv_params *p, const int8_t *in, int8_t *out)
{
    const int K = p->k_h * p->k_w * p->in_c, OC = p->out_c;
    const int npix = p->out_h * p->out_w;
    int16_t *q = p->scratch;
    int8_t *raw = (int8_t *)(q + dl_q15_pair_len(K));
    for (int b = 0; b < p->batches; ++b) {
        const int8_t *inb = in + (size_t)b * p->in_h * p->in_w * p->in_c;
        for (int pix = 0; pix < npix; pix += 2) {
            /* an odd last pixel is paired with itself and its twin discarded */
            const int two = pix + 1 < npix;
            int8_t *oa = out + (size_t)pix * OC;
            column(p, inb, pix, q, 0, raw);
            column(p, inb, two ? pix + 1 : pix, q, 1, raw);
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
