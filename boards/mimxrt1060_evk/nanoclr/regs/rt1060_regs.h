/*
 * i.MX RT1062 register declarations used by the DigitLock board drivers, written for this project.
 *
 * Source of every address and field: NXP "i.MX RT1060 Processor Reference Manual" (IMXRT1060RM,
 * Rev. 3), cited per block below by chapter title and register-description section (chapter
 * numbers shift between RM revisions, titles do not). Only the registers and fields the drivers
 * touch are declared; reserved gaps are padding so offsets match the memory map.
 *
 * Each block is a struct of volatile words so a driver can be handed either the real address
 * (RT1060_LCDIF etc.) or a plain struct in host memory (tests/boards: fake register blocks).
 */
#ifndef RT1060_REGS_H
#define RT1060_REGS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RT_REG volatile uint32_t

/* ---------------------------------------------------------------------------------------------
 * eLCDIF: chapter "Enhanced LCD Interface (eLCDIF)", section "LCDIF Memory Map/Register
 * Definition". Base 0x402B_8000 (chapter "Memory Maps", AIPS-2 table). Registers with SET/CLR/TOG
 * aliases sit at +4/+8/+C of the register.
 * ------------------------------------------------------------------------------------------- */
typedef struct rt_lcdif_regs {
    RT_REG CTRL;          /* 0x000 */
    RT_REG CTRL_SET;      /* 0x004 */
    RT_REG CTRL_CLR;      /* 0x008 */
    RT_REG CTRL_TOG;      /* 0x00C */
    RT_REG CTRL1;         /* 0x010 */
    RT_REG CTRL1_SET;     /* 0x014 */
    RT_REG CTRL1_CLR;     /* 0x018 */
    RT_REG CTRL1_TOG;     /* 0x01C */
    RT_REG CTRL2;         /* 0x020 */
    RT_REG CTRL2_SET;     /* 0x024 */
    RT_REG CTRL2_CLR;     /* 0x028 */
    RT_REG CTRL2_TOG;     /* 0x02C */
    RT_REG TRANSFER_COUNT;/* 0x030 */
    RT_REG pad034[3];
    RT_REG CUR_BUF;       /* 0x040 */
    RT_REG pad044[3];
    RT_REG NEXT_BUF;      /* 0x050 */
    RT_REG pad054[3];
    RT_REG TIMING;        /* 0x060 */
    RT_REG pad064[3];
    RT_REG VDCTRL0;       /* 0x070 */
    RT_REG VDCTRL0_SET;   /* 0x074 */
    RT_REG VDCTRL0_CLR;   /* 0x078 */
    RT_REG VDCTRL0_TOG;   /* 0x07C */
    RT_REG VDCTRL1;       /* 0x080 */
    RT_REG pad084[3];
    RT_REG VDCTRL2;       /* 0x090 */
    RT_REG pad094[3];
    RT_REG VDCTRL3;       /* 0x0A0 */
    RT_REG pad0a4[3];
    RT_REG VDCTRL4;       /* 0x0B0 */
} rt_lcdif_regs;

#define RT1060_LCDIF_BASE 0x402B8000u

