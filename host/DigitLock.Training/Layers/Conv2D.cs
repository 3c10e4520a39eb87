using System.Numerics.Tensors;
using DigitLock.Training.Core;

namespace DigitLock.Training.Layers;

/// <summary>
/// 2-D convolution as im2col + one matrix multiply. Weights are [kernel, kernel, inChannels, filters]
/// (HWIO, so the im2col row · weights gives all filters of one output pixel); TFLite wants OHWI, the
/// exporter transposes. Bias is per filter. Activation is fused.
/// </summary>
public sealed class Conv2D : Layer
{
    public Conv2D(Shape3 input, int filters, int kernel, int stride, Padding padding, Activation activation)
        : base(input, new Shape3(
            PaddingMath.OutputSize(padding, input.Height, kernel, stride),
            PaddingMath.OutputSize(padding, input.Width, kernel, stride),
            filters))
    {
        if (Output.Height <= 0 || Output.Width <= 0)
        {
            throw new ArgumentException($"conv {kernel}x{kernel} stride {stride} does not fit input {input}");
        }

        Filters = filters;
        Kernel = kernel;
        Stride = stride;
        Padding = padding;
        Activation = activation;
        PadTop = PaddingMath.PadBefore(padding, input.Height, kernel, stride);
        PadLeft = PaddingMath.PadBefore(padding, input.Width, kernel, stride);
        Weights = new Parameter("weights", [kernel, kernel, input.Channels, filters]);
        Bias = new Parameter("bias", [filters]);
    }

    public int Filters { get; }

    public int Kernel { get; }

    public int Stride { get; }

    public Padding Padding { get; }

    public Activation Activation { get; }

    public int PadTop { get; }

    public int PadLeft { get; }

    public Parameter Weights { get; }

    public Parameter Bias { get; }

    /// <summary>Length of one im2col row: one receptive field.</summary>
    private int FieldSize => Kernel * Kernel * Input.Channels;

    private int Pixels => Output.Height * Output.Width;

    public override string TfliteOp => "CONV_2D";

    public override string Spec =>
        $"conv {Filters} {Kernel}x{Kernel} s{Stride} {Padding.ToString().ToLowerInvariant()} {ActivationMath.Name(Activation)}";

    public override IReadOnlyList<Parameter> Parameters => [Weights, Bias];

    public override long Macs => (long)Pixels * FieldSize * Filters;

    public override void Initialize(Rng rng)
    {
        HeUniform(rng, Weights.Value, FieldSize);
        Array.Clear(Bias.Value);
    }

    public override LayerWorkspace CreateWorkspace(int maxSamples) => new ConvWorkspace(maxSamples * Pixels * FieldSize, FieldSize * Filters);

    public override void Forward(ReadOnlySpan<float> x, Span<float> y, int n, LayerWorkspace? workspace)
    {
        var ws = (ConvWorkspace)workspace!;
        var rows = n * Pixels;
        var col = ws.Col.AsSpan(0, rows * FieldSize);
        Im2Col(x, col, n);

        var output = y[..(rows * Filters)];
        for (var r = 0; r < rows; r++)
        {
            Bias.Value.CopyTo(output.Slice(r * Filters, Filters));
        }

        Gemm.Multiply(col, FieldSize, 1, Weights.Value, output, rows, FieldSize, Filters, accumulate: true);
        ActivationMath.Apply(Activation, output);
    }

