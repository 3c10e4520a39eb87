/*
 * Optimized kernels against the reference loops on random shapes and
 * quantization parameters (strides, padding, dilation, channel counts, depth
 * multipliers, per-tensor and per-channel), in both requantization modes,
 * plus known values of the fixed-point helpers.
 */
#include <math.h>
#include "test_util.h"
#include "dl_engine.h"
#include "dl_kernels.h"
#include "dl_fixedpoint.h"
#include "dl_q15.h"

#define MAXC 160

static int8_t in_buf[4096], w_buf[8192], out_ref[8192], out_opt[8192];
static int32_t bias[MAXC], bias_zp[MAXC], mult[MAXC], shift[MAXC];
static float fscale[MAXC];
static int32_t scratch_buf[4096];

static void fill(int8_t *p, int n)
{
    for (int i = 0; i < n; ++i)
        p[i] = (int8_t)rnd();
}

/* Per-channel output stage parameters; per_tensor repeats channel 0. */
static void quant_params(int channels, int per_tensor, float in_scale, float out_scale)
{
    for (int c = 0; c < channels; ++c) {
        float ws = per_tensor && c ? fscale[0] * out_scale / in_scale : (float)(rnd() % 1000 + 1) * 1e-5f;
        fscale[c] = in_scale * ws / out_scale;
        dl_quantize_multiplier((double)in_scale * ws / out_scale, &mult[c], &shift[c]);
        bias[c] = rnd_range(-5000, 5000);
    }
}

/* Points p at the shared weight/bias/multiplier buffers, computes bias + in_offset *
 * sum(weights) per channel as prepare does, and returns the optimized kernel's scratch need. */
static size_t bind_tables(dl_conv_params *p, int depthwise)
{
    for (int oc = 0; oc < p->out_c; ++oc) {
        int32_t sum = 0;
        if (depthwise)
            for (int t = 0; t < p->k_h * p->k_w; ++t)
                sum += w_buf[t * p->out_c + oc];
        else
            for (int t = 0; t < p->k_h * p->k_w * p->in_c; ++t)
                sum += w_buf[oc * p->k_h * p->k_w * p->in_c + t];
        bias_zp[oc] = bias[oc] + p->in_offset * sum;
    }
    p->weights = w_buf;
    p->bias = bias;
    p->bias_zp = bias_zp;
    p->mult = mult;
    p->shift = shift;
    p->scratch = (int16_t *)(void *)scratch_buf;
    return depthwise ? dl_dwconv_s8_opt_scratch_bytes(p) : dl_conv_s8_opt_scratch_bytes(p);
}

static int same_padding(int in, int k, int s, int d, int same, int32_t *out)
{
    int eff = (k - 1) * d + 1;
    *out = same ? (in + s - 1) / s : (in - eff + s) / s;
    if (*out < 1)
        return -1;
    int p = ((*out - 1) * s + eff - in) / 2;
    return p > 0 ? p : 0;
}

/* Random data and quantization for a conv whose shape is already in p, then
 * opt against ref in both requantization modes. out_zp/act: < -128 = random. */
