using DigitLock.Training.Data;

namespace DigitLock.Training.Tests;

public class ReframedDatasetTests
{
    // A 6x10 bar of ink pushed into the top-left corner, the way a picture from another app might be framed.
    private static byte[] CornerBar()
    {
        var image = new byte[IDigitDataset.Pixels];
        for (var y = 0; y < 10; y++)
        {
            for (var x = 0; x < 6; x++)
            {
                image[y * IDigitDataset.Side + x] = 255;
            }
        }

        return image;
    }

    private static (double X, double Y, int Top, int Bottom) Geometry(ReadOnlySpan<byte> image)
    {
        double sum = 0, sx = 0, sy = 0;
        int top = IDigitDataset.Side, bottom = -1;
        for (var y = 0; y < IDigitDataset.Side; y++)
        {
            for (var x = 0; x < IDigitDataset.Side; x++)
            {
                var v = image[y * IDigitDataset.Side + x];
                if (v == 0)
                {
                    continue;
                }

                sum += v;
                sx += v * x;
                sy += v * y;
                if (v >= 128)
                {
                    // Solid ink only: the anti-aliased rim may touch one more row on each side.
                    top = Math.Min(top, y);
                    bottom = Math.Max(bottom, y);
                }
            }
        }

        return (sx / sum, sy / sum, top, bottom);
    }

    [Fact]
    public void A_corner_digit_is_scaled_to_the_20_pixel_box_and_centred_by_mass()
    {
        var source = new DigitSet("corner", CornerBar().Concat(new byte[IDigitDataset.Pixels]).ToArray(), new byte[] { 1, 7 });
        var reframed = new ReframedDataset(source);

        var before = Geometry(source.Image(0));
        var after = Geometry(reframed.Image(0));
        Assert.True(before.X < 4 && before.Y < 6, $"source mass at {before.X},{before.Y}");
        Assert.InRange(after.X, 13.0, 14.5);
        Assert.InRange(after.Y, 13.0, 14.5);
        Assert.InRange(after.Bottom - after.Top + 1, 19, 21);

        Assert.Equal(1, reframed.Label(0));
        Assert.Equal("corner#0", reframed.SampleName(0));
        Assert.Equal(2, reframed.Count);
        Assert.All(reframed.Image(1).ToArray(), b => Assert.Equal(0, b));
    }
}
