/*
 * I2C bus abstraction the touch drivers are written against: one combined write-then-read
 * transaction (repeated START between the parts), which covers "read a register block" and
 * "write registers". Implemented by rt1060_lpi2c.c on the board and by a scripted fake in the
 * host tests.
 */
#ifndef RT1060_I2C_H
#define RT1060_I2C_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum rt_i2c_status {
    RT_I2C_OK = 0,
    RT_I2C_NACK,        /* address or data byte not acknowledged: device absent or busy */
    RT_I2C_TIMEOUT,     /* controller never finished (stuck bus, SCL held low) */
    RT_I2C_ARB_LOST,    /* another master drove the bus */
    RT_I2C_BUS_BUSY,    /* bus not idle when the transaction should start */
    RT_I2C_FIFO_ERROR,  /* controller reported a FIFO/command error */
    RT_I2C_BAD_ARG
} rt_i2c_status;

typedef struct rt_i2c_bus {
    /* tx may be empty (pure read), rx may be empty (pure write); not both. */
    rt_i2c_status (*transfer)(void *ctx, uint8_t addr7, const uint8_t *tx, size_t tx_len, uint8_t *rx,
                              size_t rx_len);
    void *ctx;
} rt_i2c_bus;

const char *rt_i2c_status_name(rt_i2c_status s);

/* Errors worth one more try: a NACK from a controller that is busy scanning, a lost arbitration,
 * a busy bus. A timeout means a stuck bus and is not retried blindly. */
int rt_i2c_retryable(rt_i2c_status s);

/* Reads `len` bytes from register `reg` (8-bit or 16-bit big-endian address, reg_bytes 1 or 2). */
rt_i2c_status rt_i2c_read_reg(const rt_i2c_bus *bus, uint8_t addr7, uint16_t reg, int reg_bytes, uint8_t *buf,
                              size_t len);
/* Writes `len` bytes starting at register `reg`. */
rt_i2c_status rt_i2c_write_reg(const rt_i2c_bus *bus, uint8_t addr7, uint16_t reg, int reg_bytes,
                               const uint8_t *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif
