// Shared state of the eLCDIF display glue (C++): the framebuffer, its orientation, the panel in
// use and the D-cache maintenance the eLCDIF needs. Used by eLCDIF_To_Display.cpp,
// RK043_eLCDIF_480x272.cpp and the touch glue (touch coordinates follow the orientation).
#ifndef RT1060_DISPLAY_H
#define RT1060_DISPLAY_H

#include <stddef.h>
#include <stdint.h>

#include "rt1060_elcdif.h"
#include "rt1060_fb.h"

#define RT1060_LCD_WIDTH 480
#define RT1060_LCD_HEIGHT 272

// The one framebuffer, RGB565 in SDRAM (section .noinit.$BOARD_SDRAM, see display/README.md).
rt_fb &rt1060_display_fb();
// Panel chosen at start-up (from the touch controller that answered; FT5336 -> RK043FN02H,
// GT911 -> RK043FN66HS, none -> RT1060_DEFAULT_PANEL).
rt_panel_id rt1060_display_panel();
// Makes CPU writes to [p, p + bytes) visible to the eLCDIF bus master (SDRAM is cached).
void rt1060_dcache_clean(const void *p, size_t bytes);
#endif
