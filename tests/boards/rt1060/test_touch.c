/* Host tests of touch report parsing, detection, the poll state machine, event posting, the
 * LPI2C driver (against a register-level model) and the SD mount state machine. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fake_i2c.h"
#include "rt1060_lpi2c.h"
#include "rt1060_sd_mount.h"
#include "rt1060_touch.h"
#include "rt1060_touch_events.h"

#define W 480
#define H 272

/* FT5336 point record: event flag, raw X (the glass's short axis), id, raw Y. */
static void ft_point(uint8_t *rec, unsigned event, unsigned raw_x, unsigned id, unsigned raw_y)
{
    rec[0] = (uint8_t)((event << 6) | ((raw_x >> 8) & 0x0F));
    rec[1] = (uint8_t)raw_x;
    rec[2] = (uint8_t)((id << 4) | ((raw_y >> 8) & 0x0F));
    rec[3] = (uint8_t)raw_y;
    rec[4] = rec[5] = 0;
}

static void gt_point(uint8_t *rec, unsigned id, unsigned x, unsigned y)
{
    rec[0] = (uint8_t)id;
    rec[1] = (uint8_t)x;
    rec[2] = (uint8_t)(x >> 8);
    rec[3] = (uint8_t)y;
    rec[4] = (uint8_t)(y >> 8);
    rec[5] = 20;
    rec[6] = 0;
    rec[7] = 0;
}

/* ---- FT5336 parsing ------------------------------------------------------------------------ */

static void ft5336_single(void)
{
    uint8_t b[RT_FT5336_REPORT_BYTES] = {0};
    rt_touch_report r;
    unsigned dropped = 0;
    b[2] = 1;
    ft_point(b + 3, 0, 100, 0, 300); /* raw X 100 (short axis), raw Y 300 */
    CHECK_EQ(rt_ft5336_parse(b, sizeof b, W, H, &r, &dropped), RT_REPORT_OK);
    CHECK_EQ(r.count, 1);
    CHECK_EQ(r.c[0].x, 300); /* axes swapped: panel x comes from the controller's Y */
    CHECK_EQ(r.c[0].y, 100);
    CHECK_EQ(r.c[0].id, 0);
    CHECK_EQ(dropped, 0u);
}

static void ft5336_multi(void)
{
    uint8_t b[RT_FT5336_REPORT_BYTES] = {0};
    rt_touch_report r;
    unsigned dropped = 0;
    b[2] = 3;
    ft_point(b + 3, 2, 10, 0, 20);
    ft_point(b + 9, 0, 271, 1, 479); /* the far corner is still on the panel */
    ft_point(b + 15, 2, 0x0AB, 2, 0x1CD);
    CHECK_EQ(rt_ft5336_parse(b, sizeof b, W, H, &r, &dropped), RT_REPORT_OK);
    CHECK_EQ(r.count, 3);
    CHECK_EQ(r.c[1].x, 479);
    CHECK_EQ(r.c[1].y, 271);
    CHECK_EQ(r.c[1].id, 1);
    CHECK_EQ(r.c[2].x, 0x1CD);
    CHECK_EQ(r.c[2].y, 0x0AB);
    CHECK_EQ(r.c[2].id, 2);
}

static void ft5336_invalid(void)
{
    uint8_t b[RT_FT5336_REPORT_BYTES] = {0};
    rt_touch_report r;
    unsigned dropped = 0;
    b[2] = 0xFF; /* seen on real FT5x06 parts after a glitch */
    CHECK_EQ(rt_ft5336_parse(b, sizeof b, W, H, &r, &dropped), RT_REPORT_BAD_COUNT);
    b[2] = 6;
    CHECK_EQ(rt_ft5336_parse(b, sizeof b, W, H, &r, &dropped), RT_REPORT_BAD_COUNT);
    /* out-of-range, lift event, invalid id: each dropped, the good one kept */
    b[2] = 4;
    ft_point(b + 3, 0, 272, 0, 10);  /* y = 272 off the panel */
    ft_point(b + 9, 1, 10, 1, 10);   /* lift */
    ft_point(b + 15, 2, 10, 15, 10); /* id 0xF = no touch */
    ft_point(b + 21, 2, 5, 3, 480);  /* x = 480 off the panel */
    CHECK_EQ(rt_ft5336_parse(b, sizeof b, W, H, &r, &dropped), RT_REPORT_INVALID);
    CHECK_EQ(dropped, 4u);
    ft_point(b + 21, 2, 5, 3, 6);
    dropped = 0;
    CHECK_EQ(rt_ft5336_parse(b, sizeof b, W, H, &r, &dropped), RT_REPORT_OK);
    CHECK_EQ(r.count, 1);
    CHECK_EQ(r.c[0].id, 3);
    CHECK_EQ(dropped, 3u);
    CHECK_EQ(rt_ft5336_parse(b, 2, W, H, &r, &dropped), RT_REPORT_SHORT);
    CHECK_EQ(rt_ft5336_parse(b, 3 + 6 * 3, W, H, &r, &dropped), RT_REPORT_SHORT);
}