/* LCDIF_CTRL */
#define LCDIF_CTRL_RUN               (1u << 0)
#define LCDIF_CTRL_MASTER            (1u << 5)
#define LCDIF_CTRL_WORD_LENGTH(x)    (((uint32_t)(x) & 3u) << 8)  /* 0: 16 bpp input */
#define LCDIF_CTRL_DATABUS_WIDTH(x)  (((uint32_t)(x) & 3u) << 10) /* 0: 16-bit bus */
#define LCDIF_CTRL_DOTCLK_MODE       (1u << 17)
#define LCDIF_CTRL_BYPASS_COUNT      (1u << 19)
#define LCDIF_CTRL_CLKGATE           (1u << 30)
#define LCDIF_CTRL_SFTRST            (1u << 31)
/* LCDIF_CTRL1 */
#define LCDIF_CTRL1_CUR_FRAME_DONE_IRQ (1u << 9)
#define LCDIF_CTRL1_BYTE_PACKING(x)    (((uint32_t)(x) & 0xFu) << 16)
/* LCDIF_TRANSFER_COUNT */
#define LCDIF_TRANSFER_COUNT(h, v)   ((((uint32_t)(v) & 0xFFFFu) << 16) | ((uint32_t)(h) & 0xFFFFu))
/* LCDIF_VDCTRL0 */
#define LCDIF_VDCTRL0_VSYNC_PULSE_WIDTH(x)  ((uint32_t)(x) & 0x3FFFFu)
#define LCDIF_VDCTRL0_VSYNC_PULSE_WIDTH_UNIT (1u << 20)
#define LCDIF_VDCTRL0_VSYNC_PERIOD_UNIT      (1u << 21)
#define LCDIF_VDCTRL0_ENABLE_POL             (1u << 24)
#define LCDIF_VDCTRL0_DOTCLK_POL             (1u << 25)
#define LCDIF_VDCTRL0_HSYNC_POL              (1u << 26)
#define LCDIF_VDCTRL0_VSYNC_POL              (1u << 27)
#define LCDIF_VDCTRL0_ENABLE_PRESENT         (1u << 28)
/* LCDIF_VDCTRL2 */
#define LCDIF_VDCTRL2(pulse, period) ((((uint32_t)(pulse) & 0x3FFFu) << 18) | ((uint32_t)(period) & 0x3FFFFu))
/* LCDIF_VDCTRL3 */
#define LCDIF_VDCTRL3(hwait, vwait)  ((((uint32_t)(hwait) & 0xFFFu) << 16) | ((uint32_t)(vwait) & 0xFFFFu))
/* LCDIF_VDCTRL4 */
#define LCDIF_VDCTRL4_H_VALID_DATA_CNT(x) ((uint32_t)(x) & 0x3FFFFu)
#define LCDIF_VDCTRL4_SYNC_SIGNALS_ON     (1u << 18)

/* ---------------------------------------------------------------------------------------------
 * LPI2C: chapter "Low Power Inter-Integrated Circuit (LPI2C)", section "LPI2C Memory
 * Map/Register Definition". LPI2C1 base 0x403F_0000.
 * ------------------------------------------------------------------------------------------- */
typedef struct rt_lpi2c_regs {
    RT_REG VERID;   /* 0x00 */
    RT_REG PARAM;   /* 0x04 */
    RT_REG pad08[2];
    RT_REG MCR;     /* 0x10 */
    RT_REG MSR;     /* 0x14 */
    RT_REG MIER;    /* 0x18 */
    RT_REG MDER;    /* 0x1C */
    RT_REG MCFGR0;  /* 0x20 */
    RT_REG MCFGR1;  /* 0x24 */
    RT_REG MCFGR2;  /* 0x28 */
    RT_REG MCFGR3;  /* 0x2C */
    RT_REG pad30[4];
    RT_REG MDMR;    /* 0x40 */
    RT_REG pad44;
    RT_REG MCCR0;   /* 0x48 */
    RT_REG pad4c;
    RT_REG MCCR1;   /* 0x50 */
    RT_REG pad54;
    RT_REG MFCR;    /* 0x58 */
    RT_REG MFSR;    /* 0x5C */
    RT_REG MTDR;    /* 0x60 */
    RT_REG pad64[3];
    RT_REG MRDR;    /* 0x70 */
} rt_lpi2c_regs;

#define RT1060_LPI2C1_BASE 0x403F0000u

#define LPI2C_MCR_MEN  (1u << 0)
#define LPI2C_MCR_RST  (1u << 1)
#define LPI2C_MCR_RTF  (1u << 8)
#define LPI2C_MCR_RRF  (1u << 9)
#define LPI2C_MSR_TDF  (1u << 0)
#define LPI2C_MSR_RDF  (1u << 1)
#define LPI2C_MSR_EPF  (1u << 8)
#define LPI2C_MSR_SDF  (1u << 9)
#define LPI2C_MSR_NDF  (1u << 10)
#define LPI2C_MSR_ALF  (1u << 11)
#define LPI2C_MSR_FEF  (1u << 12)
#define LPI2C_MSR_PLTF (1u << 13)
#define LPI2C_MSR_MBF  (1u << 24)
#define LPI2C_MSR_BBF  (1u << 25)
#define LPI2C_MSR_W1C  (0x3F00u) /* EPF..DMF are write-1-to-clear */
#define LPI2C_MCFGR1_PRESCALE(x) ((uint32_t)(x) & 7u)
#define LPI2C_MCCR0(clklo, clkhi, sethold, datavd) \
    (((uint32_t)(clklo) & 0x3Fu) | (((uint32_t)(clkhi) & 0x3Fu) << 8) | \
     (((uint32_t)(sethold) & 0x3Fu) << 16) | (((uint32_t)(datavd) & 0x3Fu) << 24))
