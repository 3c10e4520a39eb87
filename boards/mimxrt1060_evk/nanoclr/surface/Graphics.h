// Surface (see README.md): nf-interpreter src/nanoFramework.Graphics/Graphics/Core/Graphics.h.
// The glue only needs the types the real header pulls in.
#ifndef RT_SURFACE_GRAPHICS_H
#define RT_SURFACE_GRAPHICS_H
#include "nanoCLR_Types.h"
#include "nanoHAL_v2.h"
#endif
