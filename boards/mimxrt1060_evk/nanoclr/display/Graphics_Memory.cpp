//
// nanoFramework.Graphics heap for the MIMXRT1060-EVK: managed Bitmap pixel data. It lives in SDRAM
// next to the framebuffer (section .noinit.$BOARD_SDRAM), outside the CLR heap (see
// nf-interpreter/Memory.cpp here, which starts the CLR heap after these buffers).
//
#include "nanoCLR_Types.h"
#include "GraphicsMemoryHeap.h"

#ifndef RT1060_GRAPHICS_HEAP_BYTES
// Two full-screen 16 bpp bitmaps (2 x 261,120 B) plus fonts and slack.
#define RT1060_GRAPHICS_HEAP_BYTES (1024u * 1024u)
#endif

struct GraphicsMemory g_GraphicsMemory;

namespace
{
__attribute__((section(".noinit.$BOARD_SDRAM.digitlock_graphics_heap"), aligned(8)))
CLR_UINT8 s_graphicsHeap[RT1060_GRAPHICS_HEAP_BYTES];
}

bool GraphicsMemory::GraphicsHeapLocation(
    CLR_UINT32 requested,
    CLR_UINT8 *&graphicsStartingAddress,
    CLR_UINT8 *&graphicsEndingAddress)
{
    (void)requested;
    graphicsStartingAddress = s_graphicsHeap;
    graphicsEndingAddress = s_graphicsHeap + sizeof s_graphicsHeap;
    return true;
}
