//-----------------------------------------------------------------------------
// DigitLock.Inference.Native.NativeInference: the functions the marshalling stubs call, in the
// form MetadataProcessor declares them (one static function per native method, arrays as
// CLR_RT_TypedArray, an HRESULT out parameter for managed exceptions).
//-----------------------------------------------------------------------------

#ifndef DIGITLOCK_INFERENCE_NATIVE_NATIVEINFERENCE_H
#define DIGITLOCK_INFERENCE_NATIVE_NATIVEINFERENCE_H

namespace DigitLock_Inference_Native
{
    namespace DigitLock_Inference_Native
    {
        struct NativeInference
        {
            static signed int Load( CLR_RT_TypedArray_UINT8 param0, HRESULT &hr );
            static signed int Classify( CLR_RT_TypedArray_UINT8 param0, CLR_RT_TypedArray_UINT8 param1, HRESULT &hr );
            static signed int Info( CLR_RT_TypedArray_INT32 param0, HRESULT &hr );
            static signed int Metadata( CLR_RT_TypedArray_UINT8 param0, CLR_RT_TypedArray_UINT8 param1, HRESULT &hr );
            static signed int LastError( CLR_RT_TypedArray_UINT8 param0, HRESULT &hr );
        };
    }
}

#endif // DIGITLOCK_INFERENCE_NATIVE_NATIVEINFERENCE_H
