/* Host tests of the eLCDIF set-up values and the framebuffer operations. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "rt1060_elcdif.h"
#include "rt1060_fb.h"

/* Expected register values worked out by hand from the panel timings (rt1060_elcdif.h) and the
 * eLCDIF field layout, not from the code under test. */
static void elcdif_rk043fn02h(void)
{
    rt_elcdif_values v;
    const rt_panel_timing *t = rt_panel_timing_get(RT_PANEL_RK043FN02H);
    CHECK(t != NULL);
    CHECK_EQ(rt_elcdif_compute(t, 0x80000000u, &v), 0);
    CHECK_EQ(v.ctrl, 0x000A0020u);           /* DOTCLK_MODE | BYPASS_COUNT | MASTER, 16 bpp, 16-bit bus */
    CHECK_EQ(v.ctrl1, 0x000F0000u);          /* byte packing 0xF */
    CHECK_EQ(v.transfer_count, 0x011001E0u); /* 272 << 16 | 480 */
    CHECK_EQ(v.vdctrl0, 0x1330000Au);        /* ENABLE_PRESENT, DOTCLK_POL, ENABLE_POL, units in lines, vsw 10 */
    CHECK_EQ(v.vdctrl1, 288u);               /* 10 + 2 + 272 + 4 */
    CHECK_EQ(v.vdctrl2, (41u << 18) | 533u); /* hsw 41, period 41 + 8 + 480 + 4 */
    CHECK_EQ(v.vdctrl3, (49u << 16) | 12u);  /* hsw + hbp, vsw + vbp */
    CHECK_EQ(v.vdctrl4, 0x000401E0u);        /* SYNC_SIGNALS_ON | 480 */
    CHECK_EQ(v.cur_buf, 0x80000000u);
    CHECK_EQ(v.next_buf, 0x80000000u);
}

static void elcdif_rk043fn66hs(void)
{
    rt_elcdif_values v;
    const rt_panel_timing *t = rt_panel_timing_get(RT_PANEL_RK043FN66HS);
    CHECK(t != NULL);
    CHECK_EQ(rt_elcdif_compute(t, 0x80100040u, &v), 0);
    CHECK_EQ(v.ctrl, 0x000A0020u);
    CHECK_EQ(v.transfer_count, 0x011001E0u);
    CHECK_EQ(v.vdctrl0, 0x13300004u);        /* vsw 4 */
    CHECK_EQ(v.vdctrl1, 296u);               /* 4 + 12 + 272 + 8 */
    CHECK_EQ(v.vdctrl2, (4u << 18) | 535u);  /* 4 + 43 + 480 + 8 */
    CHECK_EQ(v.vdctrl3, (47u << 16) | 16u);
    CHECK_EQ(v.vdctrl4, 0x000401E0u);
    CHECK_EQ(v.cur_buf, 0x80100040u);
    CHECK(rt_panel_timing_get((rt_panel_id)2) == NULL);
}

static void elcdif_rejects_bad_input(void)
{
    rt_elcdif_values v;
    rt_panel_timing t = *rt_panel_timing_get(RT_PANEL_RK043FN02H);
    CHECK_EQ(rt_elcdif_compute(&t, 0x80000004u, &v), -1); /* not 8-byte aligned */
    t.hsw = 0;
    CHECK_EQ(rt_elcdif_compute(&t, 0x80000000u, &v), -1);
}

