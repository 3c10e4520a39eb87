// Host test of the nanoFramework-facing glue (display interface/driver, touch device, SD port,
// target_FileSystem, graphics heap) compiled against the project's surface headers, with fakes
// for the nanoCLR/PAL functions, fake register blocks and the LPI2C register model.
// Run as `test_glue ft5336` (EVK panel) or `test_glue gt911` (EVKB panel): the glue keeps
// per-boot state, so each panel is a fresh process.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "Display.h"
#include "DisplayInterface.h"
#include "GraphicsMemoryHeap.h"
#include "TouchInterface.h"
#include "TouchPanel.h"
#include "nanoHAL_v2.h"
#include "nanoPAL_AsyncProcCalls_decl.h"
#include "nanoPAL_FileSystem.h"
#include "CPU_GPIO_decl.h"
#include "fsl_sd.h"

extern "C" {
#include "check.h"
#include "fake_i2c.h"
}
#include "rt1060_display.h"
#include "rt1060_sd_port.h"
#include "rt1060_touch_board.h"

extern DisplayDriver g_DisplayDriver;
extern DisplayInterface g_DisplayInterface;
extern GraphicsMemory g_GraphicsMemory;

// ---- fake register blocks ----------------------------------------------------------------------
static rt_lcdif_regs s_lcdif;
static rt_lpi2c_regs s_lpi2c;
static uint32_t s_ccm[0x100 / 4];
static uint32_t s_ccm_analog[0x200 / 4];
extern "C" {
rt_lcdif_regs *rt1060_fake_lcdif = &s_lcdif;
rt_lpi2c_regs *rt1060_fake_lpi2c1 = &s_lpi2c;
volatile uint32_t *rt1060_fake_ccm = s_ccm;
volatile uint32_t *rt1060_fake_ccm_analog = s_ccm_analog;
}

// ---- fake nanoCLR / PAL ------------------------------------------------------------------------
static uint64_t s_now; // 100 ns ticks
uint64_t HAL_Time_CurrentTime()
{
    return s_now;
}
void PLATFORM_DELAY(uint32_t ms)
{
    s_now += (uint64_t)ms * 10000u;
}

struct Posted
{
    uint8_t category, sub;
    uint16_t count;
    uint32_t data2;
};
static Posted s_posted[32];
static int s_nposted;
void PostManagedEvent(uint8_t category, uint8_t subCategory, uint16_t data1, uint32_t data2)
{
    if (s_nposted < 32)
    {
        s_posted[s_nposted++] = {category, subCategory, data1, data2};
    }
}

struct Completion
{
    HAL_COMPLETION *c;
    HAL_CALLBACK_FPN fn;
    void *arg;
    bool linked;
    uint32_t delta;
};
static Completion s_completions[4];
static Completion &Find(HAL_COMPLETION *c)
{
    for (auto &x : s_completions)
    {
        if (x.c == c || x.c == NULL)
        {
            x.c = c;
            return x;
        }
    }
    abort();
}
void HAL_COMPLETION::InitializeForUserMode(HAL_CALLBACK_FPN EntryPoint, void *Argument)
{
    Completion &x = Find(this);
    x.fn = EntryPoint;
    x.arg = Argument;
    x.linked = false;
}
void HAL_COMPLETION::EnqueueDelta(uint32_t ms)
{
    Completion &x = Find(this);
    x.linked = true;
    x.delta = ms;
}
void HAL_COMPLETION::Abort()
{
    Find(this).linked = false;
}
bool HAL_COMPLETION::IsLinked()
{
    return Find(this).linked;
}
// Runs the linked completion whose callback is fn (what the CLR does when it is due).
static bool RunCompletion(Completion *x)
{
    if (!x->linked)
    {
        return false;
    }
    x->linked = false;
    x->fn(x->arg);
    return true;
}

