namespace DigitLock.Tflite.Graph;

/// <summary>
/// 2-D convolution. Weights are OHWI like TFLite: index ((o * KernelHeight + ky) * KernelWidth + kx) * InputChannels + i.
/// Bias has one value per output channel. The activation is fused (applied to the output).
/// </summary>
public sealed class Conv2DLayer : FloatLayer
{
    public Conv2DLayer(
        int outputChannels, int kernelHeight, int kernelWidth, float[] weights, float[] bias,
        int strideHeight = 1, int strideWidth = 1, Padding padding = Padding.Same,
        FusedActivation activation = FusedActivation.None, string? name = null)
        : base(name)
    {
        if (outputChannels <= 0 || kernelHeight <= 0 || kernelWidth <= 0 || strideHeight <= 0 || strideWidth <= 0)
        {
            throw new ArgumentException("Conv2D: channels, kernel and strides must be positive");
        }

        var perChannel = kernelHeight * kernelWidth;
        if (weights.Length == 0 || weights.Length % (outputChannels * perChannel) != 0)
        {
            throw new ArgumentException(
                $"Conv2D: {weights.Length} weights is not {outputChannels} x {kernelHeight} x {kernelWidth} x input channels (OHWI)");
        }

        if (bias.Length != outputChannels)
        {
            throw new ArgumentException($"Conv2D: {bias.Length} biases for {outputChannels} output channels");
        }

        OutputChannels = outputChannels;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        InputChannels = weights.Length / (outputChannels * perChannel);
        Weights = weights;
        Bias = bias;
        StrideHeight = strideHeight;
        StrideWidth = strideWidth;
        Padding = padding;
        Activation = activation;
    }

    public int OutputChannels { get; }

    public int InputChannels { get; }

    public int KernelHeight { get; }

    public int KernelWidth { get; }

    public float[] Weights { get; }

    public float[] Bias { get; }

    public int StrideHeight { get; }

    public int StrideWidth { get; }

    public Padding Padding { get; }

    public FusedActivation Activation { get; }

    public override string Kind => "Conv2D";

    public override TensorShape OutputShape(TensorShape input)
    {
        if (!input.IsImage || input.Channels != InputChannels)
        {
            throw Misfit(input, $"needs height x width x {InputChannels}");
        }

        var h = PaddingMath.OutputSize(Padding, input.Height, KernelHeight, StrideHeight);
        var w = PaddingMath.OutputSize(Padding, input.Width, KernelWidth, StrideWidth);
        if (h <= 0 || w <= 0)
        {
            throw Misfit(input, $"kernel {KernelHeight}x{KernelWidth} does not fit (VALID padding)");
        }

        return new TensorShape(h, w, OutputChannels);
    }

    public override float[] Forward(float[] x, TensorShape input)
    {
        var output = OutputShape(input);
        var (inH, inW, inC) = (input.Height, input.Width, input.Channels);
        var padTop = PaddingMath.PadBefore(Padding, inH, KernelHeight, StrideHeight);
        var padLeft = PaddingMath.PadBefore(Padding, inW, KernelWidth, StrideWidth);
        var (kh, kw, sh, sw, outC) = (KernelHeight, KernelWidth, StrideHeight, StrideWidth, OutputChannels);
        var weights = Weights;
        var y = new float[output.Size];
        var at = 0;
        for (var oy = 0; oy < output.Height; oy++)
        {
            for (var ox = 0; ox < output.Width; ox++)
            {
                for (var o = 0; o < outC; o++)
                {
                    var sum = Bias[o];
                    for (var ky = 0; ky < kh; ky++)
                    {
                        var iy = oy * sh - padTop + ky;
                        if (iy < 0 || iy >= inH)
                        {
                            continue;
                        }

                        for (var kx = 0; kx < kw; kx++)
                        {
                            var ix = ox * sw - padLeft + kx;
                            if (ix < 0 || ix >= inW)
                            {
                                continue;
                            }

                            var w = weights.AsSpan(((o * kh + ky) * kw + kx) * inC, inC);
                            var pixel = x.AsSpan((iy * inW + ix) * inC, inC);
                            for (var i = 0; i < inC; i++)
                            {
                                sum += w[i] * pixel[i];
                            }
                        }
                    }

                    y[at++] = FusedActivationMath.Apply(Activation, sum);
                }
            }
        }

        return y;
    }
}
