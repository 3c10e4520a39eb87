// Surface (see README.md): nf-interpreter src/PAL/Include/nanoPAL_AsyncProcCalls_decl.h.
// HAL_COMPLETION callbacks run on the CLR thread, which is where PostManagedEvent is safe.
#ifndef RT_SURFACE_NANOPAL_ASYNC_H
#define RT_SURFACE_NANOPAL_ASYNC_H
#include <stddef.h>
#include <stdint.h>
typedef void (*HAL_CALLBACK_FPN)(void *arg);

struct HAL_COMPLETION
{
    void InitializeForUserMode(HAL_CALLBACK_FPN EntryPoint, void *Argument = NULL);
    // Declared "miliSecondsFromNow"; defined (AsyncCompletions.cpp) as uSecFromNow, and every caller
    // in nf-interpreter passes microseconds.
    void EnqueueDelta(uint32_t miliSecondsFromNow);
    void Abort();
    bool IsLinked();
};
#endif
