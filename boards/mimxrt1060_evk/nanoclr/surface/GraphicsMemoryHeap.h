// Surface (see README.md): nf-interpreter src/nanoFramework.Graphics/Graphics/Core/GraphicsMemoryHeap.h.
#ifndef RT_SURFACE_GRAPHICS_MEMORY_HEAP_H
#define RT_SURFACE_GRAPHICS_MEMORY_HEAP_H
#include "nanoCLR_Types.h"
struct GraphicsMemory
{
    // The real parameter names say "SizeInBytes" but every target returns the end address.
    bool GraphicsHeapLocation(CLR_UINT32 requested, CLR_UINT8 *&BaseAddress, CLR_UINT8 *&SizeInBytes);
};
#endif
