/*
 * Turns touch events into what nanoFramework's managed touch pipeline consumes: an array of
 * TouchPoint records plus PostManagedEvent(EVENT_TOUCH, Down/Move/Up, count, &points[0]). The
 * managed EventSink hands (data1, data2) to TouchEventProcessor.ProcessEvent (native, in
 * nanoFramework.Graphics), which reads `count` TouchPoints at data2 and raises the TouchScreen
 * events; see docs/rt1060-port.md. Points live in a ring so they stay valid until the CLR has
 * processed the event (64 entries = about a second of 60 Hz multi-contact reports).
 */
#ifndef RT1060_TOUCH_EVENTS_H
#define RT1060_TOUCH_EVENTS_H

#include <stdint.h>

#include "rt1060_fb.h"
#include "rt1060_touch.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Same layout as nanoFramework's TouchPoint (TouchPanel.h); the C++ glue static_asserts it. */
typedef struct rt_nf_touch_point {
    uint32_t location; /* x bits 0-13, y bits 14-27, contact id bits 28-31 */
    uint32_t contact;  /* width bits 0-13, height 14-27, flags 28-31 (0x80000000 primary) */
    int64_t time;
} rt_nf_touch_point;

#define RT_NF_TOUCH_PRIMARY 0x80000000u
#define RT_TOUCH_RING_POINTS 64

typedef void (*rt_touch_post_fn)(void *ctx, uint8_t sub_category, uint16_t count, const rt_nf_touch_point *first);

typedef struct rt_touch_poster {
    rt_nf_touch_point ring[RT_TOUCH_RING_POINTS];
    unsigned next;
    rt_touch_post_fn post;
    void *ctx;
    const rt_fb *orientation; /* logical coordinates follow the display's orientation; NULL = panel */
} rt_touch_poster;

void rt_touch_poster_init(rt_touch_poster *p, rt_touch_post_fn post, void *ctx, const rt_fb *orientation);

/* Posts one event (nothing for RT_TOUCH_EV_NONE or an empty report). Returns the number of
 * points posted; the first contact is flagged primary. */
unsigned rt_touch_post_event(rt_touch_poster *p, rt_touch_event ev, const rt_touch_report *rep, int64_t time);

static inline uint32_t rt_nf_touch_location(uint32_t x, uint32_t y, uint32_t id)
{
    return (x & 0x3FFFu) | ((y & 0x3FFFu) << 14) | ((id & 0xFu) << 28);
}

#ifdef __cplusplus
}
#endif

#endif
