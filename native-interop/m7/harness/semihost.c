/* Command line of the M7 image, from QEMU's -semihosting-config arg=... (SYS_GET_CMDLINE),
 * so one image runs both kernel variants. */
#include <stdint.h>

#define DL_M7_MAX_ARGS 8

static char cmdline[256];
static char *args[DL_M7_MAX_ARGS + 1];

int dl_m7_command_line(char ***argv)
{
    struct {
        char *buffer;
        uint32_t length;
    } block = {cmdline, sizeof cmdline - 1};
    register uint32_t r0 __asm__("r0") = 0x15; /* SYS_GET_CMDLINE */
    register void *r1 __asm__("r1") = &block;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");

    int argc = 0;
    if (r0 == 0) {
        cmdline[block.length < sizeof cmdline ? block.length : sizeof cmdline - 1] = '\0';
        char *p = cmdline;
        while (*p != '\0' && argc < DL_M7_MAX_ARGS) {
            while (*p == ' ') {
                *p++ = '\0';
            }
            if (*p == '\0') {
                break;
            }
            args[argc++] = p;
            while (*p != '\0' && *p != ' ') {
                p++;
            }
        }
    }
    if (argc == 0) {
        args[argc++] = "dl_m7";
    }
    args[argc] = 0;
    *argv = args;
    return argc;
}
