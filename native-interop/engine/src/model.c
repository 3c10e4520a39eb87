/*
 * Model loading and planning: reads the TFLite flatbuffer, validates every
 * op the engine will run, computes the per-channel requantization data and
 * lays out the arena. The same code runs twice: once counting bytes only
 * (arena == NULL, for dl_arena_required and the size check), once writing.
 */
#include <math.h>
#include <string.h>
#include "dl_internal.h"

typedef struct plan_item {
    int32_t tensor;   /* tensor index, or -1 - op index for op scratch */
    uint32_t size;
    int16_t first, last;
    uint32_t offset;
} plan_item;

typedef struct ctx {
    fb_buf b;
    fb_vec opcodes, buffers, tensors_v, inputs_v, outputs_v, ops_v, meta_v;
    int32_t n_tensors, n_ops;
    dl_tensor *tensors;  /* NULL while counting */
    dl_op *ops;          /* NULL while counting */
    uint8_t *base;       /* NULL while counting */
    size_t used;
    plan_item *items;
    int n_items;
    dl_error *err;
} ctx;

static void *aalloc(ctx *c, size_t n)
{
    size_t off = (c->used + (DL_ALIGN - 1)) & ~(size_t)(DL_ALIGN - 1);
    c->used = off + n;
    return c->base ? c->base + off : NULL;
}

static const char *type_name(int32_t t)
{
    switch (t) {
    case 0: return "FLOAT32";
    case 1: return "FLOAT16";
    case 2: return "INT32";
    case 3: return "UINT8";
    case 4: return "INT64";
    case 5: return "STRING";
    case 6: return "BOOL";
    case 7: return "INT16";
    case 9: return "INT8";
    case 10: return "FLOAT64";
    default: return "an unsupported type";
    }
}

static int elem_size(int32_t t)
{
    switch (t) {
    case 0: case 2: return 4;
    case 1: case 7: return 2;
    case 4: case 10: return 8;
    case 3: case 6: case 9: return 1;
    default: return 0;
    }
}

static int fbfail(ctx *c, int s, const char *what, int idx)
{
    if (s == DL_ERR_TRUNCATED)
        return dl_fail(c->err, s, "model truncated: %s %d points past the end of the file", what, idx);
    if (s == DL_ERR_CORRUPT)
        return dl_fail(c->err, s, "model corrupt: %s %d has an invalid flatbuffer offset or table", what, idx);
    return dl_fail(c->err, s, "model invalid: cannot read %s %d", what, idx);
}

#define FB(call, what, idx)                        \
    do {                                           \
        int s_ = (call);                           \
        if (s_ != DL_OK)                           \
            return fbfail(c, s_, what, (int)(idx)); \
    } while (0)

/* ---- tensors ---------------------------------------------------------- */

static int load_tensor(ctx *c, int idx, dl_tensor *t, fb_vec *name)
{
    fb_table tt, qt, bt;
    fb_vec shape, scales, zps, data;
    int8_t type;
    uint32_t buf;
    int hasq;
    memset(t, 0, sizeof *t);
    FB(fb_vec_table(&c->b, &c->tensors_v, (uint32_t)idx, &tt), "tensor", idx);
    FB(fb_vector(&c->b, &tt, 0, 4, &shape), "tensor shape of tensor", idx);
    FB(fb_i8(&c->b, &tt, 1, 0, &type), "tensor type of tensor", idx);
    FB(fb_u32(&c->b, &tt, 2, 0, &buf), "buffer index of tensor", idx);
    FB(fb_string(&c->b, &tt, 3, name), "name of tensor", idx);
    FB(fb_subtable(&c->b, &tt, 4, &qt, &hasq), "quantization of tensor", idx);
    if (shape.count > DL_MAX_DIMS)
        return dl_fail(c->err, DL_ERR_LIMIT, "tensor %d has %u dimensions (the engine supports %d)", idx,
                       (unsigned)shape.count, DL_MAX_DIMS);
    t->type = type;
    t->dims = (int32_t)shape.count;
    int64_t elems = 1;
    for (uint32_t i = 0; i < shape.count; ++i) {
        int32_t d = fb_rd_i32(&c->b, shape.data + 4 * i);
        if (d < 1)
            return dl_fail(c->err, DL_ERR_SHAPE, "tensor %d has invalid dimension %d", idx, (int)d);
        t->shape[i] = d;
        elems *= d;
        if (elems > (1 << 28))
            return dl_fail(c->err, DL_ERR_LIMIT, "tensor %d is too large", idx);
    }
    t->elems = (int32_t)elems;
    int es = elem_size(type);
    t->bytes = (int32_t)elems * (es ? es : 1);
    if (hasq) {
        int32_t qdim;
        FB(fb_vector(&c->b, &qt, 2, 4, &scales), "quantization scales of tensor", idx);
        FB(fb_vector(&c->b, &qt, 3, 8, &zps), "quantization zero points of tensor", idx);
        FB(fb_i32(&c->b, &qt, 6, 0, &qdim), "quantized dimension of tensor", idx);
        t->nscales = (int32_t)scales.count;
        t->scales_pos = scales.data;
        t->nzps = (int32_t)zps.count;
        t->zps_pos = zps.data;
        t->qdim = qdim;
        if (scales.count)
            t->scale = fb_rd_f32(&c->b, scales.data);
        if (zps.count) {
            int64_t z = fb_rd_i64(&c->b, zps.data);
            if (z < -32768 || z > 65535)
                return dl_fail(c->err, DL_ERR_QUANTIZATION, "tensor %d has zero point %lld out of range", idx,
                               (long long)z);
            t->zp = (int32_t)z;
        }
    }
    if (buf >= c->buffers.count)
        return dl_fail(c->err, DL_ERR_CORRUPT, "model corrupt: tensor %d refers to buffer %u of %u", idx,
                       (unsigned)buf, (unsigned)c->buffers.count);
    FB(fb_vec_table(&c->b, &c->buffers, buf, &bt), "buffer", buf);
    FB(fb_vector(&c->b, &bt, 0, 1, &data), "data of buffer", buf);
    uint64_t off = 0, size = 0;
    FB(fb_u64(&c->b, &bt, 1, 0, &off), "offset of buffer", buf);
    FB(fb_u64(&c->b, &bt, 2, 0, &size), "size of buffer", buf);
    const uint8_t *ptr = NULL;
    uint64_t n = 0;
    if (data.count) {
        ptr = c->b.p + data.data;
        n = data.count;
    } else if (off > 1) {
        /* large-model layout: bytes appended after the flatbuffer */
        if (off > c->b.len || size > c->b.len - off)
            return dl_fail(c->err, DL_ERR_TRUNCATED, "model truncated: buffer %u data lies past the end of the file",
                           (unsigned)buf);
        ptr = c->b.p + off;
        n = size;
    }
    if (n) {
        t->is_const = 1;
        t->data = (uint8_t *)(uintptr_t)ptr; /* read-only: constants are never written */
        if (es && n != (uint64_t)t->bytes)
            return dl_fail(c->err, DL_ERR_SHAPE, "tensor %d: buffer holds %llu bytes but its shape needs %d", idx,
                           (unsigned long long)n, (int)t->bytes);
    }
    t->plan_item = -1;
    return DL_OK;
}

static const dl_tensor *tensor(ctx *c, int idx, dl_tensor *tmp)
{
    if (c->tensors)
        return &c->tensors[idx];
    fb_vec name;
    /* already validated once in the tensor pass */
    if (load_tensor(c, idx, tmp, &name) != DL_OK)
        return NULL;
    return tmp;
}