static char s_gpio_log[512];
static GPIO_INTERRUPT_SERVICE_ROUTINE s_isr;
static GPIO_PIN s_isr_pin;
static GPIO_INT_EDGE s_isr_edge;
static GpioPinValue s_pins[128];
static void Log(const char *fmt, unsigned a, unsigned b)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, fmt, a, b);
    strncat(s_gpio_log, tmp, sizeof s_gpio_log - strlen(s_gpio_log) - 1);
}
bool CPU_GPIO_ReservePin(GPIO_PIN, bool)
{
    return true;
}
bool CPU_GPIO_EnableOutputPin(GPIO_PIN pin, GpioPinValue v, PinMode)
{
    Log("o%u=%u ", pin, v);
    s_pins[pin] = v;
    return true;
}
bool CPU_GPIO_EnableInputPin(GPIO_PIN pin, uint32_t, GPIO_INTERRUPT_SERVICE_ROUTINE isr, void *, GPIO_INT_EDGE edge,
                             PinMode)
{
    Log("i%u/%u ", pin, edge);
    if (isr)
    {
        s_isr = isr;
        s_isr_pin = pin;
        s_isr_edge = edge;
    }
    return true;
}
GpioPinValue CPU_GPIO_GetPinState(GPIO_PIN pin)
{
    return s_pins[pin];
}
void CPU_GPIO_SetPinState(GPIO_PIN pin, GpioPinValue v)
{
    Log("s%u=%u ", pin, v);
    s_pins[pin] = v;
}

// ---- fake SD / file system -----------------------------------------------------------------------
extern "C" {
sd_card_t g_sd;
static char s_sd_log[64];
static void SdLog(char c)
{
    size_t n = strlen(s_sd_log);
    if (n + 1 < sizeof s_sd_log)
    {
        s_sd_log[n] = c;
    }
}
status_t SD_HostInit(sd_card_t *)
{
    SdLog('H');
    return kStatus_Success;
}
void SD_HostDeinit(sd_card_t *)
{
    SdLog('h');
}
status_t SD_CardInit(sd_card_t *)
{
    SdLog('C');
    return kStatus_Success;
}
void SD_CardDeinit(sd_card_t *)
{
    SdLog('c');
}
}
static char s_mounted_root[8], s_mounted_fs[8];
bool FS_MountVolume(const char *rootName, uint32_t, const char *fileSystemDriver)
{
    SdLog('M');
    snprintf(s_mounted_root, sizeof s_mounted_root, "%s", rootName);
    snprintf(s_mounted_fs, sizeof s_mounted_fs, "%s", fileSystemDriver);
    return true;
}
void FS_UnmountVolume(const char *rootName)
{
    SdLog('U');
    if (strcmp(rootName, s_mounted_root) == 0)
    {
        s_mounted_root[0] = 0;
    }
}
struct FILESYSTEM_DRIVER_INTERFACE
{
    int id;
};
struct STREAM_DRIVER_INTERFACE
{
    int id;
};
FILESYSTEM_DRIVER_INTERFACE g_FATFS_FILE_SYSTEM_DriverInterface = {1};
STREAM_DRIVER_INTERFACE g_FATFS_STREAM_DriverInterface = {2};
extern uint32_t g_FS_NumVolumes;

// ---- the panel's touch controller ----------------------------------------------------------------
static fake_i2c s_bus;
static fake_device s_touch;
static fake_lpi2c_model s_model;
static bool s_gt911;

static void SetContact(unsigned count, unsigned x, unsigned y)
{
    if (s_gt911)
    {
        uint8_t *p = &s_touch.mem[RT_GT911_REG_STATUS];
        p[0] = (uint8_t)(0x80u | count);
        p[1] = 0;
        p[2] = (uint8_t)x;
        p[3] = (uint8_t)(x >> 8);
        p[4] = (uint8_t)y;
        p[5] = (uint8_t)(y >> 8);
    }
    else
    {
        s_touch.mem[2] = (uint8_t)count;
        s_touch.mem[3] = (uint8_t)(0x80u | (y >> 8)); // event 2 (contact), raw X = panel y
        s_touch.mem[4] = (uint8_t)y;
        s_touch.mem[5] = (uint8_t)(x >> 8);           // id 0, raw Y = panel x
        s_touch.mem[6] = (uint8_t)x;
    }
}

// PostManagedEvent carries the TouchPoint address in 32 bits, as on the Cortex-M7; the test is
// linked -no-pie so the glue's static ring sits below 4 GB on the host too (checked in main).
static const TouchPoint *PostedPoint(int i)
{
    return reinterpret_cast<const TouchPoint *>(static_cast<uintptr_t>(s_posted[i].data2));
}

