/*
 * Polling LPI2C master (LPI2C1 on the EVK: the touch controller's bus). Blocking, one
 * transaction at a time, bounded by a poll budget instead of a clock so it needs no timer.
 * Errors are read from MSR (NDF, ALF, FEF, PLTF) and mapped to rt_i2c_status; after any error the
 * FIFOs are flushed and a STOP is issued so the next transaction starts from an idle bus.
 */
#ifndef RT1060_LPI2C_H
#define RT1060_LPI2C_H

#include "rt1060_regs.h"
#include "rt1060_i2c.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rt_lpi2c {
    rt_lpi2c_regs *regs;
    uint32_t poll_budget; /* MSR polls per wait before RT_I2C_TIMEOUT */
} rt_lpi2c;

typedef struct rt_lpi2c_timing {
    uint32_t prescale; /* MCFGR1.PRESCALE: divide by 2^prescale */
    uint32_t mccr0;
} rt_lpi2c_timing;

/* SCL timing for a functional clock and bus rate (100 or 400 kHz); -1 if it cannot be met with
 * 6-bit CLKLO/CLKHI. SCL period = (CLKLO + CLKHI + 2) * 2^PRESCALE / f_clk (LPI2C chapter,
 * "Master Clock Configuration Register 0", ignoring the few cycles of SCL rise latency). */
int rt_lpi2c_timing_for(uint32_t functional_hz, uint32_t bus_hz, rt_lpi2c_timing *out);

void rt_lpi2c_init(rt_lpi2c *dev, rt_lpi2c_regs *regs, const rt_lpi2c_timing *timing, uint32_t poll_budget);

/* rt_i2c_bus.transfer for this controller (ctx = rt_lpi2c*). */
rt_i2c_status rt_lpi2c_transfer(void *ctx, uint8_t addr7, const uint8_t *tx, size_t tx_len, uint8_t *rx,
                                size_t rx_len);

/* MSR error bits -> status (RT_I2C_OK when none is set). */
rt_i2c_status rt_lpi2c_status_from_msr(uint32_t msr);

#ifdef __cplusplus
}
#endif

#endif
