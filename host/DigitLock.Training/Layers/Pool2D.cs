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

    public override void Forward(ReadOnlySpan<float> x, Span<float> y, int n, LayerWorkspace? workspace)
    {
        var c = Input.Channels;
        var inverseArea = 1f / (Size * Size);
        for (var s = 0; s < n; s++)
        {
            var image = x.Slice(s * Input.Size, Input.Size);
            var output = y.Slice(s * Output.Size, Output.Size);
            for (var oy = 0; oy < Output.Height; oy++)
            {
                for (var ox = 0; ox < Output.Width; ox++)
                {
                    var pixel = output.Slice((oy * Output.Width + ox) * c, c);
                    pixel.Fill(IsMax ? float.NegativeInfinity : 0f);
                    for (var ky = 0; ky < Size; ky++)
                    {
                        for (var kx = 0; kx < Size; kx++)
                        {
                            var src = image.Slice(((oy * Stride + ky) * Input.Width + ox * Stride + kx) * c, c);
                            for (var ch = 0; ch < c; ch++)
                            {
                                pixel[ch] = IsMax ? MathF.Max(pixel[ch], src[ch]) : pixel[ch] + src[ch];
                            }
                        }
                    }

                    if (!IsMax)
                    {
                        for (var ch = 0; ch < c; ch++)
                        {
                            pixel[ch] *= inverseArea;
                        }
                    }
                }
            }
        }
    }

    public override void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, int n,
        LayerWorkspace? workspace, float[][]? gradients)
    {
        if (dx.IsEmpty)
        {
            return;
        }

        dx[..(n * Input.Size)].Clear();
        var c = Input.Channels;
        var inverseArea = 1f / (Size * Size);
        for (var s = 0; s < n; s++)
        {
            var image = x.Slice(s * Input.Size, Input.Size);
            var output = y.Slice(s * Output.Size, Output.Size);
            var gradOut = dy.Slice(s * Output.Size, Output.Size);
            var gradIn = dx.Slice(s * Input.Size, Input.Size);
            for (var oy = 0; oy < Output.Height; oy++)
            {
                for (var ox = 0; ox < Output.Width; ox++)
                {
                    var o = (oy * Output.Width + ox) * c;
                    for (var ch = 0; ch < c; ch++)
                    {
                        // Max: the whole gradient goes to the first window element equal to the maximum.
                        var routed = false;
                        for (var ky = 0; ky < Size && !routed; ky++)
                        {
                            for (var kx = 0; kx < Size && !routed; kx++)
                            {
                                var i = ((oy * Stride + ky) * Input.Width + ox * Stride + kx) * c + ch;
                                if (!IsMax)
                                {
                                    gradIn[i] += gradOut[o + ch] * inverseArea;
                                }
                                else if (image[i] == output[o + ch])
                                {
                                    gradIn[i] += gradOut[o + ch];
                                    routed = true;
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
