// Board side of the touch driver (C++ glue): LPI2C1 bring-up, GT911 address-select reset, panel
// detection, and the polling that feeds nanoFramework's touch events. See touch/README.md.
#ifndef RT1060_TOUCH_BOARD_H
#define RT1060_TOUCH_BOARD_H

#include "rt1060_touch.h"
#include "rt1060_touch_events.h"

#ifndef RT1060_TOUCH_SAMPLE_HZ
#define RT1060_TOUCH_SAMPLE_HZ 60 // BoardConfig.TouchSampleRateHz
#endif

// Idempotent: brings up LPI2C1, resets the GT911 into address 0x5D, probes; returns the chip.
rt_touch_chip rt1060_touch_board_detect();
// Starts interrupt-triggered polling; events go to PostManagedEvent(EVENT_TOUCH, ...).
void rt1060_touch_board_start();
void rt1060_touch_board_stop();
// One poll (what the completion runs); returns the event posted.
rt_touch_event rt1060_touch_board_poll_once();
// One transaction with the detected controller (TouchInterface::Write_Read uses it).
rt_i2c_status rt1060_touch_board_transfer(const uint8_t *tx, size_t tx_len, uint8_t *rx, size_t rx_len);
// For diagnostics and tests.
const rt_touch_panel &rt1060_touch_board_state();
#endif
