// Surface (see README.md): nf-interpreter src/nanoFramework.Graphics/TouchPanel/Core/TouchPanel.h.
#ifndef RT_SURFACE_TOUCHPANEL_H
#define RT_SURFACE_TOUCHPANEL_H
#include "Graphics.h"

enum TouchPanel_StylusFlags
{
    TouchPanelStylusInvalid = 0x0,
    TouchPanelStylusDown = 0x1,
    TouchPanelStylusUp = 0x2,
    TouchPanelStylusMove = 0x3,
};

enum TouchPointContactFlags
{
    TouchPointContactFlags_Primary = 0x80000000,
    TouchPointContactFlags_Pen = 0x40000000,
    TouchPointContactFlags_Palm = 0x20000000,
};

struct TouchPoint
{
    // bits 0-13: x, 14-27: y, 28-31: source (contact id)
    CLR_UINT32 location;
    // bits 0-13: width, 14-27: height, 28-31: flags
    CLR_UINT32 contact;
    CLR_INT64 time;
};
#endif
