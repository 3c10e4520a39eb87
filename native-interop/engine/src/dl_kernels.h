/*
 * Kernel parameter blocks and kernel entry points. Each kernel lives in its
 * own file; *_ref are the plain loops that define the arithmetic, *_opt
 * compute the same integers faster (DSP extension on Cortex-M7).
 * Tensors are NHWC int8; weights are the TFLite layouts (conv OHWI,
 * depthwise 1HW(C*M), fully connected [out][depth]).
 */
#ifndef DL_KERNELS_H
#define DL_KERNELS_H

#include <stdint.h>
#include <stddef.h>

typedef struct dl_conv_params {
    int32_t batches;
    int32_t in_h, in_w, in_c;
    int32_t out_h, out_w, out_c;
    int32_t k_h, k_w;
    int32_t stride_h, stride_w;
    int32_t dil_h, dil_w;
    int32_t pad_h, pad_w;
    int32_t depth_mult;     /* depthwise only */
    int32_t in_offset;      /* -input zero point */
    int32_t out_offset;     /* output zero point */
    int32_t act_min, act_max;
    const int8_t *weights;
    const int32_t *bias;    /* per output channel, 0 when the model has none */
    const int32_t *bias_zp; /* bias + in_offset * sum(weights of the channel), computed in prepare */
    const int32_t *mult;    /* per output channel */
    const int32_t *shift;   /* per output channel, TFLite exponent convention */
    const float *fscale;    /* per output channel float scale; NULL = integer requantization */
    int16_t *scratch;       /* optimized kernels only, dl_*_scratch_bytes */
} dl_conv_params;

typedef struct dl_fc_params {
    int32_t batches;
    int32_t depth;          /* accumulation depth */
    int32_t out_c;
    int32_t in_offset, out_offset;
    int32_t act_min, act_max;
    const int8_t *weights;
    const int32_t *bias;
    const int32_t *bias_zp;
    const int32_t *mult;
    const int32_t *shift;
    const float *fscale;
    int16_t *scratch;
} dl_fc_params;

typedef struct dl_pool_params {
    int32_t batches, in_h, in_w, channels, out_h, out_w;
    int32_t f_h, f_w, stride_h, stride_w, pad_h, pad_w;
    int32_t act_min, act_max;
} dl_pool_params;

typedef struct dl_softmax_params {
    int32_t rows, depth;
    int32_t out_zp;
    float out_scale;
    float exp_scale;    /* -input_scale * beta: entry d of TFLite's table is expf(exp_scale * d) */
} dl_softmax_params;

typedef struct dl_requant_params {
    int32_t count;
    int32_t in_zp, out_zp;
    int32_t mult, shift;
    int32_t out_min, out_max;
    float in_scale, out_scale;
} dl_requant_params;

void dl_conv_s8_ref(const dl_conv_params *p, const int8_t *in, int8_t *out);
void dl_conv_s8_opt(const dl_conv_params *p, const int8_t *in, int8_t *out);
size_t dl_conv_s8_opt_scratch_bytes(const dl_conv_params *p);

void dl_dwconv_s8_ref(const dl_conv_params *p, const int8_t *in, int8_t *out);
void dl_dwconv_s8_opt(const dl_conv_params *p, const int8_t *in, int8_t *out);
size_t dl_dwconv_s8_opt_scratch_bytes(const dl_conv_params *p);

void dl_fc_s8_ref(const dl_fc_params *p, const int8_t *in, int8_t *out);
void dl_fc_s8_opt(const dl_fc_params *p, const int8_t *in, int8_t *out);
size_t dl_fc_s8_opt_scratch_bytes(const dl_fc_params *p);

void dl_maxpool_s8(const dl_pool_params *p, const int8_t *in, int8_t *out);
void dl_avgpool_s8(const dl_pool_params *p, const int8_t *in, int8_t *out);

void dl_softmax_s8(const dl_softmax_params *p, const int8_t *in, int8_t *out);

/* element types are given as DL_TYPE_* codes */
void dl_requant(const dl_requant_params *p, int in_type, int out_type, const void *in, void *out);
void dl_quantize_f32(const dl_requant_params *p, int out_type, const float *in, void *out);
void dl_dequantize(const dl_requant_params *p, int in_type, const void *in, float *out);

/* TFLite's QuantizeMultiplier (frexp based, computed in double). */
void dl_quantize_multiplier(double real, int32_t *multiplier, int32_t *shift);

#endif
