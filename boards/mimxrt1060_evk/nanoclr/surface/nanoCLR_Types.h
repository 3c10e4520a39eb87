// Surface (see README.md): from nf-interpreter src/CLR/Include/nanoCLR_Types.h.
#ifndef RT_SURFACE_NANOCLR_TYPES_H
#define RT_SURFACE_NANOCLR_TYPES_H
#include <stddef.h>
#include <stdint.h>
typedef uint8_t CLR_UINT8;
typedef uint16_t CLR_UINT16;
typedef uint32_t CLR_UINT32;
typedef uint64_t CLR_UINT64;
typedef int8_t CLR_INT8;
typedef int16_t CLR_INT16;
typedef int32_t CLR_INT32;
typedef int64_t CLR_INT64;
struct CLR_RT_HeapBlock_Array;
#endif
