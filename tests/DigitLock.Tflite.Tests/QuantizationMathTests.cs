using System.Runtime.InteropServices;
using DigitLock.Tflite.Graph;
using DigitLock.Tflite.Quantization;

namespace DigitLock.Tflite.Tests;

public sealed class QuantizationMathTests
{
    [Theory]
    [InlineData(-1.3, 2.7)]
    [InlineData(0.2, 5.0)]     // all positive: widened down to 0
    [InlineData(-4.0, -0.5)]   // all negative: widened up to 0
    [InlineData(-0.001, 100.0)]
    [InlineData(-3.0, 3.0)]
    public void Asymmetric_params_cover_the_range_and_represent_zero_exactly(double min, double max)
    {
        var p = QuantizationMath.ChooseAsymmetric(min, max);

        Assert.InRange(p.ZeroPoint, -128, 127);
        Assert.Equal(0f, p.Dequantize(p.ZeroPoint));
        Assert.Equal(p.ZeroPoint, p.Quantize(0f));
        // Nudging the zero point moves the grid by at most half a step, so it spans the widened range
        // to within half a step at each end.
        var slack = p.Scale * 0.5001;
        Assert.True(p.Dequantize(-128) <= Math.Min(min, 0) + slack);
        Assert.True(p.Dequantize(127) >= Math.Max(max, 0) - slack);
        Assert.Equal((Math.Max(max, 0) - Math.Min(min, 0)) / 255, p.Scale, 5);
    }

    [Fact]
    public void Relu_output_range_gets_zero_point_minus_128()
    {
        var p = QuantizationMath.ChooseAsymmetric(0, 6);
        Assert.Equal(-128, p.ZeroPoint);
        Assert.Equal(6f / 255f, p.Scale, 6);
    }

    [Fact]
    public void Per_channel_weights_are_symmetric_with_the_channel_max_at_127()
    {
        // Two output channels of two weights each: [0.5, -0.2] and [-2, 0.7].
        var (q, scales) = QuantizationMath.SymmetricPerChannel([0.5f, -0.2f, -2f, 0.7f], 2, i => i / 2);

        Assert.Equal(new[] { 0.5f / 127, 2f / 127 }, scales);
        Assert.Equal(new sbyte[] { 127, -51, -127, 44 }, q);
    }

    [Fact]
    public void Bias_scale_is_input_scale_times_weight_scale()
    {
        var scale = QuantizationMath.BiasScale(1f / 255f, 0.01f);
        Assert.Equal(1.0 / 255 * 0.01, scale, 9);
        Assert.Equal(255, QuantizationMath.QuantizeBias(0.01f, scale));
    }

    [Fact]
    public void Input_mapping_is_pixel_minus_128_exactly_for_every_pixel()
    {
        var n = InputNormalization.PixelOver255;
        var p = new AffineParams(n.Scale, n.Int8ZeroPoint());
        Assert.Equal(-128, p.ZeroPoint);
        for (var pixel = 0; pixel <= 255; pixel++)
        {
            Assert.Equal(pixel - 128, p.Quantize(n.Apply((byte)pixel)));
            Assert.Equal(n.Apply((byte)pixel), p.Dequantize(pixel - 128), 6);
        }

        // The pico-mnist convention, (pixel - 128) / 128, maps with zero point 0.
        Assert.Equal(0, new InputNormalization(1f / 128f, -1f).Int8ZeroPoint());
        Assert.Throws<ArgumentException>(() => new InputNormalization(1f / 255f, 0.3f).Int8ZeroPoint());
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.999999999)]
    [InlineData(1.0)]
    [InlineData(0.0003)]
    [InlineData(1e-12)]
    [InlineData(3.75)]
    public void Frexp_matches_its_definition(double value)
    {
        var (fraction, exponent) = QuantizationMath.Frexp(value);
        Assert.InRange(fraction, 0.5, 0.9999999999999999);
        Assert.Equal(value, Math.ScaleB(fraction, exponent));
    }

    /// <summary>
    /// The engine computes the same (multiplier, shift) pairs at prepare time (dl_quantize_multiplier in
    /// native-interop/engine/src/quant.c). It is internal to libdl_engine, so its source is compiled
    /// into a throwaway library here and both are compared on scales like the exporter produces.
    /// </summary>
    [RequiresFact(Needs.Gcc)]
    public void Quantize_multiplier_matches_the_engine_implementation()
    {
        var source = Path.Combine(TestEnvironment.RepoRoot, "native-interop", "engine", "src", "quant.c");
        var dir = Directory.CreateTempSubdirectory("dl-qm-");
        try
        {
            var library = Path.Combine(dir.FullName, "libquant.so");
            TestEnvironment.Run("gcc", "-std=c11", "-O2", "-shared", "-fPIC",
                "-I", Path.Combine(TestEnvironment.RepoRoot, "native-interop", "engine", "include"),
                "-I", Path.GetDirectoryName(source)!, "-o", library, source, "-lm");
            var handle = NativeLibrary.Load(library);
            try
            {
                var engine = Marshal.GetDelegateForFunctionPointer<QuantizeMultiplierFn>(NativeLibrary.GetExport(handle, "dl_quantize_multiplier"));
                var random = new Random(5);
                var reals = Enumerable.Range(0, 20_000).Select(_ => Math.Pow(2, random.NextDouble() * 40 - 36))
                    .Concat([0.0, 1.0, 0.5, 0.25, 1 - 1e-12, 1e-20, 0.011497515 * 0.0053252964 / 0.02275524]);
                foreach (var real in reals)
                {
                    engine(real, out var multiplier, out var shift);
                    Assert.Equal((multiplier, shift), QuantizationMath.QuantizeMultiplier(real));
                }
            }
            finally
            {
                NativeLibrary.Free(handle);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void QuantizeMultiplierFn(double real, out int multiplier, out int shift);
}

public sealed class RangeObserverTests
{
    [Fact]
    public void Percentiles_clip_rare_outliers_that_min_max_keeps()
    {
        var observer = new RangeObserver(sampleCapacity: 100_000, seed: 1);
        var values = Enumerable.Range(0, 50_000).Select(i => (float)(i % 1000) / 1000f).ToArray(); // uniform [0, 1)
        values[123] = 50f;                                                                             // one outlier
        observer.Observe(values);

        Assert.Equal((0f, 50f), observer.Range(CalibrationMethod.MinMax, 99.9));
        var (min, max) = observer.Range(CalibrationMethod.Percentile, 99.9);
        Assert.InRange(min, 0f, 0.002f);
        Assert.InRange(max, 0.99f, 1.0f);
    }

    [Fact]
    public void Min_max_only_observer_refuses_percentiles_and_non_finite_values()
    {
        var observer = new RangeObserver(sampleCapacity: 0, seed: 1);
        observer.Observe([1f, -2f]);
        Assert.Equal((-2f, 1f), observer.Range(CalibrationMethod.MinMax, 99.99));
        Assert.Throws<InvalidOperationException>(() => observer.Range(CalibrationMethod.Percentile, 99.99));
        Assert.Throws<ArgumentException>(() => observer.Observe([float.NaN]));
    }
}
