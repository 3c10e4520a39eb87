/*
 * Fixed workloads for tests/bench/callgrind-kernels: each bench_* function
 * runs one kernel variant on a representative shape; callgrind counts the
 * instructions inside it (--toggle-collect). Inputs are deterministic.
 *   conv: 3x3 SAME, 14x14x8 -> 14x14x16 (pico MNIST's second conv, widened)
 *   pw:   1x1, 12x12x64 -> 12x12x64 (person_detect's pointwise convs)
 *   fc:   784 -> 10 (pico MNIST's classifier) and 256 -> 64
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dl_kernels.h"

static int8_t in[14 * 14 * 64 + 64 * 144], w[64 * 784], out[64 * 144 + 64 * 196];
static int32_t bias[64], bias_zp[64], mult[64], shift[64];
static float fscale[64];
static int32_t scratch[4096];

static void setup(int channels, int per_out_weights, int32_t in_offset)
{
    uint32_t s = 12345;
    for (size_t i = 0; i < sizeof in; ++i)
        in[i] = (int8_t)((s = s * 1103515245u + 12345u) >> 24);
    for (size_t i = 0; i < sizeof w; ++i)
        w[i] = (int8_t)((s = s * 1103515245u + 12345u) >> 24);
    for (int c = 0; c < channels; ++c) {
        int32_t sum = 0;
        for (int k = 0; k < per_out_weights; ++k)
            sum += w[c * per_out_weights + k];
        bias[c] = c * 17 - 300;
        bias_zp[c] = bias[c] + in_offset * sum;
        dl_quantize_multiplier(0.0013 + c * 1e-5, &mult[c], &shift[c]);
        fscale[c] = 0.0013f + (float)c * 1e-5f;
    }
}

static dl_conv_params conv_params(int hw, int cin, int cout, int k)
{
    dl_conv_params p;
    memset(&p, 0, sizeof p);
    p.batches = 1;
    p.in_h = p.in_w = p.out_h = p.out_w = hw;
    p.in_c = cin;
    p.out_c = cout;
    p.k_h = p.k_w = k;
    p.stride_h = p.stride_w = p.dil_h = p.dil_w = 1;
    p.pad_h = p.pad_w = k / 2;
    p.depth_mult = 1;
    p.in_offset = 128;
    p.out_offset = -128;
    p.act_min = -128;
    p.act_max = 127;
    p.weights = w;
    p.bias = bias;
    p.bias_zp = bias_zp;
    p.mult = mult;
    p.shift = shift;
    p.fscale = fscale;
    p.scratch = (int16_t *)(void *)scratch;
    return p;
}

static dl_fc_params fc_params(int depth, int outs)
{
    dl_fc_params p;
    memset(&p, 0, sizeof p);
    p.batches = 1;
    p.depth = depth;
    p.out_c = outs;
    p.in_offset = 128;
    p.out_offset = 0;
    p.act_min = -128;
    p.act_max = 127;
    p.weights = w;
    p.bias = bias;
    p.bias_zp = bias_zp;
    p.mult = mult;
    p.shift = shift;
    p.fscale = fscale;
    p.scratch = (int16_t *)(void *)scratch;
    return p;
}

#define BENCH(name, call) \
    __attribute__((noinline)) void name(void) { call; __asm__ volatile("" ::: "memory"); }

static dl_conv_params g_conv, g_pw;
static dl_fc_params g_fc, g_fc2;
BENCH(bench_conv_ref, dl_conv_s8_ref(&g_conv, in, out))
BENCH(bench_conv_opt, dl_conv_s8_opt(&g_conv, in, out))
BENCH(bench_pw_ref, dl_conv_s8_ref(&g_pw, in, out))
BENCH(bench_pw_opt, dl_conv_s8_opt(&g_pw, in, out))
BENCH(bench_fc_ref, dl_fc_s8_ref(&g_fc, in, out))
BENCH(bench_fc_opt, dl_fc_s8_opt(&g_fc, in, out))
BENCH(bench_fc2_ref, dl_fc_s8_ref(&g_fc2, in, out))
BENCH(bench_fc2_opt, dl_fc_s8_opt(&g_fc2, in, out))

int main(int argc, char **argv)
{
    const char *which = argc > 1 ? argv[1] : "";
    g_conv = conv_params(14, 8, 16, 3);
    g_pw = conv_params(12, 64, 64, 1);
    g_fc = fc_params(784, 10);
    g_fc2 = fc_params(256, 64);
    if (!strncmp(which, "conv", 4)) {
        setup(16, 72, 128);
        bench_conv_ref();
        memcpy(out + 8192, out, 14 * 14 * 16);
        bench_conv_opt();
        printf("conv outputs equal: %s\n", memcmp(out, out + 8192, 14 * 14 * 16) ? "no" : "yes");
    } else if (!strncmp(which, "pw", 2)) {
        setup(64, 64, 128);
        bench_pw_ref();
        memcpy(out + 9216, out, 12 * 12 * 64);
        bench_pw_opt();
        printf("pointwise outputs equal: %s\n", memcmp(out, out + 9216, 12 * 12 * 64) ? "no" : "yes");
    } else if (!strcmp(which, "fc")) {
        setup(10, 784, 128);
        bench_fc_ref();
        memcpy(out + 100, out, 10);
        bench_fc_opt();
        printf("fc outputs equal: %s\n", memcmp(out, out + 100, 10) ? "no" : "yes");
    } else if (!strcmp(which, "fc2")) {
        setup(64, 256, 128);
        bench_fc2_ref();
        memcpy(out + 100, out, 64);
        bench_fc2_opt();
        printf("fc2 outputs equal: %s\n", memcmp(out, out + 100, 64) ? "no" : "yes");
    } else {
        fprintf(stderr, "usage: kernel_bench conv|pw|fc|fc2\n");
        return 2;
    }
    return 0;
}
