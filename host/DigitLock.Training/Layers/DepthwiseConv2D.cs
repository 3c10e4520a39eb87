using DigitLock.Training.Core;

namespace DigitLock.Training.Layers;

/// <summary>
/// Depthwise convolution, depth multiplier 1: each channel has its own kernel. Weights are
/// [kernel, kernel, channels] (TFLite's [1, kernel, kernel, channels] without the leading 1).
/// Direct loops: the op is memory-bound and rarely large enough to pay for im2col.
/// </summary>
public sealed class DepthwiseConv2D : Layer
{
    public DepthwiseConv2D(Shape3 input, int kernel, int stride, Padding padding, Activation activation)
        : base(input, new Shape3(
            PaddingMath.OutputSize(padding, input.Height, kernel, stride),
            PaddingMath.OutputSize(padding, input.Width, kernel, stride),
            input.Channels))
    {
        if (Output.Height <= 0 || Output.Width <= 0)
        {
            throw new ArgumentException($"dwconv {kernel}x{kernel} stride {stride} does not fit input {input}");
        }

        Kernel = kernel;
        Stride = stride;
        Padding = padding;
        Activation = activation;
        PadTop = PaddingMath.PadBefore(padding, input.Height, kernel, stride);
        PadLeft = PaddingMath.PadBefore(padding, input.Width, kernel, stride);
        Weights = new Parameter("weights", [kernel, kernel, input.Channels]);
        Bias = new Parameter("bias", [input.Channels]);
    }

    public int Kernel { get; }

    public int Stride { get; }

    public Padding Padding { get; }

    public Activation Activation { get; }

    public int PadTop { get; }

    public int PadLeft { get; }

    public Parameter Weights { get; }

    public Parameter Bias { get; }

    public override string TfliteOp => "DEPTHWISE_CONV_2D";

    public override string Spec =>
        $"dwconv {Kernel}x{Kernel} s{Stride} {Padding.ToString().ToLowerInvariant()} {ActivationMath.Name(Activation)}";

    public override IReadOnlyList<Parameter> Parameters => [Weights, Bias];

    public override long Macs => (long)Output.Size * Kernel * Kernel;

    public override void Initialize(Rng rng)
    {
        HeUniform(rng, Weights.Value, Kernel * Kernel);
        Array.Clear(Bias.Value);
    }

    public override void Forward(ReadOnlySpan<float> x, Span<float> y, int n, LayerWorkspace? workspace)
    {
        var c = Input.Channels;
        var w = Weights.Value;
        for (var s = 0; s < n; s++)
        {
            var image = x.Slice(s * Input.Size, Input.Size);
            var output = y.Slice(s * Output.Size, Output.Size);
            for (var oy = 0; oy < Output.Height; oy++)
            {
                for (var ox = 0; ox < Output.Width; ox++)
                {
                    var pixel = output.Slice((oy * Output.Width + ox) * c, c);
                    Bias.Value.CopyTo(pixel);
                    for (var ky = 0; ky < Kernel; ky++)
                    {
                        var iy = oy * Stride - PadTop + ky;
                        if (iy < 0 || iy >= Input.Height)
                        {
                            continue;
                        }

                        for (var kx = 0; kx < Kernel; kx++)
                        {
                            var ix = ox * Stride - PadLeft + kx;
                            if (ix < 0 || ix >= Input.Width)
                            {
                                continue;
                            }

                            var src = (iy * Input.Width + ix) * c;
                            var tap = (ky * Kernel + kx) * c;
                            for (var ch = 0; ch < c; ch++)
                            {
                                pixel[ch] += image[src + ch] * w[tap + ch];
                            }
                        }
                    }
                }
            }
        }

        ActivationMath.Apply(Activation, y[..(n * Output.Size)]);
    }

    public override void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, int n,
        LayerWorkspace? workspace, float[][]? gradients)
    {
        dy = dy[..(n * Output.Size)];
        ActivationMath.Backward(Activation, y, dy);
        if (!dx.IsEmpty)
        {
            dx[..(n * Input.Size)].Clear();
        }

        var c = Input.Channels;
        var w = Weights.Value;
        for (var s = 0; s < n; s++)
        {
            var image = x.Slice(s * Input.Size, Input.Size);
            var gradOut = dy.Slice(s * Output.Size, Output.Size);
            var gradIn = dx.IsEmpty ? Span<float>.Empty : dx.Slice(s * Input.Size, Input.Size);
            for (var oy = 0; oy < Output.Height; oy++)
            {
                for (var ox = 0; ox < Output.Width; ox++)
                {
                    var g = (oy * Output.Width + ox) * c;
                    if (gradients != null)
                    {
                        for (var ch = 0; ch < c; ch++)
                        {
                            gradients[1][ch] += gradOut[g + ch];
                        }
                    }

                    for (var ky = 0; ky < Kernel; ky++)
                    {
                        var iy = oy * Stride - PadTop + ky;
                        if (iy < 0 || iy >= Input.Height)
                        {
                            continue;
                        }

                        for (var kx = 0; kx < Kernel; kx++)
                        {
                            var ix = ox * Stride - PadLeft + kx;
                            if (ix < 0 || ix >= Input.Width)
                            {
                                continue;
                            }

                            var src = (iy * Input.Width + ix) * c;
                            var tap = (ky * Kernel + kx) * c;
                            for (var ch = 0; ch < c; ch++)
                            {
                                if (gradients != null)
                                {
                                    gradients[0][tap + ch] += image[src + ch] * gradOut[g + ch];
                                }

                                if (!gradIn.IsEmpty)
                                {
                                    gradIn[src + ch] += w[tap + ch] * gradOut[g + ch];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