// ---- tests -----------------------------------------------------------------------------------------
static void display_interface_initialize()
{
    DisplayInterfaceConfig cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.Screen.width = 480;
    cfg.Screen.height = 272;
    g_DisplayInterface.Initialize(cfg);
    CHECK_EQ(rt1060_display_panel(), s_gt911 ? RT_PANEL_RK043FN66HS : RT_PANEL_RK043FN02H);
    // GT911 address select: INT driven low, reset pulsed low then high, INT released
    CHECK(strstr(s_gpio_log, "o11=0 o2=0 s2=1 i11/0 ") == s_gpio_log);
    // the fake PLL never locks: eLCDIF not started, backlight not switched on
    CHECK_EQ(s_lcdif.CTRL_SET, 0u);
    CHECK(strstr(s_gpio_log, "o63=1") == NULL);
    // LPI2C1 clock: pll3_60m / 6, gate CCGR2 CG3 on
    CHECK_EQ((s_ccm[0x38 / 4] >> 19) & 0x3Fu, 5u);
    CHECK_EQ(s_ccm[0x70 / 4] & (3u << 6), 3u << 6);
    CHECK_EQ(s_lpi2c.MCR & 1u, 1u);
    CHECK_EQ(rt1060_touch_board_state().chip, s_gt911 ? RT_TOUCH_GT911 : RT_TOUCH_FT5336);
}

static void display_driver_blits()
{
    CHECK(g_DisplayDriver.Initialize());
    CHECK_EQ(g_DisplayDriver.Attributes.Width, 480);
    CHECK_EQ(g_DisplayDriver.Attributes.Height, 272);
    CHECK_EQ(g_DisplayDriver.Attributes.Orientation, DisplayOrientation_Landscape);
    CHECK_EQ(g_DisplayDriver.Attributes.BitsPerPixel, 16);
    CHECK_EQ(g_DisplayDriver.Attributes.TransferBufferSize, 480u * 272u * 2u);
    CHECK_EQ(g_DisplayDriver.SizeInBytes(), 480u * 272u * 2u);
    const uint16_t *fb = reinterpret_cast<const uint16_t *>(g_DisplayDriver.Attributes.TransferBuffer);
    CHECK((reinterpret_cast<uintptr_t>(fb) & 63u) == 0);

    // DisplayControl.Write(10, 20, 3, 2, colors): BitBlt(0, 0, w, h, w, x, y, data), BGR565 in
    uint16_t colors[6] = {0x001F, 0x07E0, 0xF800, 0x0001, 0x0020, 0x0800};
    g_DisplayDriver.BitBlt(0, 0, 3, 2, 3, 10, 20, reinterpret_cast<CLR_UINT32 *>(colors));
    CHECK_EQ(fb[20 * 480 + 10], 0xF800); // red
    CHECK_EQ(fb[20 * 480 + 11], 0x07E0);
    CHECK_EQ(fb[20 * 480 + 12], 0x001F); // blue
    CHECK_EQ(fb[21 * 480 + 10], 0x0800);
    CHECK_EQ(fb[21 * 480 + 12], 0x0001);

    // managed coordinates past the right edge: clipped, the next row untouched
    uint16_t row[8] = {0x07E0, 0x07E0, 0x07E0, 0x07E0, 0x07E0, 0x07E0, 0x07E0, 0x07E0};
    g_DisplayDriver.BitBlt(0, 0, 8, 1, 8, 476, 100, reinterpret_cast<CLR_UINT32 *>(row));
    CHECK_EQ(fb[100 * 480 + 479], 0x07E0);
    CHECK_EQ(fb[101 * 480 + 0], 0);
    g_DisplayDriver.BitBlt(0, 0, 8, 1, 8, 65535, 65535, reinterpret_cast<CLR_UINT32 *>(row));

    CHECK(g_DisplayDriver.ChangeOrientation(DisplayOrientation_Portrait));
    CHECK_EQ(g_DisplayDriver.Attributes.Width, 272);
    CHECK_EQ(g_DisplayDriver.Attributes.Height, 480);
    g_DisplayDriver.BitBlt(0, 0, 1, 1, 1, 0, 0, reinterpret_cast<CLR_UINT32 *>(colors));
    CHECK_EQ(fb[479], 0xF800);
    CHECK(!g_DisplayDriver.ChangeOrientation(static_cast<DisplayOrientation>(9)));
    CHECK_EQ(g_DisplayDriver.Attributes.Width, 272);
    g_DisplayDriver.SetDefaultOrientation();
    CHECK_EQ(g_DisplayDriver.Attributes.Width, 480);

    g_DisplayDriver.Clear();
    CHECK_EQ(fb[20 * 480 + 10], 0);
    g_DisplayDriver.DisplayBrightness(0);
    CHECK(strstr(s_gpio_log, "s63=0") != NULL);
}