static void run_conv_case(dl_conv_params *pp, int depthwise, int out_zp, int relu)
{
    dl_conv_params p = *pp;
    int in_n = p.batches * p.in_h * p.in_w * p.in_c;
    int w_n = depthwise ? p.k_h * p.k_w * p.out_c : p.out_c * p.k_h * p.k_w * p.in_c;
    int out_n = p.batches * p.out_h * p.out_w * p.out_c;
    CHECK(in_n <= (int)sizeof in_buf && w_n <= (int)sizeof w_buf && out_n + 16 <= (int)sizeof out_ref,
          "case too big: in %d w %d out %d", in_n, w_n, out_n);
    if (in_n > (int)sizeof in_buf || w_n > (int)sizeof w_buf || out_n + 16 > (int)sizeof out_ref)
        return;
    fill(in_buf, in_n);
    fill(w_buf, w_n);
    p.in_offset = -rnd_range(-128, 127);
    p.out_offset = out_zp < -128 ? rnd_range(-128, 127) : out_zp;
    if (relu) {
        p.act_min = p.out_offset;
        p.act_max = 127;
    } else {
        p.act_min = rnd() & 1 ? -128 : rnd_range(-128, 0);
        p.act_max = rnd() & 1 ? 127 : rnd_range(1, 127);
    }
    /* scales large enough that the clamps and every rounding matter */
    quant_params(p.out_c, (int)(rnd() & 1), 0.02f, rnd() & 1 ? 0.05f : 0.3f);
    size_t sb = bind_tables(&p, depthwise);
    CHECK(sb <= sizeof scratch_buf, "scratch %u", (unsigned)sb);
    if (sb > sizeof scratch_buf)
        return;
    for (int mode = 0; mode < 2; ++mode) {
        p.fscale = mode ? NULL : fscale;
        memset(out_ref, 0x55, (size_t)out_n + 16);
        memset(out_opt, 0x55, (size_t)out_n + 16);
        if (depthwise) {
            dl_dwconv_s8_ref(&p, in_buf, out_ref);
            dl_dwconv_s8_opt(&p, in_buf, out_opt);
        } else {
            dl_conv_s8_ref(&p, in_buf, out_ref);
            dl_conv_s8_opt(&p, in_buf, out_opt);
        }
        CHECK(memcmp(out_ref, out_opt, (size_t)out_n + 16) == 0,
              "%s %dx%dx%d k%dx%d s%d,%d d%d,%d pad%d,%d oc%d zp%d act[%d,%d] mode %d", depthwise ? "dwconv" : "conv",
              (int)p.in_h, (int)p.in_w, (int)p.in_c, (int)p.k_h, (int)p.k_w, (int)p.stride_h, (int)p.stride_w,
              (int)p.dil_h, (int)p.dil_w, (int)p.pad_h, (int)p.pad_w, (int)p.out_c, (int)p.out_offset,
              (int)p.act_min, (int)p.act_max, mode);
    }
}

/* The shapes the tuned Cortex-M7 kernels take, which the fully random test
 * above reaches rarely: 3x3 over one channel with 4-16 output channels
 * (first layers), and K % 4 == 0 with every pixel count from 1 to 40 (blocks
 * of six pixels and the 3-5 pixel tails), each with even and odd output zero
 * points and the ReLU range (zero point -128: the USAT output stage). */
static void test_conv_shapes(int iters)
{
    for (int it = 0; it < iters; ++it) {
        dl_conv_params p;
        memset(&p, 0, sizeof p);
        p.batches = rnd_range(1, 2);
        p.depth_mult = 1;
        const int first = (int)(rnd() & 1);
        int same = (int)(rnd() & 1);
        if (first) {
            p.in_h = rnd_range(3, 20);
            p.in_w = rnd_range(3, 20);
            p.in_c = 1;
            p.out_c = 4 * rnd_range(1, 4);
            p.k_h = p.k_w = 3;
            p.stride_h = rnd_range(1, 2);
            p.stride_w = rnd() % 4 == 0 ? 2 : 1;
            p.dil_h = rnd() % 4 == 0 ? 2 : 1;
            p.dil_w = 1;
        } else {
            static const int ks[] = {1, 3};
            p.k_h = p.k_w = ks[rnd() & 1];
            /* 1x1 up to 160 channels: rows longer than one unrolled widening run */
            p.in_c = 4 * (p.k_h == 1 ? rnd_range(1, 40) : rnd_range(1, 6));
            p.out_c = rnd_range(1, 32);
            p.stride_h = p.stride_w = rnd() % 4 == 0 ? 2 : 1;
            p.dil_h = p.dil_w = 1;
            const int npix = rnd_range(1, 40);
            p.in_h = rnd_range(1, 8);
            p.in_w = (npix + p.in_h - 1) / p.in_h + 2;
        }
        p.pad_h = same_padding(p.in_h, p.k_h, p.stride_h, p.dil_h, same, &p.out_h);
        p.pad_w = same_padding(p.in_w, p.k_w, p.stride_w, p.dil_w, same, &p.out_w);
        if (p.pad_h < 0 || p.pad_w < 0 ||
            p.batches * p.in_h * p.in_w * p.in_c > (int)sizeof in_buf ||
            p.out_c * p.k_h * p.k_w * p.in_c > (int)sizeof w_buf ||
            p.batches * p.out_h * p.out_w * p.out_c + 16 > (int)sizeof out_ref) {
            --it;
            continue;
        }
        const int kind = (int)(rnd() % 3);
        run_conv_case(&p, 0, kind == 0 ? -128 : (kind == 1 ? 2 * rnd_range(-64, 63) : -200), kind == 0);
    }
}

