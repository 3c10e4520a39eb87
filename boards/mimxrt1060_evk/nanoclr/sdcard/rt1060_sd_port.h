// Board binding of the SD mount state machine (C++ glue). See sdcard/README.md.
#ifndef RT1060_SD_PORT_H
#define RT1060_SD_PORT_H
#include "rt1060_sd_mount.h"

#define RT1060_SD_DRIVE "D:"           // BoardConfig.StorageRoot is D:\digitlock
#define RT1060_SD_POLL_MS 50u
#define RT1060_SD_DEBOUNCE_MS 150u
#define RT1060_SD_RETRY_MS 1000u
#define RT1060_SD_MAX_ATTEMPTS 3u

// Starts card-detect polling (called from FS_MountRemovableVolumes at CLR start).
void rt1060_sd_start();
// One state-machine step at now_ms (what the poll completion runs).
rt_sd_state rt1060_sd_step(uint32_t now_ms);
const rt_sd_mount &rt1060_sd_state();
#endif
