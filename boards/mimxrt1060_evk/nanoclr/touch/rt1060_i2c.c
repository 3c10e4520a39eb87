#include "rt1060_i2c.h"

const char *rt_i2c_status_name(rt_i2c_status s)
{
    switch (s)
    {
        case RT_I2C_OK: return "ok";
        case RT_I2C_NACK: return "nack";
        case RT_I2C_TIMEOUT: return "timeout";
        case RT_I2C_ARB_LOST: return "arbitration lost";
        case RT_I2C_BUS_BUSY: return "bus busy";
        case RT_I2C_FIFO_ERROR: return "fifo error";
        default: return "bad argument";
    }
}

int rt_i2c_retryable(rt_i2c_status s)
{
    return s == RT_I2C_NACK || s == RT_I2C_ARB_LOST || s == RT_I2C_BUS_BUSY;
}

static size_t put_reg(uint8_t *out, uint16_t reg, int reg_bytes)
{
    if (reg_bytes == 2)
    {
        out[0] = (uint8_t)(reg >> 8);
        out[1] = (uint8_t)reg;
        return 2;
    }
    out[0] = (uint8_t)reg;
    return 1;
}

rt_i2c_status rt_i2c_read_reg(const rt_i2c_bus *bus, uint8_t addr7, uint16_t reg, int reg_bytes, uint8_t *buf,
                              size_t len)
{
    uint8_t r[2];
    if (bus == NULL || buf == NULL || len == 0 || (reg_bytes != 1 && reg_bytes != 2))
    {
        return RT_I2C_BAD_ARG;
    }
    return bus->transfer(bus->ctx, addr7, r, put_reg(r, reg, reg_bytes), buf, len);
}

rt_i2c_status rt_i2c_write_reg(const rt_i2c_bus *bus, uint8_t addr7, uint16_t reg, int reg_bytes,
                               const uint8_t *buf, size_t len)
{
    uint8_t frame[2 + 8];
    size_t n;
    if (bus == NULL || (buf == NULL && len != 0) || len > 8 || (reg_bytes != 1 && reg_bytes != 2))
    {
        return RT_I2C_BAD_ARG;
    }
    n = put_reg(frame, reg, reg_bytes);
    for (size_t i = 0; i < len; i++)
    {
        frame[n + i] = buf[i];
    }
    return bus->transfer(bus->ctx, addr7, frame, n + len, NULL, 0);
}
