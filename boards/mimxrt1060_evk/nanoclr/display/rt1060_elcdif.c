#include "rt1060_elcdif.h"

#include <stddef.h>

#define RT_POLARITY_EVK \
    (LCDIF_VDCTRL0_ENABLE_POL | LCDIF_VDCTRL0_DOTCLK_POL) /* DE high, rising edge, syncs low */

static const rt_panel_timing s_panels[] = {
    /* RK043FN02H-CT: hsw 41, hfp 4, hbp 8, vsw 10, vfp 4, vbp 2 */
    {"RK043FN02H-CT", 480, 272, 41, 4, 8, 10, 4, 2, RT_POLARITY_EVK},
    /* RK043FN66HS-CTG: hsw 4, hfp 8, hbp 43, vsw 4, vfp 8, vbp 12 */
    {"RK043FN66HS-CTG", 480, 272, 4, 8, 43, 4, 8, 12, RT_POLARITY_EVK},
};

const rt_panel_timing *rt_panel_timing_get(rt_panel_id id)
{
    if ((unsigned)id >= sizeof s_panels / sizeof s_panels[0])
    {
        return NULL;
    }
    return &s_panels[id];
}

int rt_elcdif_compute(const rt_panel_timing *t, uint32_t framebuffer, rt_elcdif_values *out)
{
    if (t == NULL || out == NULL || (framebuffer & 7u) != 0 || t->width == 0 || t->height == 0 || t->hsw == 0 ||
        t->vsw == 0)
    {
        return -1;
    }
    /* RGB565 in, 16-bit bus, DOTCLK (RGB) mode, bus master; BYPASS_COUNT keeps RUN set between
     * frames. CTRL1 byte packing 0xF: all four bytes of each word are valid. */
    out->ctrl = LCDIF_CTRL_WORD_LENGTH(0) | LCDIF_CTRL_DATABUS_WIDTH(0) | LCDIF_CTRL_DOTCLK_MODE |
                LCDIF_CTRL_BYPASS_COUNT | LCDIF_CTRL_MASTER;
    out->ctrl1 = LCDIF_CTRL1_BYTE_PACKING(0xF);
    out->transfer_count = LCDIF_TRANSFER_COUNT(t->width, t->height);
    /* VSYNC period and pulse width counted in lines (the *_UNIT bits), DE signal present. */
    out->vdctrl0 = LCDIF_VDCTRL0_ENABLE_PRESENT | LCDIF_VDCTRL0_VSYNC_PERIOD_UNIT |
                   LCDIF_VDCTRL0_VSYNC_PULSE_WIDTH_UNIT | t->polarity | LCDIF_VDCTRL0_VSYNC_PULSE_WIDTH(t->vsw);
    out->vdctrl1 = (uint32_t)t->vsw + t->height + t->vfp + t->vbp;
    out->vdctrl2 = LCDIF_VDCTRL2(t->hsw, (uint32_t)t->hsw + t->hbp + t->width + t->hfp);
    /* Wait counts run from the start of the sync pulse, so they include it. */
    out->vdctrl3 = LCDIF_VDCTRL3((uint32_t)t->hsw + t->hbp, (uint32_t)t->vsw + t->vbp);
    out->vdctrl4 = LCDIF_VDCTRL4_SYNC_SIGNALS_ON | LCDIF_VDCTRL4_H_VALID_DATA_CNT(t->width);
    out->cur_buf = framebuffer;
    out->next_buf = framebuffer;
    return 0;
}

static int wait_bits(volatile uint32_t *reg, uint32_t mask, uint32_t want, uint32_t spin_limit)
{
    for (uint32_t i = 0; i < spin_limit; i++)
    {
        if ((*reg & mask) == want)
        {
            return 0;
        }
    }
    return -1;
}

int rt_elcdif_reset(rt_lcdif_regs *regs, uint32_t spin_limit)
{
    /* Reset sequence, "eLCDIF" chapter, "Software reset": ungate, assert SFTRST, wait for it to
     * read back, release it and ungate again (SFTRST sets CLKGATE). */
    regs->CTRL_CLR = LCDIF_CTRL_CLKGATE;
    if (wait_bits(&regs->CTRL, LCDIF_CTRL_CLKGATE, 0, spin_limit) != 0)
    {
        return -1;
    }
    regs->CTRL_SET = LCDIF_CTRL_SFTRST;
    if (wait_bits(&regs->CTRL, LCDIF_CTRL_SFTRST, LCDIF_CTRL_SFTRST, spin_limit) != 0)
    {
        return -1;
    }
    regs->CTRL_CLR = LCDIF_CTRL_SFTRST;
    regs->CTRL_CLR = LCDIF_CTRL_CLKGATE;
    return 0;
}

