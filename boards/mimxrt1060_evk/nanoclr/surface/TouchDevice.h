// Surface (see README.md): nf-interpreter src/nanoFramework.Graphics/TouchPanel/Devices/TouchDevice.h.
#ifndef RT_SURFACE_TOUCHDEVICE_H
#define RT_SURFACE_TOUCHDEVICE_H
#include "nanoCLR_Types.h"
#include "nanoPAL_AsyncProcCalls_decl.h"
#include "CPU_GPIO_decl.h"
#include "TouchPanel.h"

struct TouchPointDevice
{
    int x;
    int y;
};

struct TouchDevice
{
    CLR_INT32 ReadsToIgnore;
    CLR_INT32 ReadsPerSample;
    CLR_INT32 MaxFilterDistance;

    bool Initialize();
    TouchPointDevice GetPoint();
    bool Enable(GPIO_INTERRUPT_SERVICE_ROUTINE touchIsrProc);
    bool Disable();
};
#endif
