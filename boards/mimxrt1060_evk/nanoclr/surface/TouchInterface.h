// Surface (see README.md): nf-interpreter src/nanoFramework.Graphics/TouchPanel/Devices/TouchInterface.h.
#ifndef RT_SURFACE_TOUCHINTERFACE_H
#define RT_SURFACE_TOUCHINTERFACE_H
#include "nanoCLR_Types.h"
struct TouchInterface
{
  public:
    bool Initialize();
    CLR_UINT8 *Write_Read(CLR_UINT8 *valuesToSend, CLR_UINT16 numberOfValuesToSend, CLR_UINT16 numberValuesExpected);
};
#endif