void rt_elcdif_program(rt_lcdif_regs *regs, const rt_elcdif_values *v)
{
    regs->CTRL = v->ctrl;
    regs->CTRL1 = v->ctrl1;
    regs->TRANSFER_COUNT = v->transfer_count;
    regs->VDCTRL0 = v->vdctrl0;
    regs->VDCTRL1 = v->vdctrl1;
    regs->VDCTRL2 = v->vdctrl2;
    regs->VDCTRL3 = v->vdctrl3;
    regs->VDCTRL4 = v->vdctrl4;
    regs->CUR_BUF = v->cur_buf;
    regs->NEXT_BUF = v->next_buf;
    regs->CTRL_SET = LCDIF_CTRL_RUN;
}

int rt_elcdif_start(rt_lcdif_regs *regs, const rt_elcdif_values *v, uint32_t spin_limit)
{
    if (rt_elcdif_reset(regs, spin_limit) != 0)
    {
        return -1;
    }
    rt_elcdif_program(regs, v);
    return 0;
}

uint32_t rt_panel_refresh_mhz(const rt_panel_timing *t, uint32_t pixel_clock_hz)
{
    uint64_t h = (uint64_t)t->hsw + t->hbp + t->width + t->hfp;
    uint64_t v = (uint64_t)t->vsw + t->vbp + t->height + t->vfp;
    return (uint32_t)(((uint64_t)pixel_clock_hz * 1000u) / (h * v));
}

void rt_lcd_clock_compute(rt_lcd_clock_values *out)
{
    /* PLL5 = 24 MHz * 31 = 744 MHz; post divider 8 = POST_DIV_SELECT 1 (/2) * VIDEO_DIV 3 (/4). */
    out->pll_video = CCM_ANALOG_PLL_VIDEO_ENABLE | CCM_ANALOG_PLL_VIDEO_DIV_SELECT(31) |
                     CCM_ANALOG_PLL_VIDEO_POST_DIV_SELECT(1);
    out->pll_num = 0;
    out->pll_denom = 1; /* integer mode; a zero denominator is not a valid fraction */
    out->misc2_video_div = CCM_ANALOG_MISC2_VIDEO_DIV(3);
    /* LCDIF pre-mux = PLL5, pre-divider /5, post divider /2: 93 MHz / 10 = 9.3 MHz. */
    out->cscdr2_lcdif = CCM_CSCDR2_LCDIF_PRE_CLK_SEL(2) | CCM_CSCDR2_LCDIF_PRED(4);
    out->cbcmr_lcdif_podf = CCM_CBCMR_LCDIF_PODF(1);
    out->pixel_clock_hz = 24000000u * 31u / 8u / 5u / 2u;
}

int rt_lcd_clock_apply(volatile uint32_t *ccm_analog, volatile uint32_t *ccm, const rt_lcd_clock_values *v,
                       uint32_t spin_limit)
{
    volatile uint32_t *pll = &ccm_analog[CCM_ANALOG_PLL_VIDEO_OFFSET / 4u];
    volatile uint32_t *misc2 = &ccm_analog[CCM_ANALOG_MISC2_OFFSET / 4u];
    volatile uint32_t *cscdr2 = &ccm[CCM_CSCDR2_OFFSET / 4u];
    volatile uint32_t *cbcmr = &ccm[CCM_CBCMR_OFFSET / 4u];
    volatile uint32_t *ccgr2 = &ccm[CCM_CCGR2_OFFSET / 4u];
    volatile uint32_t *ccgr3 = &ccm[CCM_CCGR3_OFFSET / 4u];

    /* Bypass while reprogramming so the LCDIF never sees an unlocked clock. */
    *pll = (*pll & ~CCM_ANALOG_PLL_VIDEO_POWERDOWN) | CCM_ANALOG_PLL_VIDEO_BYPASS;
    ccm_analog[CCM_ANALOG_PLL_VIDEO_NUM_OFFSET / 4u] = v->pll_num;
    ccm_analog[CCM_ANALOG_PLL_VIDEO_DENOM_OFFSET / 4u] = v->pll_denom;
    *misc2 = (*misc2 & ~CCM_ANALOG_MISC2_VIDEO_DIV_MASK) | v->misc2_video_div;
    *pll = v->pll_video | CCM_ANALOG_PLL_VIDEO_BYPASS;
    if (wait_bits(pll, CCM_ANALOG_PLL_VIDEO_LOCK, CCM_ANALOG_PLL_VIDEO_LOCK, spin_limit) != 0)
    {
        return -1;
    }
    *pll = v->pll_video;

    *cscdr2 = (*cscdr2 & ~CCM_CSCDR2_LCDIF_MASK) | v->cscdr2_lcdif;
    *cbcmr = (*cbcmr & ~CCM_CBCMR_LCDIF_PODF_MASK) | v->cbcmr_lcdif_podf;
    *ccgr2 |= CCM_CCGR_ON(14u); /* LCDIF APB clock */
    *ccgr3 |= CCM_CCGR_ON(5u);  /* LCDIF pixel clock */
    return 0;
}
