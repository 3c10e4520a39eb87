namespace DigitLock.Tflite.Quantization;

public sealed record QuantizationOptions
{
    public CalibrationMethod Method { get; init; } = CalibrationMethod.MinMax;

    /// <summary>Upper percentile for <see cref="CalibrationMethod.Percentile"/>; the lower one is 100 minus it.</summary>
    public double Percentile { get; init; } = 99.99;

    /// <summary>
    /// Per-channel Dense weights. Off by default, as TFLite's converter: FULLY_CONNECTED kernels of older
    /// TFLite runtimes accept only one weight scale.
    /// </summary>
    public bool PerChannelDense { get; init; }

    /// <summary>Values kept per tensor for percentiles (min/max are always exact).</summary>
    public int SampleCapacity { get; init; } = 1 << 20;

    public int Seed { get; init; } = 1;
}
