#include <math.h>
#include "dl_kernels.h"
#include "dl_fixedpoint.h"

/* TFLite's optimized int8 softmax (the path its builtin kernel takes on
 * non-aarch64 builds such as the WebAssembly runtime): a float table of
 * exp(-input_scale*beta*d) for every quantized distance d to the row maximum,
 * a float sum in input order, then round-half-away of p/output_scale.
 * Every float operation below mirrors that order so results are bit-identical
 * (the engine must be compiled without FMA contraction: -ffp-contract=off). */
void dl_softmax_table(float *table, float input_scale, float beta)
{
    const float scale = -input_scale * beta;
    for (int32_t d = 0; d <= 255; ++d) {
        volatile float arg = scale * (float)d; /* no fused multiply into expf's argument */
        table[255 - d] = expf(arg);
    }
}

void dl_softmax_s8(const dl_softmax_params *p, const int8_t *in, int8_t *out)
{
    for (int r = 0; r < p->rows; ++r) {
        int32_t max_val = -128;
        for (int j = 0; j < p->depth; ++j)
            if (in[j] > max_val)
                max_val = in[j];
        /* table_offset[x] == table[255 - (max - x)] */
        const float *t = p->table + 255 - max_val;
        float sum = 0.0f;
        for (int j = 0; j < p->depth; ++j)
            sum += t[in[j]];
        const float inv = 1.0f / (sum * p->out_scale);
        for (int j = 0; j < p->depth; ++j) {
            float prob = t[in[j]] * inv;
            int32_t q = (int32_t)roundf(prob) + p->out_zp;
            out[j] = (int8_t)dl_clamp(q, -128, 127);
        }
        in += p->depth;
        out += p->depth;
    }
}