/* ---- GT911 parsing ------------------------------------------------------------------------- */

static void gt911_parse_cases(void)
{
    uint8_t b[RT_GT911_REPORT_BYTES] = {0};
    rt_touch_report r;
    unsigned dropped = 0;
    b[0] = 0x05; /* count without the ready bit: stale buffer */
    CHECK_EQ(rt_gt911_parse(b, sizeof b, W, H, W, H, &r, &dropped), RT_REPORT_NOT_READY);
    b[0] = 0x80;
    CHECK_EQ(rt_gt911_parse(b, sizeof b, W, H, W, H, &r, &dropped), RT_REPORT_OK);
    CHECK_EQ(r.count, 0);
    b[0] = 0x81;
    gt_point(b + 1, 0, 123, 45);
    CHECK_EQ(rt_gt911_parse(b, sizeof b, W, H, W, H, &r, &dropped), RT_REPORT_OK);
    CHECK_EQ(r.count, 1);
    CHECK_EQ(r.c[0].x, 123);
    CHECK_EQ(r.c[0].y, 45);
    b[0] = 0x83;
    gt_point(b + 9, 4, 479, 271);
    gt_point(b + 17, 2, 300, 0);
    CHECK_EQ(rt_gt911_parse(b, sizeof b, W, H, W, H, &r, &dropped), RT_REPORT_OK);
    CHECK_EQ(r.count, 3);
    CHECK_EQ(r.c[1].id, 4);
    CHECK_EQ(r.c[2].x, 300);
    b[0] = 0x86;
    CHECK_EQ(rt_gt911_parse(b, sizeof b, W, H, W, H, &r, &dropped), RT_REPORT_BAD_COUNT);
    b[0] = 0x82;
    gt_point(b + 1, 0, 480, 10);  /* x off the grid */
    gt_point(b + 9, 16, 10, 10);  /* id out of range */
    CHECK_EQ(rt_gt911_parse(b, sizeof b, W, H, W, H, &r, &dropped), RT_REPORT_INVALID);
    CHECK_EQ(dropped, 2u);
}

static void gt911_scales_resolution(void)
{
    /* A controller configured for an 800 x 480 grid reports in that grid. */
    uint8_t b[RT_GT911_REPORT_BYTES] = {0};
    rt_touch_report r;
    b[0] = 0x81;
    gt_point(b + 1, 0, 400, 240);
    CHECK_EQ(rt_gt911_parse(b, sizeof b, 800, 480, W, H, &r, NULL), RT_REPORT_OK);
    CHECK_EQ(r.c[0].x, 240); /* 400 * 480 / 800 */
    CHECK_EQ(r.c[0].y, 136); /* 240 * 272 / 480 */
    gt_point(b + 1, 0, 799, 479);
    CHECK_EQ(rt_gt911_parse(b, sizeof b, 800, 480, W, H, &r, NULL), RT_REPORT_OK);
    CHECK_EQ(r.c[0].x, 479);
    CHECK_EQ(r.c[0].y, 271);
}

/* ---- detection and polling ------------------------------------------------------------------ */

static fake_i2c g_bus;
static fake_device g_dev_a, g_dev_b;
static rt_i2c_bus g_i2c = {fake_bus_transfer, &g_bus};

static void gt911_device(fake_device *d, uint8_t addr)
{
    memset(d->mem, 0, sizeof d->mem);
    fake_i2c_add(&g_bus, d, addr, 2);
    memcpy(&d->mem[RT_GT911_REG_PRODUCT_ID], "911\0", 4);
    d->mem[0x8048] = 0xE0; /* 480 */
    d->mem[0x8049] = 0x01;
    d->mem[0x804A] = 0x10; /* 272 */
    d->mem[0x804B] = 0x01;
}

