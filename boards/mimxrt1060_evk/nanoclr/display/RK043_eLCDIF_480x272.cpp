//
// nanoFramework.Graphics display *driver* for the 480x272 RK043FN02H-CT / RK043FN66HS-CTG panels
// on the MIMXRT1060-EVK(B) eLCDIF (GRAPHICS_DISPLAY="RK043_eLCDIF_480x272.cpp"). Everything is a
// framebuffer write: orientation is done in software (rt1060_fb.c), BitBlt clips to the screen
// because DisplayControl.Write passes the managed arguments through unchecked.
//
#include "Graphics.h"
#include "DisplayInterface.h"
#include "Display.h"

#include "rt1060_display.h"

struct DisplayDriver g_DisplayDriver;
extern DisplayInterface g_DisplayInterface;

namespace
{
void SyncAttributes(DisplayAttributes &a)
{
    const rt_fb &fb = rt1060_display_fb();
    a.Width = static_cast<CLR_INT16>(fb.width);
    a.Height = static_cast<CLR_INT16>(fb.height);
    a.Orientation = static_cast<DisplayOrientation>(fb.orientation);
}
} // namespace

void DisplayDriver::SetupDisplayAttributes()
{
    Attributes.LongerSide = RT1060_LCD_WIDTH;
    Attributes.ShorterSide = RT1060_LCD_HEIGHT;
    Attributes.PowerSave = PowerSaveState::NORMAL;
    Attributes.BitsPerPixel = 16;
    g_DisplayInterface.GetTransferBuffer(Attributes.TransferBuffer, Attributes.TransferBufferSize);
    SyncAttributes(Attributes);
}

bool DisplayDriver::Initialize()
{
    SetupDisplayAttributes();
    SetDefaultOrientation();
    return true;
}

bool DisplayDriver::Uninitialize()
{
    Clear();
    return true;
}

void DisplayDriver::Clear()
{
    g_DisplayInterface.ClearFrameBuffer();
}

void DisplayDriver::DisplayBrightness(CLR_INT16 brightness)
{
    // The EVK backlight enable is a plain GPIO (no PWM on that net): 0 is off, anything else on.
    g_DisplayInterface.DisplayBacklight(brightness > 0);
}

bool DisplayDriver::SetWindow(CLR_INT16 x1, CLR_INT16 y1, CLR_INT16 x2, CLR_INT16 y2)
{
    // A framebuffer needs no address window; BitBlt computes every address itself.
    (void)x1;
    (void)y1;
    (void)x2;
    (void)y2;
    return true;
}

void DisplayDriver::BitBlt(int srcX, int srcY, int width, int height, int stride, int screenX, int screenY,
                           CLR_UINT32 data[])
{
    if (data == NULL || stride <= 0 || height <= 0 || srcY < 0)
    {
        return;
    }
    // The caller's own extent is the only bound known here (nanoFramework passes no array length).
    size_t srcLen = (size_t)(srcY + height) * (size_t)stride;
    size_t dirty[2];
    rt_fb &fb = rt1060_display_fb();
    if (rt_fb_blit(&fb, reinterpret_cast<const uint16_t *>(data), srcLen, srcX, srcY, width, height, stride, screenX,
                   screenY, dirty) != 0)
    {
        rt1060_dcache_clean(reinterpret_cast<const uint8_t *>(fb.pixels) + dirty[0], dirty[1] - dirty[0]);
    }
}

void DisplayDriver::PowerSave(PowerSaveState powerState)
{
    Attributes.PowerSave = powerState;
    g_DisplayInterface.DisplayBacklight(powerState == PowerSaveState::NORMAL);
}

void DisplayDriver::SetDefaultOrientation()
{
    ChangeOrientation(DisplayOrientation::DisplayOrientation_Landscape);
}

bool DisplayDriver::ChangeOrientation(DisplayOrientation orientation)
{
    rt_fb &fb = rt1060_display_fb();
    if (rt_fb_set_orientation(&fb, static_cast<int>(orientation)) != 0)
    {
        return false;
    }
    SyncAttributes(Attributes);
    return true;
}

CLR_UINT32 DisplayDriver::PixelsPerWord()
{
    return (32 / Attributes.BitsPerPixel);
}

CLR_UINT32 DisplayDriver::WidthInWords()
{
    return ((Attributes.Width + (PixelsPerWord() - 1)) / PixelsPerWord());
}

CLR_UINT32 DisplayDriver::SizeInWords()
{
    return (WidthInWords() * Attributes.Height);
}

CLR_UINT32 DisplayDriver::SizeInBytes()
{
    return (SizeInWords() * sizeof(CLR_UINT32));
}
