#include "fake_i2c.h"

#include <string.h>

void fake_i2c_reset(fake_i2c *f)
{
    memset(f, 0, sizeof *f);
}

void fake_i2c_add(fake_i2c *f, fake_device *d, uint8_t addr, int reg_bytes)
{
    d->addr = addr;
    d->reg_bytes = reg_bytes;
    d->ptr = 0;
    f->devices[f->ndevices++] = d;
}

void fake_i2c_fail_next(fake_i2c *f, rt_i2c_status s)
{
    f->errors[f->nerrors++] = s;
}

static fake_device *find(fake_i2c *f, uint8_t addr)
{
    for (int i = 0; i < f->ndevices; i++)
    {
        if (f->devices[i]->addr == addr)
        {
            return f->devices[i];
        }
    }
    return NULL;
}

/* A write phase: register pointer, then data bytes stored from the pointer on. */
static void dev_write(fake_i2c *f, fake_device *d, const uint8_t *b, size_t n)
{
    size_t i = 0;
    if (n >= (size_t)d->reg_bytes)
    {
        d->ptr = d->reg_bytes == 2 ? (uint16_t)((b[0] << 8) | b[1]) : b[0];
        i = (size_t)d->reg_bytes;
    }
    if (n > i && f->nwrites < FAKE_MAX_LOG)
    {
        fake_write *w = &f->writes[f->nwrites++];
        w->addr = d->addr;
        w->reg = d->ptr;
        w->len = n - i < 8 ? n - i : 8;
        memcpy(w->data, b + i, w->len);
    }
    for (; i < n; i++)
    {
        d->mem[d->ptr++] = b[i];
    }
}

static uint8_t dev_read(fake_device *d)
{
    return d->mem[d->ptr++];
}

rt_i2c_status fake_bus_transfer(void *ctx, uint8_t addr7, const uint8_t *tx, size_t tx_len, uint8_t *rx,
                                size_t rx_len)
{
    fake_i2c *f = (fake_i2c *)ctx;
    fake_device *d;
    f->transfers++;
    if (f->next_error < f->nerrors)
    {
        return f->errors[f->next_error++];
    }
    d = find(f, addr7);
    if (d == NULL)
    {
        return RT_I2C_NACK;
    }
    dev_write(f, d, tx, tx_len);
    for (size_t i = 0; i < rx_len; i++)
    {
        rx[i] = dev_read(d);
    }
    return RT_I2C_OK;
}

/* ---- LPI2C model ------------------------------------------------------------------------- */

static fake_lpi2c_model *s_model;

void fake_lpi2c_attach(fake_lpi2c_model *m, fake_i2c *bus, rt_lpi2c_regs *regs)
{
    memset(m, 0, sizeof *m);
    m->bus = bus;
    m->regs = regs;
    s_model = m;
}

static void flush_write(fake_lpi2c_model *m)
{
    fake_device *d = find(m->bus, m->cur_addr);
    if (d && m->wlen)
    {
        dev_write(m->bus, d, m->wbuf, m->wlen);
    }
    m->wlen = 0;
}

void rt_lpi2c_test_push(rt_lpi2c_regs *regs, uint32_t word)
{
    fake_lpi2c_model *m = s_model;
    uint32_t cmd = word & 0x700u;
    if (m->npushed < 128)
    {
        m->pushed[m->npushed++] = word;
    }
    switch (cmd)
    {
        case LPI2C_CMD_START:
            flush_write(m);
            m->cur_addr = (uint8_t)((word >> 1) & 0x7F);
            m->cur_read = (int)(word & 1u);
            m->cur_present = find(m->bus, m->cur_addr) != NULL;
            regs->MSR |= LPI2C_MSR_MBF | LPI2C_MSR_BBF;
            if (m->lose_arbitration)
            {
                m->lose_arbitration = 0;
                regs->MSR |= LPI2C_MSR_ALF;
            }
            else if (!m->cur_present)
            {
                regs->MSR |= LPI2C_MSR_NDF;
            }
            break;
        case LPI2C_CMD_TX:
            if (m->wlen < sizeof m->wbuf)
            {
                m->wbuf[m->wlen++] = (uint8_t)word;
            }
            break;
        case LPI2C_CMD_RX:
        {
            fake_device *d = find(m->bus, m->cur_addr);
            for (uint32_t i = 0; d && i <= (word & 0xFFu); i++)
            {
                m->rxq[m->rx_tail++ % sizeof m->rxq] = dev_read(d);
            }
            break;
        }
        case LPI2C_CMD_STOP:
            flush_write(m);
            if (!m->stuck)
            {
                regs->MSR = (regs->MSR & ~(LPI2C_MSR_MBF | LPI2C_MSR_BBF)) | LPI2C_MSR_SDF;
            }
            break;
        default:
            break;
    }
}

uint32_t rt_lpi2c_test_pop(rt_lpi2c_regs *regs)
{
    fake_lpi2c_model *m = s_model;
    (void)regs;
    if (m->rx_head == m->rx_tail)
    {
        return LPI2C_MRDR_RXEMPTY;
    }
    return m->rxq[m->rx_head++ % sizeof m->rxq];
}

void rt_lpi2c_test_clear(rt_lpi2c_regs *regs, uint32_t bits)
{
    regs->MSR &= ~(bits & LPI2C_MSR_W1C);
}