static void detect_cases(void)
{
    rt_touch_panel tp;

    fake_i2c_reset(&g_bus);
    tp.retries = 0;
    CHECK_EQ(rt_touch_detect(&tp, &g_i2c, W, H), RT_TOUCH_NONE);

    fake_i2c_reset(&g_bus);
    memset(g_dev_a.mem, 0, sizeof g_dev_a.mem);
    fake_i2c_add(&g_bus, &g_dev_a, RT_FT5336_ADDR, 1);
    CHECK_EQ(rt_touch_detect(&tp, &g_i2c, W, H), RT_TOUCH_FT5336);
    CHECK_EQ(tp.addr, RT_FT5336_ADDR);

    fake_i2c_reset(&g_bus);
    gt911_device(&g_dev_a, RT_GT911_ADDR_PRIMARY);
    CHECK_EQ(rt_touch_detect(&tp, &g_i2c, W, H), RT_TOUCH_GT911);
    CHECK_EQ(tp.addr, RT_GT911_ADDR_PRIMARY);
    CHECK_EQ(tp.res_x, 480);
    CHECK_EQ(tp.res_y, 272);

    /* reset latched the other address: 0x5D NACKs, 0x14 answers */
    fake_i2c_reset(&g_bus);
    gt911_device(&g_dev_a, RT_GT911_ADDR_ALT);
    CHECK_EQ(rt_touch_detect(&tp, &g_i2c, W, H), RT_TOUCH_GT911);
    CHECK_EQ(tp.addr, RT_GT911_ADDR_ALT);

    /* something at 0x5D that is not a GT911 does not count */
    fake_i2c_reset(&g_bus);
    memset(g_dev_a.mem, 0, sizeof g_dev_a.mem);
    fake_i2c_add(&g_bus, &g_dev_a, RT_GT911_ADDR_PRIMARY, 2);
    memset(g_dev_b.mem, 0, sizeof g_dev_b.mem);
    fake_i2c_add(&g_bus, &g_dev_b, RT_FT5336_ADDR, 1);
    CHECK_EQ(rt_touch_detect(&tp, &g_i2c, W, H), RT_TOUCH_FT5336);

    /* a busy controller NACKs once: detection retries */
    fake_i2c_reset(&g_bus);
    gt911_device(&g_dev_a, RT_GT911_ADDR_PRIMARY);
    fake_i2c_fail_next(&g_bus, RT_I2C_NACK);
    tp.retries = 2;
    CHECK_EQ(rt_touch_detect(&tp, &g_i2c, W, H), RT_TOUCH_GT911);
    CHECK_EQ(tp.addr, RT_GT911_ADDR_PRIMARY);
}

static void ft_set(fake_device *d, unsigned count, unsigned panel_x, unsigned panel_y)
{
    d->mem[2] = (uint8_t)count;
    if (count)
    {
        ft_point(&d->mem[3], 2, panel_y, 0, panel_x);
    }
}

static void poll_ft5336_stroke(void)
{
    rt_touch_panel tp;
    rt_touch_report r;
    fake_i2c_reset(&g_bus);
    memset(g_dev_a.mem, 0, sizeof g_dev_a.mem);
    fake_i2c_add(&g_bus, &g_dev_a, RT_FT5336_ADDR, 1);
    tp.retries = 2;
    CHECK_EQ(rt_touch_detect(&tp, &g_i2c, W, H), RT_TOUCH_FT5336);

    CHECK_EQ(rt_touch_poll(&tp, &r), RT_TOUCH_EV_NONE);
    ft_set(&g_dev_a, 1, 200, 100);
    CHECK_EQ(rt_touch_poll(&tp, &r), RT_TOUCH_EV_DOWN);
    CHECK_EQ(r.count, 1);
    CHECK_EQ(r.c[0].x, 200);
    CHECK_EQ(r.c[0].y, 100);
    CHECK_EQ(rt_touch_poll(&tp, &r), RT_TOUCH_EV_NONE); /* same position: nothing new */
    ft_set(&g_dev_a, 1, 205, 103);
    CHECK_EQ(rt_touch_poll(&tp, &r), RT_TOUCH_EV_MOVE);
    CHECK_EQ(r.c[0].x, 205);
    /* a glitched report in the middle of the stroke is ignored, not taken as a lift */
    g_dev_a.mem[2] = 0xFF;
    CHECK_EQ(rt_touch_poll(&tp, &r), RT_TOUCH_EV_NONE);
    CHECK_EQ(tp.bad_reports, 1u);
    CHECK_EQ(tp.down, 1);
    ft_set(&g_dev_a, 0, 0, 0);
    CHECK_EQ(rt_touch_poll(&tp, &r), RT_TOUCH_EV_UP);
    CHECK_EQ(r.c[0].x, 205); /* UP carries the last position */
    CHECK_EQ(r.c[0].y, 103);
    CHECK_EQ(rt_touch_poll(&tp, &r), RT_TOUCH_EV_NONE);
}

