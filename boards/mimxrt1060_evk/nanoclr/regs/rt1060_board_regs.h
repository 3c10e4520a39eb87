/*
 * Where the glue finds the register blocks. On the board these are the fixed addresses from
 * rt1060_regs.h; a host test build defines RT1060_BOARD_REGS_FAKE and provides the pointers
 * (plain memory), so the same glue code runs against fake register blocks.
 */
#ifndef RT1060_BOARD_REGS_H
#define RT1060_BOARD_REGS_H

#include "rt1060_regs.h"

#ifdef RT1060_BOARD_REGS_FAKE
#ifdef __cplusplus
extern "C" {
#endif
extern rt_lcdif_regs *rt1060_fake_lcdif;
extern rt_lpi2c_regs *rt1060_fake_lpi2c1;
extern volatile uint32_t *rt1060_fake_ccm;
extern volatile uint32_t *rt1060_fake_ccm_analog;
#ifdef __cplusplus
}
#endif
#define RT1060_LCDIF_REGS (rt1060_fake_lcdif)
#define RT1060_LPI2C1_REGS (rt1060_fake_lpi2c1)
#define RT1060_CCM_REGS (rt1060_fake_ccm)
#define RT1060_CCM_ANALOG_REGS (rt1060_fake_ccm_analog)
#else
#define RT1060_LCDIF_REGS ((rt_lcdif_regs *)(uintptr_t)RT1060_LCDIF_BASE)
#define RT1060_LPI2C1_REGS ((rt_lpi2c_regs *)(uintptr_t)RT1060_LPI2C1_BASE)
#define RT1060_CCM_REGS ((volatile uint32_t *)(uintptr_t)RT1060_CCM_BASE)
#define RT1060_CCM_ANALOG_REGS ((volatile uint32_t *)(uintptr_t)RT1060_CCM_ANALOG_BASE)
#endif

#endif
