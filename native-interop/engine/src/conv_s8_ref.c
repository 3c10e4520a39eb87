#include "dl_kernels.h"
#include "dl_fixedpoint.h"

/* Reference convolution: the arithmetic of TFLite's integer ConvPerChannel.
 * Padded taps are skipped, which equals feeding the input zero point. */
void dl_conv_s8_ref(const dl_conv_params *p, const int8_t *in, int8_t *out)
{
    for (int b = 0; b < p->batches; ++b) {
        const int8_t *inb = in + (size_t)b * p->in_h * p->in_w * p->in_c;
        for (int oy = 0; oy < p->out_h; ++oy) {
            for (int ox = 0; ox < p->out_w; ++ox) {
                int iy0 = oy * p->stride_h - p->pad_h;
                int ix0 = ox * p->stride_w - p->pad_w;
                for (int oc = 0; oc < p->out_c; ++oc) {
                    const int8_t *w = p->weights + (size_t)oc * p->k_h * p->k_w * p->in_c;
                    int32_t acc = 0;
                    for (int ky = 0; ky < p->k_h; ++ky) {
                        int iy = iy0 + ky * p->dil_h;
                        if (iy < 0 || iy >= p->in_h)
                            continue;
                        for (int kx = 0; kx < p->k_w; ++kx) {
                            int ix = ix0 + kx * p->dil_w;
                            if (ix < 0 || ix >= p->in_w)
                                continue;
                            const int8_t *x = inb + ((size_t)iy * p->in_w + ix) * p->in_c;
                            const int8_t *wk = w + ((size_t)ky * p->k_w + kx) * p->in_c;
                            for (int ic = 0; ic < p->in_c; ++ic)
                                acc += (int32_t)wk[ic] * ((int32_t)x[ic] + p->in_offset);
                        }
                    }
                    acc += p->bias[oc];
                    *out++ = (int8_t)dl_requant_out(acc, oc, p->mult, p->shift, p->fscale, p->out_offset,
                                                    p->act_min, p->act_max);
                }
            }
        }
    }
}
