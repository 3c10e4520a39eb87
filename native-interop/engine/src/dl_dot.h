/*
 * Inner int8 dot products of the portable optimized kernels (hosts without
 * the Arm DSP extension). Each accumulator gets its own plain reduction loop:
 * that is the shape compilers vectorize (on x86-64 GCC -O3 turns it into
 * widening multiply-adds), which beats hand-interleaving several outputs.
 * The Cortex-M7 kernels use dl_q15.h instead.
 */
#ifndef DL_DOT_H
#define DL_DOT_H

#include <stdint.h>

static inline int32_t dl_dot_1x1(const int8_t *x, const int8_t *w, int32_t n, int32_t s)
{
    for (int32_t i = 0; i < n; ++i)
        s += (int32_t)x[i] * (int32_t)w[i];
    return s;
}

/* a0 += x.w0, a1 += x.w1 */
static inline void dl_dot_1x2(const int8_t *x, const int8_t *w0, const int8_t *w1, int32_t n, int32_t *a0,
                              int32_t *a1)
{
    *a0 = dl_dot_1x1(x, w0, n, *a0);
    *a1 = dl_dot_1x1(x, w1, n, *a1);
}

/* acc[2p+c] += x_p . w_c */
static inline void dl_dot_2x2(const int8_t *xa, const int8_t *xb, const int8_t *w0, const int8_t *w1, int32_t n,
                              int32_t *acc)
{
    acc[0] = dl_dot_1x1(xa, w0, n, acc[0]);
    acc[1] = dl_dot_1x1(xa, w1, n, acc[1]);
    acc[2] = dl_dot_1x1(xb, w0, n, acc[2]);
    acc[3] = dl_dot_1x1(xb, w1, n, acc[3]);
}

#endif