static void graphics_heap_outside_framebuffer()
{
    CLR_UINT8 *start = NULL, *end = NULL;
    CHECK(g_GraphicsMemory.GraphicsHeapLocation(0, start, end));
    CHECK_EQ(end - start, 1024 * 1024);
    const CLR_UINT8 *fb = g_DisplayDriver.Attributes.TransferBuffer;
    CHECK(end <= fb || start >= fb + 480 * 272 * 2);
}

static void touch_events_reach_postmanagedevent()
{
    s_nposted = 0;
    rt1060_touch_board_start();
    CHECK(s_isr != NULL);
    CHECK_EQ(s_isr_pin, 11u);
    CHECK_EQ(s_isr_edge, GPIO_INT_EDGE_BOTH);
    Completion *poll = NULL;
    for (auto &x : s_completions)
    {
        if (x.c && x.fn)
        {
            poll = &x; // the first completion initialised is the touch poll
            break;
        }
    }
    CHECK(poll != NULL);
    if (!poll)
    {
        return;
    }

    SetContact(1, 200, 100);
    s_now = 5000000;
    s_isr(11, false, NULL);
    CHECK(poll->linked);
    CHECK_EQ(poll->delta, 0u); // the ISR only schedules; I2C runs in the completion
    CHECK(RunCompletion(poll));
    CHECK_EQ(s_nposted, 1);
    CHECK_EQ(s_posted[0].category, EVENT_TOUCH);
    CHECK_EQ(s_posted[0].sub, TouchPanelStylusDown);
    CHECK_EQ(s_posted[0].count, 1);
    const TouchPoint *p = PostedPoint(0);
    CHECK_EQ(p->location & 0x3FFF, 200u);
    CHECK_EQ((p->location >> 14) & 0x3FFF, 100u);
    CHECK_EQ(p->contact, (CLR_UINT32)TouchPointContactFlags_Primary);
    CHECK_EQ(p->time, 5000000);
    CHECK(poll->linked); // keeps sampling while down
    CHECK_EQ(poll->delta, 1000000u / RT1060_TOUCH_SAMPLE_HZ); // microseconds: 16,666 at 60 Hz

    SetContact(1, 230, 110);
    CHECK(RunCompletion(poll));
    CHECK_EQ(s_nposted, 2);
    CHECK_EQ(s_posted[1].sub, TouchPanelStylusMove);
    CHECK_EQ(PostedPoint(1)->location & 0x3FFF, 230u);

    SetContact(0, 0, 0);
    CHECK(RunCompletion(poll));
    CHECK_EQ(s_nposted, 3);
    CHECK_EQ(s_posted[2].sub, TouchPanelStylusUp);
    CHECK_EQ(PostedPoint(2)->location & 0x3FFF, 230u);
    CHECK(!poll->linked); // idle until the next INT edge
    if (s_gt911)
    {
        CHECK_EQ(s_touch.mem[RT_GT911_REG_STATUS], 0); // buffer status cleared over LPI2C
    }
}

static void touch_interface_write_read()
{
    TouchInterface ti;
    CHECK(ti.Initialize());
    if (s_gt911)
    {
        CLR_UINT8 reg[2] = {0x81, 0x40}; // product id
        CLR_UINT8 *r = ti.Write_Read(reg, 2, 3);
        CHECK(memcmp(r, "911", 3) == 0);
    }
    else
    {
        s_touch.mem[0xA8] = 0x51;
        CLR_UINT8 reg = 0xA8;
        CLR_UINT8 *r = ti.Write_Read(&reg, 1, 1);
        CHECK_EQ(r[0], 0x51);
    }
    CLR_UINT8 reg = 0;
    CLR_UINT8 *r = ti.Write_Read(&reg, 1, 33); // more than the interface buffer: zeros, no overrun
    CHECK_EQ(r[0], 0);
}

