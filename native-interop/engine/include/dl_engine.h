/*
 * DigitLock int8 inference engine: public API.
 *
 * Loads a TensorFlow Lite flatbuffer (.tflite) and runs int8 inference with no
 * heap allocation. All state lives in a caller-provided arena:
 *
 *     size_t need;
 *     dl_error err;
 *     if (dl_arena_required(model, model_len, &need, &err) != DL_OK) { ... err.message ... }
 *     dl_engine *e;
 *     if (dl_prepare(model, model_len, arena, arena_len, &e, &err) != DL_OK) { ... }
 *     memcpy(dl_input_data(e, 0), image, dl_input_bytes(e, 0));
 *     dl_invoke(e, &err);
 *     const int8_t *scores = (const int8_t *)dl_output_data(e, 0);
 *
 * The model bytes are referenced (weights are read in place), so they must outlive
 * the engine. prepare validates everything (every flatbuffer offset, every shape,
 * every quantization parameter) and plans the arena; invoke does no checks and no
 * allocation. The API uses only plain C types so it can be called through
 * nanoFramework interop and .NET P/Invoke alike.
 */
#ifndef DL_ENGINE_H
#define DL_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define DL_API __declspec(dllexport)
#else
#define DL_API __attribute__((visibility("default")))
#endif

/* Status codes. Stable: the host CLI and the firmware map them to messages and exit codes. */
typedef enum dl_status {
    DL_OK = 0,
    DL_ERR_ARGUMENT = 1,        /* null pointer, bad index */
    DL_ERR_TRUNCATED = 2,       /* file shorter than an offset/length it declares */
    DL_ERR_CORRUPT = 3,         /* not a TFLite flatbuffer, or an inconsistent one */
    DL_ERR_VERSION = 4,         /* schema version other than 3 */
    DL_ERR_UNSUPPORTED_OP = 5,  /* an operator the engine does not implement */
    DL_ERR_UNSUPPORTED_TYPE = 6,/* e.g. FLOAT32 tensors */
    DL_ERR_SHAPE = 7,           /* shapes that do not agree */
    DL_ERR_QUANTIZATION = 8,    /* missing/invalid scale or zero point */
    DL_ERR_LIMIT = 9,           /* more tensors/ops/dims than the engine's fixed limits */
    DL_ERR_ARENA_TOO_SMALL = 10 /* arena smaller than dl_arena_required */
} dl_status;

/* A status plus a one-line human message, e.g.
 * "op 3 CONV_2D: FLOAT32 tensors are not supported". */
typedef struct dl_error {
    int code;
    char message[160];
} dl_error;

typedef struct dl_engine dl_engine; /* lives inside the arena */

/* Tensor element types, numbered as TFLite's schema TensorType. */
enum { DL_TYPE_FLOAT32 = 0, DL_TYPE_INT32 = 2, DL_TYPE_UINT8 = 3, DL_TYPE_INT8 = 9 };

#define DL_MAX_DIMS 4

typedef struct dl_tensor_info {
    int32_t type;              /* DL_TYPE_* */
    int32_t dims;              /* number of dimensions, <= DL_MAX_DIMS */
    int32_t shape[DL_MAX_DIMS];
    int32_t bytes;             /* element count * element size */
    float scale;               /* first (or only) scale; 0 when not quantized */
    int32_t zero_point;        /* first (or only) zero point */
    int32_t channel_scales;    /* number of per-channel scales (1 = per-tensor, 0 = none) */
    int32_t is_constant;       /* 1 when backed by a model buffer (weights, biases) */
    const char *name;          /* NUL-terminated copy inside the arena, "" when absent */
} dl_tensor_info;

typedef struct dl_op_info {
    int32_t builtin;           /* TFLite BuiltinOperator code */
    const char *name;          /* e.g. "CONV_2D" */
    int32_t input_tensor;      /* main input tensor index (activations) */
    int32_t output_tensor;     /* main output tensor index */
    int32_t weights_tensor;    /* -1 when the op has none */
    int32_t bias_tensor;       /* -1 when the op has none */
    int64_t macs;              /* multiply-accumulates per invocation (0 for non-MAC ops) */
    int32_t weight_bytes;      /* bytes of constant tensors this op reads */
} dl_op_info;

