// Surface (see README.md): nf-interpreter targets/FreeRTOS/NXP/_include/Target_System_IO_FileSystem.h
// (empty there too).
#ifndef RT_SURFACE_TARGET_SYS_IO_FILESYSTEM_H
#define RT_SURFACE_TARGET_SYS_IO_FILESYSTEM_H
#endif
