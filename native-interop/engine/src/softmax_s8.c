#include <math.h>
#include "dl_kernels.h"
#include "dl_fixedpoint.h"

/* TFLite's optimized int8 softmax (the path its builtin kernel takes on
 * non-aarch64 builds such as the WebAssembly runtime) looks exp(-input_scale*beta*d)
 * up in a 256-float table for every quantized distance d to the row maximum, sums
 * the floats in input order, then rounds p/output_scale half away from zero.
 * Here each table entry is computed when it is needed, with the same float
 * operations, so results are bit-identical without the table's 1 KB of arena
 * (a digit row has 10 entries: 20 expf calls cost less than the table's 256).
 * The engine must be compiled without FMA contraction: -ffp-contract=off. */
static float softmax_exp(float exp_scale, int32_t distance)
{
    volatile float arg = exp_scale * (float)distance; /* no fused multiply into expf's argument */
    return expf(arg);
}

void dl_softmax_s8(const dl_softmax_params *p, const int8_t *in, int8_t *out)
{
    for (int r = 0; r < p->rows; ++r) {
        int32_t max_val = -128;
        for (int j = 0; j < p->depth; ++j)
            if (in[j] > max_val)
                max_val = in[j];
        float sum = 0.0f;
        for (int j = 0; j < p->depth; ++j)
            sum += softmax_exp(p->exp_scale, max_val - in[j]);
        const float inv = 1.0f / (sum * p->out_scale);
        for (int j = 0; j < p->depth; ++j) {
            float prob = softmax_exp(p->exp_scale, max_val - in[j]) * inv;
            int32_t q = (int32_t)roundf(prob) + p->out_zp;
            out[j] = (int8_t)dl_clamp(q, -128, 127);
        }
        in += p->depth;
        out += p->depth;
    }
}
