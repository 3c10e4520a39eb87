using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using DigitLock.Training.Core;

namespace DigitLock.Training.Layers;

/// <summary>Max or average pooling over size x size windows moved by stride, VALID padding only.</summary>
public sealed class Pool2D : Layer
{
    public Pool2D(Shape3 input, bool max, int size, int stride)
        : base(input, new Shape3((input.Height - size) / stride + 1, (input.Width - size) / stride + 1, input.Channels))
    {
        if (Output.Height <= 0 || Output.Width <= 0)
        {
            throw new ArgumentException($"pool {size}x{size} does not fit input {input}");
        }

        IsMax = max;
        Size = size;
        Stride = stride;
    }

    public bool IsMax { get; }

    public int Size { get; }

    public int Stride { get; }

    public override string TfliteOp => IsMax ? "MAX_POOL_2D" : "AVERAGE_POOL_2D";

    public override string Spec => $"{(IsMax ? "maxpool" : "avgpool")} {Size}x{Size} s{Stride}";

    // Both passes run 4 channels side by side (every channel has its own window), with exactly the
    // scalar operations of one channel per lane: Vector128.Max is IEEE 754 maximum like MathF.Max.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override unsafe void Forward(ReadOnlySpan<float> x, Span<float> y, int n, LayerWorkspace? workspace)
    {
        if (IsMax && Size == Stride && Vector256.IsHardwareAccelerated)
        {
            ForwardDisjointMax(x, y, n);
            return;
        }

        var c = Input.Channels;
        var inverseArea = 1f / (Size * Size);
        fixed (float* px = x[..(n * Input.Size)])
        fixed (float* py = y[..(n * Output.Size)])
        {
            for (var s = 0; s < n; s++)
            {
                var image = px + s * Input.Size;
                var output = py + s * Output.Size;
                for (var oy = 0; oy < Output.Height; oy++)
                {
                    for (var ox = 0; ox < Output.Width; ox++)
                    {
                        var pixel = output + (oy * Output.Width + ox) * c;
                        var window = image + (oy * Stride * Input.Width + ox * Stride) * c;
                        var ch = 0;
                        for (; Vector128.IsHardwareAccelerated && ch + 4 <= c; ch += 4)
                        {
                            var v = Vector128.Create(IsMax ? float.NegativeInfinity : 0f);
                            for (var ky = 0; ky < Size; ky++)
                            {
                                for (var kx = 0; kx < Size; kx++)
                                {
                                    var src = Vector128.Load(window + (ky * Input.Width + kx) * c + ch);
                                    v = IsMax ? Vector128.Max(v, src) : v + src;
                                }
                            }

                            (IsMax ? v : v * inverseArea).Store(pixel + ch);
                        }

                        for (; ch < c; ch++)
                        {
                            var v = IsMax ? float.NegativeInfinity : 0f;
                            for (var ky = 0; ky < Size; ky++)
                            {
                                for (var kx = 0; kx < Size; kx++)
                                {
                                    var src = window[(ky * Input.Width + kx) * c + ch];
                                    v = IsMax ? MathF.Max(v, src) : v + src;
                                }
                            }

                            pixel[ch] = IsMax ? v : v * inverseArea;
                        }
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override unsafe void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, int n,
        LayerWorkspace? workspace, float[][]? gradients)
    {
        if (dx.IsEmpty)
        {
            return;
        }

        if (IsMax && Size == Stride && Vector256.IsHardwareAccelerated)
        {
            BackwardDisjointMax(x, y, dy, dx, n);
            return;
        }

        dx[..(n * Input.Size)].Clear();
        var c = Input.Channels;
        var inverseArea = 1f / (Size * Size);
        fixed (float* px = x[..(n * Input.Size)])
        fixed (float* py = y[..(n * Output.Size)])
        fixed (float* pdy = dy[..(n * Output.Size)])
        fixed (float* pdx = dx[..(n * Input.Size)])
        {
            for (var s = 0; s < n; s++)
            {
                for (var oy = 0; oy < Output.Height; oy++)
                {
                    for (var ox = 0; ox < Output.Width; ox++)
                    {
                        var o = s * Output.Size + (oy * Output.Width + ox) * c;
                        var w = s * Input.Size + (oy * Stride * Input.Width + ox * Stride) * c;
                        var ch = 0;
                        for (; Vector128.IsHardwareAccelerated && ch + 4 <= c; ch += 4)
                        {
                            BackwardLanes(px + w + ch, py + o + ch, pdy + o + ch, pdx + w + ch, c, inverseArea);
                        }

                        for (; ch < c; ch++)
                        {
                            BackwardChannel(px + w + ch, py[o + ch], pdy[o + ch], pdx + w + ch, c, inverseArea);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// One window, 4 channels. Max: the whole gradient goes to the first window element (row-major) equal
    /// to the maximum; lanes already routed are masked off.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe void BackwardLanes(float* window, float* output, float* gradOut, float* gradIn, int c, float inverseArea)
    {
        var g = Vector128.Load(gradOut);
        var max = Vector128.Load(output);
        var open = Vector128<float>.AllBitsSet;
        for (var ky = 0; ky < Size; ky++)
        {
            for (var kx = 0; kx < Size; kx++)
            {
                var at = (ky * Input.Width + kx) * c;
                var current = Vector128.Load(gradIn + at);
                if (!IsMax)
                {
                    (current + g * inverseArea).Store(gradIn + at);
                    continue;
                }

                var hit = Vector128.Equals(Vector128.Load(window + at), max) & open;
                Vector128.ConditionalSelect(hit, current + g, current).Store(gradIn + at);
                open = Vector128.AndNot(open, hit);
            }
        }
    }

    private unsafe void BackwardChannel(float* window, float max, float gradOut, float* gradIn, int c, float inverseArea)
    {
        for (var ky = 0; ky < Size; ky++)
        {
            for (var kx = 0; kx < Size; kx++)
            {
                var at = (ky * Input.Width + kx) * c;
                if (!IsMax)
                {
                    gradIn[at] += gradOut * inverseArea;
                }
                else if (window[at] == max)
                {
                    gradIn[at] += gradOut;
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Max pooling whose windows do not overlap (size = stride, the default architecture's 2x2 s2): the same
    /// per-lane operations as the general loop (a maximum chain from -inf in window order), 8 channels
    /// per vector, then 4, then one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void ForwardDisjointMax(ReadOnlySpan<float> x, Span<float> y, int n)
    {
        var (c, size, inW) = (Input.Channels, Size, Input.Width);
        var (outH, outW) = (Output.Height, Output.Width);
        fixed (float* px = x[..(n * Input.Size)])
        fixed (float* py = y[..(n * Output.Size)])
        {
            var pixel = py;
            for (var s = 0; s < n; s++)
            {
                var image = px + s * Input.Size;
                for (var oy = 0; oy < outH; oy++)
                {
                    for (var ox = 0; ox < outW; ox++, pixel += c)
                    {
                        var window = image + (oy * size * inW + ox * size) * c;
                        var ch = 0;
                        for (; ch + 8 <= c; ch += 8)
                        {
                            var v = Vector256.Create(float.NegativeInfinity);
                            for (var ky = 0; ky < size; ky++)
                            {
                                var row = window + ky * inW * c + ch;
                                for (var kx = 0; kx < size; kx++)
                                {
                                    v = Vector256.Max(v, Vector256.Load(row + kx * c));
                                }
                            }

                            v.Store(pixel + ch);
                        }

                        for (; ch + 4 <= c; ch += 4)
                        {
                            var v = Vector128.Create(float.NegativeInfinity);
                            for (var ky = 0; ky < size; ky++)
                            {
                                var row = window + ky * inW * c + ch;
                                for (var kx = 0; kx < size; kx++)
                                {
                                    v = Vector128.Max(v, Vector128.Load(row + kx * c));
                                }
                            }

                            v.Store(pixel + ch);
                        }

                        for (; ch < c; ch++)
                        {
                            var v = float.NegativeInfinity;
                            for (var ky = 0; ky < size; ky++)
                            {
                                for (var kx = 0; kx < size; kx++)
                                {
                                    v = MathF.Max(v, window[(ky * inW + kx) * c + ch]);
                                }
                            }

                            pixel[ch] = v;
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Backward of <see cref="ForwardDisjointMax"/>. Every input element lies in at most one window, so each
    /// is written once (0 + gradient where it is the window's first maximum, else 0: the values the general
    /// clear-then-add loop leaves) instead of clearing the whole input gradient first; only the strips no
    /// window covers (the last row/column of an odd size) are cleared.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void BackwardDisjointMax(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, int n)
    {
        var (c, size, inW, inH) = (Input.Channels, Size, Input.Width, Input.Height);
        var (outH, outW) = (Output.Height, Output.Width);
        var coveredW = outW * size;
        fixed (float* px = x[..(n * Input.Size)])
        fixed (float* py = y[..(n * Output.Size)])
        fixed (float* pdy = dy[..(n * Output.Size)])
        fixed (float* pdx = dx[..(n * Input.Size)])
        {
            for (var s = 0; s < n; s++)
            {
                var image = px + s * Input.Size;
                var gradImage = pdx + s * Input.Size;
                var o = s * Output.Size;
                for (var oy = 0; oy < outH; oy++)
                {
                    for (var ox = 0; ox < outW; ox++, o += c)
                    {
                        var w = (oy * size * inW + ox * size) * c;
                        var ch = 0;
                        for (; ch + 8 <= c; ch += 8)
                        {
                            var g = Vector256<float>.Zero + Vector256.Load(pdy + o + ch);
                            var max = Vector256.Load(py + o + ch);
                            var open = Vector256<float>.AllBitsSet;
                            for (var ky = 0; ky < size; ky++)
                            {
                                for (var kx = 0; kx < size; kx++)
                                {
                                    var at = w + (ky * inW + kx) * c + ch;
                                    var hit = Vector256.Equals(Vector256.Load(image + at), max) & open;
                                    (hit & g).Store(gradImage + at);
                                    open = Vector256.AndNot(open, hit);
                                }
                            }
                        }

                        for (; ch + 4 <= c; ch += 4)
                        {
                            var g = Vector128<float>.Zero + Vector128.Load(pdy + o + ch);
                            var max = Vector128.Load(py + o + ch);
                            var open = Vector128<float>.AllBitsSet;
                            for (var ky = 0; ky < size; ky++)
                            {
                                for (var kx = 0; kx < size; kx++)
                                {
                                    var at = w + (ky * inW + kx) * c + ch;
                                    var hit = Vector128.Equals(Vector128.Load(image + at), max) & open;
                                    (hit & g).Store(gradImage + at);
                                    open = Vector128.AndNot(open, hit);
                                }
                            }
                        }

                        for (; ch < c; ch++)
                        {
                            var g = 0f + pdy[o + ch];
                            var max = py[o + ch];
                            var open = true;
                            for (var ky = 0; ky < size; ky++)
                            {
                                for (var kx = 0; kx < size; kx++)
                                {
                                    var at = w + (ky * inW + kx) * c + ch;
                                    var hit = open && image[at] == max;
                                    gradImage[at] = hit ? g : 0f;
                                    open &= !hit;
                                }
                            }
                        }
                    }

                    if (coveredW < inW)
                    {
                        for (var ky = 0; ky < size; ky++)
                        {
                            new Span<float>(gradImage + ((oy * size + ky) * inW + coveredW) * c, (inW - coveredW) * c).Clear();
                        }
                    }
                }

                var coveredH = outH * size;
                new Span<float>(gradImage + coveredH * inW * c, (inH - coveredH) * inW * c).Clear();
            }
        }
    }
}
