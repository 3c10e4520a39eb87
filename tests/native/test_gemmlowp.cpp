// The engine's fixed-point helpers against gemmlowp's own implementation
// (Debian libgemmlowp-dev), and MultiplyByQuantizedMultiplier composed from
// gemmlowp exactly as TFLite composes it.
#include <cstdio>
#include <cstdint>
#include <limits>
#include <gemmlowp/fixedpoint/fixedpoint.h>

extern "C" {
#include "dl_fixedpoint.h"
}

static uint64_t s = 0x9e3779b97f4a7c15ull;
static uint32_t next()
{
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return (uint32_t)(s >> 16);
}

static int32_t tflite_mbqm(int32_t x, int32_t m, int shift)
{
    int left = shift > 0 ? shift : 0;
    int right = shift > 0 ? 0 : -shift;
    int32_t shifted = (int32_t)((uint32_t)x << left); // two's complement wrap as on TFLite's targets
    return gemmlowp::RoundingDivideByPOT(gemmlowp::SaturatingRoundingDoublingHighMul(shifted, m), right);
}

// Values that stress the edges: extremes, powers of two, random.
static int32_t pick()
{
    switch (next() % 6) {
    case 0: return std::numeric_limits<int32_t>::min() + (int32_t)(next() % 3);
    case 1: return std::numeric_limits<int32_t>::max() - (int32_t)(next() % 3);
    case 2: return (int32_t)(1u << (next() % 31)) * ((next() & 1) ? -1 : 1);
    case 3: return (int32_t)(next() % 2001) - 1000;
    default: return (int32_t)next();
    }
}

int main()
{
    long failures = 0, n = 0;
    for (int i = 0; i < 2000000; ++i, ++n) {
        int32_t a = pick(), b = pick();
        if (dl_srdhm(a, b) != gemmlowp::SaturatingRoundingDoublingHighMul(a, b)) {
            if (failures++ < 10)
                std::printf("srdhm(%d,%d): %d vs %d\n", a, b, dl_srdhm(a, b),
                            gemmlowp::SaturatingRoundingDoublingHighMul(a, b));
        }
        int e = (int)(next() % 32);
        if (dl_rdbpot(a, e) != gemmlowp::RoundingDivideByPOT(a, e)) {
            if (failures++ < 10)
                std::printf("rdbpot(%d,%d): %d vs %d\n", a, e, dl_rdbpot(a, e), gemmlowp::RoundingDivideByPOT(a, e));
        }
        // quantized multipliers are in [2^30, 2^31); shifts as QuantizeMultiplier produces them
        int32_t m = (int32_t)((1u << 30) | (next() & 0x3fffffffu));
        int sh = (int)(next() % 40) - 31;
        int32_t acc = (next() & 3) ? (int32_t)(next() % 200001) - 100000 : pick();
        if (dl_mbqm(acc, m, sh) != tflite_mbqm(acc, m, sh)) {
            if (failures++ < 10)
                std::printf("mbqm(%d,%d,%d): %d vs %d\n", acc, m, sh, dl_mbqm(acc, m, sh), tflite_mbqm(acc, m, sh));
        }
    }
    std::printf("test_gemmlowp: %ld x 3 comparisons, %ld mismatches\n", n, failures);
    return failures ? 1 : 0;
}
