//
// Replaces nf-interpreter targets/FreeRTOS/NXP/NXP_MIMXRT1060_EVK/target_FileSystem.cpp for the
// DigitLock build: FatFs is the one file-system driver, the SD card is the one (removable) volume
// and is mounted by rt1060_sd_port.cpp. The upstream file uses g_FATFS_* without declaring them
// (it does not compile once the file system is enabled); they are declared here.
//
#include <nanoHAL_v2.h>
#include <nanoHAL_Types.h>
#include <nanoPAL_FileSystem.h>
#include "Target_System_IO_FileSystem.h"

// Declared here rather than through rt1060_sd_port.h: this file lives in the board folder,
// away from the driver sources (docs/rt1060-port.md), and needs nothing else from them.
void rt1060_sd_start();

extern FILESYSTEM_DRIVER_INTERFACE g_FATFS_FILE_SYSTEM_DriverInterface;
extern STREAM_DRIVER_INTERFACE g_FATFS_STREAM_DriverInterface;

FILESYSTEM_INTERFACES g_AvailableFSInterfaces[] = {
    {&g_FATFS_FILE_SYSTEM_DriverInterface, &g_FATFS_STREAM_DriverInterface},
};

const size_t g_InstalledFSCount = ARRAYSIZE(g_AvailableFSInterfaces);

uint32_t g_FS_NumVolumes;
STREAM_DRIVER_DETAILS *g_FS_DriverDetails;
FileSystemVolume *g_FS_Volumes;

void FS_AddVolumes()
{
    // No fixed volumes: internal flash has no file system on this target (see docs/rt1060-port.md).
    g_FS_NumVolumes = 0;
}

void FS_MountRemovableVolumes()
{
    rt1060_sd_start();
}