/* ---- op helpers --------------------------------------------------------- */

typedef struct opctx {
    int index;
    const char *name;
    fb_vec ins, outs;
    fb_table opt;
    int has_opt;
    uint8_t opt_type;
} opctx;

/* Tensor index of input/output k, -1 when absent (optional input). */
static int io_index(ctx *c, const opctx *o, const fb_vec *v, uint32_t k, int32_t *out)
{
    *out = -1;
    if (k >= v->count)
        return DL_OK;
    int32_t t = fb_rd_i32(&c->b, v->data + 4 * k);
    if (t == -1)
        return DL_OK;
    if (t < 0 || t >= c->n_tensors)
        return dl_fail(c->err, DL_ERR_CORRUPT, "op %d %s: tensor index %d out of range (%d tensors)", o->index,
                       o->name, (int)t, (int)c->n_tensors);
    *out = t;
    return DL_OK;
}

static int need_type(ctx *c, const opctx *o, int idx, const dl_tensor *t, int want)
{
    if (t->type == want)
        return DL_OK;
    if (t->type == DL_TYPE_FLOAT32)
        return dl_fail(c->err, DL_ERR_UNSUPPORTED_TYPE, "op %d %s: FLOAT32 tensors are not supported (tensor %d)",
                       o->index, o->name, idx);
    return dl_fail(c->err, DL_ERR_UNSUPPORTED_TYPE, "op %d %s: tensor %d is %s, expected %s", o->index, o->name,
                   idx, type_name(t->type), type_name(want));
}

static int valid_scale(float s)
{
    return s > 0.0f && s < 1e30f; /* also rejects NaN */
}

static int need_quant(ctx *c, const opctx *o, int idx, const dl_tensor *t)
{
    if (t->nscales < 1 || !valid_scale(t->scale))
        return dl_fail(c->err, DL_ERR_QUANTIZATION, "op %d %s: tensor %d has no valid quantization scale", o->index,
                       o->name, idx);
    int32_t lo = t->type == DL_TYPE_UINT8 ? 0 : -128, hi = t->type == DL_TYPE_UINT8 ? 255 : 127;
    if (t->zp < lo || t->zp > hi)
        return dl_fail(c->err, DL_ERR_QUANTIZATION, "op %d %s: tensor %d zero point %d out of range", o->index,
                       o->name, idx, (int)t->zp);
    return DL_OK;
}

static int need_dims(ctx *c, const opctx *o, int idx, const dl_tensor *t, int dims)
{
    if (t->dims != dims)
        return dl_fail(c->err, DL_ERR_SHAPE, "op %d %s: tensor %d has %d dimensions, expected %d", o->index, o->name,
                       idx, (int)t->dims, dims);
    return DL_OK;
}

/* Weight scales: one, or one per output channel along qdim; zero points 0. */
static int need_weight_quant(ctx *c, const opctx *o, int idx, const dl_tensor *w, int channels, int qdim)
{
    if (w->nscales != 1 && w->nscales != channels)
        return dl_fail(c->err, DL_ERR_QUANTIZATION, "op %d %s: weights tensor %d has %d scales for %d channels",
                       o->index, o->name, idx, (int)w->nscales, channels);
    if (w->nscales > 1 && w->qdim != qdim)
        return dl_fail(c->err, DL_ERR_QUANTIZATION, "op %d %s: weights tensor %d is quantized along dimension %d",
                       o->index, o->name, idx, (int)w->qdim);
    for (int i = 0; i < w->nscales; ++i)
        if (!valid_scale(fb_rd_f32(&c->b, w->scales_pos + 4u * (uint32_t)i)))
            return dl_fail(c->err, DL_ERR_QUANTIZATION, "op %d %s: weights tensor %d has an invalid scale", o->index,
                           o->name, idx);
    for (int i = 0; i < w->nzps; ++i)
        if (fb_rd_i64(&c->b, w->zps_pos + 8u * (uint32_t)i) != 0)
            return dl_fail(c->err, DL_ERR_QUANTIZATION,
                           "op %d %s: weights tensor %d has a non-zero zero point (int8 weights must be symmetric)",
                           o->index, o->name, idx);
    return DL_OK;
}

static int need_const(ctx *c, const opctx *o, int idx, const dl_tensor *t, const char *what)
{
    if (!t->is_const)
        return dl_fail(c->err, DL_ERR_UNSUPPORTED_OP, "op %d %s: %s tensor %d must be a constant", o->index, o->name,
                       what, idx);
    return DL_OK;
}

static int need_options(ctx *c, const opctx *o, uint8_t type)
{
    if (!o->has_opt || o->opt_type != type)
        return dl_fail(c->err, DL_ERR_CORRUPT, "op %d %s: missing or mismatched builtin options", o->index, o->name);
    return DL_OK;
}

/* CalculateActivationRangeQuantized; q(f) = zp + round(f / scale) in float. */
static int act_range(ctx *c, const opctx *o, int8_t act, const dl_tensor *out, int32_t *lo, int32_t *hi)
{
    int32_t qmin = out->type == DL_TYPE_UINT8 ? 0 : -128, qmax = out->type == DL_TYPE_UINT8 ? 255 : 127;
    float s = out->scale;
    *lo = qmin;
    *hi = qmax;
    switch (act) {
    case 0:
        break;
    case 1: { /* RELU */
        int32_t z = out->zp + (int32_t)roundf(0.0f / s);
        *lo = z > qmin ? z : qmin;
        break;
    }
    case 2: { /* RELU_N1_TO_1 */
        int32_t a = out->zp + (int32_t)roundf(-1.0f / s), b = out->zp + (int32_t)roundf(1.0f / s);
        *lo = a > qmin ? a : qmin;
        *hi = b < qmax ? b : qmax;
        break;
    }
    case 3: { /* RELU6 */
        float q6 = roundf(6.0f / s);
        int32_t z = out->zp + (int32_t)roundf(0.0f / s);
        int32_t b = q6 > 1e6f ? qmax : out->zp + (int32_t)q6;
        *lo = z > qmin ? z : qmin;
        *hi = b < qmax ? b : qmax;
        break;
    }
    default:
        return dl_fail(c->err, DL_ERR_UNSUPPORTED_OP, "op %d %s: fused activation %d is not supported", o->index,
                       o->name, (int)act);
    }
    return DL_OK;
}

static int out_size(ctx *c, const opctx *o, uint8_t padding, int32_t in, int32_t k, int32_t stride, int32_t dil,
                    int32_t *out, int32_t *pad)
{
    if (stride < 1 || dil < 1 || k < 1 || stride > 1024 || dil > 1024)
        return dl_fail(c->err, DL_ERR_SHAPE, "op %d %s: invalid stride/dilation/filter", o->index, o->name);
    int64_t eff = (int64_t)(k - 1) * dil + 1;
    int64_t n;
    if (padding == 0)
        n = ((int64_t)in + stride - 1) / stride;
    else if (padding == 1)
        n = ((int64_t)in - eff + stride) / stride;
    else
        return dl_fail(c->err, DL_ERR_CORRUPT, "op %d %s: unknown padding %d", o->index, o->name, (int)padding);
    if (n < 1)
        return dl_fail(c->err, DL_ERR_SHAPE, "op %d %s: filter larger than input", o->index, o->name);
    int64_t p = ((n - 1) * stride + eff - in) / 2;
    if (p > in)
        return dl_fail(c->err, DL_ERR_SHAPE, "op %d %s: filter much larger than input", o->index, o->name);
    *out = (int32_t)n;
    *pad = p > 0 ? (int32_t)p : 0;
    return DL_OK;
}