/* Bytes of arena dl_prepare will need for this model (tables + activations), for an
 * arena pointer of any alignment. Validates the whole model like dl_prepare. Both
 * functions use about 3 KB of stack (the planner's work list) and no heap. */
DL_API int dl_arena_required(const uint8_t *model, size_t model_len, size_t *out_bytes, dl_error *err);

/* Validate the model and plan the arena. On success *out points into arena. */
DL_API int dl_prepare(const uint8_t *model, size_t model_len, void *arena, size_t arena_len,
                      dl_engine **out, dl_error *err);

/* Run one inference on the current input tensors. No checks, no allocation.
 * Like TFLite Micro, the arena reuses an input's bytes once no op reads it any
 * more, so write the inputs before every invoke (outputs stay valid until the next). */
DL_API int dl_invoke(dl_engine *e, dl_error *err);

DL_API int dl_input_count(const dl_engine *e);
DL_API int dl_output_count(const dl_engine *e);
DL_API uint8_t *dl_input_data(dl_engine *e, int index);
DL_API const uint8_t *dl_output_data(const dl_engine *e, int index);
DL_API int dl_input_bytes(const dl_engine *e, int index);
DL_API int dl_output_bytes(const dl_engine *e, int index);
/* Tensor index (into the subgraph's tensor table) of input/output `index`, or -1. */
DL_API int dl_input_tensor(const dl_engine *e, int index);
DL_API int dl_output_tensor(const dl_engine *e, int index);

/* Introspection for `digitlock inspect` and the benchmarks. */
DL_API int dl_tensor_count(const dl_engine *e);
DL_API int dl_op_count(const dl_engine *e);
DL_API int dl_get_tensor_info(const dl_engine *e, int tensor, dl_tensor_info *out);
DL_API int dl_get_op_info(const dl_engine *e, int op, dl_op_info *out);
/* Bytes of the arena actually used for activations (after lifetime-based reuse). */
DL_API size_t dl_activation_bytes(const dl_engine *e);

/* Metadata entry of the model (TFLite Model.metadata) by name; returns its buffer or NULL. */
DL_API const uint8_t *dl_metadata(const dl_engine *e, const char *name, size_t *out_len);

/* Selects kernels: 0 = plain reference loops, 1 = optimized (DSP on Cortex-M7). Default 1. */
DL_API void dl_set_kernel_variant(dl_engine *e, int variant);

/* Output-stage arithmetic of CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED.
 * DL_REQUANT_FLOAT (default): XNNPACK's fp32 requantization, float(acc) *
 * (in_scale*w_scale/out_scale as float), round half to even. This is what the
 * TensorFlow Lite runtime computes when its default XNNPACK delegate runs int8
 * ops (the tfjs-tflite oracle: 10,000/10,000 MNIST outputs identical).
 * DL_REQUANT_INTEGER: TFLite's reference integer path (QuantizeMultiplier +
 * MultiplyByQuantizedMultiplier), as in TFLite's builtin kernels, TFLite
 * Micro and CMSIS-NN. The two differ by one step on rare rounding ties. */
enum { DL_REQUANT_FLOAT = 0, DL_REQUANT_INTEGER = 1 };
DL_API void dl_set_requantization(dl_engine *e, int mode);
DL_API int dl_get_requantization(const dl_engine *e);

DL_API const char *dl_status_name(int code);

/* Benchmark markers: empty, never inlined functions the QEMU instruction-count plugin
 * watches. dl_invoke calls them around each op (id = op index) when built with DL_BENCH_MARKERS. */
DL_API void dl_bench_mark_begin(int id);
DL_API void dl_bench_mark_end(int id);

#ifdef __cplusplus
}
#endif

#endif /* DL_ENGINE_H */
