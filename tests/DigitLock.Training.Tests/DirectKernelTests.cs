using DigitLock.Training.Core;
using DigitLock.Training.Layers;

namespace DigitLock.Training.Tests;

/// <summary>
/// The kernels that replaced im2col + <see cref="Gemm"/> (first conv) and the clear-then-add max-pool
/// backward must give the same bits as what they replaced, on every shape they accept, not only on the
/// default architecture that <see cref="TrainerGoldenTests"/> trains.
/// </summary>
public class DirectKernelTests
{
    [Theory]
    [InlineData(28, 28, 3)]
    [InlineData(5, 5, 2)]
    [InlineData(7, 10, 2)]
    [InlineData(6, 9, 1)]
    public void DirectConvGivesTheBitsOfIm2ColAndGemm(int inH, int inW, int n)
    {
        const int filters = 12, field = 9;
        var rng = new Rng(5);
        var (outH, outW) = (inH - 2, inW - 2);
        var rows = n * outH * outW;
        var x = GradientCheckTests.RandomArray(rng, n * inH * inW, 1f);
        var weights = GradientCheckTests.RandomArray(rng, field * filters, 1f);
        var bias = GradientCheckTests.RandomArray(rng, filters, 1f);
        var dy = GradientCheckTests.RandomArray(rng, rows * filters, 1f);
        var dWeightsStart = GradientCheckTests.RandomArray(rng, field * filters, 1f);

        var col = new float[rows * field];
        for (var s = 0; s < n; s++)
        {
            for (var oy = 0; oy < outH; oy++)
            {
                for (var ox = 0; ox < outW; ox++)
                {
                    for (var p = 0; p < field; p++)
                    {
                        col[((s * outH + oy) * outW + ox) * field + p] = x[s * inH * inW + (oy + p / 3) * inW + ox + p % 3];
                    }
                }
            }
        }

        var expected = new float[rows * filters];
        Rows.Broadcast(bias, expected, rows);
        Gemm.Multiply(col, field, 1, weights, expected, rows, field, filters, accumulate: true);
        var actual = new float[rows * filters];
        DirectConv.Forward(x, weights, bias, actual, n, inH, inW);
        AssertSameBits(expected, actual, "forward");

        var expectedGradient = (float[])dWeightsStart.Clone();
        Gemm.Multiply(col, 1, field, dy, expectedGradient, field, rows, filters, accumulate: true);
        var actualGradient = (float[])dWeightsStart.Clone();
        DirectConv.WeightGradient(x, dy, actualGradient, n, inH, inW);
        AssertSameBits(expectedGradient, actualGradient, "weight gradient");
    }

    /// <summary>
    /// A 1-channel conv that is not the first layer still owes its input gradient: without forward columns
    /// it must be dY·Wᵀ (one <see cref="Gemm"/>) summed back into the pixels in (sample, pixel, ky, kx) order.
    /// </summary>
    [Fact]
    public void DirectConvLayerStillGivesTheInputGradientBitForBit()
    {
        const int n = 2, inH = 7, inW = 9, filters = 12, field = 9;
        var rng = new Rng(13);
        var conv = new Conv2D(new Shape3(inH, inW, 1), filters, 3, 1, Padding.Valid, Activation.Relu);
        conv.Initialize(rng);
        var (outH, outW) = (conv.Output.Height, conv.Output.Width);
        var rows = n * outH * outW;
        var x = GradientCheckTests.RandomArray(rng, n * inH * inW, 1f);
        var dy = GradientCheckTests.RandomArray(rng, rows * filters, 1f);
        var workspace = conv.CreateWorkspace(n);
        var y = new float[rows * filters];
        conv.Forward(x, y, n, workspace);

        var masked = dy.Select((g, i) => y[i] > 0f ? g : 0f).ToArray();
        var weightsT = new float[filters * field];
        for (var p = 0; p < field; p++)
        {
            for (var f = 0; f < filters; f++)
            {
                weightsT[f * field + p] = conv.Weights.Value[p * filters + f];
            }
        }

        var dCol = new float[rows * field];
        Gemm.Multiply(masked, filters, 1, weightsT, dCol, rows, filters, field, accumulate: false);
        var expected = new float[n * inH * inW];
        for (var r = 0; r < rows; r++)
        {
            var (s, oy, ox) = (r / (outH * outW), r / outW % outH, r % outW);
            for (var p = 0; p < field; p++)
            {
                expected[s * inH * inW + (oy + p / 3) * inW + ox + p % 3] += dCol[r * field + p];
            }
        }

        var dx = Enumerable.Repeat(float.NaN, n * inH * inW).ToArray();
        conv.Backward(x, y, (float[])dy.Clone(), dx, n, workspace, conv.Parameters.Select(p => new float[p.Count]).ToArray());
        AssertSameBits(expected, dx, "input gradient");
    }

    [Theory]
    [InlineData(26, 26, 12, 2)]
    [InlineData(11, 11, 24, 2)]
    [InlineData(7, 8, 5, 2)]
    [InlineData(9, 7, 3, 3)]
    public void DisjointMaxPoolGivesTheBitsOfThePlainLoops(int height, int width, int channels, int size)
    {
        const int n = 2;
        var rng = new Rng(9);
        var pool = new Pool2D(new Shape3(height, width, channels), max: true, size, size);
        var (inSize, outSize) = (pool.Input.Size, pool.Output.Size);

        // Few distinct values, so windows hold ties and the gradient must go to the first maximum.
        var x = GradientCheckTests.RandomArray(rng, n * inSize, 2f).Select(v => MathF.Round(v)).ToArray();
        var dy = GradientCheckTests.RandomArray(rng, n * outSize, 1f);

        var expectedY = new float[n * outSize];
        var expectedDx = new float[n * inSize];
        for (var s = 0; s < n; s++)
        {
            for (var oy = 0; oy < pool.Output.Height; oy++)
            {
                for (var ox = 0; ox < pool.Output.Width; ox++)
                {
                    for (var c = 0; c < channels; c++)
                    {
                        var o = s * outSize + (oy * pool.Output.Width + ox) * channels + c;
                        var max = float.NegativeInfinity;
                        for (var k = 0; k < size * size; k++)
                        {
                            max = MathF.Max(max, x[At(s, oy * size + k / size, ox * size + k % size, c)]);
                        }

                        expectedY[o] = max;
                        for (var k = 0; k < size * size; k++)
                        {
                            var at = At(s, oy * size + k / size, ox * size + k % size, c);
                            if (x[at] == max)
                            {
                                expectedDx[at] += dy[o];
                                break;
                            }
                        }
                    }
                }
            }
        }

        var y = new float[n * outSize];
        pool.Forward(x, y, n, null);
        AssertSameBits(expectedY, y, "forward");

        // Garbage first: every input gradient, including the strips no window covers, must be written.
        var dx = Enumerable.Repeat(float.NaN, n * inSize).ToArray();
        pool.Backward(x, y, (float[])dy.Clone(), dx, n, null, null);
        AssertSameBits(expectedDx, dx, "backward");

        int At(int s, int iy, int ix, int c) => s * inSize + (iy * width + ix) * channels + c;
    }

    private static void AssertSameBits(float[] expected, float[] actual, string what)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"{what}[{i}] = {actual[i]:R}, expected {expected[i]:R}");
        }
    }
}
