/* Cortex-M7 startup for the QEMU mps2-an500 harness: vector table, reset handler,
 * fault handler. No CMSIS: the few registers used are named here. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

extern uint32_t __stack_top;
extern uint32_t __data_start, __data_end, __data_load, __bss_start__, __bss_end__;

extern void initialise_monitor_handles(void);
extern int main(int argc, char **argv);
extern int dl_m7_command_line(char ***argv); /* harness/semihost.c */

void dl_m7_reset(void);
void dl_m7_fault(void);

#define SCB_CPACR (*(volatile uint32_t *)0xE000ED88u)

/* Only the 16 architectural exceptions: the harness uses no peripheral interrupts. */
__attribute__((section(".isr_vector"), used))
static void (*const vector_table[16])(void) = {
    (void (*)(void))(uintptr_t)&__stack_top,
    dl_m7_reset,
    dl_m7_fault, /* NMI */
    dl_m7_fault, /* HardFault */
    dl_m7_fault, /* MemManage */
    dl_m7_fault, /* BusFault */
    dl_m7_fault, /* UsageFault */
    0, 0, 0, 0,
    dl_m7_fault, /* SVCall */
    dl_m7_fault, /* DebugMonitor */
    0,
    dl_m7_fault, /* PendSV */
    dl_m7_fault, /* SysTick */
};

/* Semihosting SYS_WRITE0 / SYS_EXIT issued directly: a fault must not depend on newlib state. */
static void semihost_call(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
}

static void write_hex(const char *label, uint32_t value)
{
    char text[24];
    size_t n = strlen(label);
    memcpy(text, label, n);
    for (int i = 7; i >= 0; i--) {
        text[n++] = "0123456789abcdef"[(value >> (4 * i)) & 15u];
    }
    text[n++] = ' ';
    text[n] = '\0';
    semihost_call(0x04, text);
}

/* Called with the exception stack frame (r0-r3, r12, lr, pc, xpsr): names where it happened,
 * so an engine bug seen only on the M7 can be found with arm-none-eabi-addr2line. */
void dl_m7_fault_report(const uint32_t *frame);

__attribute__((used)) void dl_m7_fault_report(const uint32_t *frame)
{
    semihost_call(0x04, "dl_m7: processor fault: ");
    write_hex("pc=", frame[6]);
    write_hex("lr=", frame[5]);
    write_hex("cfsr=", *(volatile uint32_t *)0xE000ED28u);
    write_hex("mmfar=", *(volatile uint32_t *)0xE000ED34u);
    write_hex("bfar=", *(volatile uint32_t *)0xE000ED38u);
    semihost_call(0x04, "\n");
    semihost_call(0x18, (const void *)0x20023u); /* ADP_Stopped_RunTimeErrorUnknown: QEMU exits 1 */
    for (;;) {
    }
}

__attribute__((naked)) void dl_m7_fault(void)
{
    __asm__ volatile("tst lr, #4\n\t"
                     "ite eq\n\t"
                     "mrseq r0, msp\n\t"
                     "mrsne r0, psp\n\t"
                     "b dl_m7_fault_report");
}

#define MPU_CTRL (*(volatile uint32_t *)0xE000ED94u)
#define MPU_RNR (*(volatile uint32_t *)0xE000ED98u)
#define MPU_RBAR (*(volatile uint32_t *)0xE000ED9Cu)
#define MPU_RASR (*(volatile uint32_t *)0xE000EDA0u)

/* The code region (code, model, test inputs) is RAM in QEMU but flash on the board: make it
 * read-only so a stray engine write faults here as it would on the device, instead of
 * silently corrupting the model or the vector table. */
static void protect_code_region(void)
{
    MPU_RNR = 0;
    MPU_RBAR = 0x00000000u;
    MPU_RASR = (0x6u << 24)    /* AP: read-only, privileged and unprivileged */
             | (1u << 17)      /* C: normal memory, write-through */
             | (21u << 1)      /* SIZE: 2^(21+1) = 4 MB */
             | 1u;             /* region enable */
    MPU_CTRL = (1u << 2) | 1u; /* PRIVDEFENA (default map elsewhere) | ENABLE */
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

void dl_m7_reset(void)
{
    /* The FPU must be on before the first floating-point instruction (hard-float ABI). */
    SCB_CPACR |= 0xFu << 20;
    __asm__ volatile("dsb\n\tisb" ::: "memory");

    /* volatile pointers keep GCC from turning these loops into library calls. */
    volatile uint32_t *dst = &__data_start;
    const volatile uint32_t *src = &__data_load;
    while (dst < &__data_end) {
        *dst++ = *src++;
    }
    for (volatile uint32_t *p = &__bss_start__; p < &__bss_end__; p++) {
        *p = 0;
    }

    protect_code_region();
    initialise_monitor_handles();
    char **argv;
    int argc = dl_m7_command_line(&argv);
    exit(main(argc, argv));
}
