// Surface (see README.md): nf-interpreter src/HAL/Include/nanoHAL.h (HeapLocation,
// NATIVE_PROFILE_PAL_HEAP, which is empty unless native profiling is built in).
#ifndef RT_SURFACE_NANOHAL_H
#define RT_SURFACE_NANOHAL_H
#define NATIVE_PROFILE_PAL_HEAP()
void HeapLocation(unsigned char *&baseAddress, unsigned int &sizeInBytes);
#endif
