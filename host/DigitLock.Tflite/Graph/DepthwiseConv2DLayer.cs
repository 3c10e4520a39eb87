namespace DigitLock.Tflite.Graph;

/// <summary>
/// Depthwise convolution: input channel i feeds output channels i * DepthMultiplier + m. Weights are
/// 1HWO like TFLite (O = input channels x multiplier): index (ky * KernelWidth + kx) * O + o.
/// </summary>
public sealed class DepthwiseConv2DLayer : FloatLayer
{
    public DepthwiseConv2DLayer(
        int kernelHeight, int kernelWidth, int depthMultiplier, float[] weights, float[] bias,
        int strideHeight = 1, int strideWidth = 1, Padding padding = Padding.Same,
        FusedActivation activation = FusedActivation.None, string? name = null)
        : base(name)
    {
        if (kernelHeight <= 0 || kernelWidth <= 0 || depthMultiplier <= 0 || strideHeight <= 0 || strideWidth <= 0)
        {
            throw new ArgumentException("DepthwiseConv2D: kernel, multiplier and strides must be positive");
        }

        var taps = kernelHeight * kernelWidth;
        if (weights.Length == 0 || weights.Length % (taps * depthMultiplier) != 0)
        {
            throw new ArgumentException(
                $"DepthwiseConv2D: {weights.Length} weights is not 1 x {kernelHeight} x {kernelWidth} x (channels x {depthMultiplier}) (1HWO)");
        }

        OutputChannels = weights.Length / taps;
        if (bias.Length != OutputChannels)
        {
            throw new ArgumentException($"DepthwiseConv2D: {bias.Length} biases for {OutputChannels} output channels");
        }

        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        DepthMultiplier = depthMultiplier;
        InputChannels = OutputChannels / depthMultiplier;
        Weights = weights;
        Bias = bias;
        StrideHeight = strideHeight;
        StrideWidth = strideWidth;
        Padding = padding;
        Activation = activation;
    }

    public int KernelHeight { get; }

    public int KernelWidth { get; }

    public int DepthMultiplier { get; }

    public int InputChannels { get; }

    public int OutputChannels { get; }

    public float[] Weights { get; }

    public float[] Bias { get; }

    public int StrideHeight { get; }

    public int StrideWidth { get; }

    public Padding Padding { get; }

    public FusedActivation Activation { get; }

    public override string Kind => "DepthwiseConv2D";

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
        var y = new float[output.Size];
        var at = 0;
        for (var oy = 0; oy < output.Height; oy++)
        {
            for (var ox = 0; ox < output.Width; ox++)
            {
                for (var o = 0; o < OutputChannels; o++)
                {
                    var i = o / DepthMultiplier;
                    var sum = Bias[o];
                    for (var ky = 0; ky < KernelHeight; ky++)
                    {
                        var iy = oy * StrideHeight - padTop + ky;
                        if (iy < 0 || iy >= inH)
                        {
                            continue;
                        }

                        for (var kx = 0; kx < KernelWidth; kx++)
                        {
                            var ix = ox * StrideWidth - padLeft + kx;
                            if (ix >= 0 && ix < inW)
                            {
                                sum += Weights[(ky * KernelWidth + kx) * OutputChannels + o] * x[(iy * inW + ix) * inC + i];
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
