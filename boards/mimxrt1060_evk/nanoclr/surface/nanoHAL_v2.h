// Surface (see README.md): nf-interpreter src/HAL/Include/nanoHAL_v2.h and nanoHAL_Time.h.
#ifndef RT_SURFACE_NANOHAL_V2_H
#define RT_SURFACE_NANOHAL_V2_H
#include <stdint.h>
typedef uint32_t GPIO_PIN;
#define EVENT_STORAGE 70
#define EVENT_TOUCH 120
// nanoHAL_Time.h: 100 ns ticks.
uint64_t HAL_Time_CurrentTime();
// nanoHAL_v2.h: OS_DELAY(ms) -> PLATFORM_DELAY(ms), which each target defines (FreeRTOS: a task
// delay); declared here as a function.
void PLATFORM_DELAY(uint32_t milliSecs);
#define OS_DELAY(milliSecs) PLATFORM_DELAY(milliSecs)
#endif
