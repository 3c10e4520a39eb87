/* Engine tables that live in the arena. */
#ifndef DL_INTERNAL_H
#define DL_INTERNAL_H

#include "dl_engine.h"
#include "dl_kernels.h"
#include "fb.h"

#define DL_ALIGN 16u
/* Planner work list (activation tensors + per-op scratch) is kept on the
 * stack during prepare: 16 bytes per entry. */
#define DL_MAX_PLAN_ITEMS 192
#define DL_MAX_TENSORS 4096
#define DL_MAX_OPS 1024

enum dl_op_kind {
    DL_K_CONV, DL_K_DWCONV, DL_K_FC, DL_K_MAXPOOL, DL_K_AVGPOOL, DL_K_SOFTMAX,
    DL_K_RESHAPE, DL_K_REQUANT, DL_K_QUANTIZE_F32, DL_K_DEQUANTIZE
};

typedef struct dl_tensor {
    int32_t type;
    int32_t dims;
    int32_t shape[DL_MAX_DIMS];
    int32_t elems;
    int32_t bytes;
    float scale;
    int32_t zp;
    int32_t nscales;       /* entries in the scale vector */
    int32_t qdim;          /* quantized_dimension */
    uint32_t scales_pos;   /* model offset of the float scale vector data */
    uint32_t zps_pos;      /* model offset of the int64 zero point vector data */
    int32_t nzps;
    int32_t is_const;
    int32_t plan_item;     /* index in the planner list, -1 when not an activation */
    uint8_t *data;
    const char *name;
} dl_tensor;

typedef struct dl_op {
    int32_t builtin;
    int32_t kind;
    int32_t in, out, w, b;
    int64_t macs;
    int32_t weight_bytes;
    int32_t scratch_item;  /* planner item of the op's scratch buffer, -1 for none */
    union {
        dl_conv_params conv;
        dl_fc_params fc;
        dl_pool_params pool;
        dl_softmax_params softmax;
        dl_requant_params rq;
    } u;
    int32_t in_type, out_type; /* element types for quantize/dequantize */
    const float *fscale;       /* float requantization scales (conv, depthwise, FC) */
} dl_op;

typedef struct dl_meta {
    const uint8_t *name;
    uint32_t name_len;
    const uint8_t *data;
    uint32_t len;
} dl_meta;

struct dl_engine {
    uint32_t magic;
    int32_t variant;
    int32_t requant;
    int32_t n_tensors, n_ops, n_inputs, n_outputs, n_meta;
    dl_tensor *tensors;
    dl_op *ops;
    int32_t *inputs, *outputs;
    dl_meta *meta;
    uint8_t *activations;
    size_t activation_bytes;
};

#define DL_MAGIC 0x444c4531u /* "DLE1" */

const char *dl_builtin_name(int32_t code);
int dl_fail(dl_error *err, int code, const char *fmt, ...);

#endif
