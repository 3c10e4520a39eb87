/*
 * eLCDIF set-up for the EVK's 4.3" 480x272 parallel RGB panels (RGB565 on a 16-bit bus, DOTCLK
 * mode). Register values are computed by a pure function so the host tests can check them for
 * both panels; rt1060_elcdif_start writes them (reset sequence first) to a register block.
 */
#ifndef RT1060_ELCDIF_H
#define RT1060_ELCDIF_H

#include <stdint.h>
#include "rt1060_regs.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum rt_panel_id {
    RT_PANEL_RK043FN02H = 0, /* MIMXRT1060-EVK, FT5336 touch */
    RT_PANEL_RK043FN66HS = 1 /* MIMXRT1060-EVKB, GT911 touch */
} rt_panel_id;

/* Timings in pixel clocks / lines. Values are the panel vendors' typical figures as NXP's
 * EVK(B) examples program them (hsw/hfp/hbp, vsw/vfp/vbp); both panels: HSYNC/VSYNC active low,
 * DE active high, data driven on the rising DOTCLK edge. */
typedef struct rt_panel_timing {
    const char *name;
    uint16_t width, height;
    uint16_t hsw, hfp, hbp;
    uint16_t vsw, vfp, vbp;
    uint32_t polarity; /* LCDIF_VDCTRL0 polarity bits */
} rt_panel_timing;

const rt_panel_timing *rt_panel_timing_get(rt_panel_id id);

typedef struct rt_elcdif_values {
    uint32_t ctrl, ctrl1, transfer_count;
    uint32_t vdctrl0, vdctrl1, vdctrl2, vdctrl3, vdctrl4;
    uint32_t cur_buf, next_buf;
} rt_elcdif_values;

/* 0 on success; -1 when the framebuffer address is not 8-byte aligned (the eLCDIF AXI master
 * needs double-word alignment) or the timing is degenerate. */
int rt_elcdif_compute(const rt_panel_timing *t, uint32_t framebuffer, rt_elcdif_values *out);

/* Soft reset: spin_limit bounds each wait on a status bit; -1 if the block never reflected
 * CLKGATE/SFTRST (its clock is not enabled). */
int rt_elcdif_reset(rt_lcdif_regs *regs, uint32_t spin_limit);
/* Writes the computed values and sets RUN (through CTRL_SET, so nothing else in CTRL changes). */
void rt_elcdif_program(rt_lcdif_regs *regs, const rt_elcdif_values *v);
/* Reset, then program; nothing is programmed when the reset fails. */
int rt_elcdif_start(rt_lcdif_regs *regs, const rt_elcdif_values *v, uint32_t spin_limit);

/* Frame rate in milli-hertz for a pixel clock, for the README and the tests. */
uint32_t rt_panel_refresh_mhz(const rt_panel_timing *t, uint32_t pixel_clock_hz);

/* Video PLL (PLL5) and LCDIF root clock for 9.3 MHz: 24 MHz * 31 / 8 = 93 MHz, pre-divider /5,
 * post divider /2. Register blocks are passed as base pointers so tests can use plain memory. */
typedef struct rt_lcd_clock_values {
    uint32_t pll_video, pll_num, pll_denom, misc2_video_div;
    uint32_t cscdr2_lcdif, cbcmr_lcdif_podf;
    uint32_t pixel_clock_hz;
} rt_lcd_clock_values;

void rt_lcd_clock_compute(rt_lcd_clock_values *out);
int rt_lcd_clock_apply(volatile uint32_t *ccm_analog, volatile uint32_t *ccm, const rt_lcd_clock_values *v,
                       uint32_t spin_limit);

#ifdef __cplusplus
}
#endif

#endif