static void elcdif_program_writes_registers(void)
{
    rt_lcdif_regs regs;
    rt_elcdif_values v;
    memset(&regs, 0, sizeof regs);
    rt_elcdif_compute(rt_panel_timing_get(RT_PANEL_RK043FN66HS), 0x80000000u, &v);
    rt_elcdif_program(&regs, &v);
    CHECK_EQ(regs.CTRL, v.ctrl);
    CHECK_EQ(regs.CTRL1, v.ctrl1);
    CHECK_EQ(regs.TRANSFER_COUNT, v.transfer_count);
    CHECK_EQ(regs.VDCTRL0, v.vdctrl0);
    CHECK_EQ(regs.VDCTRL1, v.vdctrl1);
    CHECK_EQ(regs.VDCTRL2, v.vdctrl2);
    CHECK_EQ(regs.VDCTRL3, v.vdctrl3);
    CHECK_EQ(regs.VDCTRL4, v.vdctrl4);
    CHECK_EQ(regs.CUR_BUF, 0x80000000u);
    CHECK_EQ(regs.NEXT_BUF, 0x80000000u);
    CHECK_EQ(regs.CTRL_SET, 1u); /* RUN through the SET alias */
}

static void elcdif_reset_failure_programs_nothing(void)
{
    /* Plain memory never reflects SFTRST: like a block whose clock is off. */
    rt_lcdif_regs regs;
    rt_elcdif_values v;
    memset(&regs, 0, sizeof regs);
    rt_elcdif_compute(rt_panel_timing_get(RT_PANEL_RK043FN02H), 0x80000000u, &v);
    CHECK_EQ(rt_elcdif_start(&regs, &v, 100), -1);
    CHECK_EQ(regs.CTRL_SET, 0x80000000u); /* SFTRST requested, RUN never */
    CHECK_EQ(regs.VDCTRL0, 0u);
    CHECK_EQ(regs.TRANSFER_COUNT, 0u);
}

static void panel_clock_and_refresh(void)
{
    rt_lcd_clock_values c;
    rt_lcd_clock_compute(&c);
    CHECK_EQ(c.pixel_clock_hz, 9300000u);
    CHECK_EQ(c.pll_video & 0x7Fu, 31u);                 /* DIV_SELECT */
    CHECK_EQ((c.pll_video >> 19) & 3u, 1u);             /* POST_DIV_SELECT: /2 */
    CHECK_EQ(c.misc2_video_div >> 30, 3u);              /* VIDEO_DIV: /4 */
    CHECK_EQ((c.cscdr2_lcdif >> 15) & 7u, 2u);          /* pre-mux PLL5 */
    CHECK_EQ((c.cscdr2_lcdif >> 12) & 7u, 4u);          /* /5 */
    CHECK_EQ((c.cbcmr_lcdif_podf >> 23) & 7u, 1u);      /* /2 */
    /* 9.3 MHz / (533 * 288) = 60.58 Hz; / (535 * 296) = 58.73 Hz (truncated to mHz) */
    CHECK_EQ(rt_panel_refresh_mhz(rt_panel_timing_get(RT_PANEL_RK043FN02H), c.pixel_clock_hz), 60584u);
    CHECK_EQ(rt_panel_refresh_mhz(rt_panel_timing_get(RT_PANEL_RK043FN66HS), c.pixel_clock_hz), 58726u);
}

static void panel_clock_apply_waits_for_lock(void)
{
    static uint32_t analog[0x200 / 4], ccm[0x100 / 4];
    rt_lcd_clock_values c;
    memset(analog, 0, sizeof analog);
    memset(ccm, 0, sizeof ccm);
    rt_lcd_clock_compute(&c);
    /* The fake PLL never locks: the LCDIF clock must stay gated. */
    CHECK_EQ(rt_lcd_clock_apply(analog, ccm, &c, 50), -1);
    CHECK_EQ(ccm[0x70 / 4], 0u);
    CHECK_EQ(ccm[0x74 / 4], 0u);
    CHECK(analog[0xA0 / 4] & (1u << 16)); /* left in bypass */
    CHECK_EQ(analog[0x170 / 4], 3u << 30);
}

/* ---- framebuffer ---------------------------------------------------------------------------- */

#define W 480
#define H 272
static uint16_t g_pixels[W * H];