#define LPI2C_MFSR_TXCOUNT(v) ((uint32_t)(v) & 7u)
#define LPI2C_MRDR_RXEMPTY (1u << 14)
/* MTDR command field (bits 10:8), "Master Transmit Data Register" */
#define LPI2C_CMD_TX       (0u << 8) /* transmit DATA */
#define LPI2C_CMD_RX       (1u << 8) /* receive DATA+1 bytes */
#define LPI2C_CMD_STOP     (2u << 8)
#define LPI2C_CMD_START    (4u << 8) /* (repeated) START, then transmit DATA as address */

/* ---------------------------------------------------------------------------------------------
 * GPIO: chapter "General Purpose Input/Output (GPIO)", section "GPIO Memory Map/Register
 * Definition". GPIO1 0x401B_8000, GPIO2 0x401B_C000.
 * ------------------------------------------------------------------------------------------- */
typedef struct rt_gpio_regs {
    RT_REG DR;       /* 0x00 */
    RT_REG GDIR;     /* 0x04 */
    RT_REG PSR;      /* 0x08 */
    RT_REG ICR1;     /* 0x0C */
    RT_REG ICR2;     /* 0x10 */
    RT_REG IMR;      /* 0x14 */
    RT_REG ISR;      /* 0x18 */
    RT_REG EDGE_SEL; /* 0x1C */
    RT_REG pad20[25];
    RT_REG DR_SET;   /* 0x84 */
    RT_REG DR_CLEAR; /* 0x88 */
    RT_REG DR_TOGGLE;/* 0x8C */
} rt_gpio_regs;

#define RT1060_GPIO1_BASE 0x401B8000u
#define RT1060_GPIO2_BASE 0x401BC000u

/* ---------------------------------------------------------------------------------------------
 * CCM: chapter "Clock Controller Module (CCM)", section "CCM Memory Map/Register Definition".
 * Base 0x400F_C000. Only the LCDIF and LPI2C root-clock fields and the clock gates.
 * ------------------------------------------------------------------------------------------- */
#define RT1060_CCM_BASE      0x400FC000u
#define CCM_CBCMR_OFFSET     0x18u
#define CCM_CSCDR2_OFFSET    0x38u
#define CCM_CCGR2_OFFSET     0x70u
#define CCM_CCGR3_OFFSET     0x74u
#define CCM_CCGR6_OFFSET     0x80u
#define CCM_CBCMR_LCDIF_PODF(x)        (((uint32_t)(x) & 7u) << 23)
#define CCM_CBCMR_LCDIF_PODF_MASK      (7u << 23)
#define CCM_CSCDR2_LCDIF_PRED(x)       (((uint32_t)(x) & 7u) << 12)
#define CCM_CSCDR2_LCDIF_PRE_CLK_SEL(x) (((uint32_t)(x) & 7u) << 15) /* 2: PLL5 (video PLL) */
#define CCM_CSCDR2_LCDIF_MASK          (0x3Fu << 12)
#define CCM_CSCDR2_LPI2C_CLK_SEL       (1u << 18)                    /* 0: pll3_60m */
#define CCM_CSCDR2_LPI2C_CLK_PODF(x)   (((uint32_t)(x) & 0x3Fu) << 19)
#define CCM_CSCDR2_LPI2C_MASK          (0x7Fu << 18)
#define CCM_CCGR_ON(cg)                (3u << ((cg) * 2u))
/* gates: LPI2C1 = CCGR2 CG3, LCDIF (APB) = CCGR2 CG14, LCDIF pixel = CCGR3 CG5, USDHC1 = CCGR6 CG1 */

/* ---------------------------------------------------------------------------------------------
 * CCM_ANALOG video PLL (PLL5): chapter "Clock Controller Module (CCM)", section "CCM Analog
 * Memory Map/Register Definition". Base 0x400D_8000.
 * PLL5 out = 24 MHz * (DIV_SELECT + NUM/DENOM) / post divider, post divider =
 * POST_DIV_SELECT (0: /4, 1: /2, 2: /1) times MISC2.VIDEO_DIV (0: /1, 1: /2, 3: /4).
 * ------------------------------------------------------------------------------------------- */