#if DL_USE_DSP
/* The DSP kernels' output stage (magic number added, clamped in float, low
 * byte) against the reference fp32 stage, for every accumulator in a range:
 * scales that make exact ties (0.5, 0.25, 1.5, ...) and random ones, even
 * zero points, random clamps. */
static void test_out_stage(int scales)
{
    static const float special[] = {0.5f, 0.25f, 0.125f, 1.5f, 0.75f, 1.0f / 3.0f, 2.0f / 3.0f, 1e-3f, 0.0625f};
    const int nspecial = (int)(sizeof special / sizeof special[0]);
    for (int i = 0; i < nspecial + scales; ++i) {
        const float scale = i < nspecial ? special[i] : (float)(rnd() % 100000 + 1) * 1e-6f;
        const int32_t zp = 2 * rnd_range(-64, 63);
        const int32_t lo = rnd() & 1 ? -128 : rnd_range(-128, 0), hi = rnd() & 1 ? 127 : rnd_range(1, 127);
        const float magic = DL_MAGIC + (float)zp, flo = DL_MAGIC + (float)lo, fhi = DL_MAGIC + (float)hi;
        int bad = 0;
        for (int32_t acc = -70000; acc <= 70000; ++acc) {
            const int8_t want = (int8_t)dl_requant_f(acc, scale, zp, lo, hi);
            const int8_t got = dl_out_magic(acc, scale, magic, flo, fhi);
            if (want != got && ++bad == 1)
                CHECK(0, "out stage: acc %d scale %g zp %d [%d,%d]: %d, expected %d", (int)acc, (double)scale,
                      (int)zp, (int)lo, (int)hi, got, want);
        }
    }
}
#endif

/* MAX_POOL_2D on channels % 4 == 0 (four channels per word on the M7)
 * against a plain loop, with SAME padding and fused clamps */
