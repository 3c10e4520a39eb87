// Surface (see README.md): nf-interpreter src/PAL/Include/nanoPAL_FileSystem.h. The driver and
// volume structs stay incomplete: the board code only takes their addresses.
#ifndef RT_SURFACE_NANOPAL_FILESYSTEM_H
#define RT_SURFACE_NANOPAL_FILESYSTEM_H
#include <stddef.h>
#include <stdint.h>
struct FILESYSTEM_DRIVER_INTERFACE;
struct STREAM_DRIVER_INTERFACE;
struct STREAM_DRIVER_DETAILS;
struct FileSystemVolume;
struct FILESYSTEM_INTERFACES
{
    FILESYSTEM_DRIVER_INTERFACE *fsDriver;
    STREAM_DRIVER_INTERFACE *streamDriver;
};
extern const size_t g_InstalledFSCount;
extern FILESYSTEM_INTERFACES g_AvailableFSInterfaces[];
bool FS_MountVolume(const char *rootName, uint32_t deviceFlags, const char *fileSystemDriver);
void FS_UnmountVolume(const char *rootName);
void FS_AddVolumes();
void FS_MountRemovableVolumes();
#endif
