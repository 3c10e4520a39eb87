using System;

namespace DigitLock.Core.Inference
{
    /// <summary>
    /// The integer and float steps of int8 inference, written to give the same bits as the C
    /// engine (dl_fixedpoint.h, quant.c, softmax_s8.c) and therefore as TensorFlow Lite. Every
    /// float intermediate is cast to float explicitly: the CLI may keep floats in wider registers
    /// otherwise, and one extra bit of precision changes a rounding tie.
    /// </summary>
    public static class QuantMath
    {
        public static int Clamp(int v, int lo, int hi)
        {
            return v < lo ? lo : (v > hi ? hi : v);
        }

        /// <summary>gemmlowp SaturatingRoundingDoublingHighMul: round(a*b / 2^31), ties away from zero, truncating division.</summary>
        public static int SaturatingRoundingDoublingHighMul(int a, int b)
        {
            if (a == int.MinValue && b == int.MinValue)
                return int.MaxValue;
            long ab = (long)a * b;
            long nudge = ab >= 0 ? (1L << 30) : (1 - (1L << 30));
            return (int)((ab + nudge) / (1L << 31));
        }

        /// <summary>gemmlowp RoundingDivideByPOT: x / 2^exponent, ties away from zero (0 &lt;= exponent &lt;= 31).</summary>
        public static int RoundingDivideByPowerOfTwo(int x, int exponent)
        {
            int mask = (int)((1L << exponent) - 1);
            int remainder = x & mask;
            int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
            return (x >> exponent) + (remainder > threshold ? 1 : 0);
        }

        /// <summary>TFLite MultiplyByQuantizedMultiplier; the left shift wraps like TFLite's two's complement multiply.</summary>
        public static int MultiplyByQuantizedMultiplier(int x, int multiplier, int shift)
        {
            int left = shift > 0 ? shift : 0;
            int right = shift > 0 ? 0 : -shift;
            return RoundingDivideByPowerOfTwo(SaturatingRoundingDoublingHighMul((int)((uint)x << left), multiplier), right);
        }

        /// <summary>
        /// TFLite QuantizeMultiplier: frexp, the fraction scaled to Q31 rounding half away from
        /// zero, the 2^31 corner renormalised, tiny values flushed to zero.
        /// </summary>
        public static void QuantizeMultiplier(double real, out int multiplier, out int shift)
        {
            if (real == 0.0)
            {
                multiplier = 0;
                shift = 0;
                return;
            }

            int exp;
            double q = Frexp(real, out exp);
            long qFixed = RoundHalfAwayFromZero(q * 2147483648.0);
            if (qFixed == (1L << 31))
            {
                qFixed /= 2;
                ++exp;
            }

            if (exp < -31)
            {
                exp = 0;
                qFixed = 0;
            }

            multiplier = (int)qFixed;
            shift = exp;
        }

        /// <summary>C frexp for finite non-zero values: x = fraction * 2^exp with 0.5 &lt;= |fraction| &lt; 1.</summary>
        public static double Frexp(double x, out int exp)
        {
            long bits = BitConverter.DoubleToInt64Bits(x);
            int e = (int)((bits >> 52) & 0x7FF);
            int bias = 1022;
            if (e == 0)
            {
                // subnormal: scale into the normal range first (exact, a power of two)
                bits = BitConverter.DoubleToInt64Bits(x * 18014398509481984.0); // 2^54
                e = (int)((bits >> 52) & 0x7FF);
                bias += 54;
            }

            exp = e - bias;
            return BitConverter.Int64BitsToDouble((bits & ~(0x7FFL << 52)) | (1022L << 52));
        }

        /// <summary>C round(): nearest integer, halves away from zero (|x| below 2^62).</summary>
        public static long RoundHalfAwayFromZero(double x)
        {
            long t = (long)x;
            double frac = x - t;
            if (frac >= 0.5)
                return t + 1;
            if (frac <= -0.5)
                return t - 1;
            return t;
        }

        /// <summary>C roundf() for |x| below 2^31.</summary>
        public static int RoundHalfAwayFromZero(float x)
        {
            int t = (int)x;
            float frac = (float)(x - t);
            if (frac >= 0.5f)
                return t + 1;
            if (frac <= -0.5f)
                return t - 1;
            return t;
        }

        /// <summary>
        /// Round half to even, as the C engine's 1.5*2^23 trick and the VCVTR instruction do
        /// (|x| below 2^22). Written without the trick because the trick needs the addition to be
        /// rounded to float, which an interpreter holding floats as doubles would not do.
        /// </summary>
        public static int RoundHalfToEven(float x)
        {
            int t = (int)x;
            float frac = (float)(x - t);
            if (frac > 0.5f || (frac == 0.5f && (t & 1) != 0))
                return t + 1;
            if (frac < -0.5f || (frac == -0.5f && (t & 1) != 0))
                return t - 1;
            return t;
        }

        /// <summary>
        /// Output stage of CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED, as dl_requant_out: with a
        /// float scale XNNPACK's fp32 requantization (float(acc)*scale, clamp, round half to even),
        /// otherwise TFLite's integer MultiplyByQuantizedMultiplier.
        /// </summary>
        public static int RequantizeFloat(int acc, float scale, int zeroPoint, int lo, int hi)
        {
            float v = (float)((float)acc * scale);
            float flo = lo - zeroPoint;
            float fhi = hi - zeroPoint;
            v = v < flo ? flo : (v > fhi ? fhi : v);
            return RoundHalfToEven(v) + zeroPoint;
        }

        public static int RequantizeInteger(int acc, int multiplier, int shift, int zeroPoint, int lo, int hi)
        {
            return Clamp(MultiplyByQuantizedMultiplier(acc, multiplier, shift) + zeroPoint, lo, hi);
        }
    }
}