static int need_out_shape(ctx *c, const opctx *o, int idx, const dl_tensor *t, int32_t n, int32_t h, int32_t w,
                          int32_t ch)
{
    if (t->dims != 4 || t->shape[0] != n || t->shape[1] != h || t->shape[2] != w || t->shape[3] != ch)
        return dl_fail(c->err, DL_ERR_SHAPE, "op %d %s: output tensor %d shape does not match [%d,%d,%d,%d]",
                       o->index, o->name, idx, (int)n, (int)h, (int)w, (int)ch);
    return DL_OK;
}

static int add_scratch(ctx *c, int opi, size_t bytes, int32_t *item)
{
    *item = -1;
    if (!bytes)
        return DL_OK;
    if (c->n_items >= DL_MAX_PLAN_ITEMS)
        return dl_fail(c->err, DL_ERR_LIMIT, "more than %d activation buffers", DL_MAX_PLAN_ITEMS);
    plan_item *it = &c->items[c->n_items];
    it->tensor = -1 - opi;
    it->size = (uint32_t)bytes;
    it->first = it->last = (int16_t)opi;
    it->offset = 0;
    *item = c->n_items++;
    return DL_OK;
}

/* Per-channel multiplier/shift/bias/bias+offset arrays, filled when writing. */
static int32_t *channel_arrays(ctx *c, int channels)
{
    return (int32_t *)aalloc(c, (size_t)channels * 5 * sizeof(int32_t));
}

/* Worst-case accumulator magnitude of one output channel: every kernel sums
 * int8 weights times (input + offset) (|.| <= 255) or raw inputs (|.| <= 128)
 * on top of bias or bias_zp; refuse models where int32 could overflow. */
/* The integer requantization shifts left by the multiplier's exponent before
 * its high multiply; TFLite's kernels assume that fits (a rescale below 2^30),
 * so a larger one is a broken model, refused here rather than shifted past 31. */
static int check_rescale(ctx *c, const opctx *o, int ch, double real)
{
    if (real < 1073741824.0) /* also false for NaN */
        return DL_OK;
    /* no %g of the value: the managed engine gives the same message byte for byte */
    return dl_fail(c->err, DL_ERR_QUANTIZATION,
                   "op %d %s: channel %d rescale factor (input scale x weight scale / output scale) is 2^30 or more",
                   o->index, o->name, ch);
}

static int check_acc_range(ctx *c, const opctx *o, int ch, int64_t bias, int64_t bias_zp, int64_t depth)
{
    int64_t worst = depth * 128 * 255;
    int64_t b = bias < 0 ? -bias : bias, bz = bias_zp < 0 ? -bias_zp : bias_zp;
    if (b + worst >= INT32_MAX || bz + worst >= INT32_MAX)
        return dl_fail(c->err, DL_ERR_LIMIT, "op %d %s: channel %d could overflow the 32-bit accumulator", o->index,
                       o->name, ch);
    return DL_OK;
}

/* ---- CONV_2D / DEPTHWISE_CONV_2D ---------------------------------------- */

static int prep_conv(ctx *c, const opctx *o, dl_op *op, int depthwise)
{
    dl_tensor ti, tw, tb, to;
    int32_t iin, iw, ib, iout;
    int s;
    if ((s = io_index(c, o, &o->ins, 0, &iin)) || (s = io_index(c, o, &o->ins, 1, &iw)) ||
        (s = io_index(c, o, &o->ins, 2, &ib)) || (s = io_index(c, o, &o->outs, 0, &iout)))
        return s;
    if (iin < 0 || iw < 0 || iout < 0)
        return dl_fail(c->err, DL_ERR_CORRUPT, "op %d %s: missing input, weights or output", o->index, o->name);
    const dl_tensor *in = tensor(c, iin, &ti), *w = tensor(c, iw, &tw), *out = tensor(c, iout, &to);
    const dl_tensor *bias = ib >= 0 ? tensor(c, ib, &tb) : NULL;
    if (!in || !w || !out || (ib >= 0 && !bias))
        return DL_ERR_CORRUPT;
    if ((s = need_type(c, o, iin, in, DL_TYPE_INT8)) || (s = need_type(c, o, iw, w, DL_TYPE_INT8)) ||
        (s = need_type(c, o, iout, out, DL_TYPE_INT8)) || (bias && (s = need_type(c, o, ib, bias, DL_TYPE_INT32))))
        return s;
    if ((s = need_dims(c, o, iin, in, 4)) || (s = need_dims(c, o, iw, w, 4)))
        return s;
    if ((s = need_const(c, o, iw, w, "weights")) || (bias && (s = need_const(c, o, ib, bias, "bias"))))
        return s;
    if ((s = need_quant(c, o, iin, in)) || (s = need_quant(c, o, iout, out)))
        return s;
    if ((s = need_options(c, o, depthwise ? 2 : 1)))
        return s;
    uint8_t padding;
    int32_t sw, sh, dw, dh, dm = 1;
    int8_t act;
    if (!depthwise) {
        FB(fb_u8(&c->b, &o->opt, 0, 0, &padding), "options of op", o->index);
        FB(fb_i32(&c->b, &o->opt, 1, 0, &sw), "options of op", o->index);
        FB(fb_i32(&c->b, &o->opt, 2, 0, &sh), "options of op", o->index);
        FB(fb_i8(&c->b, &o->opt, 3, 0, &act), "options of op", o->index);
        FB(fb_i32(&c->b, &o->opt, 4, 1, &dw), "options of op", o->index);
        FB(fb_i32(&c->b, &o->opt, 5, 1, &dh), "options of op", o->index);
    } else {
        FB(fb_u8(&c->b, &o->opt, 0, 0, &padding), "options of op", o->index);
        FB(fb_i32(&c->b, &o->opt, 1, 0, &sw), "options of op", o->index);
        FB(fb_i32(&c->b, &o->opt, 2, 0, &sh), "options of op", o->index);
        FB(fb_i32(&c->b, &o->opt, 3, 0, &dm), "options of op", o->index);
        FB(fb_i8(&c->b, &o->opt, 4, 0, &act), "options of op", o->index);
        FB(fb_i32(&c->b, &o->opt, 5, 1, &dw), "options of op", o->index);
        FB(fb_i32(&c->b, &o->opt, 6, 1, &dh), "options of op", o->index);
    }
    int32_t N = in->shape[0], H = in->shape[1], W = in->shape[2], C = in->shape[3];
    int32_t OC, KH = w->shape[1], KW = w->shape[2];
    if (!depthwise) {
        OC = w->shape[0];
        if (w->shape[3] != C)
            return dl_fail(c->err, DL_ERR_SHAPE, "op %d %s: weights have %d input channels, input has %d", o->index,
                           o->name, (int)w->shape[3], (int)C);
    } else {
        OC = w->shape[3];
        if (w->shape[0] != 1 || OC % C != 0)
            return dl_fail(c->err, DL_ERR_SHAPE, "op %d %s: weights shape does not fit %d input channels", o->index,
                           o->name, (int)C);
        if (dm != 0 && dm != OC / C)
            return dl_fail(c->err, DL_ERR_SHAPE, "op %d %s: depth multiplier %d does not match weights", o->index,
                           o->name, (int)dm);
        dm = OC / C;
    }
    if (bias && bias->elems != OC)
        return dl_fail(c->err, DL_ERR_SHAPE, "op %d %s: bias has %d entries for %d channels", o->index, o->name,
                       (int)bias->elems, (int)OC);
    if ((s = need_weight_quant(c, o, iw, w, OC, depthwise ? 3 : 0)))
        return s;
    int32_t OH, OW, ph, pw;
    if ((s = out_size(c, o, padding, H, KH, sh, dh, &OH, &ph)) || (s = out_size(c, o, padding, W, KW, sw, dw, &OW, &pw)))
        return s;
    if ((s = need_out_shape(c, o, iout, out, N, OH, OW, OC)))
        return s;
    dl_conv_params *p = &op->u.conv;
    p->batches = N; p->in_h = H; p->in_w = W; p->in_c = C;
    p->out_h = OH; p->out_w = OW; p->out_c = OC; p->k_h = KH; p->k_w = KW;
    p->stride_h = sh; p->stride_w = sw; p->dil_h = dh; p->dil_w = dw; p->pad_h = ph; p->pad_w = pw;
    p->depth_mult = dm;
    p->in_offset = -in->zp;
    p->out_offset = out->zp;
    if ((s = act_range(c, o, act, out, &p->act_min, &p->act_max)))
        return s;
    p->weights = (const int8_t *)w->data;
    op->kind = depthwise ? DL_K_DWCONV : DL_K_CONV;
    op->in = iin; op->out = iout; op->w = iw; op->b = ib;
    op->macs = (int64_t)N * OH * OW * OC * KH * KW * (depthwise ? 1 : C);
    op->weight_bytes = w->bytes + (bias ? bias->bytes : 0);
    for (int ch = 0; ch < OC; ++ch) {
        int64_t bv = bias ? fb_rd_i32(&c->b, (uint32_t)(bias->data - c->b.p) + 4u * (uint32_t)ch) : 0, sum = 0;
        int64_t depth = (int64_t)KH * KW * (depthwise ? 1 : C);
        if (!depthwise)
            for (int64_t i = 0; i < depth; ++i)
                sum += p->weights[(size_t)ch * (size_t)depth + (size_t)i];
        else
            for (int64_t i = 0; i < depth; ++i)
                sum += p->weights[(size_t)i * OC + (size_t)ch];
        if ((s = check_acc_range(c, o, ch, bv, bv + (int64_t)p->in_offset * sum, depth)))
            return s;
        float ws = fb_rd_f32(&c->b, w->scales_pos + 4u * (uint32_t)(w->nscales > 1 ? ch : 0));
        if ((s = check_rescale(c, o, ch, (double)in->scale * (double)ws / (double)out->scale)))
            return s;
    }
    int32_t *arr = channel_arrays(c, OC);
    if (arr) {
        int32_t *mult = arr, *shift = arr + OC, *b = arr + 2 * OC, *bz = arr + 3 * OC;
        float *fs = (float *)(void *)(arr + 4 * OC);
        for (int ch = 0; ch < OC; ++ch) {
            float ws = fb_rd_f32(&c->b, w->scales_pos + 4u * (uint32_t)(w->nscales > 1 ? ch : 0));
            /* TFLite PopulateConvolutionQuantizationParams: all in double */
            double real = (double)in->scale * (double)ws / (double)out->scale;
            dl_quantize_multiplier(real, &mult[ch], &shift[ch]);
            /* XNNPACK: input_scale * kernel_scale / output_scale in float */
            fs[ch] = in->scale * ws / out->scale;
            b[ch] = bias ? fb_rd_i32(&c->b, (uint32_t)(bias->data - c->b.p) + 4u * (uint32_t)ch) : 0;
            int32_t sum = 0;
            if (!depthwise) {
                const int8_t *wc = p->weights + (size_t)ch * KH * KW * C;
                for (int i = 0; i < KH * KW * C; ++i)
                    sum += wc[i];
            } else {
                for (int i = 0; i < KH * KW; ++i)
                    sum += p->weights[(size_t)i * OC + ch];
            }
            bz[ch] = b[ch] + p->in_offset * sum;
        }
        p->mult = mult; p->shift = shift; p->bias = b; p->bias_zp = bz;
        p->fscale = fs;
        op->fscale = fs;
    }
    size_t scratch = depthwise ? dl_dwconv_s8_opt_scratch_bytes(p) : dl_conv_s8_opt_scratch_bytes(p);
    return add_scratch(c, o->index, scratch, &op->scratch_item);
}

