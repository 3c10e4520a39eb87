using DigitLock.Core.Strokes;

namespace DigitLock.Core.Tests;

public class SampleTests
{
    private static Stroke Line() => new(new[] { new TouchPoint(1, 2, 0), new TouchPoint(3, 4, 10) });

    [Fact]
    public void Stroke_keeps_its_own_copy_of_the_points()
    {
        var points = new[] { new TouchPoint(1, 2, 0), new TouchPoint(3, 4, 10) };
        var stroke = new Stroke(points);
        points[0] = new TouchPoint(99, 99, 99);

        Assert.Equal(2, stroke.Count);
        Assert.Equal(1, stroke[0].X);
        Assert.Equal(10, stroke[1].TimeMs);
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(10)]
    public void Sample_rejects_a_label_that_is_not_a_digit(int label)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sample(label, new[] { Line() }, new byte[784]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(783)]
    [InlineData(785)]
    public void Sample_rejects_an_image_that_is_not_28x28(int size)
    {
        Assert.Throws<ArgumentException>(() => new Sample(3, new[] { Line() }, new byte[size]));
    }

    [Fact]
    public void Unlabelled_sample_keeps_strokes_and_image()
    {
        var image = new byte[784];
        image[5] = 200;
        var sample = new Sample(Sample.Unlabelled, new[] { Line(), Line() }, image);

        Assert.Equal(-1, sample.Label);
        Assert.Equal(2, sample.StrokeCount);
        Assert.Equal(200, sample.Image[5]);
    }
}
