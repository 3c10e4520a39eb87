/*
 * Test doubles for the touch drivers: I2C devices modelled as register files, reachable either
 * through an rt_i2c_bus (fake_bus_transfer) or through the LPI2C driver's register-level hooks
 * (a model of the LPI2C command FIFO, NACK/STOP flags and receive FIFO).
 */
#ifndef FAKE_I2C_H
#define FAKE_I2C_H

#include <stddef.h>
#include <stdint.h>

#include "rt1060_i2c.h"
#include "rt1060_regs.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FAKE_MAX_DEVICES 4
#define FAKE_MAX_LOG 64

typedef struct fake_write {
    uint8_t addr;
    uint16_t reg;
    uint8_t data[8];
    size_t len;
} fake_write;

typedef struct fake_device {
    uint8_t addr;
    int reg_bytes; /* 1 (FT5336) or 2 (GT911) */
    uint16_t ptr;
    uint8_t mem[0x10000];
} fake_device;

typedef struct fake_i2c {
    fake_device *devices[FAKE_MAX_DEVICES];
    int ndevices;
    /* errors returned by the next transfers (rt_i2c_bus level), consumed in order */
    rt_i2c_status errors[16];
    int nerrors, next_error;
    /* log of register writes (data part) */
    fake_write writes[FAKE_MAX_LOG];
    int nwrites;
    int transfers;
} fake_i2c;

void fake_i2c_reset(fake_i2c *f);
void fake_i2c_add(fake_i2c *f, fake_device *d, uint8_t addr, int reg_bytes);
void fake_i2c_fail_next(fake_i2c *f, rt_i2c_status s);
rt_i2c_status fake_bus_transfer(void *ctx, uint8_t addr7, const uint8_t *tx, size_t tx_len, uint8_t *rx,
                                size_t rx_len);

/* LPI2C register-level model (uses the same devices). */
typedef struct fake_lpi2c_model {
    fake_i2c *bus;
    rt_lpi2c_regs *regs;
    int stuck;            /* never signals STOP: transfers time out */
    int lose_arbitration; /* next START sets ALF */
    uint8_t cur_addr;
    int cur_read, cur_present;
    uint8_t wbuf[64];
    size_t wlen;
    uint8_t rxq[300];
    size_t rx_head, rx_tail;
    uint32_t pushed[128];
    int npushed;
} fake_lpi2c_model;

void fake_lpi2c_attach(fake_lpi2c_model *m, fake_i2c *bus, rt_lpi2c_regs *regs);

#ifdef __cplusplus
}
#endif

#endif