static void color_swap(void)
{
    CHECK_EQ(rt_bgr565_to_rgb565(0xF800), 0x001F); /* BGR blue -> RGB blue */
    CHECK_EQ(rt_bgr565_to_rgb565(0x001F), 0xF800); /* BGR red -> RGB red */
    CHECK_EQ(rt_bgr565_to_rgb565(0x07E0), 0x07E0); /* green stays */
    CHECK_EQ(rt_bgr565_to_rgb565(0x1234), 0xA222); /* B 2, G 0x11, R 0x14 -> R 0x14, G 0x11, B 2 */
}

static void pixel_writes_clip(void)
{
    rt_fb fb;
    rt_fb_init(&fb, g_pixels, W, H);
    rt_fb_fill(&fb, 0x1111);
    CHECK_EQ(rt_fb_write_pixel(&fb, 0, 0, 0x001F), 1);
    CHECK_EQ(g_pixels[0], 0xF800);
    CHECK_EQ(rt_fb_write_pixel(&fb, W - 1, H - 1, 0x07E0), 1);
    CHECK_EQ(g_pixels[W * H - 1], 0x07E0);
    CHECK_EQ(rt_fb_write_pixel(&fb, W, 0, 0), 0);
    CHECK_EQ(rt_fb_write_pixel(&fb, 0, H, 0), 0);
    CHECK_EQ(rt_fb_write_pixel(&fb, -1, 5, 0), 0);
    CHECK_EQ(g_pixels[1], 0x1111);
}

static void orientations_map_corners(void)
{
    rt_fb fb;
    rt_fb_init(&fb, g_pixels, W, H);
    CHECK_EQ(rt_fb_set_orientation(&fb, RT_ORIENT_LANDSCAPE), 0);
    CHECK_EQ(fb.width, W);
    CHECK_EQ(rt_fb_index(&fb, 1, 0), 1u);
    CHECK_EQ(rt_fb_set_orientation(&fb, RT_ORIENT_LANDSCAPE180), 0);
    CHECK_EQ(rt_fb_index(&fb, 0, 0), (size_t)W * H - 1);
    CHECK_EQ(rt_fb_set_orientation(&fb, RT_ORIENT_PORTRAIT), 0);
    CHECK_EQ(fb.width, H);
    CHECK_EQ(fb.height, W);
    CHECK_EQ(rt_fb_index(&fb, 0, 0), (size_t)W - 1);      /* logical top-left = physical top-right */
    CHECK_EQ(rt_fb_index(&fb, H - 1, 0), (size_t)(H - 1) * W + W - 1);
    CHECK_EQ(rt_fb_set_orientation(&fb, RT_ORIENT_PORTRAIT180), 0);
    CHECK_EQ(rt_fb_index(&fb, 0, 0), (size_t)(H - 1) * W); /* physical bottom-left */
    CHECK_EQ(rt_fb_set_orientation(&fb, 7), -1);
    CHECK_EQ(fb.orientation, RT_ORIENT_PORTRAIT180);
}

static void orientations_are_bijective(void)
{
    static unsigned char seen[W * H];
    rt_fb fb;
    rt_fb_init(&fb, g_pixels, W, H);
    for (int o = 0; o < 4; o++)
    {
        size_t hits = 0;
        memset(seen, 0, sizeof seen);
        rt_fb_set_orientation(&fb, o);
        for (int y = 0; y < fb.height; y++)
        {
            for (int x = 0; x < fb.width; x++)
            {
                size_t i = rt_fb_index(&fb, (uint32_t)x, (uint32_t)y);
                int lx, ly;
                CHECK(i < (size_t)W * H);
                if (i < (size_t)W * H && !seen[i])
                {
                    seen[i] = 1;
                    hits++;
                }
                /* touch mapping is the inverse of the display mapping */
                CHECK_EQ(rt_fb_phys_to_logical(&fb, (int)(i % W), (int)(i / W), &lx, &ly), 0);
                CHECK_EQ(lx, x);
                CHECK_EQ(ly, y);
            }
        }
        CHECK_EQ(hits, (size_t)W * H);
    }
    {
        int lx, ly;
        CHECK_EQ(rt_fb_phys_to_logical(&fb, W, 0, &lx, &ly), -1);
    }
}

