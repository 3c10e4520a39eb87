#include "rt1060_lpi2c.h"

/* Host tests replace the FIFO and write-1-to-clear accesses: plain memory cannot behave like a
 * FIFO register or a W1C status register, so a test model stands in for the controller there. */
#ifdef RT1060_LPI2C_TEST_HOOKS
void rt_lpi2c_test_push(rt_lpi2c_regs *regs, uint32_t word);
uint32_t rt_lpi2c_test_pop(rt_lpi2c_regs *regs);
void rt_lpi2c_test_clear(rt_lpi2c_regs *regs, uint32_t bits);
#define PUSH(r, w) rt_lpi2c_test_push((r), (w))
#define POP(r) rt_lpi2c_test_pop(r)
#define MSR_CLEAR(r, bits) rt_lpi2c_test_clear((r), (bits))
#else
#define PUSH(r, w) ((r)->MTDR = (w))
#define POP(r) ((r)->MRDR)
#define MSR_CLEAR(r, bits) ((r)->MSR = (bits))
#endif

#define LPI2C_FIFO_WORDS 4u /* TX/RX FIFO depth of LPI2C on the RT1060 (PARAM.MTXFIFO = 2 -> 4 words) */

int rt_lpi2c_timing_for(uint32_t functional_hz, uint32_t bus_hz, rt_lpi2c_timing *out)
{
    if (bus_hz == 0 || functional_hz == 0 || out == NULL)
    {
        return -1;
    }
    for (uint32_t prescale = 0; prescale <= 7; prescale++)
    {
        uint32_t cycles = functional_hz / ((1u << prescale) * bus_hz); /* per SCL period */
        if (cycles < 4)
        {
            return -1;
        }
        if (cycles - 2 <= 63u + 63u)
        {
            /* Low phase a bit longer than high (I2C spec t_LOW > t_HIGH at 400 kHz). */
            uint32_t total = cycles - 2;
            uint32_t clklo = (total * 6u + 5u) / 10u;
            uint32_t clkhi = total - clklo;
            if (clklo > 63u)
            {
                clklo = 63u;
                clkhi = total - clklo;
            }
            if (clkhi > 63u || clkhi == 0)
            {
                continue;
            }
            uint32_t sethold = clkhi;
            uint32_t datavd = clkhi / 2u;
            out->prescale = prescale;
            out->mccr0 = LPI2C_MCCR0(clklo, clkhi, sethold, datavd);
            return 0;
        }
    }
    return -1;
}

void rt_lpi2c_init(rt_lpi2c *dev, rt_lpi2c_regs *regs, const rt_lpi2c_timing *timing, uint32_t poll_budget)
{
    dev->regs = regs;
    dev->poll_budget = poll_budget;
    regs->MCR = LPI2C_MCR_RST;
    regs->MCR = 0;
    regs->MCFGR1 = LPI2C_MCFGR1_PRESCALE(timing->prescale);
    regs->MCCR0 = timing->mccr0;
    regs->MCR = LPI2C_MCR_MEN;
}

rt_i2c_status rt_lpi2c_status_from_msr(uint32_t msr)
{
    if (msr & LPI2C_MSR_ALF)
    {
        return RT_I2C_ARB_LOST;
    }
    if (msr & LPI2C_MSR_NDF)
    {
        return RT_I2C_NACK;
    }
    if (msr & LPI2C_MSR_PLTF)
    {
        return RT_I2C_TIMEOUT;
    }
    if (msr & LPI2C_MSR_FEF)
    {
        return RT_I2C_FIFO_ERROR;
    }
    return RT_I2C_OK;
}

static rt_i2c_status recover(rt_lpi2c *dev, rt_i2c_status why)
{
    rt_lpi2c_regs *r = dev->regs;
    /* Drop whatever is queued, then end the transfer so the bus is released. */
    r->MCR |= LPI2C_MCR_RTF | LPI2C_MCR_RRF;
    if (r->MSR & LPI2C_MSR_MBF)
    {
        PUSH(r, LPI2C_CMD_STOP);
    }
    MSR_CLEAR(r, LPI2C_MSR_W1C);
    return why;
}

