#include "rt1060_sd_mount.h"

void rt_sd_mount_init(rt_sd_mount *m, const rt_sd_port *port, uint32_t debounce_ms, uint32_t retry_ms,
                      unsigned max_attempts)
{
    m->port = *port;
    m->state = RT_SD_NO_CARD;
    m->since_ms = 0;
    m->debounce_ms = debounce_ms;
    m->retry_ms = retry_ms;
    m->attempts = 0;
    m->max_attempts = max_attempts ? max_attempts : 1;
    m->mounts = 0;
    m->failures = 0;
}

const char *rt_sd_state_name(rt_sd_state s)
{
    switch (s)
    {
        case RT_SD_NO_CARD: return "no card";
        case RT_SD_DEBOUNCE: return "debounce";
        case RT_SD_MOUNTED: return "mounted";
        default: return "failed";
    }
}

static void try_mount(rt_sd_mount *m, uint32_t now_ms)
{
    m->attempts++;
    if (m->port.card_init(m->port.ctx) == 0)
    {
        if (m->port.fs_mount(m->port.ctx) == 0)
        {
            m->state = RT_SD_MOUNTED;
            m->mounts++;
            return;
        }
        /* Never leave an initialised card behind a volume that did not mount. */
        m->port.card_deinit(m->port.ctx);
    }
    m->failures++;
    m->state = RT_SD_FAILED;
    m->since_ms = now_ms;
}

rt_sd_state rt_sd_mount_step(rt_sd_mount *m, uint32_t now_ms)
{
    int present = m->port.card_present(m->port.ctx) != 0;

    switch (m->state)
    {
        case RT_SD_NO_CARD:
            if (present)
            {
                m->state = RT_SD_DEBOUNCE;
                m->since_ms = now_ms;
                m->attempts = 0;
            }
            break;
        case RT_SD_DEBOUNCE:
            if (!present)
            {
                m->state = RT_SD_NO_CARD;
            }
            else if ((uint32_t)(now_ms - m->since_ms) >= m->debounce_ms)
            {
                try_mount(m, now_ms);
            }
            break;
        case RT_SD_MOUNTED:
            if (!present)
            {
                m->port.fs_unmount(m->port.ctx);
                m->port.card_deinit(m->port.ctx);
                m->state = RT_SD_NO_CARD;
            }
            break;
        case RT_SD_FAILED:
            if (!present)
            {
                m->state = RT_SD_NO_CARD;
            }
            else if (m->attempts < m->max_attempts && (uint32_t)(now_ms - m->since_ms) >= m->retry_ms)
            {
                try_mount(m, now_ms);
            }
            break;
    }
    return m->state;
}
