#ifndef FAKE_NANOCLR_H
#define FAKE_NANOCLR_H

#include "nanoCLR_Interop.h"

struct FakeArg
{
    enum Kind { None, Bytes, Ints } kind;
    void *data;
    unsigned int count;
};

// The fake frame: arguments as the managed caller passed them, the result the stub set.
struct CLR_RT_StackFrame
{
    static const unsigned int MaxArgs = 4;
    FakeArg args[MaxArgs];
    signed int result;
    bool has_result;
};

typedef CLR_RT_StackFrame FakeFrame;

#endif
