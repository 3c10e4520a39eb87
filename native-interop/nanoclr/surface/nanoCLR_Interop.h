//
// Project-written declarations of the part of nanoCLR's interop API that the DigitLock glue
// uses, so the glue compiles here without nf-interpreter. On a workstation the real headers of
// github.com/nanoframework/nf-interpreter replace this folder. Declared from:
//   src/CLR/Include/nanoCLR_Interop.h   NANOCLR_* macros, CLR_RT_StackFrame (forward),
//                                       CLR_RT_MethodHandler, CLR_RT_NativeAssemblyData,
//                                       CLR_RT_TypedArray, Interop_Marshal_UINT8_ARRAY,
//                                       Interop_Marshal_INT32_ARRAY, SetResult_INT32
//   src/CLR/Include/nanoCLR_Types.h     CLR_RECORD_VERSION
//   src/CLR/Include/nf_errors_exceptions.h  CLR_E_INVALID_PARAMETER
//   src/HAL/Include/nanoHAL_Types.h / Windows conventions: HRESULT, S_OK, FAILED
// Only what the glue calls is declared; signatures follow the real ones.
//
#ifndef DL_SURFACE_NANOCLR_INTEROP_H
#define DL_SURFACE_NANOCLR_INTEROP_H

#include <stdint.h>
#include <stddef.h>

typedef int32_t HRESULT;
#define S_OK ((HRESULT)0)
#define FAILED(hr) (((HRESULT)(hr)) < 0)
#define SUCCEEDED(hr) (((HRESULT)(hr)) >= 0)

// nf_errors_exceptions.h: thrown in managed code as ArgumentException.
#define CLR_E_INVALID_PARAMETER ((HRESULT)0xFD000000)

#define NANOCLR_LEAVE() goto nanoCLR_Cleanup
#define NANOCLR_RETURN() return hr
#define NANOCLR_HEADER() HRESULT hr
#define NANOCLR_CHECK_HRESULT(expr)                                                                                    \
    {                                                                                                                  \
        if (FAILED(hr = (expr)))                                                                                       \
            NANOCLR_LEAVE();                                                                                           \
    }
#define NANOCLR_SET_AND_LEAVE(expr)                                                                                    \
    {                                                                                                                  \
        hr = (expr);                                                                                                   \
        NANOCLR_LEAVE();                                                                                               \
    }
#define NANOCLR_CLEANUP()                                                                                              \
    hr = S_OK;                                                                                                         \
    nanoCLR_Cleanup:
#define NANOCLR_CLEANUP_END() NANOCLR_RETURN()
#define NANOCLR_NOCLEANUP()                                                                                            \
    NANOCLR_CLEANUP();                                                                                                 \
    NANOCLR_CLEANUP_END()

struct CLR_RT_StackFrame;

#define NANOCLR_NATIVE_DECLARE(mtd) static HRESULT mtd(CLR_RT_StackFrame &stack)

typedef HRESULT (*CLR_RT_MethodHandler)(CLR_RT_StackFrame &stack);

struct CLR_RECORD_VERSION
{
    uint16_t iMajorVersion;
    uint16_t iMinorVersion;
    uint16_t iBuildNumber;
    uint16_t iRevisionNumber;
};

struct CLR_RT_NativeAssemblyData
{
    const char *m_szAssemblyName;
    unsigned int m_checkSum;
    const void *m_pNativeMethods;
    CLR_RECORD_VERSION m_Version;
};

template <class T> class CLR_RT_TypedArray
{
    T *m_pData;
    unsigned int m_ElemCount;

    friend HRESULT Interop_Marshal_UINT8_ARRAY(
        const CLR_RT_StackFrame &stackFrame,
        unsigned int paramIndex,
        CLR_RT_TypedArray<unsigned char> &typedArray);
    friend HRESULT Interop_Marshal_INT32_ARRAY(
        const CLR_RT_StackFrame &stackFrame,
        unsigned int paramIndex,
        CLR_RT_TypedArray<signed int> &typedArray);

  public:
    CLR_RT_TypedArray()
    {
        m_pData = NULL;
        m_ElemCount = 0;
    }

    T GetValue(unsigned int i)
    {
        return m_pData[i];
    }
    T &operator[](unsigned int i)
    {
        return m_pData[i];
    }
    unsigned int GetSize()
    {
        return m_ElemCount;
    }
    T *GetBuffer()
    {
        return m_pData;
    }
};

typedef CLR_RT_TypedArray<unsigned char> CLR_RT_TypedArray_UINT8;
typedef CLR_RT_TypedArray<signed int> CLR_RT_TypedArray_INT32;

HRESULT Interop_Marshal_UINT8_ARRAY(
    const CLR_RT_StackFrame &stackFrame,
    unsigned int paramIndex,
    CLR_RT_TypedArray_UINT8 &typedArray);
HRESULT Interop_Marshal_INT32_ARRAY(
    const CLR_RT_StackFrame &stackFrame,
    unsigned int paramIndex,
    CLR_RT_TypedArray_INT32 &typedArray);

void SetResult_INT32(CLR_RT_StackFrame &stackFrame, signed int value);

#endif