    public override void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, int n,
        LayerWorkspace? workspace, float[][]? gradients)
    {
        var ws = (ConvWorkspace)workspace!;
        var rows = n * Pixels;
        dy = dy[..(rows * Filters)];
        ActivationMath.Backward(Activation, y, dy);
        var col = ws.Col.AsSpan(0, rows * FieldSize);

        if (gradients != null)
        {
            // dW[field, filter] += colᵀ · dY ; dBias[filter] += Σ rows of dY
            Gemm.Multiply(col, 1, FieldSize, dy, gradients[0], FieldSize, rows, Filters, accumulate: true);
            var dBias = gradients[1].AsSpan();
            for (var r = 0; r < rows; r++)
            {
                TensorPrimitives.Add(dBias, dy.Slice(r * Filters, Filters), dBias);
            }
        }

        if (dx.IsEmpty)
        {
            return;
        }

        // dCol = dY · Wᵀ, then every im2col entry flows back to the input pixel it was copied from.
        var weightsT = ws.WeightsT;
        for (var f = 0; f < FieldSize; f++)
        {
            for (var o = 0; o < Filters; o++)
            {
                weightsT[o * FieldSize + f] = Weights.Value[f * Filters + o];
            }
        }

        Gemm.Multiply(dy, Filters, 1, weightsT, col, rows, Filters, FieldSize, accumulate: false);
        dx[..(n * Input.Size)].Clear();
        Col2Im(col, dx, n);
    }

    private void Im2Col(ReadOnlySpan<float> x, Span<float> col, int n)
    {
        var (inH, inW, inC) = (Input.Height, Input.Width, Input.Channels);
        var row = 0;
        for (var s = 0; s < n; s++)
        {
            var image = x.Slice(s * Input.Size, Input.Size);
            for (var oy = 0; oy < Output.Height; oy++)
            {
                for (var ox = 0; ox < Output.Width; ox++, row++)
                {
                    var field = col.Slice(row * FieldSize, FieldSize);
                    for (var ky = 0; ky < Kernel; ky++)
                    {
                        var iy = oy * Stride - PadTop + ky;
                        var dst = field.Slice(ky * Kernel * inC, Kernel * inC);
                        if (iy < 0 || iy >= inH)
                        {
                            dst.Clear();
                            continue;
                        }

                        var ix0 = ox * Stride - PadLeft;
                        if (ix0 >= 0 && ix0 + Kernel <= inW)
                        {
                            image.Slice((iy * inW + ix0) * inC, Kernel * inC).CopyTo(dst);
                            continue;
                        }

                        for (var kx = 0; kx < Kernel; kx++)
                        {
                            var ix = ix0 + kx;
                            var cell = dst.Slice(kx * inC, inC);
                            if (ix < 0 || ix >= inW)
                            {
                                cell.Clear();
                            }
                            else
                            {
                                image.Slice((iy * inW + ix) * inC, inC).CopyTo(cell);
                            }
                        }
                    }
                }
            }
        }
    }

    private void Col2Im(ReadOnlySpan<float> col, Span<float> dx, int n)
    {
        var (inH, inW, inC) = (Input.Height, Input.Width, Input.Channels);
        var row = 0;
        for (var s = 0; s < n; s++)
        {
            var image = dx.Slice(s * Input.Size, Input.Size);
            for (var oy = 0; oy < Output.Height; oy++)
            {
                for (var ox = 0; ox < Output.Width; ox++, row++)
                {
                    var field = col.Slice(row * FieldSize, FieldSize);
                    for (var ky = 0; ky < Kernel; ky++)
                    {
                        var iy = oy * Stride - PadTop + ky;
                        if (iy < 0 || iy >= inH)
                        {
                            continue;
                        }

                        for (var kx = 0; kx < Kernel; kx++)
                        {
                            var ix = ox * Stride - PadLeft + kx;
                            if (ix < 0 || ix >= inW)
                            {
                                continue;
                            }

                            var target = image.Slice((iy * inW + ix) * inC, inC);
                            TensorPrimitives.Add(target, field.Slice((ky * Kernel + kx) * inC, inC), target);
                        }
                    }
                }
            }
        }
    }

    private sealed class ConvWorkspace(int colSize, int weightCount) : LayerWorkspace
    {
        public float[] Col { get; } = new float[colSize];

        public float[] WeightsT { get; } = new float[weightCount];
    }
}