static void sd_card_mounts_as_d()
{
    CHECK_EQ(g_InstalledFSCount, 1u);
    CHECK(g_AvailableFSInterfaces[0].fsDriver == &g_FATFS_FILE_SYSTEM_DriverInterface);
    FS_AddVolumes();
    CHECK_EQ(g_FS_NumVolumes, 0u);
    s_pins[60] = GpioPinValue_High; // no card (detect is active low)
    s_now = 0;
    FS_MountRemovableVolumes();
    CHECK_EQ(rt1060_sd_state().state, RT_SD_NO_CARD);
    CHECK(strstr(s_gpio_log, "i60/0") != NULL);
    bool polling = false;
    for (auto &x : s_completions)
    {
        polling = polling || (x.c && x.linked && x.delta == 50000u); // 50 ms card-detect poll, in us
    }
    CHECK(polling);
    s_pins[60] = GpioPinValue_Low;
    CHECK_EQ(rt1060_sd_step(1000), RT_SD_DEBOUNCE);
    CHECK_EQ(rt1060_sd_step(1100), RT_SD_DEBOUNCE);
    CHECK_EQ(rt1060_sd_step(1150), RT_SD_MOUNTED);
    CHECK(strcmp(s_sd_log, "HCM") == 0);
    CHECK(strcmp(s_mounted_root, "D:") == 0);
    CHECK(strcmp(s_mounted_fs, "FATFS") == 0);
    CHECK_EQ(reinterpret_cast<uintptr_t>(g_sd.host.base), 0x402C0000u);
    CHECK_EQ(g_sd.host.sourceClock_Hz, 198000000u);
    s_pins[60] = GpioPinValue_High;
    CHECK_EQ(rt1060_sd_step(2000), RT_SD_NO_CARD);
    CHECK(strcmp(s_sd_log, "HCMUch") == 0);
    CHECK_EQ(s_mounted_root[0], 0);
}

int main(int argc, char **argv)
{
    s_gt911 = argc > 1 && strcmp(argv[1], "gt911") == 0;
    if (reinterpret_cast<uintptr_t>(&s_bus) > 0xFFFFFFFFu)
    {
        printf("FAIL  test_glue must be linked -no-pie (32-bit event data needs static data below 4 GB)\n");
        return 1;
    }
    fake_i2c_reset(&s_bus);
    memset(s_touch.mem, 0, sizeof s_touch.mem);
    if (s_gt911)
    {
        fake_i2c_add(&s_bus, &s_touch, RT_GT911_ADDR_PRIMARY, 2);
        memcpy(&s_touch.mem[RT_GT911_REG_PRODUCT_ID], "911", 3);
        s_touch.mem[RT_GT911_REG_X_RESOLUTION] = 0xE0;
        s_touch.mem[RT_GT911_REG_X_RESOLUTION + 1] = 0x01;
        s_touch.mem[RT_GT911_REG_X_RESOLUTION + 2] = 0x10;
        s_touch.mem[RT_GT911_REG_X_RESOLUTION + 3] = 0x01;
    }
    else
    {
        fake_i2c_add(&s_bus, &s_touch, RT_FT5336_ADDR, 1);
    }
    fake_lpi2c_attach(&s_model, &s_bus, &s_lpi2c);

    const char *panel = s_gt911 ? "EVKB/GT911" : "EVK/FT5336";
    char label[160];
    snprintf(label, sizeof label, "glue %s: DisplayInterface::Initialize detects the panel, no PLL lock -> no scan-out", panel);
    RUN(display_interface_initialize, label);
    snprintf(label, sizeof label, "glue %s: DisplayDriver BitBlt (DisplayControl.Write), clipping, orientation", panel);
    RUN(display_driver_blits, label);
    snprintf(label, sizeof label, "glue %s: graphics heap is 1 MB and disjoint from the framebuffer", panel);
    RUN(graphics_heap_outside_framebuffer, label);
    snprintf(label, sizeof label, "glue %s: INT edge -> completion -> PostManagedEvent(EVENT_TOUCH) down/move/up", panel);
    RUN(touch_events_reach_postmanagedevent, label);
    snprintf(label, sizeof label, "glue %s: TouchInterface::Write_Read reads the controller, refuses oversize reads", panel);
    RUN(touch_interface_write_read, label);
    snprintf(label, sizeof label, "glue %s: card detect -> SD_HostInit/SD_CardInit -> FS_MountVolume(D:, FATFS) -> unmount", panel);
    RUN(sd_card_mounts_as_d, label);
    printf("glue %s: %d passed, %d failed\n", panel, g_cases_run - g_cases_failed, g_cases_failed);
    return g_cases_failed ? 1 : 0;
}
