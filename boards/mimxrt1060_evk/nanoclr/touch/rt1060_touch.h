/*
 * Touch controllers of the EVK panels on LPI2C1, behind one interface:
 *   FT5336 (RK043FN02H-CT, MIMXRT1060-EVK), 7-bit address 0x38;
 *   GT911 (RK043FN66HS-CTG, MIMXRT1060-EVKB), 0x5D or 0x14 (chosen by the INT level at reset).
 * Report parsing, panel detection and the down/move/up state machine are plain C over the
 * rt_i2c_bus abstraction so the host tests drive them with a scripted bus.
 */
#ifndef RT1060_TOUCH_H
#define RT1060_TOUCH_H

#include <stddef.h>
#include <stdint.h>

#include "rt1060_i2c.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RT_TOUCH_MAX_CONTACTS 5
#define RT_FT5336_ADDR 0x38
#define RT_GT911_ADDR_PRIMARY 0x5D
#define RT_GT911_ADDR_ALT 0x14

/* FT5336 (FocalTech FT5x06 family register map): a burst read from 0x00 returns DEVICE_MODE,
 * GEST_ID, TD_STATUS (touch count in bits 3..0) and then 6 bytes per contact: XH (event flag
 * 7..6, X 11..8), XL, YH (touch id 7..4, Y 11..8), YL, weight, misc. */
#define RT_FT5336_REG_DEVICE_MODE 0x00
#define RT_FT5336_REPORT_BYTES (3 + 6 * RT_TOUCH_MAX_CONTACTS)
/* GT911 (Goodix programming guide): 16-bit big-endian register addresses. 0x814E status (bit 7
 * buffer ready, bits 3..0 touch count), then 8 bytes per contact from 0x814F: track id, X lo/hi,
 * Y lo/hi, size lo/hi, reserved. The host must write 0 to 0x814E after reading a ready buffer or
 * the controller stops updating it. 0x8140 product id ("911"), 0x8048/0x804A X/Y resolution. */
#define RT_GT911_REG_PRODUCT_ID 0x8140
#define RT_GT911_REG_X_RESOLUTION 0x8048
#define RT_GT911_REG_STATUS 0x814E
#define RT_GT911_STATUS_READY 0x80u
#define RT_GT911_REPORT_BYTES (1 + 8 * RT_TOUCH_MAX_CONTACTS)

typedef enum rt_touch_chip { RT_TOUCH_NONE = 0, RT_TOUCH_FT5336, RT_TOUCH_GT911 } rt_touch_chip;

typedef struct rt_touch_contact {
    uint16_t x, y; /* physical panel pixels (landscape scan order) */
    uint8_t id;
} rt_touch_contact;

typedef struct rt_touch_report {
    uint8_t count;
    rt_touch_contact c[RT_TOUCH_MAX_CONTACTS];
} rt_touch_report;

typedef enum rt_report_status {
    RT_REPORT_OK = 0,
    RT_REPORT_NOT_READY, /* GT911: no new sample since the last clear */
    RT_REPORT_BAD_COUNT, /* count field above RT_TOUCH_MAX_CONTACTS (e.g. FT5336 TD_STATUS 0xFF) */
    RT_REPORT_INVALID,   /* contacts announced but none had valid id/coordinates */
    RT_REPORT_SHORT      /* fewer bytes than the count needs */
} rt_report_status;

/* *dropped counts contacts discarded for a bad id, an out-of-range coordinate or a lift event. */
rt_report_status rt_ft5336_parse(const uint8_t *buf, size_t len, uint16_t panel_w, uint16_t panel_h,
                                 rt_touch_report *out, unsigned *dropped);
/* res_x/res_y: the controller's configured resolution (0 = same as the panel). */
rt_report_status rt_gt911_parse(const uint8_t *buf, size_t len, uint16_t res_x, uint16_t res_y, uint16_t panel_w,
                                uint16_t panel_h, rt_touch_report *out, unsigned *dropped);

/* Event values are nanoFramework's TouchPanel_StylusFlags (Down 1, Up 2, Move 3). */
typedef enum rt_touch_event { RT_TOUCH_EV_NONE = 0, RT_TOUCH_EV_DOWN = 1, RT_TOUCH_EV_UP = 2, RT_TOUCH_EV_MOVE = 3 } rt_touch_event;

#define RT_TOUCH_LOST_AFTER 3 /* failed polls in a row that end a stroke with UP */

typedef struct rt_touch_panel {
    const rt_i2c_bus *bus;
    rt_touch_chip chip;
    uint8_t addr;
    uint16_t panel_w, panel_h;
    uint16_t res_x, res_y;
    int retries; /* extra attempts for a retryable I2C error */
    int down;
    rt_touch_report last;
    unsigned fail_streak;
    /* diagnostics */
    unsigned i2c_errors, bad_reports, dropped_contacts, clears;
    rt_i2c_status last_error;
} rt_touch_panel;

/* Probes GT911 at 0x5D then 0x14 (product id must start with '9'), then FT5336 at 0x38 (a
 * register read must be acknowledged). Returns the chip found (RT_TOUCH_NONE if none answers). */
rt_touch_chip rt_touch_detect(rt_touch_panel *tp, const rt_i2c_bus *bus, uint16_t panel_w, uint16_t panel_h);

/* One sample: reads the controller (with retries), parses, clears the GT911 buffer flag, and
 * advances the contact state. *out gets the contacts the event refers to (for UP: the last
 * position). */
rt_touch_event rt_touch_poll(rt_touch_panel *tp, rt_touch_report *out);

#ifdef __cplusplus
}
#endif

#endif
