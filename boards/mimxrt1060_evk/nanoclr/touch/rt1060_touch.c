#include "rt1060_touch.h"

#include <string.h>

rt_report_status rt_ft5336_parse(const uint8_t *buf, size_t len, uint16_t panel_w, uint16_t panel_h,
                                 rt_touch_report *out, unsigned *dropped)
{
    unsigned count, bad = 0;
    out->count = 0;
    if (len < 3)
    {
        return RT_REPORT_SHORT;
    }
    count = buf[2] & 0x0Fu;
    if (count > RT_TOUCH_MAX_CONTACTS)
    {
        return RT_REPORT_BAD_COUNT;
    }
    if (len < 3u + 6u * count)
    {
        return RT_REPORT_SHORT;
    }
    for (unsigned i = 0; i < count; i++)
    {
        const uint8_t *p = buf + 3 + 6 * i;
        unsigned event = p[0] >> 6; /* 0 press down, 1 lift up, 2 contact, 3 no event */
        unsigned id = p[2] >> 4;
        unsigned raw_x = ((p[0] & 0x0Fu) << 8) | p[1];
        unsigned raw_y = ((p[2] & 0x0Fu) << 8) | p[3];
        /* The EVK's FT5336 scans the glass in portrait: its Y runs along the panel's 480 pixels.
         * NXP's EVK examples swap the axes the same way. */
        unsigned x = raw_y, y = raw_x;
        if ((event != 0 && event != 2) || id == 0x0F || x >= panel_w || y >= panel_h)
        {
            bad++;
            continue;
        }
        out->c[out->count].x = (uint16_t)x;
        out->c[out->count].y = (uint16_t)y;
        out->c[out->count].id = (uint8_t)id;
        out->count++;
    }
    if (dropped)
    {
        *dropped += bad;
    }
    return (count > 0 && out->count == 0) ? RT_REPORT_INVALID : RT_REPORT_OK;
}

rt_report_status rt_gt911_parse(const uint8_t *buf, size_t len, uint16_t res_x, uint16_t res_y, uint16_t panel_w,
                                uint16_t panel_h, rt_touch_report *out, unsigned *dropped)
{
    unsigned count, bad = 0;
    out->count = 0;
    if (len < 1)
    {
        return RT_REPORT_SHORT;
    }
    if (!(buf[0] & RT_GT911_STATUS_READY))
    {
        return RT_REPORT_NOT_READY;
    }
    count = buf[0] & 0x0Fu;
    if (count > RT_TOUCH_MAX_CONTACTS)
    {
        return RT_REPORT_BAD_COUNT;
    }
    if (len < 1u + 8u * count)
    {
        return RT_REPORT_SHORT;
    }
    if (res_x == 0 || res_y == 0)
    {
        res_x = panel_w;
        res_y = panel_h;
    }
    for (unsigned i = 0; i < count; i++)
    {
        const uint8_t *p = buf + 1 + 8 * i;
        unsigned id = p[0];
        unsigned raw_x = (unsigned)p[1] | ((unsigned)p[2] << 8);
        unsigned raw_y = (unsigned)p[3] | ((unsigned)p[4] << 8);
        if (id > 15 || raw_x >= res_x || raw_y >= res_y)
        {
            bad++;
            continue;
        }
        /* Scale from the controller's configured grid to panel pixels. */
        out->c[out->count].x = (uint16_t)(raw_x * panel_w / res_x);
        out->c[out->count].y = (uint16_t)(raw_y * panel_h / res_y);
        out->c[out->count].id = (uint8_t)id;
        out->count++;
    }
    if (dropped)
    {
        *dropped += bad;
    }
    return (count > 0 && out->count == 0) ? RT_REPORT_INVALID : RT_REPORT_OK;
}

static rt_i2c_status read_with_retries(rt_touch_panel *tp, uint16_t reg, int reg_bytes, uint8_t *buf, size_t len)
{
    rt_i2c_status s;
    int attempt = 0;
    do
    {
        s = rt_i2c_read_reg(tp->bus, tp->addr, reg, reg_bytes, buf, len);
    } while (s != RT_I2C_OK && rt_i2c_retryable(s) && attempt++ < tp->retries);
    return s;
}

static rt_i2c_status write_with_retries(rt_touch_panel *tp, uint16_t reg, int reg_bytes, const uint8_t *buf,
                                        size_t len)
{
    rt_i2c_status s;
    int attempt = 0;
    do
    {
        s = rt_i2c_write_reg(tp->bus, tp->addr, reg, reg_bytes, buf, len);
    } while (s != RT_I2C_OK && rt_i2c_retryable(s) && attempt++ < tp->retries);
    return s;
}

