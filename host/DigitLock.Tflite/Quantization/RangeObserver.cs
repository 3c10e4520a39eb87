namespace DigitLock.Tflite.Quantization;

/// <summary>How calibration turns the values a tensor took into the range its int8 grid covers.</summary>
public enum CalibrationMethod
{
    /// <summary>The smallest and largest value seen (TFLite's converter default).</summary>
    MinMax,

    /// <summary>The lower and upper percentiles, clipping rare outliers for a finer grid.</summary>
    Percentile,
}

/// <summary>
/// Watches the values one tensor takes during calibration: exact min/max, plus a bounded uniform sample
/// (reservoir sampling, seeded so runs repeat) from which percentiles are read.
/// </summary>
public sealed class RangeObserver
{
    private readonly float[] sample;
    private readonly Random random;
    private long seen;

    /// <param name="sampleCapacity">Values kept for percentiles; 0 keeps none (min/max only).</param>
    public RangeObserver(int sampleCapacity, int seed)
    {
        sample = new float[Math.Max(sampleCapacity, 0)];
        random = new Random(seed);
    }

    public float Min { get; private set; } = float.PositiveInfinity;

    public float Max { get; private set; } = float.NegativeInfinity;

    public long Count => seen;

    public void Observe(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            if (float.IsNaN(v) || float.IsInfinity(v))
            {
                throw new ArgumentException("calibration produced a non-finite activation; the float model is broken");
            }

            Min = Math.Min(Min, v);
            Max = Math.Max(Max, v);
            if (sample.Length > 0)
            {
                Keep(v);
            }

            seen++;
        }
    }

    // Reservoir sampling: after n values each has had the same chance, capacity / n, of being kept.
    private void Keep(float v)
    {
        if (seen < sample.Length)
        {
            sample[seen] = v;
            return;
        }

        var slot = random.NextInt64(seen + 1);
        if (slot < sample.Length)
        {
            sample[slot] = v;
        }
    }

    /// <summary>The calibrated range; <paramref name="percentile"/> (e.g. 99.99) is used by <see cref="CalibrationMethod.Percentile"/>.</summary>
    public (float Min, float Max) Range(CalibrationMethod method, double percentile)
    {
        if (seen == 0)
        {
            throw new InvalidOperationException("no calibration data was observed");
        }

        if (method == CalibrationMethod.MinMax)
        {
            return (Min, Max);
        }

        if (!(percentile > 50 && percentile <= 100))
        {
            throw new ArgumentException($"percentile {percentile} must be in (50, 100]");
        }

        var n = (int)Math.Min(seen, sample.Length);
        if (n == 0)
        {
            throw new InvalidOperationException("percentile calibration needs an observer that keeps a sample");
        }

        var sorted = sample.AsSpan(0, n).ToArray();
        Array.Sort(sorted);
        return (At(sorted, 100 - percentile), At(sorted, percentile));
    }

    private static float At(float[] sorted, double percentile)
    {
        var rank = percentile / 100 * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return (float)(sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo));
    }
}
