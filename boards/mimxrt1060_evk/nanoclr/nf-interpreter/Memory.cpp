//
// Replaces nf-interpreter targets/FreeRTOS/NXP/_nanoCLR/Memory.cpp for the DigitLock build.
// Upstream hands the CLR the whole 32 MB SDRAM (0x8000_0000), which would overlap the eLCDIF
// framebuffer and the graphics heap placed there by the display glue. The CLR heap now starts
// after everything the linker put in SDRAM (__end_noinit_RAM4, added by MIMXRT10xx-ld.patch) and
// ends at the top of SDRAM (__top_RAM4, defined by the target's linker script).
//
#include <nanoHAL.h>

#include <stdint.h>

extern "C" char __end_noinit_RAM4[];
extern "C" char __top_RAM4[];

void HeapLocation(unsigned char *&baseAddress, unsigned int &sizeInBytes)
{
    NATIVE_PROFILE_PAL_HEAP();

    uintptr_t base = (reinterpret_cast<uintptr_t>(__end_noinit_RAM4) + 7u) & ~static_cast<uintptr_t>(7u);
    uintptr_t top = reinterpret_cast<uintptr_t>(__top_RAM4);

    baseAddress = reinterpret_cast<unsigned char *>(base);
    sizeInBytes = static_cast<unsigned int>(top > base ? top - base : 0u);
}
