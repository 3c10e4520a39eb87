#include "rt1060_touch_events.h"

void rt_touch_poster_init(rt_touch_poster *p, rt_touch_post_fn post, void *ctx, const rt_fb *orientation)
{
    p->next = 0;
    p->post = post;
    p->ctx = ctx;
    p->orientation = orientation;
}

unsigned rt_touch_post_event(rt_touch_poster *p, rt_touch_event ev, const rt_touch_report *rep, int64_t time)
{
    rt_nf_touch_point *first;
    unsigned n = 0;

    if (ev == RT_TOUCH_EV_NONE || rep == NULL || rep->count == 0 || p->post == NULL)
    {
        return 0;
    }
    /* The managed side reads the points as one array: keep them contiguous. */
    if (p->next + rep->count > RT_TOUCH_RING_POINTS)
    {
        p->next = 0;
    }
    first = &p->ring[p->next];
    for (unsigned i = 0; i < rep->count && i < RT_TOUCH_MAX_CONTACTS; i++)
    {
        int x = rep->c[i].x, y = rep->c[i].y;
        if (p->orientation != NULL && rt_fb_phys_to_logical(p->orientation, x, y, &x, &y) != 0)
        {
            continue;
        }
        first[n].location = rt_nf_touch_location((uint32_t)x, (uint32_t)y, rep->c[i].id);
        first[n].contact = n == 0 ? RT_NF_TOUCH_PRIMARY : 0u;
        first[n].time = time;
        n++;
    }
    if (n == 0)
    {
        return 0;
    }
    p->next += n;
    p->post(p->ctx, (uint8_t)ev, (uint16_t)n, first);
    return n;
}
