/* Public API around the prepared tables: invoke, introspection, names. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "dl_internal.h"

int dl_fail(dl_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

static const char *const builtin_names[] = {
    "ADD", "AVERAGE_POOL_2D", "CONCATENATION", "CONV_2D", "DEPTHWISE_CONV_2D", "DEPTH_TO_SPACE", "DEQUANTIZE",
    "EMBEDDING_LOOKUP", "FLOOR", "FULLY_CONNECTED", "HASHTABLE_LOOKUP", "L2_NORMALIZATION", "L2_POOL_2D",
    "LOCAL_RESPONSE_NORMALIZATION", "LOGISTIC", "LSH_PROJECTION", "LSTM", "MAX_POOL_2D", "MUL", "RELU",
    "RELU_N1_TO_1", "RELU6", "RESHAPE", "RESIZE_BILINEAR", "RNN", "SOFTMAX", "SPACE_TO_DEPTH", "SVDF", "TANH",
    "CONCAT_EMBEDDINGS", "SKIP_GRAM", "CALL", "CUSTOM", "EMBEDDING_LOOKUP_SPARSE", "PAD",
    "UNIDIRECTIONAL_SEQUENCE_RNN", "GATHER", "BATCH_TO_SPACE_ND", "SPACE_TO_BATCH_ND", "TRANSPOSE", "MEAN", "SUB",
    "DIV", "SQUEEZE", "UNIDIRECTIONAL_SEQUENCE_LSTM", "STRIDED_SLICE", "BIDIRECTIONAL_SEQUENCE_RNN", "EXP",
    "TOPK_V2", "SPLIT", "LOG_SOFTMAX", "DELEGATE", "BIDIRECTIONAL_SEQUENCE_LSTM", "CAST", "PRELU", "MAXIMUM",
    "ARG_MAX", "MINIMUM", "LESS", "NEG", "PADV2", "GREATER", "GREATER_EQUAL", "LESS_EQUAL", "SELECT", "SLICE", "SIN",
    "TRANSPOSE_CONV", "SPARSE_TO_DENSE", "TILE", "EXPAND_DIMS", "EQUAL", "NOT_EQUAL", "LOG", "SUM", "SQRT", "RSQRT",
    "SHAPE", "POW", "ARG_MIN", "FAKE_QUANT", "REDUCE_PROD", "REDUCE_MAX", "PACK", "LOGICAL_OR", "ONE_HOT",
    "LOGICAL_AND", "LOGICAL_NOT", "UNPACK", "REDUCE_MIN", "FLOOR_DIV", "REDUCE_ANY", "SQUARE", "ZEROS_LIKE", "FILL",
    "FLOOR_MOD", "RANGE", "RESIZE_NEAREST_NEIGHBOR", "LEAKY_RELU", "SQUARED_DIFFERENCE", "MIRROR_PAD", "ABS",
    "SPLIT_V", "UNIQUE", "CEIL", "REVERSE_V2", "ADD_N", "GATHER_ND", "COS", "WHERE", "RANK", "ELU",
    "REVERSE_SEQUENCE", "MATRIX_DIAG", "QUANTIZE", "MATRIX_SET_DIAG", "ROUND", "HARD_SWISH", "IF", "WHILE",
    "NON_MAX_SUPPRESSION_V4", "NON_MAX_SUPPRESSION_V5", "SCATTER_ND", "SELECT_V2", "DENSIFY", "SEGMENT_SUM",
    "BATCH_MATMUL", "PLACEHOLDER_FOR_GREATER_OP_CODES",
};

const char *dl_builtin_name(int32_t code)
{
    if (code >= 0 && code < (int32_t)(sizeof builtin_names / sizeof builtin_names[0]))
        return builtin_names[code];
    return "BUILTIN_OTHER";
}

const char *dl_status_name(int code)
{
    switch (code) {
    case DL_OK: return "OK";
    case DL_ERR_ARGUMENT: return "ARGUMENT";
    case DL_ERR_TRUNCATED: return "TRUNCATED";
    case DL_ERR_CORRUPT: return "CORRUPT";
    case DL_ERR_VERSION: return "VERSION";
    case DL_ERR_UNSUPPORTED_OP: return "UNSUPPORTED_OP";
    case DL_ERR_UNSUPPORTED_TYPE: return "UNSUPPORTED_TYPE";
    case DL_ERR_SHAPE: return "SHAPE";
    case DL_ERR_QUANTIZATION: return "QUANTIZATION";
    case DL_ERR_LIMIT: return "LIMIT";
    case DL_ERR_ARENA_TOO_SMALL: return "ARENA_TOO_SMALL";
    default: return "UNKNOWN";
    }
}

/* Marker functions for the QEMU instruction-count plugin: they must exist as
 * real calls, so they are never inlined and keep an empty asm body. */
__attribute__((noinline)) void dl_bench_mark_begin(int id)
{
    __asm__ volatile("" : : "r"(id) : "memory");
}

__attribute__((noinline)) void dl_bench_mark_end(int id)
{
    __asm__ volatile("" : : "r"(id) : "memory");
}