/* ---- FULLY_CONNECTED ---------------------------------------------------- */

static int prep_fc(ctx *c, const opctx *o, dl_op *op)
{
    dl_tensor ti, tw, tb, to;
    int32_t iin, iw, ib, iout;
    int s;
    if ((s = io_index(c, o, &o->ins, 0, &iin)) || (s = io_index(c, o, &o->ins, 1, &iw)) ||
        (s = io_index(c, o, &o->ins, 2, &ib)) || (s = io_index(c, o, &o->outs, 0, &iout)))
        return s;
    if (iin < 0 || iw < 0 || iout < 0)
        return dl_fail(c->err, DL_ERR_CORRUPT, "op %d %s: missing input, weights or output", o->index, o->name);
    const dl_tensor *in = tensor(c, iin, &ti), *w = tensor(c, iw, &tw), *out = tensor(c, iout, &to);
    const dl_tensor *bias = ib >= 0 ? tensor(c, ib, &tb) : NULL;
    if (!in || !w || !out || (ib >= 0 && !bias))
        return DL_ERR_CORRUPT;
    if ((s = need_type(c, o, iin, in, DL_TYPE_INT8)) || (s = need_type(c, o, iw, w, DL_TYPE_INT8)) ||
        (s = need_type(c, o, iout, out, DL_TYPE_INT8)) || (bias && (s = need_type(c, o, ib, bias, DL_TYPE_INT32))))
        return s;
    if ((s = need_dims(c, o, iw, w, 2)) || (s = need_const(c, o, iw, w, "weights")) ||
        (bias && (s = need_const(c, o, ib, bias, "bias"))))
        return s;
    if ((s = need_quant(c, o, iin, in)) || (s = need_quant(c, o, iout, out)))
        return s;
    int8_t act = 0, fmt = 0;
    if (o->has_opt) {
        if ((s = need_options(c, o, 8)))
            return s;
        FB(fb_i8(&c->b, &o->opt, 0, 0, &act), "options of op", o->index);
        FB(fb_i8(&c->b, &o->opt, 1, 0, &fmt), "options of op", o->index);
    }
    if (fmt != 0)
        return dl_fail(c->err, DL_ERR_UNSUPPORTED_OP, "op %d %s: shuffled weights format is not supported", o->index,
                       o->name);
    int32_t OUT = w->shape[0], D = w->shape[1];
    if (in->elems % D != 0)
        return dl_fail(c->err, DL_ERR_SHAPE, "op %d %s: input of %d elements is not a multiple of depth %d", o->index,
                       o->name, (int)in->elems, (int)D);
    int32_t B = in->elems / D;
    if (out->elems != B * OUT || out->dims < 1 || out->shape[out->dims - 1] != OUT)
        return dl_fail(c->err, DL_ERR_SHAPE, "op %d %s: output tensor %d does not hold %d x %d values", o->index,
                       o->name, (int)iout, (int)B, (int)OUT);
    if (bias && bias->elems != OUT)
        return dl_fail(c->err, DL_ERR_SHAPE, "op %d %s: bias has %d entries for %d outputs", o->index, o->name,
                       (int)bias->elems, (int)OUT);
    if ((s = need_weight_quant(c, o, iw, w, OUT, 0)))
        return s;
    dl_fc_params *p = &op->u.fc;
    p->batches = B; p->depth = D; p->out_c = OUT;
    p->in_offset = -in->zp;
    p->out_offset = out->zp;
    if ((s = act_range(c, o, act, out, &p->act_min, &p->act_max)))
        return s;
    p->weights = (const int8_t *)w->data;
    op->kind = DL_K_FC;
    op->in = iin; op->out = iout; op->w = iw; op->b = ib;
    op->macs = (int64_t)B * OUT * D;
    op->weight_bytes = w->bytes + (bias ? bias->bytes : 0);
    for (int ch = 0; ch < OUT; ++ch) {
        int64_t bv = bias ? fb_rd_i32(&c->b, (uint32_t)(bias->data - c->b.p) + 4u * (uint32_t)ch) : 0, sum = 0;
        for (int i = 0; i < D; ++i)
            sum += p->weights[(size_t)ch * D + (size_t)i];
        if ((s = check_acc_range(c, o, ch, bv, bv + (int64_t)p->in_offset * sum, D)))
            return s;
        double ws = w->nscales > 1 ? (double)fb_rd_f32(&c->b, w->scales_pos + 4u * (uint32_t)ch) : (double)w->scale;
        if ((s = check_rescale(c, o, ch, (double)in->scale * ws / (double)out->scale)))
            return s;
    }
    int32_t *arr = channel_arrays(c, OUT);
    if (arr) {
        int32_t *mult = arr, *shift = arr + OUT, *b = arr + 2 * OUT, *bz = arr + 3 * OUT;
        float *fs = (float *)(void *)(arr + 4 * OUT);
        for (int ch = 0; ch < OUT; ++ch) {
            double real;
            if (w->nscales > 1) {
                float ws = fb_rd_f32(&c->b, w->scales_pos + 4u * (uint32_t)ch);
                real = (double)in->scale * (double)ws / (double)out->scale;
                fs[ch] = in->scale * ws / out->scale;
            } else {
                /* TFLite GetQuantizedConvolutionMultipler: the scale product is a float */
                float prod = in->scale * w->scale;
                real = (double)prod / (double)out->scale;
                fs[ch] = in->scale * w->scale / out->scale;
            }
            dl_quantize_multiplier(real, &mult[ch], &shift[ch]);
            b[ch] = bias ? fb_rd_i32(&c->b, (uint32_t)(bias->data - c->b.p) + 4u * (uint32_t)ch) : 0;
            int32_t sum = 0;
            const int8_t *wc = p->weights + (size_t)ch * D;
            for (int i = 0; i < D; ++i)
                sum += wc[i];
            bz[ch] = b[ch] + p->in_offset * sum;
        }
        p->mult = mult; p->shift = shift; p->bias = b; p->bias_zp = bz;
        p->fscale = fs;
        op->fscale = fs;
    }
    return add_scratch(c, o->index, dl_fc_s8_opt_scratch_bytes(p), &op->scratch_item);
}

