using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DigitLock.Training.Core;

/// <summary>
/// The first conv of the default architecture (one input channel, 3x3, stride 1, valid padding, 12 filters)
/// without im2col columns: the kernels read each receptive field straight from the image, where the
/// columns would have been copied from. Its 9-float columns cost more to write than the multiply costs.
/// Numerics are exactly those of <see cref="Gemm"/> on the columns: every output (and every weight-gradient
/// element) is one chain over the same operands in the same order, fused multiply-add for filters 0-7 and a
/// separately rounded multiply and add for filters 8-11 (cols % 8); TrainerGoldenTests checks it bit for bit.
/// </summary>
public static unsafe class DirectConv
{
    private const int Filters = 12;
    private const int Kernel = 3;

    public static bool Fits(int inChannels, int kernel, int stride, int padTop, int padLeft, int filters) =>
        inChannels == 1 && kernel == Kernel && stride == 1 && padTop == 0 && padLeft == 0 && filters == Filters &&
        Vector256.IsHardwareAccelerated && Vector128.IsHardwareAccelerated;

    /// <summary>y = bias + conv(x, weights) for n images of inH x inW (no activation), y [n, outH, outW, 12].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> y, int n, int inH, int inW)
    {
        var (outH, outW) = (inH - Kernel + 1, inW - Kernel + 1);
        Span<int> offsets = stackalloc int[Kernel * Kernel];
        for (var p = 0; p < offsets.Length; p++)
        {
            offsets[p] = p / Kernel * inW + p % Kernel;
        }

        fixed (float* px = x[..(n * inH * inW)])
        fixed (float* pw = weights[..(Kernel * Kernel * Filters)])
        fixed (float* pb = bias[..Filters])
        fixed (float* py = y[..(n * outH * outW * Filters)])
        fixed (int* off = offsets)
        {
            for (var s = 0; s < n; s++)
            {
                var image = px + s * inH * inW;
                for (var oy = 0; oy < outH; oy++)
                {
                    var row = image + oy * inW;
                    var output = py + (s * outH + oy) * outW * Filters;
                    if (outW < 4)
                    {
                        for (var ox = 0; ox < outW; ox++)
                        {
                            Pixel(row + ox, off, pw, pb, output + ox * Filters);
                        }

                        continue;
                    }

                    // 4 pixels at a time; the last group may overlap the one before (same values written twice).
                    for (var ox = 0; ox < outW; ox += 4)
                    {
                        var at = Math.Min(ox, outW - 4);
                        Pixels4(row + at, off, pw, pb, output + at * Filters);
                    }
                }
            }
        }
    }

    /// <summary>
    /// dW[p, f] += Σ x[field p of output pixel r] · dY[r, f] over the n images' output pixels r in order
    /// (the same chain as colᵀ · dY).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dWeights, int n, int inH, int inW)
    {
        var (outH, outW) = (inH - Kernel + 1, inW - Kernel + 1);
        fixed (float* px = x[..(n * inH * inW)])
        fixed (float* pdy = dy[..(n * outH * outW * Filters)])
        fixed (float* pdw = dWeights[..(Kernel * Kernel * Filters)])
        {
            for (var s = 0; s < n; s++)
            {
                var image = px + s * inH * inW;
                var gradients = pdy + s * outH * outW * Filters;

                // One kernel row (3 weights x 12 filters) at a time keeps its 6 accumulators in registers.
                for (var ky = 0; ky < Kernel; ky++)
                {
                    var w = pdw + ky * Kernel * Filters;
                    Vector256<float> c0 = Vector256.Load(w), c1 = Vector256.Load(w + Filters), c2 = Vector256.Load(w + 2 * Filters);
                    Vector128<float> d0 = Vector128.Load(w + 8), d1 = Vector128.Load(w + Filters + 8), d2 = Vector128.Load(w + 2 * Filters + 8);
                    for (var oy = 0; oy < outH; oy++)
                    {
                        var row = image + (oy + ky) * inW;
                        var g = gradients + oy * outW * Filters;
                        for (var ox = 0; ox < outW; ox++, g += Filters)
                        {
                            var g8 = Vector256.Load(g);
                            var g4 = Vector128.Load(g + 8);
                            float x0 = row[ox], x1 = row[ox + 1], x2 = row[ox + 2];
                            c0 = Gemm.Fmadd(Vector256.Create(x0), g8, c0);
                            c1 = Gemm.Fmadd(Vector256.Create(x1), g8, c1);
                            c2 = Gemm.Fmadd(Vector256.Create(x2), g8, c2);
                            d0 += Vector128.Create(x0) * g4;
                            d1 += Vector128.Create(x1) * g4;
                            d2 += Vector128.Create(x2) * g4;
                        }
                    }

                    c0.Store(w); c1.Store(w + Filters); c2.Store(w + 2 * Filters);
                    d0.Store(w + 8); d1.Store(w + Filters + 8); d2.Store(w + 2 * Filters + 8);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pixels4(float* a, int* off, float* w, float* bias, float* y)
    {
        Vector256<float> c0 = Vector256.Load(bias), c1 = c0, c2 = c0, c3 = c0;
        Vector128<float> d0 = Vector128.Load(bias + 8), d1 = d0, d2 = d0, d3 = d0;
        for (var p = 0; p < Kernel * Kernel; p++, w += Filters)
        {
            var b0 = Vector256.Load(w);
            var b1 = Vector128.Load(w + 8);
            var field = a + off[p];
            float x0 = field[0], x1 = field[1], x2 = field[2], x3 = field[3];
            c0 = Gemm.Fmadd(Vector256.Create(x0), b0, c0);
            c1 = Gemm.Fmadd(Vector256.Create(x1), b0, c1);
            c2 = Gemm.Fmadd(Vector256.Create(x2), b0, c2);
            c3 = Gemm.Fmadd(Vector256.Create(x3), b0, c3);
            d0 += Vector128.Create(x0) * b1;
            d1 += Vector128.Create(x1) * b1;
            d2 += Vector128.Create(x2) * b1;
            d3 += Vector128.Create(x3) * b1;
        }

        c0.Store(y); d0.Store(y + 8);
        c1.Store(y + Filters); d1.Store(y + Filters + 8);
        c2.Store(y + 2 * Filters); d2.Store(y + 2 * Filters + 8);
        c3.Store(y + 3 * Filters); d3.Store(y + 3 * Filters + 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pixel(float* a, int* off, float* w, float* bias, float* y)
    {
        var c = Vector256.Load(bias);
        var d = Vector128.Load(bias + 8);
        for (var p = 0; p < Kernel * Kernel; p++, w += Filters)
        {
            var x = a[off[p]];
            c = Gemm.Fmadd(Vector256.Create(x), Vector256.Load(w), c);
            d += Vector128.Create(x) * Vector128.Load(w + 8);
        }

        c.Store(y);
        d.Store(y + 8);
    }
}