int dl_invoke(dl_engine *e, dl_error *err)
{
    if (!e || e->magic != DL_MAGIC)
        return dl_fail(err, DL_ERR_ARGUMENT, "engine not prepared");
    const int opt = e->variant != 0;
    dl_tensor *T = e->tensors;
    for (int i = 0; i < e->n_ops; ++i) {
        dl_op *op = &e->ops[i];
        const void *in = T[op->in].data;
        void *out = T[op->out].data;
#ifdef DL_BENCH_MARKERS
        dl_bench_mark_begin(i);
#endif
        switch (op->kind) {
        case DL_K_CONV:
            (opt ? dl_conv_s8_opt : dl_conv_s8_ref)(&op->u.conv, in, out);
            break;
        case DL_K_DWCONV:
            (opt ? dl_dwconv_s8_opt : dl_dwconv_s8_ref)(&op->u.conv, in, out);
            break;
        case DL_K_FC:
            (opt ? dl_fc_s8_opt : dl_fc_s8_ref)(&op->u.fc, in, out);
            break;
        case DL_K_MAXPOOL:
            dl_maxpool_s8(&op->u.pool, in, out);
            break;
        case DL_K_AVGPOOL:
            dl_avgpool_s8(&op->u.pool, in, out);
            break;
        case DL_K_SOFTMAX:
            dl_softmax_s8(&op->u.softmax, in, out);
            break;
        case DL_K_RESHAPE:
            if (in != out)
                memmove(out, in, (size_t)T[op->out].bytes);
            break;
        case DL_K_REQUANT:
            dl_requant(&op->u.rq, op->in_type, op->out_type, in, out);
            break;
        case DL_K_QUANTIZE_F32:
            dl_quantize_f32(&op->u.rq, op->out_type, in, out);
            break;
        case DL_K_DEQUANTIZE:
            dl_dequantize(&op->u.rq, op->in_type, in, out);
            break;
        }
#ifdef DL_BENCH_MARKERS
        dl_bench_mark_end(i);
#endif
    }
    return DL_OK;
}

static int ok(const dl_engine *e)
{
    return e && e->magic == DL_MAGIC;
}

int dl_input_count(const dl_engine *e) { return ok(e) ? e->n_inputs : 0; }
int dl_output_count(const dl_engine *e) { return ok(e) ? e->n_outputs : 0; }

int dl_input_tensor(const dl_engine *e, int index)
{
    return ok(e) && index >= 0 && index < e->n_inputs ? e->inputs[index] : -1;
}

int dl_output_tensor(const dl_engine *e, int index)
{
    return ok(e) && index >= 0 && index < e->n_outputs ? e->outputs[index] : -1;
}

uint8_t *dl_input_data(dl_engine *e, int index)
{
    int t = dl_input_tensor(e, index);
    return t < 0 ? NULL : e->tensors[t].data;
}

const uint8_t *dl_output_data(const dl_engine *e, int index)
{
    int t = dl_output_tensor(e, index);
    return t < 0 ? NULL : e->tensors[t].data;
}

int dl_input_bytes(const dl_engine *e, int index)
{
    int t = dl_input_tensor(e, index);
    return t < 0 ? 0 : e->tensors[t].bytes;
}

int dl_output_bytes(const dl_engine *e, int index)
{
    int t = dl_output_tensor(e, index);
    return t < 0 ? 0 : e->tensors[t].bytes;
}

int dl_tensor_count(const dl_engine *e) { return ok(e) ? e->n_tensors : 0; }
int dl_op_count(const dl_engine *e) { return ok(e) ? e->n_ops : 0; }

int dl_get_tensor_info(const dl_engine *e, int tensor, dl_tensor_info *out)
{
    if (!ok(e) || !out || tensor < 0 || tensor >= e->n_tensors)
        return DL_ERR_ARGUMENT;
    const dl_tensor *t = &e->tensors[tensor];
    memset(out, 0, sizeof *out);
    out->type = t->type;
    out->dims = t->dims;
    for (int i = 0; i < t->dims; ++i)
        out->shape[i] = t->shape[i];
    out->bytes = t->bytes;
    out->scale = t->nscales ? t->scale : 0.0f;
    out->zero_point = t->zp;
    out->channel_scales = t->nscales;
    out->is_constant = t->is_const;
    out->name = t->name ? t->name : "";
    return DL_OK;
}

int dl_get_op_info(const dl_engine *e, int op, dl_op_info *out)
{
    if (!ok(e) || !out || op < 0 || op >= e->n_ops)
        return DL_ERR_ARGUMENT;
    const dl_op *o = &e->ops[op];
    memset(out, 0, sizeof *out);
    out->builtin = o->builtin;
    out->name = dl_builtin_name(o->builtin);
    out->input_tensor = o->in;
    out->output_tensor = o->out;
    out->weights_tensor = o->w;
    out->bias_tensor = o->b;
    out->macs = o->macs;
    out->weight_bytes = o->weight_bytes;
    return DL_OK;
}

size_t dl_activation_bytes(const dl_engine *e) { return ok(e) ? e->activation_bytes : 0; }

const uint8_t *dl_metadata(const dl_engine *e, const char *name, size_t *out_len)
{
    if (!ok(e) || !name)
        return NULL;
    size_t n = strlen(name);
    for (int i = 0; i < e->n_meta; ++i) {
        const dl_meta *m = &e->meta[i];
        if (m->name_len == n && memcmp(m->name, name, n) == 0) {
            if (out_len)
                *out_len = m->len;
            return m->data;
        }
    }
    return NULL;
}

void dl_set_kernel_variant(dl_engine *e, int variant)
{
    if (ok(e))
        e->variant = variant ? 1 : 0;
}

void dl_set_requantization(dl_engine *e, int mode)
{
    if (!ok(e))
        return;
    e->requant = mode == DL_REQUANT_INTEGER ? DL_REQUANT_INTEGER : DL_REQUANT_FLOAT;
    for (int i = 0; i < e->n_ops; ++i) {
        dl_op *op = &e->ops[i];
        const float *fs = e->requant == DL_REQUANT_FLOAT ? op->fscale : NULL;
        if (op->kind == DL_K_CONV || op->kind == DL_K_DWCONV)
            op->u.conv.fscale = fs;
        else if (op->kind == DL_K_FC)
            op->u.fc.fscale = fs;
    }
}

int dl_get_requantization(const dl_engine *e)
{
    return ok(e) ? e->requant : -1;
}