/* ---- pools ---------------------------------------------------------------- */

static int prep_pool(ctx *c, const opctx *o, dl_op *op, int avg)
{
    dl_tensor ti, to;
    int32_t iin, iout;
    int s;
    if ((s = io_index(c, o, &o->ins, 0, &iin)) || (s = io_index(c, o, &o->outs, 0, &iout)))
        return s;
    if (iin < 0 || iout < 0)
        return dl_fail(c->err, DL_ERR_CORRUPT, "op %d %s: missing input or output", o->index, o->name);
    const dl_tensor *in = tensor(c, iin, &ti), *out = tensor(c, iout, &to);
    if (!in || !out)
        return DL_ERR_CORRUPT;
    if ((s = need_type(c, o, iin, in, DL_TYPE_INT8)) || (s = need_type(c, o, iout, out, DL_TYPE_INT8)) ||
        (s = need_dims(c, o, iin, in, 4)) || (s = need_quant(c, o, iin, in)) || (s = need_quant(c, o, iout, out)) ||
        (s = need_options(c, o, 5)))
        return s;
    if (in->scale != out->scale || in->zp != out->zp)
        return dl_fail(c->err, DL_ERR_QUANTIZATION, "op %d %s: input and output quantization differ", o->index,
                       o->name);
    uint8_t padding;
    int32_t sw, sh, fw, fh;
    int8_t act;
    FB(fb_u8(&c->b, &o->opt, 0, 0, &padding), "options of op", o->index);
    FB(fb_i32(&c->b, &o->opt, 1, 0, &sw), "options of op", o->index);
    FB(fb_i32(&c->b, &o->opt, 2, 0, &sh), "options of op", o->index);
    FB(fb_i32(&c->b, &o->opt, 3, 0, &fw), "options of op", o->index);
    FB(fb_i32(&c->b, &o->opt, 4, 0, &fh), "options of op", o->index);
    FB(fb_i8(&c->b, &o->opt, 5, 0, &act), "options of op", o->index);
    dl_pool_params *p = &op->u.pool;
    p->batches = in->shape[0]; p->in_h = in->shape[1]; p->in_w = in->shape[2]; p->channels = in->shape[3];
    p->f_h = fh; p->f_w = fw; p->stride_h = sh; p->stride_w = sw;
    if ((s = out_size(c, o, padding, p->in_h, fh, sh, 1, &p->out_h, &p->pad_h)) ||
        (s = out_size(c, o, padding, p->in_w, fw, sw, 1, &p->out_w, &p->pad_w)))
        return s;
    if ((s = need_out_shape(c, o, iout, out, p->batches, p->out_h, p->out_w, p->channels)))
        return s;
    /* an average sums at most min(f,in) x min(f,in) int8 values in int32 */
    if ((int64_t)(fh < p->in_h ? fh : p->in_h) * (fw < p->in_w ? fw : p->in_w) > (1 << 23))
        return dl_fail(c->err, DL_ERR_LIMIT, "op %d %s: pooling window too large", o->index, o->name);
    if ((s = act_range(c, o, act, out, &p->act_min, &p->act_max)))
        return s;
    op->kind = avg ? DL_K_AVGPOOL : DL_K_MAXPOOL;
    op->in = iin; op->out = iout;
    return DL_OK;
}

/* ---- SOFTMAX ------------------------------------------------------------ */

static int prep_softmax(ctx *c, const opctx *o, dl_op *op)
{
    dl_tensor ti, to;
    int32_t iin, iout;
    int s;
    if ((s = io_index(c, o, &o->ins, 0, &iin)) || (s = io_index(c, o, &o->outs, 0, &iout)))
        return s;
    if (iin < 0 || iout < 0)
        return dl_fail(c->err, DL_ERR_CORRUPT, "op %d %s: missing input or output", o->index, o->name);
    const dl_tensor *in = tensor(c, iin, &ti), *out = tensor(c, iout, &to);
    if (!in || !out)
        return DL_ERR_CORRUPT;
    if ((s = need_type(c, o, iin, in, DL_TYPE_INT8)) || (s = need_type(c, o, iout, out, DL_TYPE_INT8)) ||
        (s = need_quant(c, o, iin, in)) || (s = need_quant(c, o, iout, out)))
        return s;
    if (in->elems != out->elems || in->dims < 1 || out->dims < 1 || in->shape[in->dims - 1] != out->shape[out->dims - 1])
        return dl_fail(c->err, DL_ERR_SHAPE, "op %d %s: input and output shapes differ", o->index, o->name);
    if (out->zp != -128 || fabsf(out->scale - 1.0f / 256) > 0.001f / 256)
        return dl_fail(c->err, DL_ERR_QUANTIZATION, "op %d %s: output must have scale 1/256 and zero point -128",
                       o->index, o->name);
    float beta = 1.0f;
    if (o->has_opt) {
        if ((s = need_options(c, o, 9)))
            return s;
        FB(fb_f32(&c->b, &o->opt, 0, 0.0f, &beta), "options of op", o->index);
    }
    if (!(beta > 0.0f && beta < 1e6f))
        return dl_fail(c->err, DL_ERR_CORRUPT, "op %d %s: invalid beta", o->index, o->name);
    dl_softmax_params *p = &op->u.softmax;
    p->depth = in->shape[in->dims - 1];
    p->rows = in->elems / p->depth;
    p->out_zp = out->zp;
    p->out_scale = out->scale;
    p->exp_scale = -in->scale * beta;
    op->kind = DL_K_SOFTMAX;
    op->in = iin; op->out = iout;
    return DL_OK;
}