static void blit_copies_and_swaps(void)
{
    uint16_t src[4 * 3];
    size_t dirty[2];
    rt_fb fb;
    for (int i = 0; i < 12; i++)
    {
        src[i] = (uint16_t)(0x0800u * (unsigned)i + 1u); /* distinct BGR values */
    }
    rt_fb_init(&fb, g_pixels, W, H);
    rt_fb_fill(&fb, 0);
    CHECK_EQ(rt_fb_blit(&fb, src, 12, 0, 0, 4, 3, 4, 10, 20, dirty), 12u);
    for (int y = 0; y < 3; y++)
    {
        for (int x = 0; x < 4; x++)
        {
            CHECK_EQ(g_pixels[(20 + y) * W + 10 + x], rt_bgr565_to_rgb565(src[y * 4 + x]));
        }
    }
    CHECK_EQ(g_pixels[20 * W + 9], 0);
    CHECK_EQ(g_pixels[20 * W + 14], 0);
    CHECK_EQ(dirty[0], (size_t)(20 * W + 10) * 2);
    CHECK_EQ(dirty[1], (size_t)(22 * W + 14) * 2);
}

static void blit_sub_rectangle_of_bitmap(void)
{
    /* srcX/srcY/stride: a 2x2 window out of an 8-wide bitmap (Bitmap.Flush of a dirty region). */
    uint16_t src[8 * 4];
    rt_fb fb;
    for (int i = 0; i < 32; i++)
    {
        src[i] = (uint16_t)i;
    }
    rt_fb_init(&fb, g_pixels, W, H);
    rt_fb_fill(&fb, 0xFFFF);
    CHECK_EQ(rt_fb_blit(&fb, src, 32, 3, 1, 2, 2, 8, 100, 50, NULL), 4u);
    CHECK_EQ(g_pixels[50 * W + 100], rt_bgr565_to_rgb565(src[1 * 8 + 3]));
    CHECK_EQ(g_pixels[50 * W + 101], rt_bgr565_to_rgb565(src[1 * 8 + 4]));
    CHECK_EQ(g_pixels[51 * W + 100], rt_bgr565_to_rgb565(src[2 * 8 + 3]));
    CHECK_EQ(g_pixels[51 * W + 102], 0xFFFF);
}

static void blit_clips_at_edges(void)
{
    static uint16_t src[40 * 40];
    rt_fb fb;
    for (int i = 0; i < 40 * 40; i++)
    {
        src[i] = 0x07E0;
    }
    rt_fb_init(&fb, g_pixels, W, H);
    rt_fb_fill(&fb, 0);
    /* right/bottom: only 10 x 12 of the 40 x 40 block is on screen */
    CHECK_EQ(rt_fb_blit(&fb, src, 1600, 0, 0, 40, 40, 40, W - 10, H - 12, NULL), 120u);
    /* negative origin: the top-left 5 x 7 is cut, the source origin moves with it */
    src[7 * 40 + 5] = 0x001F;
    CHECK_EQ(rt_fb_blit(&fb, src, 1600, 0, 0, 40, 40, 40, -5, -7, NULL), 35u * 33u);
    CHECK_EQ(g_pixels[0], 0xF800);
    /* wholly off screen, zero or negative sizes */
    CHECK_EQ(rt_fb_blit(&fb, src, 1600, 0, 0, 40, 40, 40, W, 0, NULL), 0u);
    CHECK_EQ(rt_fb_blit(&fb, src, 1600, 0, 0, 40, 40, 40, 0, 65535, NULL), 0u);
    CHECK_EQ(rt_fb_blit(&fb, src, 1600, 0, 0, 0, 40, 40, 0, 0, NULL), 0u);
    CHECK_EQ(rt_fb_blit(&fb, src, 1600, 0, 0, 40, -1, 40, 0, 0, NULL), 0u);
    CHECK_EQ(rt_fb_blit(&fb, NULL, 1600, 0, 0, 4, 4, 4, 0, 0, NULL), 0u);
}

