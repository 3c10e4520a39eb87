//-----------------------------------------------------------------------------
// DigitLock.Inference.Native: assembly header in the layout nanoFramework's MetadataProcessor
// generates (<Assembly>.h). Written by hand from the compiled assembly; regenerate with
// MetadataProcessor and compare when NativeInference changes (docs/nanoframework.md,
// "Native inference module").
//-----------------------------------------------------------------------------

#ifndef DIGITLOCK_INFERENCE_NATIVE_H
#define DIGITLOCK_INFERENCE_NATIVE_H

#include <nanoCLR_Interop.h>
#include <nanoCLR_Runtime.h>
#include <nanoPackStruct.h>

struct Library_DigitLock_Inference_Native_DigitLock_Inference_Native_NativeInference
{
    NANOCLR_NATIVE_DECLARE(Load___STATIC__I4__SZARRAY_U1);
    NANOCLR_NATIVE_DECLARE(Classify___STATIC__I4__SZARRAY_U1__SZARRAY_U1);
    NANOCLR_NATIVE_DECLARE(Info___STATIC__I4__SZARRAY_I4);
    NANOCLR_NATIVE_DECLARE(Metadata___STATIC__I4__SZARRAY_U1__SZARRAY_U1);
    NANOCLR_NATIVE_DECLARE(LastError___STATIC__I4__SZARRAY_U1);

    //--//
};

extern const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_DigitLock_Inference_Native;

#endif // DIGITLOCK_INFERENCE_NATIVE_H
