#include "dl_kernels.h"
#include "dl_fixedpoint.h"

/* Reference depthwise convolution (TFLite DepthwiseConvPerChannel arithmetic):
 * output channel ic*M+m reads input channel ic. */
void dl_dwconv_s8_ref(const dl_conv_params *p, const int8_t *in, int8_t *out)
{
    const int M = p->depth_mult;
    for (int b = 0; b < p->batches; ++b) {
        const int8_t *inb = in + (size_t)b * p->in_h * p->in_w * p->in_c;
        for (int oy = 0; oy < p->out_h; ++oy) {
            for (int ox = 0; ox < p->out_w; ++ox) {
                int iy0 = oy * p->stride_h - p->pad_h;
                int ix0 = ox * p->stride_w - p->pad_w;
                for (int ic = 0; ic < p->in_c; ++ic) {
                    for (int m = 0; m < M; ++m) {
                        int oc = ic * M + m;
                        int32_t acc = 0;
                        for (int ky = 0; ky < p->k_h; ++ky) {
                            int iy = iy0 + ky * p->dil_h;
                            if (iy < 0 || iy >= p->in_h)
                                continue;
                            for (int kx = 0; kx < p->k_w; ++kx) {
                                int ix = ix0 + kx * p->dil_w;
                                if (ix < 0 || ix >= p->in_w)
                                    continue;
                                int32_t x = inb[((size_t)iy * p->in_w + ix) * p->in_c + ic];
                                int32_t w = p->weights[((size_t)ky * p->k_w + kx) * p->out_c + oc];
                                acc += w * (x + p->in_offset);
                            }
                        }
                        acc += p->bias[oc];
                        out[oc] = (int8_t)dl_requant_out(acc, oc, p->mult, p->shift, p->fscale, p->out_offset,
                                                         p->act_min, p->act_max);
                    }
                }
                out += p->out_c;
            }
        }
    }
}
