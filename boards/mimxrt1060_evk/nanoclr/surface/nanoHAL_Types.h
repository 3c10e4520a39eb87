// Surface (see README.md): nf-interpreter src/HAL/Include/nanoHAL_Types.h (ARRAYSIZE).
#ifndef RT_SURFACE_NANOHAL_TYPES_H
#define RT_SURFACE_NANOHAL_TYPES_H
#define ARRAYSIZE_CONST_EXPR(x) (sizeof(x) / sizeof(x[0]))
#define ARRAYSIZE(x) ARRAYSIZE_CONST_EXPR(x)
#endif