/* ---- RESHAPE / QUANTIZE / DEQUANTIZE -------------------------------------- */

static int is_graph_io(ctx *c, const fb_vec *v, int32_t t)
{
    for (uint32_t i = 0; i < v->count; ++i)
        if (fb_rd_i32(&c->b, v->data + 4 * i) == t)
            return 1;
    return 0;
}

static int prep_unary(ctx *c, const opctx *o, dl_op *op, int32_t builtin)
{
    dl_tensor ti, to;
    int32_t iin, iout;
    int s;
    if ((s = io_index(c, o, &o->ins, 0, &iin)) || (s = io_index(c, o, &o->outs, 0, &iout)))
        return s;
    if (iin < 0 || iout < 0)
        return dl_fail(c->err, DL_ERR_CORRUPT, "op %d %s: missing input or output", o->index, o->name);
    const dl_tensor *in = tensor(c, iin, &ti), *out = tensor(c, iout, &to);
    if (!in || !out)
        return DL_ERR_CORRUPT;
    op->in = iin; op->out = iout;
    if (in->elems != out->elems)
        return dl_fail(c->err, DL_ERR_SHAPE, "op %d %s: input has %d elements, output %d", o->index, o->name,
                       (int)in->elems, (int)out->elems);
    op->in_type = in->type;
    op->out_type = out->type;
    if (builtin == 22) { /* RESHAPE: a copy of the bytes */
        if (in->type != out->type)
            return dl_fail(c->err, DL_ERR_UNSUPPORTED_TYPE, "op %d %s: input and output types differ", o->index,
                           o->name);
        if (in->type != DL_TYPE_INT8 && in->type != DL_TYPE_UINT8)
            return need_type(c, o, iin, in, DL_TYPE_INT8);
        op->kind = DL_K_RESHAPE;
        return DL_OK;
    }
    int q8in = in->type == DL_TYPE_INT8 || in->type == DL_TYPE_UINT8;
    int q8out = out->type == DL_TYPE_INT8 || out->type == DL_TYPE_UINT8;
    dl_requant_params *p = &op->u.rq;
    p->count = in->elems;
    if (builtin == 114) { /* QUANTIZE */
        if (!q8out || !(q8in || (in->type == DL_TYPE_FLOAT32 && is_graph_io(c, &c->inputs_v, iin))))
            return dl_fail(c->err, DL_ERR_UNSUPPORTED_TYPE, "op %d %s: %s to %s is not supported", o->index, o->name,
                           type_name(in->type), type_name(out->type));
        if ((s = need_quant(c, o, iout, out)) || (q8in && (s = need_quant(c, o, iin, in))))
            return s;
        p->out_zp = out->zp;
        p->out_scale = out->scale;
        p->out_min = out->type == DL_TYPE_UINT8 ? 0 : -128;
        p->out_max = out->type == DL_TYPE_UINT8 ? 255 : 127;
        if (q8in) {
            p->in_zp = in->zp;
            p->in_scale = in->scale;
            if ((s = check_rescale(c, o, 0, (double)in->scale / (double)out->scale)))
                return s;
            dl_quantize_multiplier((double)in->scale / (double)out->scale, &p->mult, &p->shift);
            op->kind = DL_K_REQUANT;
        } else {
            op->kind = DL_K_QUANTIZE_F32;
        }
        return DL_OK;
    }
    /* DEQUANTIZE: float output only where the model hands it to the caller */
    if (!q8in || out->type != DL_TYPE_FLOAT32 || !is_graph_io(c, &c->outputs_v, iout))
        return dl_fail(c->err, DL_ERR_UNSUPPORTED_TYPE,
                       "op %d %s: %s to %s is only supported for a model output", o->index, o->name,
                       type_name(in->type), type_name(out->type));
    if ((s = need_quant(c, o, iin, in)))
        return s;
    p->in_zp = in->zp;
    p->in_scale = in->scale;
    op->kind = DL_K_DEQUANTIZE;
    return DL_OK;
}

/* ---- ops ------------------------------------------------------------------ */

static int prep_op(ctx *c, int i, dl_op *op)
{
    fb_table ot, ct;
    uint32_t opcode;
    int8_t dep;
    int32_t code;
    opctx o;
    memset(&o, 0, sizeof o);
    memset(op, 0, sizeof *op);
    op->w = op->b = -1;
    op->scratch_item = -1;
    o.index = i;
    FB(fb_vec_table(&c->b, &c->ops_v, (uint32_t)i, &ot), "operator", i);
    FB(fb_u32(&c->b, &ot, 0, 0, &opcode), "opcode index of op", i);
    if (opcode >= c->opcodes.count)
        return dl_fail(c->err, DL_ERR_CORRUPT, "model corrupt: op %d uses opcode %u of %u", i, (unsigned)opcode,
                       (unsigned)c->opcodes.count);
    FB(fb_vec_table(&c->b, &c->opcodes, opcode, &ct), "operator code", opcode);
    FB(fb_i8(&c->b, &ct, 0, 0, &dep), "operator code", opcode);
    FB(fb_i32(&c->b, &ct, 3, 0, &code), "operator code", opcode);
    /* TFLite takes the larger of the legacy byte and the 32-bit field */
    if (dep > code)
        code = dep;
    op->builtin = code;
    o.name = dl_builtin_name(code);
    FB(fb_vector(&c->b, &ot, 1, 4, &o.ins), "inputs of op", i);
    FB(fb_vector(&c->b, &ot, 2, 4, &o.outs), "outputs of op", i);
    FB(fb_u8(&c->b, &ot, 3, 0, &o.opt_type), "options of op", i);
    FB(fb_subtable(&c->b, &ot, 4, &o.opt, &o.has_opt), "options of op", i);
    if (o.outs.count < 1)
        return dl_fail(c->err, DL_ERR_CORRUPT, "op %d %s: no output", i, o.name);
    switch (code) {
    case 3: return prep_conv(c, &o, op, 0);
    case 4: return prep_conv(c, &o, op, 1);
    case 9: return prep_fc(c, &o, op);
    case 17: return prep_pool(c, &o, op, 0);
    case 1: return prep_pool(c, &o, op, 1);
    case 25: return prep_softmax(c, &o, op);
    case 22: case 114: case 6: return prep_unary(c, &o, op, code);
    case 32: {
        fb_vec cname;
        FB(fb_string(&c->b, &ct, 1, &cname), "custom code of operator code", opcode);
        int n = cname.count > 40 ? 40 : (int)cname.count;
        return dl_fail(c->err, DL_ERR_UNSUPPORTED_OP, "op %d CUSTOM '%.*s' is not supported", i, n,
                       cname.present ? (const char *)(c->b.p + cname.data) : "");
    }
    default:
        return dl_fail(c->err, DL_ERR_UNSUPPORTED_OP, "op %d %s is not supported", i, o.name);
    }
}

