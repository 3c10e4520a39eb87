// Surface (see README.md): nf-interpreter src/PAL/Include/nanoPAL_Events.h.
#ifndef RT_SURFACE_NANOPAL_EVENTS_H
#define RT_SURFACE_NANOPAL_EVENTS_H
#include <stdint.h>
// Queues (data1 << 16 | category << 8 | subCategory, data2) for the managed EventSink.
void PostManagedEvent(uint8_t category, uint8_t subCategory, uint16_t data1, uint32_t data2);
#endif