#define RT1060_CCM_ANALOG_BASE        0x400D8000u
#define CCM_ANALOG_PLL_VIDEO_OFFSET   0xA0u
#define CCM_ANALOG_PLL_VIDEO_NUM_OFFSET 0xB0u
#define CCM_ANALOG_PLL_VIDEO_DENOM_OFFSET 0xC0u
#define CCM_ANALOG_MISC2_OFFSET       0x170u
#define CCM_ANALOG_PLL_VIDEO_DIV_SELECT(x)      ((uint32_t)(x) & 0x7Fu)
#define CCM_ANALOG_PLL_VIDEO_POWERDOWN          (1u << 12)
#define CCM_ANALOG_PLL_VIDEO_ENABLE             (1u << 13)
#define CCM_ANALOG_PLL_VIDEO_BYPASS             (1u << 16)
#define CCM_ANALOG_PLL_VIDEO_POST_DIV_SELECT(x) (((uint32_t)(x) & 3u) << 19)
#define CCM_ANALOG_PLL_VIDEO_LOCK               (1u << 31)
#define CCM_ANALOG_MISC2_VIDEO_DIV(x)           (((uint32_t)(x) & 3u) << 30)
#define CCM_ANALOG_MISC2_VIDEO_DIV_MASK         (3u << 30)

/* ---------------------------------------------------------------------------------------------
 * USDHC1: chapter "Ultra Secured Digital Host Controller (uSDHC)", section "uSDHC Memory
 * Map/Register Definition". Base 0x402C_0000. The SD driver itself is NXP's fsl_sd/fsl_usdhc,
 * already part of the nf-interpreter NXP target; the only register our code reads is the
 * present-state card-inserted bit, as a cross-check of the card-detect GPIO.
 * ------------------------------------------------------------------------------------------- */
#define RT1060_USDHC1_BASE          0x402C0000u
#define USDHC_PRES_STATE_OFFSET     0x24u
#define USDHC_PRES_STATE_CINST      (1u << 16)

/* ---------------------------------------------------------------------------------------------
 * Board wiring (MIMXRT1060-EVK/EVKB schematics; pin numbers as nanoFramework counts them,
 * (port - 1) * 32 + bit):
 *   LCD backlight   GPIO2_IO31 (GPIO_B1_15)           -> 63
 *   LCD reset/DISP  GPIO1_IO02 (GPIO_AD_B0_02); on the EVKB the GT911 reset shares this net -> 2
 *   touch INT       GPIO1_IO11 (GPIO_AD_B0_11)        -> 11
 *   touch I2C       LPI2C1 SCL GPIO_AD_B1_00, SDA GPIO_AD_B1_01 (ALT3)
 *   SD card detect  GPIO2_IO28 (GPIO_B1_12), low = card inserted -> 60
 * Pin muxing for all of these is already done by the NXP target's BOARD_InitBootPins
 * (pin_mux.c) in nf-interpreter, which configures the eLCDIF, LPI2C1 and USDHC1 pads.
 * ------------------------------------------------------------------------------------------- */
#define RT1060_PIN(port, bit) ((uint32_t)(((port) - 1u) * 32u + (bit)))
#define RT1060_PIN_LCD_BACKLIGHT RT1060_PIN(2u, 31u)
#define RT1060_PIN_LCD_RESET     RT1060_PIN(1u, 2u)
#define RT1060_PIN_TOUCH_INT     RT1060_PIN(1u, 11u)
#define RT1060_PIN_SD_DETECT     RT1060_PIN(2u, 28u)

#ifdef __cplusplus
}
#endif

#ifndef __cplusplus
_Static_assert(offsetof(rt_lcdif_regs, TRANSFER_COUNT) == 0x30, "LCDIF TRANSFER_COUNT offset");
_Static_assert(offsetof(rt_lcdif_regs, CUR_BUF) == 0x40, "LCDIF CUR_BUF offset");
_Static_assert(offsetof(rt_lcdif_regs, NEXT_BUF) == 0x50, "LCDIF NEXT_BUF offset");
_Static_assert(offsetof(rt_lcdif_regs, VDCTRL0) == 0x70, "LCDIF VDCTRL0 offset");
_Static_assert(offsetof(rt_lcdif_regs, VDCTRL4) == 0xB0, "LCDIF VDCTRL4 offset");
_Static_assert(offsetof(rt_lpi2c_regs, MCR) == 0x10, "LPI2C MCR offset");
_Static_assert(offsetof(rt_lpi2c_regs, MCCR0) == 0x48, "LPI2C MCCR0 offset");
_Static_assert(offsetof(rt_lpi2c_regs, MFSR) == 0x5C, "LPI2C MFSR offset");
_Static_assert(offsetof(rt_lpi2c_regs, MTDR) == 0x60, "LPI2C MTDR offset");
_Static_assert(offsetof(rt_lpi2c_regs, MRDR) == 0x70, "LPI2C MRDR offset");
_Static_assert(offsetof(rt_gpio_regs, DR_SET) == 0x84, "GPIO DR_SET offset");
#endif

#endif
