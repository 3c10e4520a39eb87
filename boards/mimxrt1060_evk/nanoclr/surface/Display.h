// Surface (see README.md): nf-interpreter src/nanoFramework.Graphics/Graphics/Displays/Display.h.
#ifndef RT_SURFACE_DISPLAY_H
#define RT_SURFACE_DISPLAY_H
#include "nanoCLR_Types.h"

enum DisplayOrientation : CLR_INT16
{
    DisplayOrientation_Portrait = 0,
    DisplayOrientation_Portrait180 = 1,
    DisplayOrientation_Landscape = 2,
    DisplayOrientation_Landscape180 = 3,
};

enum PowerSaveState : CLR_UINT8
{
    NORMAL = 0,
    SLEEP = 1
};

struct DisplayAttributes
{
    CLR_UINT8 *TransferBuffer = NULL;
    CLR_UINT32 TransferBufferSize;
    PowerSaveState PowerSave;
    DisplayOrientation Orientation;
    CLR_INT16 Height;
    CLR_INT16 Width;
    CLR_INT16 BitsPerPixel;
    CLR_INT16 LongerSide;
    CLR_INT16 ShorterSide;
};

struct DisplayDriver
{
    DisplayAttributes Attributes;

    void SetupDisplayAttributes();
    bool Initialize();
    bool Uninitialize();
    void Clear();
    void DisplayBrightness(CLR_INT16 brightness);
    bool SetWindow(CLR_INT16 x1, CLR_INT16 y1, CLR_INT16 x2, CLR_INT16 y2);
    void BitBlt(int srcX, int srcY, int width, int height, int stride, int screenX, int screenY, CLR_UINT32 data[]);
    void PowerSave(PowerSaveState powerState);
    void SetDefaultOrientation();
    bool ChangeOrientation(DisplayOrientation orientation);

    CLR_UINT32 PixelsPerWord();
    CLR_UINT32 WidthInWords();
    CLR_UINT32 SizeInWords();
    CLR_UINT32 SizeInBytes();
};
#endif
