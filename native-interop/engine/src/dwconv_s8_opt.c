#include <string.h>
#include "dl_kernels.h"
#include "dl_fixedpoint.h"
#include "dl_simd.h"

/* Optimized depthwise convolution: accumulators for all output channels of
 * one pixel live in the scratch buffer; taps are the outer loop so both the
 * input (in_c) and weight (out_c) rows are read contiguously. Interior pixels
 * start from bias_zp (zero point folded in), border pixels from bias with
 * the offset added per tap. */
size_t dl_dwconv_s8_opt_scratch_bytes(const dl_conv_params *p)
{
    /* accumulators, then (DSP path) a row of input zero points */
    return (size_t)p->out_c * sizeof(int32_t) + (size_t)p->in_c;
}

void dl_dwconv_s8_opt(const dl_conv_params *p, const int8_t *in, int8_t *out)
{
    const int C = p->in_c, OC = p->out_c, M = p->depth_mult;
    int32_t *acc = (int32_t *)(void *)p->scratch;
#if DL_USE_DSP
    int8_t *zrow = (int8_t *)(acc + OC);
    const int taps = p->k_h * p->k_w;
    memset(zrow, (int8_t)(-p->in_offset), (size_t)C);
#endif
    for (int b = 0; b < p->batches; ++b) {
        const int8_t *inb = in + (size_t)b * p->in_h * p->in_w * C;
        for (int oy = 0; oy < p->out_h; ++oy) {
            const int iy0 = oy * p->stride_h - p->pad_h;
            for (int ox = 0; ox < p->out_w; ++ox) {
                const int ix0 = ox * p->stride_w - p->pad_w;
                const int inside = iy0 >= 0 && ix0 >= 0 && iy0 + (p->k_h - 1) * p->dil_h < p->in_h &&
                                   ix0 + (p->k_w - 1) * p->dil_w < p->in_w;
#if DL_USE_DSP
                if (((M == 1 && (C & 3) == 0) || (M & 3) == 0) && taps <= 64) {
                    /* four channels per step, accumulators in registers: one
                     * word of input and one of weights per tap, split by
                     * SXTB16 into 16-bit lanes for SMLABB/SMLATT. Taps in the
                     * padding read a row of input zero points, so bias_zp
                     * holds for every pixel. */
                    const int8_t *tap[64];
                    int t = 0;
                    for (int ky = 0; ky < p->k_h; ++ky) {
                        const int iy = iy0 + ky * p->dil_h;
                        for (int kx = 0; kx < p->k_w; ++kx, ++t) {
                            const int ix = ix0 + kx * p->dil_w;
                            tap[t] = (iy < 0 || iy >= p->in_h || ix < 0 || ix >= p->in_w)
                                         ? zrow
                                         : inb + ((size_t)iy * p->in_w + ix) * C;
                        }
                    }
                    for (int c = 0; c < OC; c += 4) {
                        int32_t s0 = p->bias_zp[c], s1 = p->bias_zp[c + 1], s2 = p->bias_zp[c + 2],
                                s3 = p->bias_zp[c + 3];
                        const int8_t *w = p->weights + c;
                        if (M == 1) {
                            for (t = 0; t < taps; ++t, w += OC) {
                                uint32_t xv = dl_ld32(tap[t] + c), wv = dl_ld32(w);
                                uint32_t xe = dl_sxtb16(xv), xo = dl_sxtb16_ror8(xv);
                                uint32_t we = dl_sxtb16(wv), wo = dl_sxtb16_ror8(wv);
                                s0 = dl_smlabb(xe, we, s0);
                                s2 = dl_smlatt(xe, we, s2);
                                s1 = dl_smlabb(xo, wo, s1);
                                s3 = dl_smlatt(xo, wo, s3);
                            }
                        } else {
                            /* M % 4 == 0: the four outputs share one input
                             * channel, whose value goes into both halves */
                            const int ic = c / M;
                            for (t = 0; t < taps; ++t, w += OC) {
                                uint32_t xx = (uint16_t)(int16_t)tap[t][ic];
                                xx |= xx << 16;
                                uint32_t wv = dl_ld32(w);
                                uint32_t we = dl_sxtb16(wv), wo = dl_sxtb16_ror8(wv);
                                s0 = dl_smlabb(xx, we, s0);
                                s2 = dl_smlatt(xx, we, s2);
                                s1 = dl_smlabb(xx, wo, s1);
                                s3 = dl_smlatt(xx, wo, s3);
                            }
                        }
                        out[c] = (int8_t)dl_requant_out(s0, c, p->mult, p->shift, p->fscale, p->out_offset,
                                                        p->act_min, p->act_max);
                        out[c + 1] = (int8_t)dl_requant_out(s1, c + 1, p->mult, p->shift, p->fscale,
                                                            p->out_offset, p->act_min, p->act_max);
                        out[c + 2] = (int8_t)dl_requant_out(s2, c + 2, p->mult, p->shift, p->fscale,
                                                            p->out_offset, p->act_min, p->act_max);
                        out[c + 3] = (int8_t)dl_requant_out(s3, c + 3, p->mult, p->shift, p->fscale,
                                                            p->out_offset, p->act_min, p->act_max);
                    }
                    out += OC;
                    continue;
                }
#endif
                const int32_t off = inside ? 0 : p->in_offset;
                const int32_t *init = inside ? p->bias_zp : p->bias;
                for (int oc = 0; oc < OC; ++oc)
                    acc[oc] = init[oc];
                for (int ky = 0; ky < p->k_h; ++ky) {
                    const int iy = iy0 + ky * p->dil_h;
                    if (iy < 0 || iy >= p->in_h)
                        continue;
                    for (int kx = 0; kx < p->k_w; ++kx) {
                        const int ix = ix0 + kx * p->dil_w;
                        if (ix < 0 || ix >= p->in_w)
                            continue;
                        const int8_t *x = inb + ((size_t)iy * p->in_w + ix) * C;
                        const int8_t *w = p->weights + ((size_t)ky * p->k_w + kx) * OC;
                        if (M == 1) {
                            for (int c = 0; c < C; ++c)
                                acc[c] += w[c] * (x[c] + off);
                        } else {
                            for (int c = 0; c < C; ++c) {
                                const int32_t xv = x[c] + off;
                                for (int m = 0; m < M; ++m)
                                    acc[c * M + m] += w[c * M + m] * xv;
                            }
                        }
                    }
                }
                for (int oc = 0; oc < OC; ++oc) {
                    out[oc] = (int8_t)dl_requant_out(acc[oc], oc, p->mult, p->shift, p->fscale, p->out_offset,
                                                     p->act_min, p->act_max);
                }
                out += OC;
            }
        }
    }
}