static void poll_retries_and_lost_controller(void)
{
    rt_touch_panel tp;
    rt_touch_report r;
    fake_i2c_reset(&g_bus);
    memset(g_dev_a.mem, 0, sizeof g_dev_a.mem);
    fake_i2c_add(&g_bus, &g_dev_a, RT_FT5336_ADDR, 1);
    tp.retries = 2;
    rt_touch_detect(&tp, &g_i2c, W, H);
    ft_set(&g_dev_a, 1, 50, 60);

    /* two NACKs and a lost arbitration are retried within one poll */
    g_bus.nerrors = g_bus.next_error = 0;
    fake_i2c_fail_next(&g_bus, RT_I2C_NACK);
    fake_i2c_fail_next(&g_bus, RT_I2C_ARB_LOST);
    CHECK_EQ(rt_touch_poll(&tp, &r), RT_TOUCH_EV_DOWN);
    CHECK_EQ(tp.i2c_errors, 0u);

    /* three retryable failures exhaust one poll */
    g_bus.nerrors = g_bus.next_error = 0;
    for (int i = 0; i < 3; i++)
    {
        fake_i2c_fail_next(&g_bus, RT_I2C_NACK);
    }
    CHECK_EQ(rt_touch_poll(&tp, &r), RT_TOUCH_EV_NONE);
    CHECK_EQ(tp.i2c_errors, 1u);
    CHECK_EQ(tp.last_error, RT_I2C_NACK);

    /* a timeout is not retried; after RT_TOUCH_LOST_AFTER failed polls the stroke ends */
    g_bus.nerrors = g_bus.next_error = 0;
    fake_i2c_fail_next(&g_bus, RT_I2C_TIMEOUT);
    fake_i2c_fail_next(&g_bus, RT_I2C_TIMEOUT);
    int before = g_bus.transfers;
    CHECK_EQ(rt_touch_poll(&tp, &r), RT_TOUCH_EV_NONE);
    CHECK_EQ(g_bus.transfers - before, 1);
    CHECK_EQ(rt_touch_poll(&tp, &r), RT_TOUCH_EV_UP);
    CHECK_EQ(r.c[0].x, 50);
    CHECK_EQ(r.c[0].y, 60);
    CHECK_EQ(tp.down, 0);
    /* the controller is back and still touched: a fresh DOWN */
    CHECK_EQ(rt_touch_poll(&tp, &r), RT_TOUCH_EV_DOWN);
}

static int gt911_clears(int since)
{
    int n = 0;
    for (int i = since; i < g_bus.nwrites; i++)
    {
        const fake_write *w = &g_bus.writes[i];
        if (w->reg == RT_GT911_REG_STATUS && w->len == 1 && w->data[0] == 0)
        {
            n++;
        }
    }
    return n;
}

static void poll_gt911_clears_status(void)
{
    rt_touch_panel tp;
    rt_touch_report r;
    uint8_t *st = &g_dev_a.mem[RT_GT911_REG_STATUS];
    fake_i2c_reset(&g_bus);
    gt911_device(&g_dev_a, RT_GT911_ADDR_PRIMARY);
    tp.retries = 1;
    CHECK_EQ(rt_touch_detect(&tp, &g_i2c, W, H), RT_TOUCH_GT911);

    *st = 0x00; /* nothing new: no event, and the status is left alone */
    int w0 = g_bus.nwrites;
    CHECK_EQ(rt_touch_poll(&tp, &r), RT_TOUCH_EV_NONE);
    CHECK_EQ(gt911_clears(w0), 0);

    *st = 0x82;
    gt_point(st + 1, 0, 100, 50);
    gt_point(st + 9, 1, 300, 200);
    CHECK_EQ(rt_touch_poll(&tp, &r), RT_TOUCH_EV_DOWN);
    CHECK_EQ(r.count, 2);
    CHECK_EQ(r.c[1].x, 300);
    CHECK_EQ(gt911_clears(w0), 1);
    CHECK_EQ(*st, 0); /* the device model saw the 0 written to 0x814E */
    CHECK_EQ(g_bus.writes[g_bus.nwrites - 1].addr, RT_GT911_ADDR_PRIMARY);

    /* not ready again (host already cleared): position unchanged, no event */
    CHECK_EQ(rt_touch_poll(&tp, &r), RT_TOUCH_EV_NONE);

    /* a bad count is cleared too, and does not end the stroke */
    *st = 0x8F;
    w0 = g_bus.nwrites;
    CHECK_EQ(rt_touch_poll(&tp, &r), RT_TOUCH_EV_NONE);
    CHECK_EQ(gt911_clears(w0), 1);
    CHECK_EQ(tp.down, 1);
    CHECK_EQ(tp.bad_reports, 1u);

    *st = 0x82;
    gt_point(st + 1, 0, 110, 55);
    CHECK_EQ(rt_touch_poll(&tp, &r), RT_TOUCH_EV_MOVE);
    *st = 0x80;
    CHECK_EQ(rt_touch_poll(&tp, &r), RT_TOUCH_EV_UP);
    CHECK_EQ(r.count, 2);
    CHECK_EQ(r.c[0].x, 110);
    CHECK_EQ(tp.clears, 4u);
}

