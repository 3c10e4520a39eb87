//
// nanoFramework.Graphics touch *device* for the MIMXRT1060-EVK(B): FT5336 or GT911 on LPI2C1
// (TOUCHPANEL_DEVICE="RT1060_Touch_FT5336_GT911.cpp", see docs/rt1060-port.md).
//
// nf-interpreter's generic TouchPanelDriver (TouchPanel.cpp) is never initialised by any target
// (its calls are commented out in DisplayControl and targetHAL) and its GetPoint packs resistive
// ADC samples, so this driver does not go through it: it posts the same events TouchPanel.cpp
// would, PostManagedEvent(EVENT_TOUCH, TouchPanelStylusDown/Move/Up, count, &TouchPoint[0]), which
// the managed EventSink routes to TouchEventProcessor -> TouchScreen.OnTouchDown/Move/Up.
// TouchDevice (here) and TouchInterface (I2C_To_TouchPanel.cpp) are still implemented because
// TouchPanel.cpp links against them.
//
#include "TouchDevice.h"
#include "TouchPanel.h"
#include "nanoHAL_v2.h"
#include "nanoPAL_Events.h"
#include "nanoPAL_AsyncProcCalls_decl.h"
#include "CPU_GPIO_decl.h"

#include <stddef.h>

#include "rt1060_touch_board.h"
#include "rt1060_lpi2c.h"
#include "rt1060_display.h"
#include "rt1060_board_regs.h"

static_assert(sizeof(TouchPoint) == sizeof(rt_nf_touch_point), "TouchPoint layout");
static_assert(offsetof(TouchPoint, contact) == offsetof(rt_nf_touch_point, contact), "TouchPoint.contact");
static_assert(offsetof(TouchPoint, time) == offsetof(rt_nf_touch_point, time), "TouchPoint.time");
static_assert((int)TouchPanelStylusDown == RT_TOUCH_EV_DOWN && (int)TouchPanelStylusUp == RT_TOUCH_EV_UP &&
                  (int)TouchPanelStylusMove == RT_TOUCH_EV_MOVE,
              "event numbers");

struct TouchDevice g_TouchDevice;

namespace
{
rt_lpi2c s_i2c;
rt_i2c_bus s_bus;
rt_touch_panel s_panel;
rt_touch_poster s_poster;
HAL_COMPLETION s_poll;
bool s_detected;
bool s_running;

// 10 MHz LPI2C functional clock: pll3_60m (480 MHz / 8) divided by 6 (CSCDR2.LPI2C_CLK_PODF = 5),
// the EVK examples' setting; 100 kHz on the bus like NXP's touch examples.
const uint32_t Lpi2cFunctionalHz = 60000000u / 6u;
const uint32_t BusHz = 100000u;
// A 33-byte FT5336 report is ~3.3 ms at 100 kHz; one MSR poll is well under 1 us.
const uint32_t PollBudget = 200000u;

void PostToClr(void *ctx, uint8_t subCategory, uint16_t count, const rt_nf_touch_point *first)
{
    (void)ctx;
    PostManagedEvent(EVENT_TOUCH, subCategory, count, (uint32_t)(uintptr_t)first);
}

void PollCallback(void *arg)
{
    (void)arg;
    rt1060_touch_board_poll_once();
    // Keep sampling while a finger is down; the INT edge restarts polling on the next touch.
    if (s_running && s_panel.down && !s_poll.IsLinked())
    {
        s_poll.EnqueueDelta(1000000u / RT1060_TOUCH_SAMPLE_HZ); // microseconds, see below
    }
}

// HAL_COMPLETION::EnqueueDelta takes microseconds as nf-interpreter's callers use it (the debugger
// passes 5000000 for 5 s, Ink/Gestures *_USEC constants), although its declaration names the
// parameter miliSecondsFromNow. The real poll period must be measured on the board.

void TouchIsr(GPIO_PIN pin, bool pinState, void *arg)
{
    (void)pin;
    (void)pinState;
    (void)arg;
    // Only schedule: the I2C read runs in the completion, on the CLR thread.
    if (s_running && !s_poll.IsLinked())
    {
        s_poll.EnqueueDelta(0);
    }
}

void BringUpI2c()
{
    volatile uint32_t *ccm = RT1060_CCM_REGS;
    ccm[CCM_CSCDR2_OFFSET / 4u] = (ccm[CCM_CSCDR2_OFFSET / 4u] & ~CCM_CSCDR2_LPI2C_MASK) | CCM_CSCDR2_LPI2C_CLK_PODF(5);
    ccm[CCM_CCGR2_OFFSET / 4u] |= CCM_CCGR_ON(3u); // LPI2C1
    rt_lpi2c_timing timing;
    rt_lpi2c_timing_for(Lpi2cFunctionalHz, BusHz, &timing);
    rt_lpi2c_init(&s_i2c, RT1060_LPI2C1_REGS, &timing, PollBudget);
    s_bus.transfer = rt_lpi2c_transfer;
    s_bus.ctx = &s_i2c;
}

void SelectGt911Address()
{
    // GT911 latches its address at reset from INT: INT low while RST rises -> 0x5D (Goodix
    // datasheet, "I2C address selection"). On the EVKB, RST is the LCD reset net GPIO1_IO02.
    // Harmless for the FT5336 panel, where that net only resets the LCD.
    CPU_GPIO_EnableOutputPin(RT1060_PIN_TOUCH_INT, GpioPinValue_Low, PinMode_Output);
    CPU_GPIO_EnableOutputPin(RT1060_PIN_LCD_RESET, GpioPinValue_Low, PinMode_Output);
    OS_DELAY(11);
    CPU_GPIO_SetPinState(RT1060_PIN_LCD_RESET, GpioPinValue_High);
    OS_DELAY(6);
    CPU_GPIO_EnableInputPin(RT1060_PIN_TOUCH_INT, 0, NULL, NULL, GPIO_INT_NONE, PinMode_Input);
    OS_DELAY(55);
}
} // namespace