/* ---- planner -------------------------------------------------------------- */

static int find_item(ctx *c, int32_t t)
{
    for (int i = 0; i < c->n_items; ++i)
        if (c->items[i].tensor == t)
            return i;
    return -1;
}

static int use_tensor(ctx *c, int32_t t, const dl_tensor *tt, int opi, int produce, const char *opname)
{
    int k = find_item(c, t);
    if (produce) {
        if (tt->is_const)
            return dl_fail(c->err, DL_ERR_CORRUPT, "op %d %s: writes constant tensor %d", opi, opname, (int)t);
        if (k >= 0 && c->items[k].first != -1 && c->items[k].first <= opi)
            return dl_fail(c->err, DL_ERR_CORRUPT, "op %d %s: tensor %d is written twice", opi, opname, (int)t);
    } else if (tt->is_const) {
        return DL_OK;
    } else if (k < 0) {
        return dl_fail(c->err, DL_ERR_CORRUPT, "op %d %s: reads tensor %d before any op writes it", opi, opname,
                       (int)t);
    }
    if (k < 0) {
        if (c->n_items >= DL_MAX_PLAN_ITEMS)
            return dl_fail(c->err, DL_ERR_LIMIT, "more than %d activation buffers", DL_MAX_PLAN_ITEMS);
        k = c->n_items++;
        c->items[k].tensor = t;
        c->items[k].size = (uint32_t)tt->bytes;
        c->items[k].first = (int16_t)opi;
        c->items[k].last = (int16_t)opi;
        c->items[k].offset = 0;
    }
    if (c->items[k].last < opi)
        c->items[k].last = (int16_t)opi;
    return DL_OK;
}

static size_t plan(ctx *c)
{
    int16_t order[DL_MAX_PLAN_ITEMS];
    int n = c->n_items;
    for (int i = 0; i < n; ++i)
        order[i] = (int16_t)i;
    /* largest first, ties by position: stable insertion sort */
    for (int i = 1; i < n; ++i) {
        int16_t v = order[i];
        int j = i - 1;
        while (j >= 0 && c->items[order[j]].size < c->items[v].size) {
            order[j + 1] = order[j];
            --j;
        }
        order[j + 1] = v;
    }
    size_t total = 0;
    for (int i = 0; i < n; ++i) {
        plan_item *it = &c->items[order[i]];
        uint32_t size = (it->size + DL_ALIGN - 1) & ~(DL_ALIGN - 1);
        uint32_t off = 0;
        int moved = 1;
        while (moved) {
            moved = 0;
            for (int j = 0; j < i; ++j) {
                const plan_item *o = &c->items[order[j]];
                uint32_t osize = (o->size + DL_ALIGN - 1) & ~(DL_ALIGN - 1);
                if (o->last < it->first || o->first > it->last)
                    continue;
                if (off < o->offset + osize && o->offset < off + size) {
                    off = o->offset + osize;
                    moved = 1;
                }
            }
        }
        it->offset = off;
        if ((size_t)off + size > total)
            total = (size_t)off + size;
    }
    return total;
}

/* ---- top level ------------------------------------------------------------ */

