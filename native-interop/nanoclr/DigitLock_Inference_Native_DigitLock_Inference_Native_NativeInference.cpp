//-----------------------------------------------------------------------------
// DigitLock.Inference.Native.NativeInference on the C engine (native-interop/engine).
//
// The model and the arena live in fixed static buffers: a managed byte[] may move when the
// nanoCLR compacts its heap, and the engine reads weights in place, so the model is copied.
// Load validates on the caller's bytes first (dl_arena_required reads, never writes) and only
// then overwrites the buffers, so a refused file leaves the previous model running.
// Sizes: DL_NANOCLR_MODEL_CAPACITY / DL_NANOCLR_ARENA_CAPACITY (bytes), set by the target build.
//-----------------------------------------------------------------------------

#include <string.h>

#include "DigitLock_Inference_Native.h"
#include "DigitLock_Inference_Native_DigitLock_Inference_Native_NativeInference.h"
#include "dl_engine.h"

#ifndef DL_NANOCLR_MODEL_CAPACITY
#define DL_NANOCLR_MODEL_CAPACITY (64 * 1024)
#endif
#ifndef DL_NANOCLR_ARENA_CAPACITY
#define DL_NANOCLR_ARENA_CAPACITY (64 * 1024)
#endif

using namespace DigitLock_Inference_Native::DigitLock_Inference_Native;

namespace
{
const unsigned int ImageBytes = 28 * 28;
const unsigned int Digits = 10;
const int InfoCount = 8;

alignas(16) uint8_t g_model[DL_NANOCLR_MODEL_CAPACITY];
alignas(16) uint8_t g_arena[DL_NANOCLR_ARENA_CAPACITY];
dl_engine *g_engine;
size_t g_model_len;
size_t g_arena_need;
bool g_input_signed;
bool g_output_signed;
dl_error g_error;

int Refuse(int code, const char *message)
{
    g_error.code = code;
    strncpy(g_error.message, message, sizeof g_error.message - 1);
    g_error.message[sizeof g_error.message - 1] = 0;
    return code;
}

bool IsByteTensor(const dl_tensor_info &info)
{
    return info.type == DL_TYPE_INT8 || info.type == DL_TYPE_UINT8;
}

// A digit model: one 784-byte 8-bit input, one 10-byte 8-bit output. Checked on the prepared
// engine; the caller restores the previous state when it fails.
int CheckDigitModel(const dl_engine *e, bool &inSigned, bool &outSigned)
{
    dl_tensor_info in, out;
    if (dl_input_count(e) != 1 || dl_output_count(e) != 1 ||
        dl_get_tensor_info(e, dl_input_tensor(e, 0), &in) != DL_OK ||
        dl_get_tensor_info(e, dl_output_tensor(e, 0), &out) != DL_OK)
        return Refuse(DL_ERR_SHAPE, "a digit model has one input and one output");
    if (!IsByteTensor(in) || in.bytes != (int32_t)ImageBytes)
        return Refuse(DL_ERR_SHAPE, "a digit model takes 784 8-bit pixels");
    if (!IsByteTensor(out) || out.bytes != (int32_t)Digits)
        return Refuse(DL_ERR_SHAPE, "a digit model gives 10 8-bit scores");
    inSigned = in.type == DL_TYPE_INT8;
    outSigned = out.type == DL_TYPE_INT8;
    return DL_OK;
}

// Copies a NUL-free ASCII text into a managed byte[]; returns the text's full length.
signed int CopyText(const char *text, size_t len, CLR_RT_TypedArray_UINT8 &dest)
{
    size_t n = len < dest.GetSize() ? len : dest.GetSize();
    if (n)
        memcpy(dest.GetBuffer(), text, n);
    return (signed int)len;
}
} // namespace

