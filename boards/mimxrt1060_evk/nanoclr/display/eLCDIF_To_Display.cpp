//
// nanoFramework.Graphics display *interface* for the MIMXRT1060-EVK(B) parallel RGB panel on the
// eLCDIF: no command channel, just a framebuffer the eLCDIF scans out continuously. Selected in
// nf-interpreter as GRAPHICS_DISPLAY_INTERFACE="eLCDIF_To_Display.cpp" (see docs/rt1060-port.md);
// the matching driver is RK043_eLCDIF_480x272.cpp.
//
#include "Graphics.h"
#include "DisplayInterface.h"
#include "Display.h"
#include "CPU_GPIO_decl.h"

#include "rt1060_display.h"
#include "rt1060_board_regs.h"
#include "rt1060_touch_board.h"

#ifndef RT1060_DEFAULT_PANEL
#define RT1060_DEFAULT_PANEL RT_PANEL_RK043FN02H
#endif

struct DisplayInterface g_DisplayInterface;

namespace
{
// 480 x 272 x 2 = 261,120 bytes. .noinit: the CLR clears it in Initialize; zeroing it at reset
// would only delay boot. 64-byte alignment: the eLCDIF needs 8, the cache line is 32.
__attribute__((section(".noinit.$BOARD_SDRAM.digitlock_framebuffer"), aligned(64)))
uint16_t s_framebuffer[RT1060_LCD_WIDTH * RT1060_LCD_HEIGHT];

rt_fb s_fb;
rt_panel_id s_panel = RT1060_DEFAULT_PANEL;
bool s_started;

const uint32_t SpinLimit = 1000000u;
} // namespace

rt_fb &rt1060_display_fb()
{
    return s_fb;
}

rt_panel_id rt1060_display_panel()
{
    return s_panel;
}

void rt1060_dcache_clean(const void *p, size_t bytes)
{
#if defined(__arm__)
    // ARMv7-M "Cache maintenance operations": DCCMVAC (0xE000EF68) cleans one line by address;
    // the Cortex-M7 line is 32 bytes. DSB so the eLCDIF's next read sees the data.
    uintptr_t a = reinterpret_cast<uintptr_t>(p) & ~static_cast<uintptr_t>(31u);
    uintptr_t end = reinterpret_cast<uintptr_t>(p) + bytes;
    volatile uint32_t *dccmvac = reinterpret_cast<volatile uint32_t *>(static_cast<uintptr_t>(0xE000EF68u));
    __asm__ volatile("dsb" ::: "memory");
    for (; a < end; a += 32u)
    {
        *dccmvac = static_cast<uint32_t>(a);
    }
    __asm__ volatile("dsb\n\tisb" ::: "memory");
#else
    (void)p;
    (void)bytes;
#endif
}

void DisplayInterface::Initialize(DisplayInterfaceConfig &config)
{
    // The panel geometry is fixed by the hardware; ScreenConfiguration(0, 0, 480, 272) from the
    // managed side is accepted as is and anything else is ignored rather than trusted.
    (void)config;
    rt_fb_init(&s_fb, s_framebuffer, RT1060_LCD_WIDTH, RT1060_LCD_HEIGHT);
    rt_fb_fill(&s_fb, 0);
    rt1060_dcache_clean(s_framebuffer, sizeof s_framebuffer);
    if (s_started)
    {
        return; // DisplayControl.Initialize may run again after a soft reboot of the CLR
    }

    // Which controller answers tells which panel (and timing) is fitted.
    switch (rt1060_touch_board_detect())
    {
        case RT_TOUCH_GT911:
            s_panel = RT_PANEL_RK043FN66HS;
            break;
        case RT_TOUCH_FT5336:
            s_panel = RT_PANEL_RK043FN02H;
            break;
        default:
            s_panel = RT1060_DEFAULT_PANEL;
            break;
    }

    rt_lcd_clock_values clock;
    rt_lcd_clock_compute(&clock);
    if (rt_lcd_clock_apply(RT1060_CCM_ANALOG_REGS, RT1060_CCM_REGS, &clock, SpinLimit) != 0)
    {
        return; // no pixel clock: leave the eLCDIF off rather than scan out garbage
    }

    rt_elcdif_values values;
    if (rt_elcdif_compute(rt_panel_timing_get(s_panel), static_cast<uint32_t>(reinterpret_cast<uintptr_t>(s_framebuffer)),
                          &values) != 0)
    {
        return;
    }
    // Panel out of reset (DISP high) before the eLCDIF starts driving it.
    CPU_GPIO_EnableOutputPin(RT1060_PIN_LCD_RESET, GpioPinValue_High, PinMode_Output);
    if (rt_elcdif_start(RT1060_LCDIF_REGS, &values, SpinLimit) != 0)
    {
        return;
    }
    CPU_GPIO_EnableOutputPin(RT1060_PIN_LCD_BACKLIGHT, GpioPinValue_High, PinMode_Output);
    s_started = true;
    rt1060_touch_board_start();
}

