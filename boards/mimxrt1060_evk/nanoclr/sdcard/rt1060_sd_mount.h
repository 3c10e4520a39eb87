/*
 * Card-detect debounce and mount state machine for the microSD slot (USDHC1, card-detect
 * GPIO2_IO28, low = inserted). The hardware actions are behind rt_sd_port so the host tests run
 * the state machine against a fake card; rt1060_sd_port.cpp binds it to NXP's fsl_sd and
 * nanoFramework's FS_MountVolume/FS_UnmountVolume ("D:", FATFS).
 *
 *   NO_CARD --present--> DEBOUNCE --still present after debounce_ms--> mount
 *   mount ok -> MOUNTED; mount failed -> FAILED (retried every retry_ms, max_attempts in all)
 *   any state --card gone--> unmount if mounted -> NO_CARD (a new insertion starts afresh)
 */
#ifndef RT1060_SD_MOUNT_H
#define RT1060_SD_MOUNT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum rt_sd_state { RT_SD_NO_CARD = 0, RT_SD_DEBOUNCE, RT_SD_MOUNTED, RT_SD_FAILED } rt_sd_state;

typedef struct rt_sd_port {
    int (*card_present)(void *ctx);  /* raw detect line, 1 = card in the slot */
    int (*card_init)(void *ctx);     /* 0 = host and card initialised */
    void (*card_deinit)(void *ctx);
    int (*fs_mount)(void *ctx);      /* 0 = volume mounted */
    void (*fs_unmount)(void *ctx);
    void *ctx;
} rt_sd_port;

typedef struct rt_sd_mount {
    rt_sd_port port;
    rt_sd_state state;
    uint32_t since_ms;
    uint32_t debounce_ms, retry_ms;
    unsigned attempts, max_attempts;
    unsigned mounts, failures;
} rt_sd_mount;

void rt_sd_mount_init(rt_sd_mount *m, const rt_sd_port *port, uint32_t debounce_ms, uint32_t retry_ms,
                      unsigned max_attempts);
/* Call periodically (the board binding uses 50 ms); now_ms may wrap. */
rt_sd_state rt_sd_mount_step(rt_sd_mount *m, uint32_t now_ms);
const char *rt_sd_state_name(rt_sd_state s);

#ifdef __cplusplus
}
#endif

#endif
