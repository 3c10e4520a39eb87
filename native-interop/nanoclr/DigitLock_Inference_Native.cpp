//-----------------------------------------------------------------------------
// DigitLock.Inference.Native: the native method table and assembly record the nanoCLR binds
// the managed assembly with. The entries follow MetadataProcessor's method order (one entry per
// method of NativeInference, all native); the checksum is MetadataProcessor's native-methods CRC
// of the compiled assembly, computed by tests/nanoclr/NativeContract (which the glue test
// compares with this file); the version is the assembly's AssemblyNativeVersion.
//-----------------------------------------------------------------------------

#include "DigitLock_Inference_Native.h"

// clang-format off

static const CLR_RT_MethodHandler method_lookup[] =
{
    Library_DigitLock_Inference_Native_DigitLock_Inference_Native_NativeInference::Load___STATIC__I4__SZARRAY_U1,
    Library_DigitLock_Inference_Native_DigitLock_Inference_Native_NativeInference::Classify___STATIC__I4__SZARRAY_U1__SZARRAY_U1,
    Library_DigitLock_Inference_Native_DigitLock_Inference_Native_NativeInference::Info___STATIC__I4__SZARRAY_I4,
    Library_DigitLock_Inference_Native_DigitLock_Inference_Native_NativeInference::Metadata___STATIC__I4__SZARRAY_U1__SZARRAY_U1,
    Library_DigitLock_Inference_Native_DigitLock_Inference_Native_NativeInference::LastError___STATIC__I4__SZARRAY_U1,
};

const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_DigitLock_Inference_Native =
{
    "DigitLock.Inference.Native",
    0x2E641C30,
    method_lookup,
    { 1, 0, 0, 0 }
};

// clang-format on