static int prepare_impl(const uint8_t *model, size_t model_len, uint8_t *base, ctx *c, dl_engine **out)
{
    fb_table root, sg;
    uint32_t version;
    plan_item items[DL_MAX_PLAN_ITEMS];
    c->items = items;
    c->n_items = 0;
    c->base = base;
    c->used = 0;
    c->tensors = NULL;
    c->ops = NULL;
    if (model_len > 0x7fffffffu)
        return dl_fail(c->err, DL_ERR_LIMIT, "model larger than 2 GB");
    c->b.p = model;
    c->b.len = (uint32_t)model_len;
    if (model_len < 8)
        return dl_fail(c->err, DL_ERR_TRUNCATED, "model truncated: %u bytes is too short for a TFLite file",
                       (unsigned)model_len);
    if (memcmp(model + 4, "TFL3", 4) != 0)
        return dl_fail(c->err, DL_ERR_CORRUPT, "not a TFLite model: file identifier is not \"TFL3\"");
    FB(fb_root(&c->b, &root), "root table", 0);
    FB(fb_u32(&c->b, &root, 0, 0, &version), "version", 0);
    if (version != 3)
        return dl_fail(c->err, DL_ERR_VERSION, "unsupported TFLite schema version %u (expected 3)", (unsigned)version);
    fb_vec subgraphs;
    FB(fb_vector(&c->b, &root, 1, 4, &c->opcodes), "operator codes", 0);
    FB(fb_vector(&c->b, &root, 2, 4, &subgraphs), "subgraphs", 0);
    FB(fb_vector(&c->b, &root, 4, 4, &c->buffers), "buffers", 0);
    FB(fb_vector(&c->b, &root, 6, 4, &c->meta_v), "metadata", 0);
    if (subgraphs.count < 1)
        return dl_fail(c->err, DL_ERR_CORRUPT, "model corrupt: no subgraph");
    FB(fb_vec_table(&c->b, &subgraphs, 0, &sg), "subgraph", 0);
    FB(fb_vector(&c->b, &sg, 0, 4, &c->tensors_v), "tensors of subgraph", 0);
    FB(fb_vector(&c->b, &sg, 1, 4, &c->inputs_v), "inputs of subgraph", 0);
    FB(fb_vector(&c->b, &sg, 2, 4, &c->outputs_v), "outputs of subgraph", 0);
    FB(fb_vector(&c->b, &sg, 3, 4, &c->ops_v), "operators of subgraph", 0);
    if (c->tensors_v.count > DL_MAX_TENSORS || c->ops_v.count > DL_MAX_OPS)
        return dl_fail(c->err, DL_ERR_LIMIT, "model has %u tensors and %u ops (limits %d and %d)",
                       (unsigned)c->tensors_v.count, (unsigned)c->ops_v.count, DL_MAX_TENSORS, DL_MAX_OPS);
    c->n_tensors = (int32_t)c->tensors_v.count;
    c->n_ops = (int32_t)c->ops_v.count;
    if (c->ops_v.count == 0 || c->inputs_v.count == 0 || c->outputs_v.count == 0)
        return dl_fail(c->err, DL_ERR_CORRUPT, "model corrupt: subgraph has no ops, inputs or outputs");

    dl_engine *e = (dl_engine *)aalloc(c, sizeof(dl_engine));
    dl_tensor *tensors = (dl_tensor *)aalloc(c, sizeof(dl_tensor) * (size_t)c->n_tensors);
    dl_op *ops = (dl_op *)aalloc(c, sizeof(dl_op) * (size_t)c->n_ops);
    int32_t *ins = (int32_t *)aalloc(c, sizeof(int32_t) * c->inputs_v.count);
    int32_t *outs = (int32_t *)aalloc(c, sizeof(int32_t) * c->outputs_v.count);

    for (int i = 0; i < c->n_tensors; ++i) {
        dl_tensor t;
        fb_vec name;
        int s = load_tensor(c, i, &t, &name);
        if (s != DL_OK)
            return s;
        /* FlatBuffers strings end with a NUL, so the name is used in place (no arena
         * copy); a file whose string lacks it gets an empty name, not a read past it. */
        int terminated = name.present && (size_t)name.data + name.count < c->b.len &&
                         c->b.p[name.data + name.count] == 0;
        t.name = terminated ? (const char *)(c->b.p + name.data) : "";
        if (tensors)
            tensors[i] = t;
    }
    c->tensors = tensors;

    /* graph inputs are live from before the first op to their last reader (as in
     * TFLite Micro: the caller writes them before every invoke); outputs stay live
     * to the end */
    for (uint32_t k = 0; k < c->inputs_v.count + c->outputs_v.count; ++k) {
        int isin = k < c->inputs_v.count;
        const fb_vec *v = isin ? &c->inputs_v : &c->outputs_v;
        uint32_t kk = isin ? k : k - c->inputs_v.count;
        int32_t t = fb_rd_i32(&c->b, v->data + 4 * kk);
        if (t < 0 || t >= c->n_tensors)
            return dl_fail(c->err, DL_ERR_CORRUPT, "model corrupt: subgraph %s %u is tensor %d of %d",
                           isin ? "input" : "output", (unsigned)kk, (int)t, (int)c->n_tensors);
        if (isin) {
            if (ins)
                ins[kk] = t;
            dl_tensor tmp;
            const dl_tensor *tt = tensor(c, t, &tmp);
            if (!tt)
                return DL_ERR_CORRUPT;
            if (tt->is_const)
                return dl_fail(c->err, DL_ERR_CORRUPT, "model corrupt: input tensor %d is a constant", (int)t);
            if (find_item(c, t) < 0) {
                int s = use_tensor(c, t, tt, 0, 1, "input");
                if (s != DL_OK)
                    return s;
            }
        } else if (outs) {
            outs[kk] = t;
        }
    }

    for (int i = 0; i < c->n_ops; ++i) {
        dl_op tmp;
        dl_op *op = ops ? &ops[i] : &tmp;
        int s = prep_op(c, i, op);
        if (s != DL_OK)
            return s;
        dl_tensor t1, t2;
        const dl_tensor *ti = tensor(c, op->in, &t1), *to = tensor(c, op->out, &t2);
        if (!ti || !to)
            return DL_ERR_CORRUPT;
        if ((s = use_tensor(c, op->in, ti, i, 0, dl_builtin_name(op->builtin))) != DL_OK ||
            (s = use_tensor(c, op->out, to, i, 1, dl_builtin_name(op->builtin))) != DL_OK)
            return s;
    }
    for (int i = 0; i < c->n_items; ++i) {
        int32_t t = c->items[i].tensor;
        if (t >= 0 && is_graph_io(c, &c->inputs_v, t))
            c->items[i].first = 0;
        if (t >= 0 && is_graph_io(c, &c->outputs_v, t))
            c->items[i].last = (int16_t)c->n_ops;
    }
    for (uint32_t k = 0; k < c->outputs_v.count; ++k) {
        int32_t t = fb_rd_i32(&c->b, c->outputs_v.data + 4 * k);
        if (find_item(c, t) < 0)
            return dl_fail(c->err, DL_ERR_CORRUPT, "model corrupt: output tensor %d is never written", (int)t);
    }

    /* metadata: name -> buffer */
    dl_meta *meta = (dl_meta *)aalloc(c, sizeof(dl_meta) * (c->meta_v.count ? c->meta_v.count : 1));
    for (uint32_t k = 0; k < c->meta_v.count; ++k) {
        fb_table mt, bt;
        fb_vec name, data;
        uint32_t buf;
        FB(fb_vec_table(&c->b, &c->meta_v, k, &mt), "metadata entry", k);
        FB(fb_string(&c->b, &mt, 0, &name), "metadata name", k);
        FB(fb_u32(&c->b, &mt, 1, 0, &buf), "metadata buffer", k);
        if (buf >= c->buffers.count)
            return dl_fail(c->err, DL_ERR_CORRUPT, "model corrupt: metadata %u refers to buffer %u of %u",
                           (unsigned)k, (unsigned)buf, (unsigned)c->buffers.count);
        FB(fb_vec_table(&c->b, &c->buffers, buf, &bt), "buffer", buf);
        FB(fb_vector(&c->b, &bt, 0, 1, &data), "data of buffer", buf);
        if (meta) {
            meta[k].name = c->b.p + name.data;
            meta[k].name_len = name.count;
            /* never NULL for an entry that exists, even when its buffer is empty */
            meta[k].data = data.count ? c->b.p + data.data : c->b.p;
            meta[k].len = data.count;
        }
    }

    size_t act = plan(c);
    uint8_t *acts = (uint8_t *)aalloc(c, act ? act : DL_ALIGN);
    if (!base)
        return DL_OK;

    for (int i = 0; i < c->n_items; ++i) {
        const plan_item *it = &c->items[i];
        if (it->tensor >= 0) {
            tensors[it->tensor].data = acts + it->offset;
            tensors[it->tensor].plan_item = i;
        } else {
            dl_op *op = &ops[-1 - it->tensor];
            int16_t *scratch = (int16_t *)(void *)(acts + it->offset);
            if (op->kind == DL_K_FC)
                op->u.fc.scratch = scratch;
            else
                op->u.conv.scratch = scratch;
        }
    }
    memset(e, 0, sizeof *e);
    e->magic = DL_MAGIC;
    e->variant = 1;
    e->requant = DL_REQUANT_FLOAT;
    e->n_tensors = c->n_tensors;
    e->n_ops = c->n_ops;
    e->n_inputs = (int32_t)c->inputs_v.count;
    e->n_outputs = (int32_t)c->outputs_v.count;
    e->n_meta = (int32_t)c->meta_v.count;
    e->tensors = tensors;
    e->ops = ops;
    e->inputs = ins;
    e->outputs = outs;
    e->meta = meta;
    e->activations = acts;
    e->activation_bytes = act;
    *out = e;
    return DL_OK;
}

int dl_arena_required(const uint8_t *model, size_t model_len, size_t *out_bytes, dl_error *err)
{
    ctx c;
    dl_engine *e = NULL;
    if (err) {
        err->code = DL_OK;
        err->message[0] = 0;
    }
    if (!model || !out_bytes)
        return dl_fail(err, DL_ERR_ARGUMENT, "null model or result pointer");
    memset(&c, 0, sizeof c);
    c.err = err;
    int s = prepare_impl(model, model_len, NULL, &c, &e);
    if (s != DL_OK)
        return s;
    *out_bytes = c.used + DL_ALIGN; /* room to align any arena pointer */
    return DL_OK;
}

int dl_prepare(const uint8_t *model, size_t model_len, void *arena, size_t arena_len, dl_engine **out,
               dl_error *err)
{
    ctx c;
    dl_engine *e = NULL;
    if (err) {
        err->code = DL_OK;
        err->message[0] = 0;
    }
    if (!model || !arena || !out)
        return dl_fail(err, DL_ERR_ARGUMENT, "null model, arena or result pointer");
    *out = NULL;
    memset(&c, 0, sizeof c);
    c.err = err;
    int s = prepare_impl(model, model_len, NULL, &c, &e);
    if (s != DL_OK)
        return s;
    uintptr_t a = (uintptr_t)arena;
    size_t pad = (size_t)((DL_ALIGN - (a & (DL_ALIGN - 1))) & (DL_ALIGN - 1));
    if (arena_len < pad || arena_len - pad < c.used)
        return dl_fail(err, DL_ERR_ARENA_TOO_SMALL, "arena of %lu bytes is too small: the model needs %lu",
                       (unsigned long)arena_len, (unsigned long)(c.used + DL_ALIGN));
    size_t need = c.used;
    memset(&c, 0, sizeof c);
    c.err = err;
    s = prepare_impl(model, model_len, (uint8_t *)arena + pad, &c, &e);
    if (s != DL_OK)
        return s;
    if (c.used != need)
        return dl_fail(err, DL_ERR_CORRUPT, "internal error: arena plan changed between passes");
    *out = e;
    return DL_OK;
}
