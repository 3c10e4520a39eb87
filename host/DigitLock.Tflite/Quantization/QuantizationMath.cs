namespace DigitLock.Tflite.Quantization;

/// <summary>Affine int8 parameters: real = Scale * (q - ZeroPoint).</summary>
public readonly record struct AffineParams(float Scale, int ZeroPoint)
{
    public int Quantize(float real) =>
        Math.Clamp((int)Math.Round(real / Scale + ZeroPoint, MidpointRounding.AwayFromZero), sbyte.MinValue, sbyte.MaxValue);

    public float Dequantize(int q) => Scale * (q - ZeroPoint);
}

/// <summary>The arithmetic of TFLite's post-training int8 scheme, one function per rule.</summary>
public static class QuantizationMath
{
    public const int Int8Min = -128;
    public const int Int8Max = 127;

    /// <summary>Weights use the narrow range [-127, 127] so that -w is always representable.</summary>
    public const int WeightMax = 127;

    /// <summary>
    /// Asymmetric int8 parameters for a real range. The range is widened to include 0 and the zero point
    /// rounded to an integer ("nudged"), so real 0 (padding, ReLU's floor) is exactly representable.
    /// </summary>
    public static AffineParams ChooseAsymmetric(double min, double max)
    {
        if (double.IsNaN(min) || double.IsNaN(max) || double.IsInfinity(min) || double.IsInfinity(max))
        {
            throw new ArgumentException($"activation range [{min}, {max}] is not finite");
        }

        min = Math.Min(min, 0);
        max = Math.Max(max, 0);
        if (max - min < 1e-9)
        {
            // A tensor that is always 0: any scale represents it; keep one that multiplies sanely.
            max = min + 1e-3;
        }

        var scale = (float)((max - min) / (Int8Max - Int8Min));
        var zeroPointFromMin = Int8Min - min / scale;
        var zeroPoint = zeroPointFromMin <= Int8Min ? Int8Min
            : zeroPointFromMin >= Int8Max ? Int8Max
            : (int)Math.Round(zeroPointFromMin, MidpointRounding.AwayFromZero);
        return new AffineParams(scale, zeroPoint);
    }

    /// <summary>
    /// Symmetric int8 quantization of weights, one scale per output channel: scale = max|w| / 127,
    /// zero point 0. <paramref name="channelOf"/> maps a weight's index to its channel.
    /// </summary>
    public static (sbyte[] Values, float[] Scales) SymmetricPerChannel(float[] weights, int channels, Func<int, int> channelOf)
    {
        var maxAbs = new float[channels];
        for (var i = 0; i < weights.Length; i++)
        {
            var c = channelOf(i);
            maxAbs[c] = Math.Max(maxAbs[c], Math.Abs(weights[i]));
        }

        // An all-zero channel quantizes to zeros under any scale; 1/127 keeps its bias scale ordinary.
        var scales = maxAbs.Select(m => m > 0f ? m / WeightMax : 1f / WeightMax).ToArray();
        var values = new sbyte[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            var q = Math.Round(weights[i] / scales[channelOf(i)], MidpointRounding.AwayFromZero);
            values[i] = (sbyte)Math.Clamp(q, -WeightMax, WeightMax);
        }

        return (values, scales);
    }

    /// <summary>Bias scale TFLite requires: input scale x weight scale (so the bias adds straight onto the int32 accumulator).</summary>
    public static float BiasScale(float inputScale, float weightScale) => (float)((double)inputScale * weightScale);

    public static int QuantizeBias(float bias, float biasScale)
    {
        var q = Math.Round(bias / (double)biasScale, MidpointRounding.AwayFromZero);
        return (int)Math.Clamp(q, int.MinValue, int.MaxValue);
    }

    /// <summary>
    /// TFLite's QuantizeMultiplier: real = multiplier * 2^(shift - 31) with multiplier a Q31 value in
    /// [2^30, 2^31). Computed in double with frexp's decomposition, the fraction rounded half away from zero.
    /// </summary>
    public static (int Multiplier, int Shift) QuantizeMultiplier(double real)
    {
        if (real == 0)
        {
            return (0, 0);
        }

        var (fraction, exponent) = Frexp(real);
        var q = (long)Math.Round(fraction * (1L << 31), MidpointRounding.AwayFromZero);
        if (q == 1L << 31)
        {
            q /= 2;
            exponent++;
        }

        if (exponent < -31)
        {
            return (0, 0);
        }

        return ((int)q, exponent);
    }

    /// <summary>real = fraction * 2^exponent with |fraction| in [0.5, 1), as C's frexp.</summary>
    public static (double Fraction, int Exponent) Frexp(double real)
    {
        if (real == 0 || double.IsNaN(real) || double.IsInfinity(real))
        {
            return (real, 0);
        }

        var exponent = (int)Math.Floor(Math.Log2(Math.Abs(real))) + 1;
        var fraction = Math.ScaleB(real, -exponent);
        // Log2 can land one off near powers of two; frexp's contract is exact.
        if (Math.Abs(fraction) >= 1)
        {
            fraction /= 2;
            exponent++;
        }
        else if (Math.Abs(fraction) < 0.5)
        {
            fraction *= 2;
            exponent--;
        }

        return (fraction, exponent);
    }
}
