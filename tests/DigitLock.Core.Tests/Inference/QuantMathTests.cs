using DigitLock.Core.Inference;

namespace DigitLock.Core.Tests.Inference;

/// <summary>The managed arithmetic against independent .NET definitions of the same rounding rules.</summary>
public sealed class QuantMathTests
{
    private static IEnumerable<float> Samples()
    {
        var random = new Random(5);
        for (var i = -600; i <= 600; i++)
        {
            yield return i / 2f; // every half: the ties
            yield return i / 2f + 1e-4f;
            yield return i / 2f - 1e-4f;
        }

        for (var i = 0; i < 20000; i++)
        {
            yield return (float)(random.NextDouble() * 600 - 300);
        }
    }

    [Fact]
    public void Round_half_to_even_is_MidpointRounding_ToEven()
    {
        foreach (var x in Samples())
        {
            Assert.Equal((int)MathF.Round(x, MidpointRounding.ToEven), QuantMath.RoundHalfToEven(x));
        }
    }

    [Fact]
    public void Round_half_away_is_MidpointRounding_AwayFromZero()
    {
        foreach (var x in Samples())
        {
            Assert.Equal((int)MathF.Round(x, MidpointRounding.AwayFromZero), QuantMath.RoundHalfAwayFromZero(x));
            Assert.Equal((long)Math.Round((double)x * 1e6, MidpointRounding.AwayFromZero),
                QuantMath.RoundHalfAwayFromZero((double)x * 1e6));
        }
    }

    [Fact]
    public void Doubling_high_mul_is_the_exact_product_rounded_half_away()
    {
        var random = new Random(9);
        for (var i = 0; i < 50000; i++)
        {
            var a = random.Next(int.MinValue, int.MaxValue);
            var b = i % 3 == 0 ? random.Next(1 << 30, int.MaxValue) : random.Next(int.MinValue, int.MaxValue);
            var exact = (Int128)a * b;
            var half = (Int128)1 << 30;
            var q = exact >= 0 ? (exact + half) >> 31 : -((-exact + half) >> 31);
            Assert.Equal((int)q, QuantMath.SaturatingRoundingDoublingHighMul(a, b));
        }

        Assert.Equal(int.MaxValue, QuantMath.SaturatingRoundingDoublingHighMul(int.MinValue, int.MinValue));
    }

    [Fact]
    public void Divide_by_power_of_two_rounds_half_away_from_zero()
    {
        var random = new Random(4);
        for (var i = 0; i < 50000; i++)
        {
            var x = random.Next(int.MinValue, int.MaxValue);
            var e = random.Next(0, 32);
            var expected = (long)Math.Round(x / Math.Pow(2, e), MidpointRounding.AwayFromZero);
            Assert.Equal(expected, QuantMath.RoundingDivideByPowerOfTwo(x, e));
        }
    }

    [Fact]
    public void Quantize_multiplier_represents_the_real_scale_in_Q31()
    {
        var random = new Random(8);
        for (var i = 0; i < 20000; i++)
        {
            var real = Math.Pow(2, random.NextDouble() * 40 - 30) * (random.Next(2) == 0 ? 1 : -1);
            QuantMath.QuantizeMultiplier(real, out var m, out var shift);
            var exp = Math.ILogB(real) + 1;
            var expected = (long)Math.Round(Math.ScaleB(real, 31 - exp), MidpointRounding.AwayFromZero);
            if (Math.Abs(expected) == 1L << 31)
            {
                expected /= 2;
                exp++;
            }

            Assert.Equal(exp, shift);
            Assert.Equal(expected, m);
        }

        QuantMath.QuantizeMultiplier(0.0, out var zm, out var zs);
        Assert.Equal((0, 0), (zm, zs));
    }
}
