#include "dl_kernels.h"
#include "dl_fixedpoint.h"

/* Pooling over the taps that fall inside the input (TFLite semantics: padded
 * taps are not counted, so the average divides by the number of valid taps). */
static void window(const dl_pool_params *p, int oy, int ox, int *y0, int *y1, int *x0, int *x1, int *iy, int *ix)
{
    *iy = oy * p->stride_h - p->pad_h;
    *ix = ox * p->stride_w - p->pad_w;
    *y0 = *iy < 0 ? -*iy : 0;
    *x0 = *ix < 0 ? -*ix : 0;
    *y1 = p->in_h - *iy < p->f_h ? p->in_h - *iy : p->f_h;
    *x1 = p->in_w - *ix < p->f_w ? p->in_w - *ix : p->f_w;
}

void dl_maxpool_s8(const dl_pool_params *p, const int8_t *in, int8_t *out)
{
    const int C = p->channels;
    for (int b = 0; b < p->batches; ++b) {
        const int8_t *inb = in + (size_t)b * p->in_h * p->in_w * C;
        for (int oy = 0; oy < p->out_h; ++oy) {
            for (int ox = 0; ox < p->out_w; ++ox) {
                int y0, y1, x0, x1, iy, ix;
                window(p, oy, ox, &y0, &y1, &x0, &x1, &iy, &ix);
                for (int c = 0; c < C; ++c) {
                    int32_t m = -128;
                    for (int fy = y0; fy < y1; ++fy)
                        for (int fx = x0; fx < x1; ++fx) {
                            int32_t v = inb[((size_t)(iy + fy) * p->in_w + (ix + fx)) * C + c];
                            if (v > m)
                                m = v;
                        }
                    *out++ = (int8_t)dl_clamp(m, p->act_min, p->act_max);
                }
            }
        }
    }
}

void dl_avgpool_s8(const dl_pool_params *p, const int8_t *in, int8_t *out)
{
    const int C = p->channels;
    for (int b = 0; b < p->batches; ++b) {
        const int8_t *inb = in + (size_t)b * p->in_h * p->in_w * C;
        for (int oy = 0; oy < p->out_h; ++oy) {
            for (int ox = 0; ox < p->out_w; ++ox) {
                int y0, y1, x0, x1, iy, ix;
                window(p, oy, ox, &y0, &y1, &x0, &x1, &iy, &ix);
                int32_t count = (y1 - y0) * (x1 - x0);
                for (int c = 0; c < C; ++c) {
                    int32_t acc = 0;
                    for (int fy = y0; fy < y1; ++fy)
                        for (int fx = x0; fx < x1; ++fx)
                            acc += inb[((size_t)(iy + fy) * p->in_w + (ix + fx)) * C + c];
                    if (count > 0)
                        acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
                    *out++ = (int8_t)dl_clamp(acc, p->act_min, p->act_max);
                }
            }
        }
    }
}