rt_touch_chip rt_touch_detect(rt_touch_panel *tp, const rt_i2c_bus *bus, uint16_t panel_w, uint16_t panel_h)
{
    static const uint8_t gt911_addrs[2] = {RT_GT911_ADDR_PRIMARY, RT_GT911_ADDR_ALT};
    uint8_t buf[4];
    int retries = tp->retries;

    memset(tp, 0, sizeof *tp);
    tp->bus = bus;
    tp->panel_w = panel_w;
    tp->panel_h = panel_h;
    tp->retries = retries;

    for (unsigned i = 0; i < 2; i++)
    {
        tp->addr = gt911_addrs[i];
        if (read_with_retries(tp, RT_GT911_REG_PRODUCT_ID, 2, buf, 4) == RT_I2C_OK && buf[0] == '9')
        {
            tp->chip = RT_TOUCH_GT911;
            if (read_with_retries(tp, RT_GT911_REG_X_RESOLUTION, 2, buf, 4) == RT_I2C_OK)
            {
                tp->res_x = (uint16_t)(buf[0] | (buf[1] << 8));
                tp->res_y = (uint16_t)(buf[2] | (buf[3] << 8));
            }
            return tp->chip;
        }
    }
    tp->addr = RT_FT5336_ADDR;
    if (read_with_retries(tp, RT_FT5336_REG_DEVICE_MODE, 1, buf, 3) == RT_I2C_OK)
    {
        tp->chip = RT_TOUCH_FT5336;
        return tp->chip;
    }
    tp->addr = 0;
    tp->chip = RT_TOUCH_NONE;
    return tp->chip;
}

static int same_positions(const rt_touch_report *a, const rt_touch_report *b)
{
    if (a->count != b->count)
    {
        return 0;
    }
    for (unsigned i = 0; i < a->count; i++)
    {
        if (a->c[i].x != b->c[i].x || a->c[i].y != b->c[i].y || a->c[i].id != b->c[i].id)
        {
            return 0;
        }
    }
    return 1;
}

static rt_touch_event lost_contact(rt_touch_panel *tp, rt_touch_report *out)
{
    if (tp->down && ++tp->fail_streak >= RT_TOUCH_LOST_AFTER)
    {
        /* A controller that stopped answering mid-stroke must not leave the stroke open. */
        tp->down = 0;
        tp->fail_streak = 0;
        *out = tp->last;
        return RT_TOUCH_EV_UP;
    }
    return RT_TOUCH_EV_NONE;
}

rt_touch_event rt_touch_poll(rt_touch_panel *tp, rt_touch_report *out)
{
    uint8_t buf[RT_GT911_REPORT_BYTES > RT_FT5336_REPORT_BYTES ? RT_GT911_REPORT_BYTES : RT_FT5336_REPORT_BYTES];
    rt_touch_report rep;
    rt_report_status rs;
    rt_i2c_status s;

    out->count = 0;
    if (tp->chip == RT_TOUCH_NONE)
    {
        return RT_TOUCH_EV_NONE;
    }
    if (tp->chip == RT_TOUCH_FT5336)
    {
        s = read_with_retries(tp, RT_FT5336_REG_DEVICE_MODE, 1, buf, RT_FT5336_REPORT_BYTES);
    }
    else
    {
        s = read_with_retries(tp, RT_GT911_REG_STATUS, 2, buf, RT_GT911_REPORT_BYTES);
    }
    if (s != RT_I2C_OK)
    {
        tp->i2c_errors++;
        tp->last_error = s;
        return lost_contact(tp, out);
    }
    tp->fail_streak = 0;

    if (tp->chip == RT_TOUCH_FT5336)
    {
        rs = rt_ft5336_parse(buf, RT_FT5336_REPORT_BYTES, tp->panel_w, tp->panel_h, &rep, &tp->dropped_contacts);
    }
    else
    {
        rs = rt_gt911_parse(buf, RT_GT911_REPORT_BYTES, tp->res_x, tp->res_y, tp->panel_w, tp->panel_h, &rep,
                            &tp->dropped_contacts);
        if (buf[0] & RT_GT911_STATUS_READY)
        {
            /* Clear the buffer-status byte whatever the report held, bad counts included. */
            const uint8_t zero = 0;
            if (write_with_retries(tp, RT_GT911_REG_STATUS, 2, &zero, 1) == RT_I2C_OK)
            {
                tp->clears++;
            }
            else
            {
                tp->i2c_errors++;
            }
        }
    }

    if (rs == RT_REPORT_NOT_READY)
    {
        return RT_TOUCH_EV_NONE;
    }
    if (rs != RT_REPORT_OK)
    {
        tp->bad_reports++;
        return RT_TOUCH_EV_NONE;
    }
    if (rep.count == 0)
    {
        if (!tp->down)
        {
            return RT_TOUCH_EV_NONE;
        }
        tp->down = 0;
        *out = tp->last;
        return RT_TOUCH_EV_UP;
    }
    *out = rep;
    if (!tp->down)
    {
        tp->down = 1;
        tp->last = rep;
        return RT_TOUCH_EV_DOWN;
    }
    if (same_positions(&rep, &tp->last))
    {
        return RT_TOUCH_EV_NONE;
    }
    tp->last = rep;
    return RT_TOUCH_EV_MOVE;
}