static void test_maxpool_words(int iters)
{
    static int8_t po[4096], pe[4096];
    for (int it = 0; it < iters; ++it) {
        dl_pool_params pp;
        memset(&pp, 0, sizeof pp);
        pp.batches = rnd_range(1, 2);
        pp.in_h = rnd_range(1, 12);
        pp.in_w = rnd_range(1, 12);
        pp.channels = 4 * rnd_range(1, 8);
        pp.f_h = rnd_range(1, 3);
        pp.f_w = rnd_range(1, 3);
        pp.stride_h = rnd_range(1, 2);
        pp.stride_w = rnd_range(1, 2);
        int same = (int)(rnd() & 1);
        pp.pad_h = same_padding(pp.in_h, pp.f_h, pp.stride_h, 1, same, &pp.out_h);
        pp.pad_w = same_padding(pp.in_w, pp.f_w, pp.stride_w, 1, same, &pp.out_w);
        const int in_n = pp.batches * pp.in_h * pp.in_w * pp.channels;
        const int out_n = pp.batches * pp.out_h * pp.out_w * pp.channels;
        if (pp.pad_h < 0 || pp.pad_w < 0 || in_n > (int)sizeof in_buf || out_n > (int)sizeof po) {
            --it;
            continue;
        }
        pp.act_min = rnd() & 1 ? -128 : rnd_range(-128, 0);
        pp.act_max = rnd() & 1 ? 127 : rnd_range(1, 127);
        fill(in_buf, in_n);
        int8_t *e = pe;
        for (int b = 0; b < pp.batches; ++b)
            for (int oy = 0; oy < pp.out_h; ++oy)
                for (int ox = 0; ox < pp.out_w; ++ox)
                    for (int c = 0; c < pp.channels; ++c) {
                        int m = -128;
                        for (int fy = 0; fy < pp.f_h; ++fy)
                            for (int fx = 0; fx < pp.f_w; ++fx) {
                                const int iy = oy * pp.stride_h - pp.pad_h + fy, ix = ox * pp.stride_w - pp.pad_w + fx;
                                if (iy >= 0 && iy < pp.in_h && ix >= 0 && ix < pp.in_w) {
                                    const int v = in_buf[((b * pp.in_h + iy) * pp.in_w + ix) * pp.channels + c];
                                    m = v > m ? v : m;
                                }
                            }
                        m = m < pp.act_min ? pp.act_min : (m > pp.act_max ? pp.act_max : m);
                        *e++ = (int8_t)m;
                    }
        dl_maxpool_s8(&pp, in_buf, po);
        CHECK(memcmp(po, pe, (size_t)out_n) == 0, "maxpool %dx%dx%d f%dx%d s%d,%d %s act[%d,%d]", (int)pp.in_h,
              (int)pp.in_w, (int)pp.channels, (int)pp.f_h, (int)pp.f_w, (int)pp.stride_h, (int)pp.stride_w,
              same ? "SAME" : "VALID", (int)pp.act_min, (int)pp.act_max);
    }
}

static void test_conv(int depthwise, int iters)
{
    for (int it = 0; it < iters; ++it) {
        dl_conv_params p;
        memset(&p, 0, sizeof p);
        p.batches = rnd_range(1, 2);
        p.in_h = rnd_range(1, 10);
        p.in_w = rnd_range(1, 10);
        p.in_c = rnd_range(1, depthwise ? 16 : 12);
        static const int mults[] = {1, 2, 3, 4, 8};
        p.depth_mult = depthwise ? mults[rnd() % 5] : 1;
        p.out_c = depthwise ? p.in_c * p.depth_mult : rnd_range(1, 9);
        p.k_h = rnd_range(1, 4);
        p.k_w = rnd_range(1, 4);
        p.stride_h = rnd_range(1, 3);
        p.stride_w = rnd_range(1, 3);
        p.dil_h = rnd() % 4 == 0 ? 2 : 1;
        p.dil_w = rnd() % 4 == 0 ? 2 : 1;
        int same = (int)(rnd() & 1);
        p.pad_h = same_padding(p.in_h, p.k_h, p.stride_h, p.dil_h, same, &p.out_h);
        p.pad_w = same_padding(p.in_w, p.k_w, p.stride_w, p.dil_w, same, &p.out_w);
        if (p.pad_h < 0 || p.pad_w < 0) {
            --it;
            continue;
        }
        int in_n = p.batches * p.in_h * p.in_w * p.in_c;
        int w_n = depthwise ? p.k_h * p.k_w * p.out_c : p.out_c * p.k_h * p.k_w * p.in_c;
        int out_n = p.batches * p.out_h * p.out_w * p.out_c;
        if (in_n > (int)sizeof in_buf || w_n > (int)sizeof w_buf || out_n + 16 > (int)sizeof out_ref) {
            --it;
            continue;
        }
        fill(in_buf, in_n);
        fill(w_buf, w_n);
        int in_zp = rnd_range(-128, 127);
        p.in_offset = -in_zp;
        p.out_offset = rnd_range(-128, 127);
        p.act_min = rnd() & 1 ? -128 : rnd_range(-128, 0);
        p.act_max = rnd() & 1 ? 127 : rnd_range(1, 127);
        quant_params(p.out_c, (int)(rnd() & 1), 0.02f, 0.05f);
        size_t sb = bind_tables(&p, depthwise);
        CHECK(sb <= sizeof scratch_buf, "scratch %u", (unsigned)sb);
        for (int mode = 0; mode < 2; ++mode) {
            p.fscale = mode ? NULL : fscale;
            memset(out_ref, 0x55, (size_t)out_n + 16);
            memset(out_opt, 0x55, (size_t)out_n + 16);
            if (depthwise) {
                dl_dwconv_s8_ref(&p, in_buf, out_ref);
                dl_dwconv_s8_opt(&p, in_buf, out_opt);
            } else {
                dl_conv_s8_ref(&p, in_buf, out_ref);
                dl_conv_s8_opt(&p, in_buf, out_opt);
            }
            CHECK(memcmp(out_ref, out_opt, (size_t)out_n + 16) == 0,
                  "%s %dx%dx%d k%dx%d s%d,%d d%d,%d %s oc%d m%d mode %d", depthwise ? "dwconv" : "conv", (int)p.in_h,
                  (int)p.in_w, (int)p.in_c, (int)p.k_h, (int)p.k_w, (int)p.stride_h, (int)p.stride_w, (int)p.dil_h,
                  (int)p.dil_w, same ? "SAME" : "VALID", (int)p.out_c, (int)p.depth_mult, mode);
        }
    }
}