/* ---- event posting -------------------------------------------------------------------------- */

static struct
{
    int calls;
    uint8_t sub;
    uint16_t count;
    const rt_nf_touch_point *first;
} g_post;

static void capture_post(void *ctx, uint8_t sub, uint16_t count, const rt_nf_touch_point *first)
{
    (void)ctx;
    g_post.calls++;
    g_post.sub = sub;
    g_post.count = count;
    g_post.first = first;
}

static void events_posted_as_touchpoints(void)
{
    static uint16_t px[W * H];
    rt_touch_poster p;
    rt_touch_report rep;
    rt_fb fb;
    memset(&g_post, 0, sizeof g_post);
    rt_fb_init(&fb, px, W, H);
    rt_touch_poster_init(&p, capture_post, NULL, &fb);

    rep.count = 2;
    rep.c[0].x = 479;
    rep.c[0].y = 271;
    rep.c[0].id = 3;
    rep.c[1].x = 7;
    rep.c[1].y = 9;
    rep.c[1].id = 1;
    CHECK_EQ(rt_touch_post_event(&p, RT_TOUCH_EV_DOWN, &rep, 1234), 2u);
    CHECK_EQ(g_post.calls, 1);
    CHECK_EQ(g_post.sub, 1);
    CHECK_EQ(g_post.count, 2);
    /* TouchEventProcessor decodes x = loc & 0x3FFF, y = (loc >> 14) & 0x3FFF, source = loc >> 28 */
    CHECK_EQ(g_post.first[0].location & 0x3FFF, 479);
    CHECK_EQ((g_post.first[0].location >> 14) & 0x3FFF, 271);
    CHECK_EQ(g_post.first[0].location >> 28, 3);
    CHECK_EQ(g_post.first[0].contact, 0x80000000u);
    CHECK_EQ(g_post.first[1].contact, 0u);
    CHECK_EQ(g_post.first[1].location, 7u | (9u << 14) | (1u << 28));
    CHECK_EQ(g_post.first[0].time, 1234);

    /* nothing posted for NONE or an empty report */
    CHECK_EQ(rt_touch_post_event(&p, RT_TOUCH_EV_NONE, &rep, 0), 0u);
    rep.count = 0;
    CHECK_EQ(rt_touch_post_event(&p, RT_TOUCH_EV_MOVE, &rep, 0), 0u);
    CHECK_EQ(g_post.calls, 1);

    /* portrait: touch coordinates follow the display orientation */
    rt_fb_set_orientation(&fb, RT_ORIENT_PORTRAIT);
    rep.count = 1;
    rep.c[0].x = 479;
    rep.c[0].y = 0;
    rep.c[0].id = 0;
    rt_touch_post_event(&p, RT_TOUCH_EV_MOVE, &rep, 0);
    CHECK_EQ(g_post.sub, 3);
    CHECK_EQ(g_post.first[0].location, 0u); /* physical (479, 0) is logical (0, 0) */
}

static void events_ring_stays_contiguous(void)
{
    rt_touch_poster p;
    rt_touch_report rep;
    memset(&g_post, 0, sizeof g_post);
    rt_touch_poster_init(&p, capture_post, NULL, NULL);
    rep.count = 5;
    for (int i = 0; i < 5; i++)
    {
        rep.c[i].x = (uint16_t)i;
        rep.c[i].y = 0;
        rep.c[i].id = (uint8_t)i;
    }
    for (int n = 0; n < 40; n++)
    {
        rt_touch_post_event(&p, RT_TOUCH_EV_MOVE, &rep, n);
        CHECK(g_post.first >= &p.ring[0]);
        CHECK(g_post.first + 5 <= &p.ring[RT_TOUCH_RING_POINTS]);
        CHECK_EQ(g_post.first[4].location & 0x3FFF, 4);
        CHECK_EQ(g_post.first[0].time, n);
    }
}

/* ---- LPI2C driver against the register model ------------------------------------------------ */

