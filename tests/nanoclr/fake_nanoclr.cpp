// A tiny stand-in for the nanoCLR interop API the glue uses (declared in
// native-interop/nanoclr/surface/nanoCLR_Interop.h): a stack frame holding the call's
// arguments as typed arrays and its int32 result, so host tests can call the marshalling
// stubs the way the nanoCLR does.
#include "fake_nanoclr.h"

HRESULT Interop_Marshal_UINT8_ARRAY(const CLR_RT_StackFrame &stackFrame, unsigned int paramIndex,
                                    CLR_RT_TypedArray_UINT8 &typedArray)
{
    if (paramIndex >= FakeFrame::MaxArgs || stackFrame.args[paramIndex].kind != FakeArg::Bytes)
        return CLR_E_INVALID_PARAMETER;
    typedArray.m_pData = (unsigned char *)stackFrame.args[paramIndex].data;
    typedArray.m_ElemCount = stackFrame.args[paramIndex].count;
    return S_OK;
}

HRESULT Interop_Marshal_INT32_ARRAY(const CLR_RT_StackFrame &stackFrame, unsigned int paramIndex,
                                    CLR_RT_TypedArray_INT32 &typedArray)
{
    if (paramIndex >= FakeFrame::MaxArgs || stackFrame.args[paramIndex].kind != FakeArg::Ints)
        return CLR_E_INVALID_PARAMETER;
    typedArray.m_pData = (signed int *)stackFrame.args[paramIndex].data;
    typedArray.m_ElemCount = stackFrame.args[paramIndex].count;
    return S_OK;
}

void SetResult_INT32(CLR_RT_StackFrame &stackFrame, signed int value)
{
    stackFrame.result = value;
    stackFrame.has_result = true;
}
