#include "dl_kernels.h"
#include "dl_fixedpoint.h"
#include "dl_simd.h"

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

#if DL_USE_DSP
/* Byte-wise signed max / min of four int8 lanes: SSUB8 sets a GE flag per
 * byte where a >= b, SEL takes those bytes from a and the rest from b. */
#if defined(__ARM_FEATURE_SIMD32) && !defined(DL_EMULATE_DSP)
static inline uint32_t dl_max4(uint32_t a, uint32_t b)
{
    uint32_t r;
    __asm__("ssub8 %0, %1, %2\n\tsel %0, %1, %2" : "=&r"(r) : "r"(a), "r"(b) : "cc");
    return r;
}
static inline uint32_t dl_min4(uint32_t a, uint32_t b)
{
    uint32_t r;
    __asm__("ssub8 %0, %1, %2\n\tsel %0, %2, %1" : "=&r"(r) : "r"(a), "r"(b) : "cc");
    return r;
}
#else
static inline uint32_t dl_max4(uint32_t a, uint32_t b)
{
    uint32_t r = 0;
    for (int i = 0; i < 32; i += 8) {
        const int8_t x = (int8_t)(a >> i), y = (int8_t)(b >> i);
        r |= (uint32_t)(uint8_t)(x >= y ? x : y) << i;
    }
    return r;
}
static inline uint32_t dl_min4(uint32_t a, uint32_t b)
{
    uint32_t r = 0;
    for (int i = 0; i < 32; i += 8) {
        const int8_t x = (int8_t)(a >> i), y = (int8_t)(b >> i);
        r |= (uint32_t)(uint8_t)(x >= y ? y : x) << i;
    }
    return r;
}
#endif

/* Channels % 4 == 0: four channels per word; the window bounds are those of
 * the plain loop below (taps outside the input are skipped). */
static void maxpool_words(const dl_pool_params *p, const int8_t *in, int8_t *out)
{
    const int C = p->channels;
    const uint32_t lo = (uint32_t)(uint8_t)p->act_min * 0x01010101u, hi = (uint32_t)(uint8_t)p->act_max * 0x01010101u;
    const int clamp_lo = p->act_min > -128, clamp_hi = p->act_max < 127;
    const size_t row = (size_t)p->in_w * C;
    for (int b = 0; b < p->batches; ++b) {
        const int8_t *inb = in + (size_t)b * p->in_h * row;
        for (int oy = 0; oy < p->out_h; ++oy) {
            for (int ox = 0; ox < p->out_w; ++ox) {
                int y0, y1, x0, x1, iy, ix;
                window(p, oy, ox, &y0, &y1, &x0, &x1, &iy, &ix);
                const int8_t *w0 = inb + (size_t)(iy + y0) * row + (size_t)(ix + x0) * C;
                if (y1 - y0 == 2 && x1 - x0 == 2) {
                    for (int c = 0; c < C; c += 4, out += 4) {
                        const int8_t *t = w0 + c;
                        uint32_t m = dl_max4(dl_max4(dl_ld32(t), dl_ld32(t + C)),
                                             dl_max4(dl_ld32(t + row), dl_ld32(t + row + C)));
                        if (clamp_lo)
                            m = dl_max4(m, lo);
                        if (clamp_hi)
                            m = dl_min4(m, hi);
                        memcpy(out, &m, 4);
                    }
                    continue;
                }
                for (int c = 0; c < C; c += 4, out += 4) {
                    uint32_t m = 0x80808080u;
                    for (int fy = 0; fy < y1 - y0; ++fy)
                        for (int fx = 0; fx < x1 - x0; ++fx)
                            m = dl_max4(m, dl_ld32(w0 + (size_t)fy * row + (size_t)fx * C + c));
                    if (clamp_lo)
                        m = dl_max4(m, lo);
                    if (clamp_hi)
                        m = dl_min4(m, hi);
                    memcpy(out, &m, 4);
                }
            }
        }
    }
}
#endif

void dl_maxpool_s8(const dl_pool_params *p, const int8_t *in, int8_t *out)
{
    const int C = p->channels;
#if DL_USE_DSP
    if ((C & 3) == 0 && p->act_min <= p->act_max) {
        maxpool_words(p, in, out);
        return;
    }
#endif
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
