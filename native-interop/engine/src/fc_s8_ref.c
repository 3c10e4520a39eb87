#include "dl_kernels.h"
#include "dl_fixedpoint.h"

/* Reference fully connected layer (TFLite integer FullyConnected arithmetic;
 * per-tensor layers simply repeat the multiplier in every channel). */
void dl_fc_s8_ref(const dl_fc_params *p, const int8_t *in, int8_t *out)
{
    for (int b = 0; b < p->batches; ++b) {
        const int8_t *x = in + (size_t)b * p->depth;
        for (int o = 0; o < p->out_c; ++o) {
            const int8_t *w = p->weights + (size_t)o * p->depth;
            int32_t acc = 0;
            for (int d = 0; d < p->depth; ++d)
                acc += (int32_t)w[d] * ((int32_t)x[d] + p->in_offset);
            acc += p->bias[o];
            *out++ = (int8_t)dl_requant_out(acc, o, p->mult, p->shift, p->fscale, p->out_offset, p->act_min,
                                            p->act_max);
        }
    }
}
