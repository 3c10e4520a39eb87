namespace DigitLock.Tflite.Graph;

/// <summary>
/// Max or average pooling per channel. Only taps inside the input count (TFLite semantics): a SAME
/// border never contributes a zero, and an average divides by the number of valid taps.
/// </summary>
public abstract class Pool2DLayer : FloatLayer
{
    protected Pool2DLayer(
        int filterHeight, int filterWidth, int strideHeight, int strideWidth, Padding padding,
        FusedActivation activation, string? name)
        : base(name)
    {
        if (filterHeight <= 0 || filterWidth <= 0 || strideHeight <= 0 || strideWidth <= 0)
        {
            throw new ArgumentException($"{Kind}: filter and strides must be positive");
        }

        FilterHeight = filterHeight;
        FilterWidth = filterWidth;
        StrideHeight = strideHeight;
        StrideWidth = strideWidth;
        Padding = padding;
        Activation = activation;
    }

    public int FilterHeight { get; }

    public int FilterWidth { get; }

    public int StrideHeight { get; }

    public int StrideWidth { get; }

    public Padding Padding { get; }

    public FusedActivation Activation { get; }

    public override TensorShape OutputShape(TensorShape input)
    {
        if (!input.IsImage)
        {
            throw Misfit(input, "needs height x width x channels");
        }

        var h = PaddingMath.OutputSize(Padding, input.Height, FilterHeight, StrideHeight);
        var w = PaddingMath.OutputSize(Padding, input.Width, FilterWidth, StrideWidth);
        if (h <= 0 || w <= 0)
        {
            throw Misfit(input, $"filter {FilterHeight}x{FilterWidth} does not fit (VALID padding)");
        }

        return new TensorShape(h, w, input.Channels);
    }

    public override float[] Forward(float[] x, TensorShape input)
    {
        var output = OutputShape(input);
        var (inH, inW, c) = (input.Height, input.Width, input.Channels);
        var padTop = PaddingMath.PadBefore(Padding, inH, FilterHeight, StrideHeight);
        var padLeft = PaddingMath.PadBefore(Padding, inW, FilterWidth, StrideWidth);
        var y = new float[output.Size];
        var at = 0;
        for (var oy = 0; oy < output.Height; oy++)
        {
            for (var ox = 0; ox < output.Width; ox++)
            {
                for (var ch = 0; ch < c; ch++)
                {
                    var taps = 0;
                    var acc = Start;
                    for (var fy = 0; fy < FilterHeight; fy++)
                    {
                        var iy = oy * StrideHeight - padTop + fy;
                        for (var fx = 0; fx < FilterWidth; fx++)
                        {
                            var ix = ox * StrideWidth - padLeft + fx;
                            if (iy >= 0 && iy < inH && ix >= 0 && ix < inW)
                            {
                                acc = Accumulate(acc, x[(iy * inW + ix) * c + ch]);
                                taps++;
                            }
                        }
                    }

                    y[at++] = FusedActivationMath.Apply(Activation, taps == 0 ? 0f : Finish(acc, taps));
                }
            }
        }

        return y;
    }

    /// <summary>The reduction's starting value, one step, and the result from the valid taps.</summary>
    protected abstract float Start { get; }

    protected abstract float Accumulate(float acc, float tap);

    protected abstract float Finish(float acc, int taps);
}

public sealed class MaxPool2DLayer : Pool2DLayer
{
    public MaxPool2DLayer(
        int filterHeight, int filterWidth, int strideHeight, int strideWidth, Padding padding = Padding.Valid,
        FusedActivation activation = FusedActivation.None, string? name = null)
        : base(filterHeight, filterWidth, strideHeight, strideWidth, padding, activation, name)
    {
    }

    public override string Kind => "MaxPool2D";

    protected override float Start => float.NegativeInfinity;

    protected override float Accumulate(float acc, float tap) => Math.Max(acc, tap);

    protected override float Finish(float acc, int taps) => acc;
}

public sealed class AveragePool2DLayer : Pool2DLayer
{
    public AveragePool2DLayer(
        int filterHeight, int filterWidth, int strideHeight, int strideWidth, Padding padding = Padding.Valid,
        FusedActivation activation = FusedActivation.None, string? name = null)
        : base(filterHeight, filterWidth, strideHeight, strideWidth, padding, activation, name)
    {
    }

    public override string Kind => "AveragePool2D";

    protected override float Start => 0f;

    protected override float Accumulate(float acc, float tap) => acc + tap;

    protected override float Finish(float acc, int taps) => acc / taps;
}