void DisplayInterface::GetTransferBuffer(CLR_UINT8 *&BufferAddress, CLR_UINT32 &sizeInBytes)
{
    BufferAddress = reinterpret_cast<CLR_UINT8 *>(s_framebuffer);
    sizeInBytes = sizeof s_framebuffer;
}

void DisplayInterface::ClearFrameBuffer()
{
    rt_fb_fill(&s_fb, 0);
    rt1060_dcache_clean(s_framebuffer, sizeof s_framebuffer);
}

void DisplayInterface::WriteToFrameBuffer(CLR_UINT8 command, CLR_UINT8 data[], CLR_UINT32 dataCount,
                                          CLR_UINT32 frameOffset)
{
    // Raw RGB565 bytes at a pixel offset (the DSI-style drivers use this); bounded by the buffer.
    (void)command;
    const CLR_UINT32 total = sizeof s_framebuffer;
    CLR_UINT32 start = frameOffset * 2u;
    if (data == NULL || start >= total)
    {
        return;
    }
    if (dataCount > total - start)
    {
        dataCount = total - start;
    }
    CLR_UINT8 *dst = reinterpret_cast<CLR_UINT8 *>(s_framebuffer) + start;
    for (CLR_UINT32 i = 0; i < dataCount; i++)
    {
        dst[i] = data[i];
    }
    rt1060_dcache_clean(dst, dataCount);
}

void DisplayInterface::DisplayBacklight(bool on)
{
    CPU_GPIO_SetPinState(RT1060_PIN_LCD_BACKLIGHT, on ? GpioPinValue_High : GpioPinValue_Low);
}

// A parallel RGB panel has no command channel: these exist for SPI/I2C panels.
void DisplayInterface::SendCommand(CLR_UINT8 arg_count, ...)
{
    (void)arg_count;
}

void DisplayInterface::SendBytes(CLR_UINT8 *data, CLR_UINT32 length)
{
    (void)data;
    (void)length;
}

void DisplayInterface::SendData16Windowed(
    CLR_UINT16 *data,
    CLR_UINT32 startX,
    CLR_UINT32 startY,
    CLR_UINT32 width,
    CLR_UINT32 height,
    CLR_UINT32 stride,
    bool doByteSwap)
{
    (void)doByteSwap;
    if (data == NULL || width > 0xFFFFu || height > 0xFFFFu || stride > 0xFFFFu || startX > 0xFFFFu ||
        startY > 0xFFFFu)
    {
        return;
    }
    size_t dirty[2];
    if (rt_fb_blit(&s_fb, data, (size_t)stride * height, 0, 0, (int)width, (int)height, (int)stride, (int)startX,
                   (int)startY, dirty) != 0)
    {
        rt1060_dcache_clean(reinterpret_cast<CLR_UINT8 *>(s_framebuffer) + dirty[0], dirty[1] - dirty[0]);
    }
}

void DisplayInterface::FillData16(CLR_UINT16 fillValue, CLR_UINT32 fillLength)
{
    (void)fillLength;
    rt_fb_fill(&s_fb, rt_bgr565_to_rgb565(fillValue));
    rt1060_dcache_clean(s_framebuffer, sizeof s_framebuffer);
}

void DisplayInterface::SetCommandMode(int mode)
{
    (void)mode;
}