signed int NativeInference::Load( CLR_RT_TypedArray_UINT8 param0, HRESULT &hr )
{
    (void)hr;
    const uint8_t *model = param0.GetBuffer();
    size_t len = param0.GetSize();
    if (!model || len == 0)
        return Refuse(DL_ERR_ARGUMENT, "no model bytes");
    if (len > sizeof g_model)
        return Refuse(DL_ERR_LIMIT, "model larger than the native model buffer (DL_NANOCLR_MODEL_CAPACITY)");
    size_t need = 0;
    dl_error err;
    int status = dl_arena_required(model, len, &need, &err);
    if (status != DL_OK)
        return Refuse(status, err.message);
    if (need > sizeof g_arena)
        return Refuse(DL_ERR_ARENA_TOO_SMALL, "model needs more arena than DL_NANOCLR_ARENA_CAPACITY");

    // Validated: dl_prepare on a copy of the same bytes fails only on an internal error.
    memcpy(g_model, model, len);
    dl_engine *e = NULL;
    g_engine = NULL;
    status = dl_prepare(g_model, len, g_arena, sizeof g_arena, &e, &err);
    if (status != DL_OK)
        return Refuse(status, err.message);
    bool inSigned = true, outSigned = true;
    status = CheckDigitModel(e, inSigned, outSigned);
    if (status != DL_OK)
        return status;
    g_engine = e;
    g_model_len = len;
    g_arena_need = need;
    g_input_signed = inSigned;
    g_output_signed = outSigned;
    g_error.code = DL_OK;
    g_error.message[0] = 0;
    return DL_OK;
}

signed int NativeInference::Classify( CLR_RT_TypedArray_UINT8 param0, CLR_RT_TypedArray_UINT8 param1, HRESULT &hr )
{
    if (!param0.GetBuffer() || !param1.GetBuffer() || param0.GetSize() != ImageBytes || param1.GetSize() < Digits)
    {
        hr = CLR_E_INVALID_PARAMETER;
        return -1;
    }
    if (!g_engine)
        return -1;
    const uint8_t *image = param0.GetBuffer();
    uint8_t *in = dl_input_data(g_engine, 0);
    // int8 = pixel - 128 is the pixel with its top bit flipped
    const uint8_t flipIn = g_input_signed ? 0x80 : 0x00;
    for (unsigned int i = 0; i < ImageBytes; ++i)
        in[i] = (uint8_t)(image[i] ^ flipIn);
    dl_error err;
    if (dl_invoke(g_engine, &err) != DL_OK)
    {
        hr = CLR_E_INVALID_PARAMETER;
        return -1;
    }
    const uint8_t *out = dl_output_data(g_engine, 0);
    const uint8_t flipOut = g_output_signed ? 0x80 : 0x00;
    uint8_t *scores = param1.GetBuffer();
    int best = 0;
    for (unsigned int d = 0; d < Digits; ++d)
    {
        scores[d] = (uint8_t)(out[d] ^ flipOut);
        if (scores[d] > scores[best])
            best = (int)d;
    }
    return best;
}

signed int NativeInference::Info( CLR_RT_TypedArray_INT32 param0, HRESULT &hr )
{
    (void)hr;
    if (!g_engine)
        return -1;
    const int32_t values[InfoCount] = {
        (int32_t)g_model_len,
        (int32_t)g_arena_need,
        (int32_t)dl_activation_bytes(g_engine),
        dl_input_bytes(g_engine, 0),
        dl_output_bytes(g_engine, 0),
        dl_op_count(g_engine),
        (int32_t)sizeof g_model,
        (int32_t)sizeof g_arena,
    };
    int n = (int)param0.GetSize() < InfoCount ? (int)param0.GetSize() : InfoCount;
    for (int i = 0; i < n; ++i)
        param0[(unsigned int)i] = values[i];
    return n;
}

signed int NativeInference::Metadata( CLR_RT_TypedArray_UINT8 param0, CLR_RT_TypedArray_UINT8 param1, HRESULT &hr )
{
    char name[64];
    if (!param0.GetBuffer() || !param1.GetBuffer())
    {
        hr = CLR_E_INVALID_PARAMETER;
        return -1;
    }
    if (!g_engine || param0.GetSize() >= sizeof name)
        return -1;
    memcpy(name, param0.GetBuffer(), param0.GetSize());
    name[param0.GetSize()] = 0;
    size_t len = 0;
    const uint8_t *value = dl_metadata(g_engine, name, &len);
    if (!value)
        return -1;
    return CopyText((const char *)value, len, param1);
}

signed int NativeInference::LastError( CLR_RT_TypedArray_UINT8 param0, HRESULT &hr )
{
    if (!param0.GetBuffer())
    {
        hr = CLR_E_INVALID_PARAMETER;
        return -1;
    }
    return CopyText(g_error.message, strlen(g_error.message), param0);
}