static void test_fc(int iters)
{
    for (int it = 0; it < iters; ++it) {
        dl_fc_params p;
        memset(&p, 0, sizeof p);
        p.batches = rnd_range(1, 3);
        p.depth = rnd_range(1, 300);
        p.out_c = rnd_range(1, MAXC);
        if (p.batches * p.depth > (int)sizeof in_buf || p.depth * p.out_c > (int)sizeof w_buf) {
            --it;
            continue;
        }
        fill(in_buf, p.batches * p.depth);
        fill(w_buf, p.depth * p.out_c);
        p.in_offset = -rnd_range(-128, 127);
        p.out_offset = rnd_range(-128, 127);
        p.act_min = -128;
        p.act_max = 127;
        int per_tensor = (int)(rnd() & 1);
        quant_params(p.out_c, per_tensor, 0.01f, 0.2f);
        for (int o = 0; o < p.out_c; ++o) {
            int32_t sum = 0;
            for (int d = 0; d < p.depth; ++d)
                sum += w_buf[o * p.depth + d];
            bias_zp[o] = bias[o] + p.in_offset * sum;
        }
        p.weights = w_buf;
        p.bias = bias;
        p.bias_zp = bias_zp;
        p.mult = mult;
        p.shift = shift;
        p.scratch = (int16_t *)(void *)scratch_buf;
        for (int mode = 0; mode < 2; ++mode) {
            p.fscale = mode ? NULL : fscale;
            int n = p.batches * p.out_c;
            memset(out_ref, 0x55, (size_t)n + 16);
            memset(out_opt, 0x55, (size_t)n + 16);
            dl_fc_s8_ref(&p, in_buf, out_ref);
            dl_fc_s8_opt(&p, in_buf, out_opt);
            CHECK(memcmp(out_ref, out_opt, (size_t)n + 16) == 0, "fc b%d d%d o%d %s mode %d", (int)p.batches,
                  (int)p.depth, (int)p.out_c, per_tensor ? "per-tensor" : "per-channel", mode);
        }
    }
}