static void lpi2c_timing(void)
{
    rt_lpi2c_timing t;
    CHECK_EQ(rt_lpi2c_timing_for(10000000u, 100000u, &t), 0);
    {
        unsigned lo = t.mccr0 & 0x3F, hi = (t.mccr0 >> 8) & 0x3F;
        unsigned period = (lo + hi + 2) << t.prescale;
        CHECK(period >= 99 && period <= 101); /* 100 functional clocks per SCL period */
        CHECK(lo > hi);
    }
    CHECK_EQ(rt_lpi2c_timing_for(10000000u, 400000u, &t), 0);
    {
        unsigned period = (((t.mccr0 & 0x3F) + ((t.mccr0 >> 8) & 0x3F) + 2) << t.prescale);
        CHECK(period >= 24 && period <= 26);
    }
    CHECK_EQ(rt_lpi2c_timing_for(60000000u, 100000u, &t), 0);
    CHECK(t.prescale >= 2); /* 600 cycles need a prescaler for 6-bit fields */
    CHECK_EQ(rt_lpi2c_timing_for(1000000u, 400000u, &t), -1);
}

static void lpi2c_transfers(void)
{
    static rt_lpi2c_regs regs;
    fake_lpi2c_model m;
    rt_lpi2c dev;
    rt_lpi2c_timing t;
    uint8_t rx[4];
    const uint8_t reg = 0xA8;

    memset(&regs, 0, sizeof regs);
    fake_i2c_reset(&g_bus);
    memset(g_dev_a.mem, 0, sizeof g_dev_a.mem);
    fake_i2c_add(&g_bus, &g_dev_a, RT_FT5336_ADDR, 1);
    g_dev_a.mem[0xA8] = 0x51;
    g_dev_a.mem[0xA9] = 0x52;
    fake_lpi2c_attach(&m, &g_bus, &regs);
    rt_lpi2c_timing_for(10000000u, 100000u, &t);
    rt_lpi2c_init(&dev, &regs, &t, 1000);
    CHECK_EQ(regs.MCR, LPI2C_MCR_MEN);
    CHECK_EQ(regs.MCCR0, t.mccr0);

    CHECK_EQ(rt_lpi2c_transfer(&dev, RT_FT5336_ADDR, &reg, 1, rx, 2), RT_I2C_OK);
    CHECK_EQ(rx[0], 0x51);
    CHECK_EQ(rx[1], 0x52);
    /* START+W, register, START+R, RX 2 (count - 1), STOP */
    CHECK_EQ(m.npushed, 5);
    CHECK_EQ(m.pushed[0], 0x400u | (0x38u << 1));
    CHECK_EQ(m.pushed[1], 0xA8u);
    CHECK_EQ(m.pushed[2], 0x400u | (0x38u << 1) | 1u);
    CHECK_EQ(m.pushed[3], 0x100u | 1u);
    CHECK_EQ(m.pushed[4], 0x200u);

    /* absent device: NACK, FIFOs flushed, STOP sent, flags cleared */
    m.npushed = 0;
    regs.MCR = LPI2C_MCR_MEN;
    CHECK_EQ(rt_lpi2c_transfer(&dev, 0x5D, &reg, 1, rx, 2), RT_I2C_NACK);
    CHECK(regs.MCR & LPI2C_MCR_RTF);
    CHECK(regs.MCR & LPI2C_MCR_RRF);
    CHECK_EQ(m.pushed[m.npushed - 1], 0x200u);
    CHECK_EQ(regs.MSR & (LPI2C_MSR_NDF | LPI2C_MSR_MBF), 0u);

    /* the bus recovers: the next transfer works */
    CHECK_EQ(rt_lpi2c_transfer(&dev, RT_FT5336_ADDR, &reg, 1, rx, 1), RT_I2C_OK);

    m.lose_arbitration = 1;
    CHECK_EQ(rt_lpi2c_transfer(&dev, RT_FT5336_ADDR, &reg, 1, rx, 1), RT_I2C_ARB_LOST);

    m.stuck = 1;
    CHECK_EQ(rt_lpi2c_transfer(&dev, RT_FT5336_ADDR, &reg, 1, rx, 1), RT_I2C_TIMEOUT);
    m.stuck = 0;

    /* another master holds the bus: nothing is sent */
    regs.MSR = LPI2C_MSR_BBF;
    m.npushed = 0;
    CHECK_EQ(rt_lpi2c_transfer(&dev, RT_FT5336_ADDR, &reg, 1, rx, 1), RT_I2C_BUS_BUSY);
    CHECK_EQ(m.npushed, 0);
    regs.MSR = 0;

    CHECK_EQ(rt_lpi2c_transfer(&dev, 0x80, &reg, 1, rx, 1), RT_I2C_BAD_ARG);
    CHECK_EQ(rt_lpi2c_transfer(&dev, 0x38, NULL, 0, NULL, 0), RT_I2C_BAD_ARG);
    CHECK_EQ(rt_lpi2c_status_from_msr(LPI2C_MSR_PLTF), RT_I2C_TIMEOUT);
    CHECK_EQ(rt_lpi2c_status_from_msr(LPI2C_MSR_FEF), RT_I2C_FIFO_ERROR);
}

