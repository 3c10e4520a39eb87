// Surface (see README.md): the NXP SDK copy in nf-interpreter
// targets/FreeRTOS/NXP/_common/sdmmc/inc/fsl_sd.h (status_t from fsl_common.h). sd_card_t is cut
// down to the two host fields the port sets; in the real struct `host` (usdhc_host_t, via
// SDMMCHOST_CONFIG) is the first member and begins with `USDHC_Type *base; uint32_t sourceClock_Hz;`.
#ifndef RT_SURFACE_FSL_SD_H
#define RT_SURFACE_FSL_SD_H
#include <stdint.h>
#ifdef __cplusplus
extern "C" {
#endif
typedef int32_t status_t;
#define kStatus_Success 0
typedef struct _sd_card
{
    struct
    {
        void *base;
        uint32_t sourceClock_Hz;
    } host;
    uint32_t blockCount;
    uint32_t blockSize;
} sd_card_t;
status_t SD_HostInit(sd_card_t *card);
void SD_HostDeinit(sd_card_t *card);
status_t SD_CardInit(sd_card_t *card);
void SD_CardDeinit(sd_card_t *card);
#ifdef __cplusplus
}
#endif
#endif