static void blit_never_reads_past_source(void)
{
    /* A block claiming 10 x 10 from a 30-pixel source copies 30 pixels and stops. */
    uint16_t src[30];
    rt_fb fb;
    for (int i = 0; i < 30; i++)
    {
        src[i] = 0x07E0;
    }
    rt_fb_init(&fb, g_pixels, W, H);
    rt_fb_fill(&fb, 0);
    CHECK_EQ(rt_fb_blit(&fb, src, 30, 0, 0, 10, 10, 10, 0, 0, NULL), 30u);
    CHECK_EQ(g_pixels[2 * W + 9], 0x07E0);
    CHECK_EQ(g_pixels[3 * W], 0);
    /* width wider than the stride is trimmed to the stride */
    rt_fb_fill(&fb, 0);
    CHECK_EQ(rt_fb_blit(&fb, src, 30, 0, 0, 20, 3, 10, 0, 0, NULL), 30u);
    CHECK_EQ(g_pixels[10], 0);
}

static void blit_in_portrait(void)
{
    uint16_t src[2] = {0x001F, 0x07E0};
    rt_fb fb;
    rt_fb_init(&fb, g_pixels, W, H);
    rt_fb_set_orientation(&fb, RT_ORIENT_PORTRAIT);
    rt_fb_fill(&fb, 0);
    CHECK_EQ(rt_fb_blit(&fb, src, 2, 0, 0, 2, 1, 2, 0, 0, NULL), 2u);
    CHECK_EQ(g_pixels[W - 1], 0xF800);     /* logical (0,0) -> physical (479, 0) */
    CHECK_EQ(g_pixels[W + W - 1], 0x07E0); /* logical (1,0) -> physical (479, 1) */
    /* logical width is 272 now: x = 271 is on screen, x = 272 is not */
    CHECK_EQ(rt_fb_blit(&fb, src, 2, 0, 0, 2, 1, 2, H - 1, 0, NULL), 1u);
}

int main(void)
{
    RUN(elcdif_rk043fn02h, "eLCDIF values for RK043FN02H-CT (EVK) timings");
    RUN(elcdif_rk043fn66hs, "eLCDIF values for RK043FN66HS-CTG (EVKB) timings");
    RUN(elcdif_rejects_bad_input, "eLCDIF refuses a misaligned framebuffer and zero sync widths");
    RUN(elcdif_program_writes_registers, "eLCDIF program writes every register and sets RUN via CTRL_SET");
    RUN(elcdif_reset_failure_programs_nothing, "eLCDIF start stops when the soft reset never reads back");
    RUN(panel_clock_and_refresh, "video PLL 93 MHz -> 9.3 MHz pixel clock, 60.6 / 58.7 Hz refresh");
    RUN(panel_clock_apply_waits_for_lock, "clock set-up leaves LCDIF gated when PLL5 does not lock");
    RUN(color_swap, "BGR565 -> RGB565 swap");
    RUN(pixel_writes_clip, "pixel writes clip to the screen");
    RUN(orientations_map_corners, "four orientations map logical corners to the right pixels");
    RUN(orientations_are_bijective, "every orientation is a bijection and touch mapping is its inverse");
    RUN(blit_copies_and_swaps, "blit copies a block, swaps colour order, reports the dirty range");
    RUN(blit_sub_rectangle_of_bitmap, "blit of a sub-rectangle honours srcX/srcY/stride");
    RUN(blit_clips_at_edges, "blit clips right/bottom/negative origins and rejects empty blocks");
    RUN(blit_never_reads_past_source, "blit never reads past the source length or stride");
    RUN(blit_in_portrait, "blit in portrait orientation lands rotated");
    printf("display: %d passed, %d failed\n", g_cases_run - g_cases_failed, g_cases_failed);
    return g_cases_failed ? 1 : 0;
}