static void touch_over_lpi2c_gt911(void)
{
    /* The whole stack: touch poll -> rt_i2c_bus -> LPI2C driver -> register model -> GT911. */
    static rt_lpi2c_regs regs;
    fake_lpi2c_model m;
    rt_lpi2c dev;
    rt_lpi2c_timing t;
    rt_i2c_bus bus;
    rt_touch_panel tp;
    rt_touch_report r;
    memset(&regs, 0, sizeof regs);
    fake_i2c_reset(&g_bus);
    gt911_device(&g_dev_a, RT_GT911_ADDR_ALT);
    fake_lpi2c_attach(&m, &g_bus, &regs);
    rt_lpi2c_timing_for(10000000u, 100000u, &t);
    rt_lpi2c_init(&dev, &regs, &t, 1000);
    bus.transfer = rt_lpi2c_transfer;
    bus.ctx = &dev;
    tp.retries = 1;
    CHECK_EQ(rt_touch_detect(&tp, &bus, W, H), RT_TOUCH_GT911);
    CHECK_EQ(tp.addr, RT_GT911_ADDR_ALT);
    g_dev_a.mem[RT_GT911_REG_STATUS] = 0x81;
    gt_point(&g_dev_a.mem[RT_GT911_REG_STATUS + 1], 2, 321, 123);
    CHECK_EQ(rt_touch_poll(&tp, &r), RT_TOUCH_EV_DOWN);
    CHECK_EQ(r.c[0].x, 321);
    CHECK_EQ(r.c[0].y, 123);
    CHECK_EQ(r.c[0].id, 2);
    CHECK_EQ(g_dev_a.mem[RT_GT911_REG_STATUS], 0); /* cleared over the wire */
}

/* ---- SD card mount state machine ------------------------------------------------------------- */

static struct
{
    int present, init_fail, mount_fail;
    int inits, deinits, mounts, unmounts;
    char log[64];
} g_card;

static void card_log(char c)
{
    size_t n = strlen(g_card.log);
    if (n + 1 < sizeof g_card.log)
    {
        g_card.log[n] = c;
        g_card.log[n + 1] = 0;
    }
}
static int card_present(void *ctx) { (void)ctx; return g_card.present; }
static int card_init(void *ctx) { (void)ctx; g_card.inits++; card_log('I'); return g_card.init_fail ? (g_card.init_fail--, -1) : 0; }
static void card_deinit(void *ctx) { (void)ctx; g_card.deinits++; card_log('D'); }
static int fs_mount(void *ctx) { (void)ctx; g_card.mounts++; card_log('M'); return g_card.mount_fail ? (g_card.mount_fail--, -1) : 0; }
static void fs_unmount(void *ctx) { (void)ctx; g_card.unmounts++; card_log('U'); }

static const rt_sd_port g_port = {card_present, card_init, card_deinit, fs_mount, fs_unmount, NULL};

static void sd_insert_debounce_mount_remove(void)
{
    rt_sd_mount m;
    memset(&g_card, 0, sizeof g_card);
    rt_sd_mount_init(&m, &g_port, 150, 1000, 3);
    CHECK_EQ(rt_sd_mount_step(&m, 0), RT_SD_NO_CARD);
    g_card.present = 1;
    CHECK_EQ(rt_sd_mount_step(&m, 100), RT_SD_DEBOUNCE);
    CHECK_EQ(rt_sd_mount_step(&m, 200), RT_SD_DEBOUNCE); /* 100 ms < 150 ms */
    g_card.present = 0;                                  /* contact bounce */
    CHECK_EQ(rt_sd_mount_step(&m, 220), RT_SD_NO_CARD);
    g_card.present = 1;
    CHECK_EQ(rt_sd_mount_step(&m, 300), RT_SD_DEBOUNCE);
    CHECK_EQ(g_card.inits, 0);
    CHECK_EQ(rt_sd_mount_step(&m, 450), RT_SD_MOUNTED);
    CHECK_EQ(rt_sd_mount_step(&m, 500), RT_SD_MOUNTED);
    g_card.present = 0;
    CHECK_EQ(rt_sd_mount_step(&m, 550), RT_SD_NO_CARD);
    CHECK(strcmp(g_card.log, "IMUD") == 0); /* init, mount, then unmount before deinit */
    CHECK_EQ(m.mounts, 1u);
}