static void test_fixed_point(void)
{
    int32_t m, s;
    dl_quantize_multiplier(0.5, &m, &s);
    CHECK(m == (1 << 30) && s == 0, "0.5 -> %d %d", (int)m, (int)s);
    dl_quantize_multiplier(1.0, &m, &s);
    CHECK(m == (1 << 30) && s == 1, "1.0 -> %d %d", (int)m, (int)s);
    dl_quantize_multiplier(0.75, &m, &s);
    CHECK(m == 0x60000000 && s == 0, "0.75 -> %d %d", (int)m, (int)s);
    /* rounds up to 2^31 and renormalises */
    dl_quantize_multiplier(0.99999999999, &m, &s);
    CHECK(m == (1 << 30) && s == 1, "~1 -> %d %d", (int)m, (int)s);
    dl_quantize_multiplier(1e-12, &m, &s);
    CHECK(m == 0 && s == 0, "tiny -> %d %d", (int)m, (int)s);
    dl_quantize_multiplier(0.0, &m, &s);
    CHECK(m == 0 && s == 0, "zero");
    CHECK(dl_srdhm(INT32_MIN, INT32_MIN) == INT32_MAX, "saturation");
    CHECK(dl_srdhm(1 << 30, 1 << 30) == 1 << 29, "half*half");
    CHECK(dl_rdbpot(5, 1) == 3 && dl_rdbpot(-5, 1) == -3 && dl_rdbpot(4, 1) == 2, "rounding ties away");
    CHECK(dl_mbqm(12, 1 << 30, -2) == 2 && dl_mbqm(-12, 1 << 30, -2) == -2 && dl_mbqm(4, 1 << 30, -2) == 1,
          "mbqm by 1/8");
    CHECK(dl_requant_out(4, 0, NULL, NULL, (const float[]){0.125f}, 0, -128, 127) == 0, "float tie to even");
    CHECK(dl_requant_out(12, 0, NULL, NULL, (const float[]){0.125f}, 0, -128, 127) == 2, "float 1.5 -> 2");
    CHECK(dl_requant_out(-20, 0, NULL, NULL, (const float[]){0.125f}, 3, -128, 127) == 1, "-2.5 -> -2, +3");
    CHECK(dl_requant_out(100000, 0, NULL, NULL, (const float[]){0.125f}, 3, -128, 100) == 100, "clamp");
}