rt_touch_chip rt1060_touch_board_detect()
{
    if (!s_detected)
    {
        BringUpI2c();
        SelectGt911Address();
        s_panel.retries = 2;
        rt_touch_detect(&s_panel, &s_bus, RT1060_LCD_WIDTH, RT1060_LCD_HEIGHT);
        s_detected = true;
    }
    return s_panel.chip;
}

void rt1060_touch_board_start()
{
    if (s_running || rt1060_touch_board_detect() == RT_TOUCH_NONE)
    {
        return;
    }
    rt_touch_poster_init(&s_poster, PostToClr, NULL, &rt1060_display_fb());
    s_poll.InitializeForUserMode(PollCallback, NULL);
    s_running = true;
    // Both edges: the FT5336 holds INT low while touched, the GT911 pulses it per report.
    CPU_GPIO_EnableInputPin(RT1060_PIN_TOUCH_INT, 0, TouchIsr, NULL, GPIO_INT_EDGE_BOTH, PinMode_InputPullUp);
}

void rt1060_touch_board_stop()
{
    s_running = false;
    if (s_poll.IsLinked())
    {
        s_poll.Abort();
    }
    CPU_GPIO_EnableInputPin(RT1060_PIN_TOUCH_INT, 0, NULL, NULL, GPIO_INT_NONE, PinMode_Input);
}

rt_touch_event rt1060_touch_board_poll_once()
{
    rt_touch_report report;
    rt_touch_event ev = rt_touch_poll(&s_panel, &report);
    rt_touch_post_event(&s_poster, ev, &report, (int64_t)HAL_Time_CurrentTime());
    return ev;
}

const rt_touch_panel &rt1060_touch_board_state()
{
    return s_panel;
}

rt_i2c_status rt1060_touch_board_transfer(const uint8_t *tx, size_t tx_len, uint8_t *rx, size_t rx_len)
{
    if (rt1060_touch_board_detect() == RT_TOUCH_NONE)
    {
        return RT_I2C_NACK;
    }
    return s_bus.transfer(s_bus.ctx, s_panel.addr, tx, tx_len, rx, rx_len);
}

// ---- TouchDevice (linked by TouchPanel.cpp) ---------------------------------------------------

bool TouchDevice::Initialize()
{
    return rt1060_touch_board_detect() != RT_TOUCH_NONE;
}

TouchPointDevice TouchDevice::GetPoint()
{
    TouchPointDevice p;
    p.x = s_panel.down && s_panel.last.count ? s_panel.last.c[0].x : -1;
    p.y = s_panel.down && s_panel.last.count ? s_panel.last.c[0].y : -1;
    return p;
}

bool TouchDevice::Enable(GPIO_INTERRUPT_SERVICE_ROUTINE touchIsrProc)
{
    (void)touchIsrProc; // events are posted by this driver, not through TouchPanelDriver
    rt1060_touch_board_start();
    return s_running;
}

bool TouchDevice::Disable()
{
    rt1060_touch_board_stop();
    return true;
}
