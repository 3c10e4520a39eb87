/*
 * DigitLock engine harness, compiled twice from this one file: for the Cortex-M7 (QEMU
 * mps2-an500, output through semihosting) and for the host. Both builds embed the same model
 * and inputs, so a test can require byte-identical output lines.
 *
 * Usage: harness [ref|opt]   (on the M7: -semihosting-config ...,arg=harness,arg=ref)
 *
 * Output (stdout), one fact per line:
 *   model_bytes N / arena_required N / activation_bytes N / kernels ref|opt
 *   op I NAME macs N weight_bytes N
 *   input_bytes N / output_bytes N / inferences N
 *   out I HEX        output bytes of inference I
 * Exit status: 0 ok, 2 bad model or harness configuration, 3 inference failed.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "dl_engine.h"

#ifndef DL_M7_ARENA_BYTES
#define DL_M7_ARENA_BYTES (1024 * 1024)
#endif

extern const uint8_t dl_m7_model[], dl_m7_model_end[];
extern const uint8_t dl_m7_inputs[], dl_m7_inputs_end[];

static uint8_t arena[DL_M7_ARENA_BYTES] __attribute__((aligned(16)));

/* Whole-inference markers for the QEMU instruction-count plugin (its begin/end addresses come
 * from nm). noipa keeps GCC from inlining them or folding the two identical bodies into one
 * address; the asm keeps the calls. */
__attribute__((noipa)) void dl_m7_inference_begin(int index)
{
    __asm__ volatile("" : : "r"(index) : "memory");
}

__attribute__((noipa)) void dl_m7_inference_end(int index)
{
    __asm__ volatile("" : : "r"(index) : "memory");
}

/* Input used when no input file was embedded (benchmarks): deterministic and spread over the
 * whole int8 range, so data-dependent paths (ReLU clamps, max-pool) see a mix. */
static void synthetic_input(uint8_t *dst, int bytes)
{
    uint32_t state = 12345u;
    for (int i = 0; i < bytes; i++) {
        state = state * 1103515245u + 12345u;
        dst[i] = (uint8_t)(state >> 16);
    }
}

static void print_hex_line(int index, const uint8_t *bytes, int count)
{
    static const char digits[] = "0123456789abcdef";
    printf("out %d ", index);
    for (int i = 0; i < count; i++) {
        putchar(digits[bytes[i] >> 4]);
        putchar(digits[bytes[i] & 15]);
    }
    putchar('\n');
}

int main(int argc, char **argv)
{
    int variant = 1;
    if (argc > 1) {
        if (strcmp(argv[1], "ref") == 0) {
            variant = 0;
        } else if (strcmp(argv[1], "opt") != 0) {
            fprintf(stderr, "error: unknown kernel variant '%s' (expected ref or opt)\n", argv[1]);
            return 2;
        }
    }

    const size_t model_len = (size_t)(dl_m7_model_end - dl_m7_model);
    const size_t inputs_len = (size_t)(dl_m7_inputs_end - dl_m7_inputs);
    dl_error err;
    size_t need = 0;
    if (dl_arena_required(dl_m7_model, model_len, &need, &err) != DL_OK) {
        fprintf(stderr, "error: model rejected: %s\n", err.message);
        return 2;
    }
    if (need > sizeof arena) {
        fprintf(stderr, "error: the model needs a %lu-byte arena, the harness has %lu (configure with -DDL_M7_ARENA_BYTES=)\n",
                (unsigned long)need, (unsigned long)sizeof arena);
        return 2;
    }
    dl_engine *engine;
    if (dl_prepare(dl_m7_model, model_len, arena, sizeof arena, &engine, &err) != DL_OK) {
        fprintf(stderr, "error: prepare failed: %s\n", err.message);
        return 2;
    }
    dl_set_kernel_variant(engine, variant);

    printf("model_bytes %lu\n", (unsigned long)model_len);
    printf("arena_required %lu\n", (unsigned long)need);
    printf("activation_bytes %lu\n", (unsigned long)dl_activation_bytes(engine));
    printf("kernels %s\n", variant == 0 ? "ref" : "opt");
    const int ops = dl_op_count(engine);
    for (int i = 0; i < ops; i++) {
        dl_op_info info;
        if (dl_get_op_info(engine, i, &info) != DL_OK) {
            fprintf(stderr, "error: dl_get_op_info(%d) failed\n", i);
            return 2;
        }
        /* nano printf has no %lld: MAC counts of these models fit 32 bits comfortably,
         * but print them in two halves so nothing is silently truncated. */
        unsigned long hi = (unsigned long)((uint64_t)info.macs / 1000000000u);
        unsigned long lo = (unsigned long)((uint64_t)info.macs % 1000000000u);
        if (hi != 0) {
            printf("op %d %s macs %lu%09lu weight_bytes %ld\n", i, info.name, hi, lo, (long)info.weight_bytes);
        } else {
            printf("op %d %s macs %lu weight_bytes %ld\n", i, info.name, lo, (long)info.weight_bytes);
        }
    }

    const int in_bytes = dl_input_bytes(engine, 0);
    const int out_bytes = dl_output_bytes(engine, 0);
    if (in_bytes <= 0 || out_bytes <= 0) {
        fprintf(stderr, "error: the model has no usable input/output tensor\n");
        return 2;
    }
    int count = 1;
    if (inputs_len > 0) {
        if (inputs_len % (size_t)in_bytes != 0) {
            fprintf(stderr, "error: embedded inputs are %lu bytes, not a multiple of the model's %d-byte input\n",
                    (unsigned long)inputs_len, in_bytes);
            return 2;
        }
        count = (int)(inputs_len / (size_t)in_bytes);
    }
    printf("input_bytes %d\noutput_bytes %d\ninferences %d\n", in_bytes, out_bytes, count);

    for (int n = 0; n < count; n++) {
        uint8_t *input = dl_input_data(engine, 0);
        if (inputs_len > 0) {
            memcpy(input, dl_m7_inputs + (size_t)n * (size_t)in_bytes, (size_t)in_bytes);
        } else {
            synthetic_input(input, in_bytes);
        }
        dl_m7_inference_begin(n);
        int status = dl_invoke(engine, &err);
        dl_m7_inference_end(n);
        if (status != DL_OK) {
            fprintf(stderr, "error: inference %d failed: %s\n", n, err.message);
            return 3;
        }
        print_hex_line(n, dl_output_data(engine, 0), out_bytes);
    }
    fflush(stdout);
    return 0;
}
