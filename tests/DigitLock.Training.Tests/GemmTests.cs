using DigitLock.Training.Core;

namespace DigitLock.Training.Tests;

public class GemmTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 5, 19)]
    [InlineData(9, 13, 32)]
    [InlineData(4, 3, 8)]
    [InlineData(33, 72, 17)]
    public void MatchesNaiveProductForBothReadingsOfA(int rows, int inner, int cols)
    {
        var rng = new Rng(11);
        var a = GradientCheckTests.RandomArray(rng, rows * inner, 1f);
        var b = GradientCheckTests.RandomArray(rng, inner * cols, 1f);
        var start = GradientCheckTests.RandomArray(rng, rows * cols, 1f);

        // A·B with A stored [rows, inner], accumulating onto start.
        var c = (float[])start.Clone();
        Gemm.Multiply(a, inner, 1, b, c, rows, inner, cols, accumulate: true);
        AssertClose(Naive(i => a.AsSpan(i * inner, inner).ToArray(), b, rows, inner, cols, start), c);

        // Aᵀ·B with A stored [inner, rows], overwriting.
        var at = new float[inner * rows];
        for (var i = 0; i < rows; i++)
        {
            for (var p = 0; p < inner; p++)
            {
                at[p * rows + i] = a[i * inner + p];
            }
        }

        var d = (float[])start.Clone();
        Gemm.Multiply(at, 1, rows, b, d, rows, inner, cols, accumulate: false);
        AssertClose(Naive(i => a.AsSpan(i * inner, inner).ToArray(), b, rows, inner, cols, new float[rows * cols]), d);
    }

    private static float[] Naive(Func<int, float[]> row, float[] b, int rows, int inner, int cols, float[] start)
    {
        var c = (float[])start.Clone();
        for (var i = 0; i < rows; i++)
        {
            var r = row(i);
            for (var j = 0; j < cols; j++)
            {
                double sum = c[i * cols + j];
                for (var p = 0; p < inner; p++)
                {
                    sum += (double)r[p] * b[p * cols + j];
                }

                c[i * cols + j] = (float)sum;
            }
        }

        return c;
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-4f * (1 + Math.Abs(expected[i])), $"element {i}: {expected[i]} vs {actual[i]}");
        }
    }
}
