//
// microSD on USDHC1 for the MIMXRT1060-EVK: card-detect polling + mount state machine
// (rt1060_sd_mount.c) bound to NXP's fsl_sd (already built by the nf-interpreter NXP target) and
// nanoFramework's FS_MountVolume("D:", 0, "FATFS"). FS_MountVolume posts the EVENT_STORAGE
// insert/eject events the managed StorageEventManager sees; nothing here posts them again.
//
#include "nanoHAL_v2.h"
#include "nanoPAL_FileSystem.h"
#include "nanoPAL_AsyncProcCalls_decl.h"
#include "CPU_GPIO_decl.h"
#include "fsl_sd.h"

#include "rt1060_sd_port.h"
#include "rt1060_regs.h"

// Defined by the NXP target's _FatFs/fsl_sd_disk.c, which FatFs reads the card through.
extern "C" sd_card_t g_sd;

namespace
{
rt_sd_mount s_mount;
HAL_COMPLETION s_poll;
bool s_started;

// BOARD_USDHCClockConfiguration (NXP target board.c, called from main) sets the USDHC1 root to
// PLL2 PFD0 (396 MHz) / 2 = 198 MHz.
const uint32_t Usdhc1ClockHz = 198000000u;

int CardPresent(void *)
{
    return CPU_GPIO_GetPinState(RT1060_PIN_SD_DETECT) == GpioPinValue_Low;
}

int CardInit(void *)
{
    g_sd.host.base = reinterpret_cast<decltype(g_sd.host.base)>(static_cast<uintptr_t>(RT1060_USDHC1_BASE));
    g_sd.host.sourceClock_Hz = Usdhc1ClockHz;
    if (SD_HostInit(&g_sd) != kStatus_Success)
    {
        return -1;
    }
    if (SD_CardInit(&g_sd) != kStatus_Success)
    {
        SD_HostDeinit(&g_sd);
        return -1;
    }
    return 0;
}

void CardDeinit(void *)
{
    SD_CardDeinit(&g_sd);
    SD_HostDeinit(&g_sd);
}

int FsMount(void *)
{
    return FS_MountVolume(RT1060_SD_DRIVE, 0, "FATFS") ? 0 : -1;
}

void FsUnmount(void *)
{
    FS_UnmountVolume(RT1060_SD_DRIVE);
}

uint32_t NowMs()
{
    return static_cast<uint32_t>(HAL_Time_CurrentTime() / 10000u); // 100 ns ticks
}

void Poll(void *)
{
    rt_sd_mount_step(&s_mount, NowMs());
    s_poll.EnqueueDelta(RT1060_SD_POLL_MS * 1000u); // microseconds, as nf-interpreter's callers pass it
}
} // namespace

void rt1060_sd_start()
{
    if (s_started)
    {
        return;
    }
    const rt_sd_port port = {CardPresent, CardInit, CardDeinit, FsMount, FsUnmount, NULL};
    rt_sd_mount_init(&s_mount, &port, RT1060_SD_DEBOUNCE_MS, RT1060_SD_RETRY_MS, RT1060_SD_MAX_ATTEMPTS);
    CPU_GPIO_EnableInputPin(RT1060_PIN_SD_DETECT, 0, NULL, NULL, GPIO_INT_NONE, PinMode_InputPullUp);
    s_poll.InitializeForUserMode(Poll, NULL);
    s_started = true;
    // First step now so a card present at boot is mounted after one debounce interval.
    Poll(NULL);
}

rt_sd_state rt1060_sd_step(uint32_t now_ms)
{
    return rt_sd_mount_step(&s_mount, now_ms);
}

const rt_sd_mount &rt1060_sd_state()
{
    return s_mount;
}