static void sd_failures_retry_then_give_up(void)
{
    rt_sd_mount m;
    memset(&g_card, 0, sizeof g_card);
    rt_sd_mount_init(&m, &g_port, 100, 1000, 3);
    g_card.present = 1;
    g_card.init_fail = 1;
    g_card.mount_fail = 1;
    rt_sd_mount_step(&m, 0);
    CHECK_EQ(rt_sd_mount_step(&m, 100), RT_SD_FAILED); /* card init failed */
    CHECK_EQ(rt_sd_mount_step(&m, 900), RT_SD_FAILED); /* waits retry_ms */
    CHECK_EQ(rt_sd_mount_step(&m, 1100), RT_SD_FAILED); /* init ok, mount failed -> deinit */
    CHECK(strcmp(g_card.log, "IIMD") == 0);
    CHECK_EQ(rt_sd_mount_step(&m, 2100), RT_SD_MOUNTED);
    CHECK_EQ(m.failures, 2u);

    /* an unreadable card: three attempts, then it stays failed until removed */
    memset(&g_card, 0, sizeof g_card);
    rt_sd_mount_init(&m, &g_port, 100, 1000, 3);
    g_card.present = 1;
    g_card.init_fail = 100;
    rt_sd_mount_step(&m, 0);
    for (uint32_t t = 100; t < 10000; t += 50)
    {
        rt_sd_mount_step(&m, t);
    }
    CHECK_EQ(g_card.inits, 3);
    CHECK_EQ(m.state, RT_SD_FAILED);
    g_card.present = 0;
    CHECK_EQ(rt_sd_mount_step(&m, 10000), RT_SD_NO_CARD);
    g_card.present = 1;
    g_card.init_fail = 0;
    rt_sd_mount_step(&m, 10050);
    CHECK_EQ(rt_sd_mount_step(&m, 10150), RT_SD_MOUNTED); /* re-insertion starts afresh */
}

static void sd_time_wraps(void)
{
    rt_sd_mount m;
    memset(&g_card, 0, sizeof g_card);
    rt_sd_mount_init(&m, &g_port, 150, 1000, 3);
    g_card.present = 1;
    rt_sd_mount_step(&m, 0xFFFFFFC0u);
    CHECK_EQ(rt_sd_mount_step(&m, 0x00000010u), RT_SD_DEBOUNCE); /* 80 ms after insertion */
    CHECK_EQ(rt_sd_mount_step(&m, 0x00000060u), RT_SD_MOUNTED);  /* 160 ms */
}

int main(void)
{
    RUN(ft5336_single, "FT5336 single touch (axes swapped as on the EVK glass)");
    RUN(ft5336_multi, "FT5336 multi-touch, corner coordinates, ids");
    RUN(ft5336_invalid, "FT5336 bad counts (0xFF, 6), out-of-range/lift/invalid-id contacts, short buffers");
    RUN(gt911_parse_cases, "GT911 buffer-status bit, single, multi, bad count, invalid contacts");
    RUN(gt911_scales_resolution, "GT911 coordinates scaled from the configured grid");
    RUN(detect_cases, "panel auto-detect: GT911 0x5D/0x14, FT5336 0x38, impostor, none, retry");
    RUN(poll_ft5336_stroke, "FT5336 poll: down, move, glitch ignored, up with last position");
    RUN(poll_retries_and_lost_controller, "I2C errors: NACK/arbitration retried, timeout not, lost controller ends stroke");
    RUN(poll_gt911_clears_status, "GT911 poll clears 0x814E after every ready buffer, incl. bad counts");
    RUN(events_posted_as_touchpoints, "events posted as nanoFramework TouchPoints (location bits, primary, orientation)");
    RUN(events_ring_stays_contiguous, "multi-contact events stay contiguous across the ring wrap");
    RUN(lpi2c_timing, "LPI2C SCL timing for 100/400 kHz");
    RUN(lpi2c_transfers, "LPI2C command sequence, NACK recovery, arbitration loss, timeout, busy bus");
    RUN(touch_over_lpi2c_gt911, "GT911 detect + poll + clear through the LPI2C driver");
    RUN(sd_insert_debounce_mount_remove, "SD: debounce, bounce, mount, unmount before deinit on removal");
    RUN(sd_failures_retry_then_give_up, "SD: init/mount failures retried, give up after 3, re-insert resets");
    RUN(sd_time_wraps, "SD: debounce across the millisecond counter wrap");
    printf("touch+sd: %d passed, %d failed\n", g_cases_run - g_cases_failed, g_cases_failed);
    return g_cases_failed ? 1 : 0;
}
