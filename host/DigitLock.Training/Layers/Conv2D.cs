using System.Runtime.CompilerServices;
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

    /// <summary>
    /// Samples per block. The column buffer is Kernel² times the layer's input (the first conv: 9x); the
    /// forward pass fills it and multiplies it block by block so each block is still in cache when the
    /// multiply reads it, and the backward pass walks the same blocks. Blocks do not change any sum: every
    /// output row is computed alone, and the weight gradient's sum over rows continues block after block,
    /// in row order.
    /// </summary>
    private int BlockSamples => Math.Max(1, 24 * 1024 / (Pixels * FieldSize));

    /// <summary>
    /// The first conv of the default architecture (one input channel, 3x3, stride 1, valid, 12 filters) runs
    /// without im2col: <see cref="DirectConv"/> reads the image where the columns would have copied from.
    /// </summary>
    private bool IsDirect => DirectConv.Fits(Input.Channels, Kernel, Stride, PadTop, PadLeft, Filters);

    public override LayerWorkspace CreateWorkspace(int maxSamples) => new ConvWorkspace(maxSamples * Pixels * FieldSize, FieldSize * Filters);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Forward(ReadOnlySpan<float> x, Span<float> y, int n, LayerWorkspace? workspace)
    {
        var ws = (ConvWorkspace)workspace!;
        for (var first = 0; first < n; first += BlockSamples)
        {
            var count = Math.Min(BlockSamples, n - first);
            var rows = count * Pixels;
            var col = ws.Col.AsSpan(first * Pixels * FieldSize, rows * FieldSize);
            var output = y.Slice(first * Pixels * Filters, rows * Filters);
            if (IsDirect)
            {
                DirectConv.Forward(x.Slice(first * Input.Size, count * Input.Size), Weights.Value, Bias.Value, output, count, Input.Height, Input.Width);
            }
            else
            {
                Im2Col(x[(first * Input.Size)..], col, count);
                Rows.Broadcast(Bias.Value, output, rows);
                Gemm.Multiply(col, FieldSize, 1, Weights.Value, output, rows, FieldSize, Filters, accumulate: true);
            }

            ActivationMath.Apply(Activation, output);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, int n,
        LayerWorkspace? workspace, float[][]? gradients)
    {
        var ws = (ConvWorkspace)workspace!;
        dy = dy[..(n * Pixels * Filters)];
        ActivationMath.Backward(Activation, y, dy);
        if (gradients != null)
        {
            Rows.SumInto(dy, n * Pixels, gradients[1]);
        }

        var needDx = !dx.IsEmpty;
        if (needDx)
        {
            dx[..(n * Input.Size)].Clear();
            var weightsT = ws.WeightsT;
            for (var f = 0; f < FieldSize; f++)
            {
                for (var o = 0; o < Filters; o++)
                {
                    weightsT[o * FieldSize + f] = Weights.Value[f * Filters + o];
                }
            }
        }

        for (var first = 0; first < n; first += BlockSamples)
        {
            var count = Math.Min(BlockSamples, n - first);
            var rows = count * Pixels;
            var col = ws.Col.AsSpan(first * Pixels * FieldSize, rows * FieldSize);
            var dyBlock = dy.Slice(first * Pixels * Filters, rows * Filters);
            if (IsDirect)
            {
                // No columns from the forward pass; the input gradient below only uses them as scratch.
                if (gradients != null)
                {
                    DirectConv.WeightGradient(x.Slice(first * Input.Size, count * Input.Size), dyBlock, gradients[0], count, Input.Height, Input.Width);
                }
            }
            else if (gradients != null)
            {
                // dW[field, filter] += colᵀ · dY, with the columns the forward pass left
                Gemm.Multiply(col, 1, FieldSize, dyBlock, gradients[0], FieldSize, rows, Filters, accumulate: true);
            }

            if (needDx)
            {
                // dCol = dY · Wᵀ, then every im2col entry flows back to the input pixel it was copied from.
                Gemm.Multiply(dyBlock, Filters, 1, ws.WeightsT, col, rows, Filters, FieldSize, accumulate: false);
                Col2Im(col, dx[(first * Input.Size)..], count);
            }
        }
    }

    // Im2Col only copies, so it may fill the columns in any order. Col2Im sums several entries into one
    // input pixel: it must visit (sample, output pixel, ky, kx) in this order for the input gradients to
    // stay bit-identical (TrainerGoldenTests).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void Im2Col(ReadOnlySpan<float> x, Span<float> col, int n)
    {
        var (inH, inW, inC) = (Input.Height, Input.Width, Input.Channels);
        var (outH, outW, kernel, stride, field) = (Output.Height, Output.Width, Kernel, Stride, FieldSize);
        var (inputSize, padTop, padLeft) = (Input.Size, PadTop, PadLeft);
        var fieldRow = kernel * inC;
        fixed (float* px = x[..(n * inputSize)])
        fixed (float* pc = col)
        {
            // Kernel rows outside, output columns inside: the inner loop is one straight run of copies
            // (only copies, so the order entries are written in does not matter).
            for (var s = 0; s < n; s++)
            {
                var image = px + s * inputSize;
                for (var oy = 0; oy < outH; oy++)
                {
                    var fields = pc + (s * outH + oy) * outW * field;
                    for (var ky = 0; ky < kernel; ky++)
                    {
                        var iy = oy * stride - padTop + ky;
                        var dst = fields + ky * fieldRow;
                        if (iy < 0 || iy >= inH)
                        {
                            for (var ox = 0; ox < outW; ox++, dst += field)
                            {
                                new Span<float>(dst, fieldRow).Clear();
                            }

                            continue;
                        }

                        var src = image + iy * inW * inC;
                        if (fieldRow == 3 && stride == 1 && padLeft == 0 && outW + 2 <= inW)
                        {
                            // The first conv (one input channel, 3x3, valid): three floats per field row.
                            for (var ox = 0; ox < outW; ox++, dst += field)
                            {
                                dst[0] = src[ox];
                                dst[1] = src[ox + 1];
                                dst[2] = src[ox + 2];
                            }

                            continue;
                        }

                        for (var ox = 0; ox < outW; ox++, dst += field)
                        {
                            var ix0 = ox * stride - padLeft;
                            if (ix0 >= 0 && ix0 + kernel <= inW)
                            {
                                Rows.Copy(dst, src + ix0 * inC, fieldRow);
                                continue;
                            }

                            for (var kx = 0; kx < kernel; kx++)
                            {
                                var ix = ix0 + kx;
                                if (ix < 0 || ix >= inW)
                                {
                                    new Span<float>(dst + kx * inC, inC).Clear();
                                }
                                else
                                {
                                    Rows.Copy(dst + kx * inC, src + ix * inC, inC);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void Col2Im(ReadOnlySpan<float> col, Span<float> dx, int n)
    {
        var (inH, inW, inC) = (Input.Height, Input.Width, Input.Channels);
        var (outH, outW, kernel, stride, field) = (Output.Height, Output.Width, Kernel, Stride, FieldSize);
        var (inputSize, padTop, padLeft) = (Input.Size, PadTop, PadLeft);
        fixed (float* pc = col)
        fixed (float* pdx = dx[..(n * inputSize)])
        {
            var src = pc;
            for (var s = 0; s < n; s++)
            {
                var image = pdx + s * inputSize;
                for (var oy = 0; oy < outH; oy++)
                {
                    for (var ox = 0; ox < outW; ox++, src += field)
                    {
                        for (var ky = 0; ky < kernel; ky++)
                        {
                            var iy = oy * stride - padTop + ky;
                            if (iy < 0 || iy >= inH)
                            {
                                continue;
                            }

                            var ix0 = ox * stride - padLeft;
                            if (ix0 >= 0 && ix0 + kernel <= inW)
                            {
                                // The kernel row covers adjacent input pixels: one run of kernel * inC floats.
                                Rows.Add(image + (iy * inW + ix0) * inC, src + ky * kernel * inC, kernel * inC);
                                continue;
                            }

                            for (var kx = 0; kx < kernel; kx++)
                            {
                                var ix = ix0 + kx;
                                if (ix >= 0 && ix < inW)
                                {
                                    Rows.Add(image + (iy * inW + ix) * inC, src + (ky * kernel + kx) * inC, inC);
                                }
                            }
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
