#include <math.h>
#include "dl_engine.h"
#include "dl_kernels.h"
#include "dl_fixedpoint.h"

static int32_t load(int type, const void *base, int32_t i)
{
    return type == DL_TYPE_UINT8 ? (int32_t)((const uint8_t *)base)[i] : (int32_t)((const int8_t *)base)[i];
}

static void store(int type, void *base, int32_t i, int32_t v)
{
    if (type == DL_TYPE_UINT8)
        ((uint8_t *)base)[i] = (uint8_t)v;
    else
        ((int8_t *)base)[i] = (int8_t)v;
}

/* TFLite Requantize: (x - in_zp) * (in_scale/out_scale) + out_zp, clamped. */
void dl_requant(const dl_requant_params *p, int in_type, int out_type, const void *in, void *out)
{
    for (int32_t i = 0; i < p->count; ++i) {
        int32_t v = dl_mbqm(load(in_type, in, i) - p->in_zp, p->mult, p->shift) + p->out_zp;
        store(out_type, out, i, dl_clamp(v, p->out_min, p->out_max));
    }
}

/* TFLite AffineQuantize: round(x / scale) + zero point, clamped. */
void dl_quantize_f32(const dl_requant_params *p, int out_type, const float *in, void *out)
{
    for (int32_t i = 0; i < p->count; ++i) {
        float q = roundf(in[i] / p->out_scale);
        int32_t v;
        if (q != q)
            v = 0;
        else if (q >= 2147483520.0f)
            v = INT32_MAX - 256;
        else if (q <= -2147483520.0f)
            v = INT32_MIN + 256;
        else
            v = (int32_t)q;
        v += p->out_zp;
        store(out_type, out, i, dl_clamp(v, p->out_min, p->out_max));
    }
}

/* TFLite Dequantize: scale * (x - zp) computed in double, stored as float. */
void dl_dequantize(const dl_requant_params *p, int in_type, const void *in, float *out)
{
    const double scale = p->in_scale;
    for (int32_t i = 0; i < p->count; ++i)
        out[i] = (float)(scale * (double)(load(in_type, in, i) - p->in_zp));
}