/* QUANTIZE / DEQUANTIZE / pooling: small cases with values worked out by hand */
static void test_small_ops(void)
{
    /* uint8 -> int8 at equal scale: zero points 128 -> 0 is x - 128 exactly */
    dl_requant_params q;
    memset(&q, 0, sizeof q);
    q.count = 4;
    q.in_zp = 128;
    q.out_zp = 0;
    q.out_min = -128;
    q.out_max = 127;
    dl_quantize_multiplier(1.0, &q.mult, &q.shift);
    const uint8_t u[4] = {0, 127, 128, 255};
    int8_t s8[4];
    dl_requant(&q, DL_TYPE_UINT8, DL_TYPE_INT8, u, s8);
    CHECK(s8[0] == -128 && s8[1] == -1 && s8[2] == 0 && s8[3] == 127, "uint8->int8: %d %d %d %d", s8[0], s8[1], s8[2],
          s8[3]);
    /* int8 -> int8, scale ratio 0.5, zp 0 -> 10. The multiplier 0.5 is applied
     * by SRDHM alone, whose nudge makes ties go up: 1.5 -> 2 but -1.5 -> -1 */
    q.in_zp = 0;
    q.out_zp = 10;
    dl_quantize_multiplier(0.5, &q.mult, &q.shift);
    const int8_t v[4] = {3, -3, 100, -128};
    dl_requant(&q, DL_TYPE_INT8, DL_TYPE_INT8, v, s8);
    CHECK(s8[0] == 12 && s8[1] == 9 && s8[2] == 60 && s8[3] == -54, "int8 requant: %d %d %d %d", s8[0], s8[1], s8[2],
          s8[3]);
    /* int8 -> uint8 back */
    q.in_zp = 0;
    q.out_zp = 128;
    q.out_min = 0;
    q.out_max = 255;
    dl_quantize_multiplier(1.0, &q.mult, &q.shift);
    uint8_t u2[4];
    const int8_t v2[4] = {-128, -1, 0, 127};
    dl_requant(&q, DL_TYPE_INT8, DL_TYPE_UINT8, v2, u2);
    CHECK(u2[0] == 0 && u2[1] == 127 && u2[2] == 128 && u2[3] == 255, "int8->uint8");
    /* float -> int8: round(x / 0.5) + 1, clamped; NaN gives the zero point */
    q.out_zp = 1;
    q.out_scale = 0.5f;
    q.out_min = -128;
    q.out_max = 127;
    const float f[5] = {0.25f, -0.25f, 1.0f, 1000.0f, (float)NAN};
    int8_t s5[5];
    q.count = 5;
    dl_quantize_f32(&q, DL_TYPE_INT8, f, s5);
    CHECK(s5[0] == 2 && s5[1] == 0 && s5[2] == 3 && s5[3] == 127 && s5[4] == 1, "quantize f32: %d %d %d %d %d", s5[0],
          s5[1], s5[2], s5[3], s5[4]);
    /* int8 -> float: scale * (x - zp) */
    q.count = 2;
    q.in_zp = -128;
    q.in_scale = 1.0f / 256;
    float out[2];
    const int8_t p2[2] = {-128, 127};
    dl_dequantize(&q, DL_TYPE_INT8, p2, out);
    CHECK(out[0] == 0.0f && out[1] == 255.0f / 256, "dequantize: %g %g", out[0], out[1]);

    /* 3x3 pools, stride 1, SAME on a 2x2 single-channel image: every window
     * is clipped to the 4 valid pixels (TFLite divides by the valid count) */
    dl_pool_params pp;
    memset(&pp, 0, sizeof pp);
    pp.batches = 1;
    pp.in_h = pp.in_w = pp.out_h = pp.out_w = 2;
    pp.channels = 1;
    pp.f_h = pp.f_w = 3;
    pp.stride_h = pp.stride_w = 1;
    pp.pad_h = pp.pad_w = 1;
    pp.act_min = -128;
    pp.act_max = 127;
    const int8_t img[4] = {1, 2, 2, 1};  /* sum 6, count 4 -> 1.5 -> 2 */
    const int8_t neg[4] = {-1, -2, -2, -1};
    int8_t po[4];
    dl_avgpool_s8(&pp, img, po);
    CHECK(po[0] == 2 && po[3] == 2, "avgpool +1.5 -> %d", po[0]);
    dl_avgpool_s8(&pp, neg, po);
    CHECK(po[0] == -2 && po[3] == -2, "avgpool -1.5 -> %d", po[0]);
    dl_maxpool_s8(&pp, neg, po);
    CHECK(po[0] == -1 && po[1] == -1, "maxpool -> %d", po[0]);
    pp.act_min = 0; /* fused RELU clamp */
    dl_maxpool_s8(&pp, neg, po);
    CHECK(po[0] == 0, "maxpool relu -> %d", po[0]);
    /* 2x2 stride 2 VALID on 2x2: one window */
    pp.f_h = pp.f_w = 2;
    pp.stride_h = pp.stride_w = 2;
    pp.pad_h = pp.pad_w = 0;
    pp.out_h = pp.out_w = 1;
    pp.act_min = -128;
    const int8_t img2[4] = {10, 11, 12, 14}; /* 47 / 4 = 11.75 -> 12 */
    dl_avgpool_s8(&pp, img2, po);
    CHECK(po[0] == 12, "avgpool 11.75 -> %d", po[0]);
    dl_maxpool_s8(&pp, img2, po);
    CHECK(po[0] == 14, "maxpool -> %d", po[0]);
}

int main(int argc, char **argv)
{
    int iters = argc > 1 ? atoi(argv[1]) : 2000;
    test_fixed_point();
    test_small_ops();
    test_conv(0, iters);
    test_conv(1, iters);
    test_conv_shapes(iters);
#if DL_USE_DSP
    test_out_stage(iters / 100);
#endif
    test_maxpool_words(iters);
    test_fc(iters);
    return finish("test_kernels");
}
