#include "rt1060_fb.h"

void rt_fb_init(rt_fb *fb, uint16_t *pixels, uint16_t phys_w, uint16_t phys_h)
{
    fb->pixels = pixels;
    fb->phys_w = phys_w;
    fb->phys_h = phys_h;
    fb->orientation = RT_ORIENT_LANDSCAPE;
    fb->width = phys_w;
    fb->height = phys_h;
}

int rt_fb_set_orientation(rt_fb *fb, int orientation)
{
    switch (orientation)
    {
        case RT_ORIENT_LANDSCAPE:
        case RT_ORIENT_LANDSCAPE180:
            fb->width = fb->phys_w;
            fb->height = fb->phys_h;
            break;
        case RT_ORIENT_PORTRAIT:
        case RT_ORIENT_PORTRAIT180:
            fb->width = fb->phys_h;
            fb->height = fb->phys_w;
            break;
        default:
            return -1;
    }
    fb->orientation = (rt_orientation)orientation;
    return 0;
}

size_t rt_fb_index(const rt_fb *fb, uint32_t x, uint32_t y)
{
    uint32_t px, py;
    switch (fb->orientation)
    {
        case RT_ORIENT_LANDSCAPE180:
            px = fb->phys_w - 1u - x;
            py = fb->phys_h - 1u - y;
            break;
        case RT_ORIENT_PORTRAIT: /* panel turned a quarter clockwise: logical x runs down the scan */
            px = fb->phys_w - 1u - y;
            py = x;
            break;
        case RT_ORIENT_PORTRAIT180:
            px = y;
            py = fb->phys_h - 1u - x;
            break;
        default:
            px = x;
            py = y;
            break;
    }
    return (size_t)py * fb->phys_w + px;
}

int rt_fb_phys_to_logical(const rt_fb *fb, int px, int py, int *x, int *y)
{
    if (px < 0 || py < 0 || px >= fb->phys_w || py >= fb->phys_h)
    {
        return -1;
    }
    switch (fb->orientation)
    {
        case RT_ORIENT_LANDSCAPE180:
            *x = fb->phys_w - 1 - px;
            *y = fb->phys_h - 1 - py;
            break;
        case RT_ORIENT_PORTRAIT:
            *x = py;
            *y = fb->phys_w - 1 - px;
            break;
        case RT_ORIENT_PORTRAIT180:
            *x = fb->phys_h - 1 - py;
            *y = px;
            break;
        default:
            *x = px;
            *y = py;
            break;
    }
    return 0;
}

void rt_fb_fill(rt_fb *fb, uint16_t rgb565)
{
    size_t n = (size_t)fb->phys_w * fb->phys_h;
    for (size_t i = 0; i < n; i++)
    {
        fb->pixels[i] = rgb565;
    }
}

int rt_fb_write_pixel(rt_fb *fb, int x, int y, uint16_t bgr565)
{
    if (x < 0 || y < 0 || x >= fb->width || y >= fb->height)
    {
        return 0;
    }
    fb->pixels[rt_fb_index(fb, (uint32_t)x, (uint32_t)y)] = rt_bgr565_to_rgb565(bgr565);
    return 1;
}

size_t rt_fb_blit(rt_fb *fb, const uint16_t *src, size_t src_len, int src_x, int src_y, int width, int height,
                  int stride, int screen_x, int screen_y, size_t dirty[2])
{
    size_t lo = SIZE_MAX, hi = 0, written = 0;

    if (src == NULL || width <= 0 || height <= 0 || stride <= 0 || src_x < 0 || src_y < 0)
    {
        if (dirty)
        {
            dirty[0] = dirty[1] = 0;
        }
        return 0;
    }
    /* Trim the left/top parts that fall before the screen, moving the source origin with them. */
    if (screen_x < 0)
    {
        width += screen_x;
        src_x -= screen_x;
        screen_x = 0;
    }
    if (screen_y < 0)
    {
        height += screen_y;
        src_y -= screen_y;
        screen_y = 0;
    }
    if (width > fb->width - screen_x)
    {
        width = fb->width - screen_x;
    }
    if (height > fb->height - screen_y)
    {
        height = fb->height - screen_y;
    }
    if (width > stride - src_x)
    {
        width = stride - src_x;
    }

    for (int row = 0; row < height; row++)
    {
        size_t s = (size_t)(src_y + row) * (size_t)stride + (size_t)src_x;
        if (width <= 0 || s >= src_len)
        {
            break;
        }
        int n = width;
        if ((size_t)n > src_len - s)
        {
            n = (int)(src_len - s);
        }
        for (int col = 0; col < n; col++)
        {
            size_t d = rt_fb_index(fb, (uint32_t)(screen_x + col), (uint32_t)(screen_y + row));
            fb->pixels[d] = rt_bgr565_to_rgb565(src[s + (size_t)col]);
            if (d < lo)
            {
                lo = d;
            }
            if (d + 1 > hi)
            {
                hi = d + 1;
            }
            written++;
        }
    }
    if (dirty)
    {
        dirty[0] = written ? lo * sizeof(uint16_t) : 0;
        dirty[1] = written ? hi * sizeof(uint16_t) : 0;
    }
    return written;
}
