/*
 * RGB565 framebuffer operations behind the nanoFramework display driver: logical-to-physical
 * mapping for the four nanoFramework orientations, clipping, pixel writes, bitmap blits with the
 * BGR565 -> RGB565 swap. Plain C on memory, so the host tests run exactly this code.
 *
 * Pixel formats: nanoFramework's native 16 bpp bitmap (and DisplayControl.Write) is BGR565,
 * blue in bits 15..11 (docs/nanoframework.md); the EVK panels are wired RGB (LCD_DATA15..11 =
 * red), and the eLCDIF has no red/blue swap for RGB565, so every write swaps the two fields.
 */
#ifndef RT1060_FB_H
#define RT1060_FB_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Same numbers as nanoFramework's DisplayOrientation. */
typedef enum rt_orientation {
    RT_ORIENT_PORTRAIT = 0,
    RT_ORIENT_PORTRAIT180 = 1,
    RT_ORIENT_LANDSCAPE = 2,   /* the panels' native 480x272 scan order */
    RT_ORIENT_LANDSCAPE180 = 3
} rt_orientation;

typedef struct rt_fb {
    uint16_t *pixels;           /* phys_w * phys_h RGB565, row-major in scan order */
    uint16_t phys_w, phys_h;
    uint16_t width, height;     /* logical, after orientation */
    rt_orientation orientation;
} rt_fb;

void rt_fb_init(rt_fb *fb, uint16_t *pixels, uint16_t phys_w, uint16_t phys_h);
/* 0, or -1 for an unknown orientation (the previous one stays). */
int rt_fb_set_orientation(rt_fb *fb, int orientation);
/* Physical pixel index of logical (x, y); caller guarantees 0 <= x < width, 0 <= y < height. */
size_t rt_fb_index(const rt_fb *fb, uint32_t x, uint32_t y);
/* Physical (scan-order) point to logical coordinates, for touch; -1 when outside the panel. */
int rt_fb_phys_to_logical(const rt_fb *fb, int px, int py, int *x, int *y);

static inline uint16_t rt_bgr565_to_rgb565(uint16_t c)
{
    return (uint16_t)(((c & 0x001Fu) << 11) | (c & 0x07E0u) | ((c >> 11) & 0x001Fu));
}

void rt_fb_fill(rt_fb *fb, uint16_t rgb565);
/* 1 if written, 0 if (x, y) is off screen. */
int rt_fb_write_pixel(rt_fb *fb, int x, int y, uint16_t bgr565);

/* Copies a width x height block of a BGR565 source whose rows are `stride` pixels apart, starting
 * at (src_x, src_y), to logical (screen_x, screen_y). The block is clipped to the screen (negative
 * or overlong coordinates are trimmed, never wrapped); src_len (pixels in the source) bounds every
 * read, so a block larger than its source is trimmed too. Returns the number of pixels written
 * and, if dirty is given, the touched physical byte range [dirty[0], dirty[1]) for a cache clean. */
size_t rt_fb_blit(rt_fb *fb, const uint16_t *src, size_t src_len, int src_x, int src_y, int width, int height,
                  int stride, int screen_x, int screen_y, size_t dirty[2]);

#ifdef __cplusplus
}
#endif

#endif
