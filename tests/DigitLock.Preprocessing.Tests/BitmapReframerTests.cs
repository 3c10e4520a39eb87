using DigitLock.Core.Preprocessing;

namespace DigitLock.Preprocessing.Tests;

public class BitmapReframerTests
{
    private static byte[] DeviceImage(int seed)
    {
        var image = new byte[784];
        Assert.Equal(PreprocessResult.Digit, new DigitPreprocessor().Process(TestDigits.Random(seed), image));
        return image;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_device_image_reframes_to_nearly_itself(int seed)
    {
        var image = DeviceImage(seed);
        var output = new byte[784];
        Assert.Equal(PreprocessResult.Digit, new BitmapReframer().Reframe(image, 28, 28, false, output));
        Assert.True(TestDigits.MeanAbsDiff(image, output) < 12, $"mean difference {TestDigits.MeanAbsDiff(image, output):F2}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(9)]
    public void A_larger_offset_dark_on_light_picture_is_framed_like_the_device_image(int seed)
    {
        var image = DeviceImage(seed);
        // The same digit 3x bigger, off-centre in a 120x100 picture, black ink on white paper.
        const int width = 120, height = 100;
        var picture = Enumerable.Repeat((byte)255, width * height).ToArray();
        for (var y = 0; y < 28 * 3; y++)
        {
            for (var x = 0; x < 28 * 3; x++)
            {
                picture[(y + 5) * width + x + 30] = (byte)(255 - image[(y / 3) * 28 + x / 3]);
            }
        }

        var output = new byte[784];
        Assert.Equal(PreprocessResult.Digit, new BitmapReframer().Reframe(picture, width, height, true, output));
        Assert.True(TestDigits.MeanAbsDiff(image, output) < 12, $"mean difference {TestDigits.MeanAbsDiff(image, output):F2}");
        var (cx, cy) = TestDigits.CentreOfMass(output);
        Assert.InRange(cx, 13, 14);
        Assert.InRange(cy, 13, 14);
    }

    [Fact]
    public void A_small_digit_is_enlarged_to_fit_20_pixels()
    {
        var picture = new byte[28 * 28];
        for (var y = 10; y < 18; y++)
        {
            picture[y * 28 + 12] = 255;
            picture[y * 28 + 13] = 255;
        }

        var output = new byte[784];
        Assert.Equal(PreprocessResult.Digit, new BitmapReframer().Reframe(picture, 28, 28, false, output));
        var box = TestDigits.InkBox(output, 127);
        Assert.InRange(box.Height, 19, 21);
        Assert.InRange(box.Width, 4, 7);
    }

    [Fact]
    public void Blank_or_speck_pictures_are_nothing_written()
    {
        var output = new byte[784];
        var reframer = new BitmapReframer();
        Assert.Equal(PreprocessResult.NothingWritten, reframer.Reframe(new byte[784], 28, 28, false, output));
        var speck = new byte[784];
        speck[300] = 255;
        speck[301] = 255;
        Assert.Equal(PreprocessResult.NothingWritten, reframer.Reframe(speck, 28, 28, false, output));
        Assert.All(output, v => Assert.Equal(0, v));
        Assert.Throws<ArgumentException>(() => reframer.Reframe(new byte[10], 28, 28, false, output));
    }
}
