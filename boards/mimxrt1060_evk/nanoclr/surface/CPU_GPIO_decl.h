// Surface (see README.md): nf-interpreter src/PAL/Include/CPU_GPIO_decl.h.
#ifndef RT_SURFACE_CPU_GPIO_DECL_H
#define RT_SURFACE_CPU_GPIO_DECL_H
#include "nanoHAL_v2.h"

typedef enum PinMode
{
    PinMode_Input = 0,
    PinMode_InputPullDown = 1,
    PinMode_InputPullUp = 2,
    PinMode_Output = 3,
} PinMode;

typedef enum GpioPinValue
{
    GpioPinValue_Low = 0,
    GpioPinValue_High = 1,
} GpioPinValue;

enum GPIO_INT_EDGE
{
    GPIO_INT_NONE = 0,
    GPIO_INT_EDGE_LOW = 1,
    GPIO_INT_EDGE_HIGH = 2,
    GPIO_INT_EDGE_BOTH = 3,
};

typedef void (*GPIO_INTERRUPT_SERVICE_ROUTINE)(GPIO_PIN pin, bool pinState, void *pArg);

bool CPU_GPIO_ReservePin(GPIO_PIN Pin, bool fReserve);
bool CPU_GPIO_EnableOutputPin(GPIO_PIN Pin, GpioPinValue InitialState, PinMode driveMode);
bool CPU_GPIO_EnableInputPin(
    GPIO_PIN pinNumber,
    uint32_t debounceTimeMilliseconds,
    GPIO_INTERRUPT_SERVICE_ROUTINE pin_ISR,
    void *isr_Param,
    GPIO_INT_EDGE intEdge,
    PinMode driveMode);
GpioPinValue CPU_GPIO_GetPinState(GPIO_PIN Pin);
void CPU_GPIO_SetPinState(GPIO_PIN Pin, GpioPinValue PinState);
#endif