/* Waits for room in the TX FIFO, watching for errors. */
static rt_i2c_status wait_tx_room(rt_lpi2c *dev)
{
    for (uint32_t i = 0; i < dev->poll_budget; i++)
    {
        rt_i2c_status s = rt_lpi2c_status_from_msr(dev->regs->MSR);
        if (s != RT_I2C_OK)
        {
            return s;
        }
        if (LPI2C_MFSR_TXCOUNT(dev->regs->MFSR) < LPI2C_FIFO_WORDS)
        {
            return RT_I2C_OK;
        }
    }
    return RT_I2C_TIMEOUT;
}

static rt_i2c_status push(rt_lpi2c *dev, uint32_t word)
{
    rt_i2c_status s = wait_tx_room(dev);
    if (s == RT_I2C_OK)
    {
        PUSH(dev->regs, word);
    }
    return s;
}

rt_i2c_status rt_lpi2c_transfer(void *ctx, uint8_t addr7, const uint8_t *tx, size_t tx_len, uint8_t *rx,
                                size_t rx_len)
{
    rt_lpi2c *dev = (rt_lpi2c *)ctx;
    rt_lpi2c_regs *r;
    rt_i2c_status s = RT_I2C_OK;

    if (dev == NULL || addr7 > 0x7F || (tx_len == 0 && rx_len == 0) || (tx_len && !tx) || (rx_len && !rx) ||
        rx_len > 256)
    {
        return RT_I2C_BAD_ARG;
    }
    r = dev->regs;
    if ((r->MSR & (LPI2C_MSR_BBF | LPI2C_MSR_MBF)) == LPI2C_MSR_BBF)
    {
        return RT_I2C_BUS_BUSY; /* someone else owns the bus; nothing was sent */
    }
    MSR_CLEAR(r, LPI2C_MSR_W1C);

    if (tx_len)
    {
        s = push(dev, LPI2C_CMD_START | ((uint32_t)addr7 << 1));
        for (size_t i = 0; s == RT_I2C_OK && i < tx_len; i++)
        {
            s = push(dev, LPI2C_CMD_TX | tx[i]);
        }
    }
    if (s == RT_I2C_OK && rx_len)
    {
        s = push(dev, LPI2C_CMD_START | ((uint32_t)addr7 << 1) | 1u);
        if (s == RT_I2C_OK)
        {
            s = push(dev, LPI2C_CMD_RX | (uint32_t)(rx_len - 1u));
        }
    }
    if (s == RT_I2C_OK)
    {
        s = push(dev, LPI2C_CMD_STOP);
    }
    for (size_t got = 0; s == RT_I2C_OK && got < rx_len;)
    {
        uint32_t i = 0;
        for (; i < dev->poll_budget; i++)
        {
            uint32_t w;
            s = rt_lpi2c_status_from_msr(r->MSR);
            if (s != RT_I2C_OK)
            {
                break;
            }
            w = POP(r);
            if (!(w & LPI2C_MRDR_RXEMPTY))
            {
                rx[got++] = (uint8_t)w;
                break;
            }
        }
        if (s == RT_I2C_OK && i == dev->poll_budget)
        {
            s = RT_I2C_TIMEOUT;
        }
    }
    if (s == RT_I2C_OK)
    {
        /* The transaction is over when the STOP went out. */
        uint32_t i = 0;
        for (; i < dev->poll_budget; i++)
        {
            uint32_t msr = r->MSR;
            s = rt_lpi2c_status_from_msr(msr);
            if (s != RT_I2C_OK || (msr & LPI2C_MSR_SDF))
            {
                break;
            }
        }
        if (s == RT_I2C_OK && i == dev->poll_budget)
        {
            s = RT_I2C_TIMEOUT;
        }
    }
    if (s != RT_I2C_OK)
    {
        return recover(dev, s);
    }
    MSR_CLEAR(r, LPI2C_MSR_SDF);
    return RT_I2C_OK;
}
