#include "dl_kernels.h"
#include "dl_fixedpoint.h"
#include "dl_dot.h"
#include "dl_q15.h"

/* The input zero point enters once per row through bias_zp (prepared as
 * bias + in_offset * sum(w)), so the inner loops are plain int8 dot products
 * over two weight rows at a time sharing each input load. */
size_t dl_fc_s8_opt_scratch_bytes(const dl_fc_params *p)
{
#if DL_USE_DSP
    return dl_q15_len(p->depth) * sizeof(int16_t);
#else
    (void)p;
    return 0;
#endif
}

static inline int8_t finish(const dl_fc_params *p, int32_t acc, int o)
{
    return (int8_t)dl_requant_out(acc, o, p->mult, p->shift, p->fscale, p->out_offset, p->act_min, p->act_max);
}

#if DL_USE_DSP
/* DSP: the input row is widened once, then four weight rows at a time share
 * each pair of input words. */
void dl_fc_s8_opt(const dl_fc_params *p, const int8_t *in, int8_t *out)
{
    const int32_t D = p->depth;
    int16_t *xq = p->scratch;
    /* fp32 mode with an even zero point: the conv kernels' output stage */
    const int magic_ok = p->fscale != NULL && (p->out_offset & 1) == 0;
    const float magic = DL_MAGIC + (float)p->out_offset, lo = DL_MAGIC + (float)p->act_min,
                hi = DL_MAGIC + (float)p->act_max;
    for (int b = 0; b < p->batches; ++b) {
        dl_widen(in + (size_t)b * D, xq, D);
        int o = 0;
        for (; o + 4 <= p->out_c; o += 4) {
            int32_t acc[4] = {p->bias_zp[o], p->bias_zp[o + 1], p->bias_zp[o + 2], p->bias_zp[o + 3]};
            dl_dot_q15_1x4(xq, p->weights + (size_t)o * D, (size_t)D, D, acc);
            if (magic_ok)
                for (int k = 0; k < 4; ++k)
                    out[o + k] = dl_out_magic(acc[k], p->fscale[o + k], magic, lo, hi);
            else
                for (int k = 0; k < 4; ++k)
                    out[o + k] = finish(p, acc[k], o + k);
        }
        if (o + 2 <= p->out_c) {
            int32_t acc[2] = {p->bias_zp[o], p->bias_zp[o + 1]};
            const int8_t *w0 = p->weights + (size_t)o * D;
            dl_dot_q15_1x2(xq, w0, w0 + D, D, acc);
            for (int k = 0; k < 2; ++k)
                out[o + k] =
                    magic_ok ? dl_out_magic(acc[k], p->fscale[o + k], magic, lo, hi) : finish(p, acc[k], o + k);
            o += 2;
        }
        if (o < p->out_c) {
            const int32_t acc = dl_dot_q15_1x1(xq, p->weights + (size_t)o * D, D, p->bias_zp[o]);
            out[o] = magic_ok ? dl_out_magic(acc, p->fscale[o], magic, lo, hi) : finish(p, acc, o);
        }
        out += p->out_c;
    }
}
#else
void dl_fc_s8_opt(const dl_fc_params *p, const int8_t *in, int8_t *out)
{
    const int32_t D = p->depth;
    for (int b = 0; b < p->batches; ++b) {
        const int8_t *x = in + (size_t)b * D;
        int o = 0;
        for (; o + 2 <= p->out_c; o += 2) {
            const int8_t *w0 = p->weights + (size_t)o * D;
            int32_t a0 = p->bias_zp[o], a1 = p->bias_zp[o + 1];
            dl_dot_1x2(x, w0, w0 + D, D, &a0, &a1);
            out[o] = finish(p, a0, o);
            out[o + 1] = finish(p, a1, o + 1);
        }
        for (; o < p->out_c; ++o)
            out[o] = finish(p, dl_dot_1x1(x, p->weights + (size_t)o * D, D, p->bias_zp[o]), o);
        out += p->out_c;
    }
}
#endif
