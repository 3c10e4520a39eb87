using DigitLock.Core.Preprocessing;
using DigitLock.Core.Strokes;

namespace DigitLock.Preprocessing.Tests;

public class DigitPreprocessorTests
{
    private static byte[] Render(Stroke[] strokes, DigitPreprocessor? preprocessor = null)
    {
        var image = new byte[784];
        Assert.Equal(PreprocessResult.Digit, (preprocessor ?? new DigitPreprocessor()).Process(strokes, image));
        return image;
    }

    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Translating_the_strokes_leaves_the_image_unchanged(int seed)
    {
        var strokes = TestDigits.Random(seed);
        var moved = TestDigits.Map(strokes, p => new TouchPoint(p.X + 137 + seed, p.Y - 61, p.TimeMs + 5000));
        Assert.Equal(Render(strokes), Render(moved));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Scaling_the_strokes_by_a_whole_factor_leaves_the_image_unchanged(int seed)
    {
        var strokes = TestDigits.Random(seed);
        var bigger = TestDigits.Map(strokes, p => new TouchPoint(p.X * 3, p.Y * 3, p.TimeMs));
        Assert.Equal(Render(strokes), Render(bigger));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Scaling_by_other_factors_changes_the_image_only_slightly(int seed)
    {
        // Screen pixels are whole numbers, so a smaller copy of a digit is rounded differently.
        var strokes = TestDigits.Random(seed, width: 200, height: 240);
        var original = Render(strokes);
        foreach (var factor in new[] { 0.75, 1.37, 2.5 })
        {
            var scaled = Render(TestDigits.Map(strokes,
                p => new TouchPoint((int)Math.Round(p.X * factor), (int)Math.Round(p.Y * factor), p.TimeMs)));
            Assert.True(TestDigits.MeanAbsDiff(original, scaled) < 6,
                $"factor {factor}: mean difference {TestDigits.MeanAbsDiff(original, scaled):F2} grey levels");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_image_is_centred_by_mass_and_fits_the_20_pixel_box(int seed)
    {
        var image = Render(TestDigits.Random(seed));
        var (x, y) = TestDigits.CentreOfMass(image);
        Assert.InRange(x, 13.5 - 0.25, 13.5 + 0.25);
        Assert.InRange(y, 13.5 - 0.25, 13.5 + 0.25);
        var box = TestDigits.InkBox(image, 127);
        Assert.InRange(Math.Max(box.Width, box.Height), 19, 21);
    }

    [Fact]
    public void Output_is_byte_identical_between_runs_and_instances()
    {
        var first = new DigitPreprocessor();
        var second = new DigitPreprocessor();
        for (var seed = 100; seed < 140; seed++)
        {
            var strokes = TestDigits.Random(seed);
            var a = Render(strokes, first);
            Render(TestDigits.Random(seed + 1000), first); // state from another digit must not leak
            Assert.Equal(a, Render(strokes, first));
            Assert.Equal(a, Render(strokes, second));
        }
    }

    [Fact]
    public void A_one_stays_thin()
    {
        var image = Render([TestDigits.Line((50, 10), (51, 60), (52, 110))]);
        var box = TestDigits.InkBox(image, 127);
        Assert.InRange(box.Height, 19, 21);
        Assert.InRange(box.Width, 2, 4);
    }

    [Fact]
    public void Pen_gives_mnist_like_strokes_with_full_core_and_soft_edge()
    {
        var image = Render([TestDigits.Line((50, 10), (50, 110))]);
        var row = Enumerable.Range(0, 28).Select(x => image[14 * 28 + x]).ToArray();
        Assert.Contains(row, v => v == 255);
        Assert.Contains(row, v => v is > 0 and < 255);
        Assert.InRange(row.Count(v => v > 127), 2, 3);
    }

    [Fact]
    public void Nothing_tap_dot_or_tiny_stroke_is_nothing_written_and_leaves_a_blank_image()
    {
        var preprocessor = new DigitPreprocessor();
        var image = Enumerable.Repeat((byte)7, 784).ToArray();
        Stroke[][] cases =
        [
            [],
            [TestDigits.Line((40, 40))],
            [TestDigits.Line((40, 40), (41, 41), (40, 42))],
            [TestDigits.Line((40, 40), (40 + PreprocessParams.MinExtentPx - 1, 40)), TestDigits.Line((42, 43))],
        ];
        foreach (var strokes in cases)
        {
            Assert.Equal(PreprocessResult.NothingWritten, preprocessor.Process(strokes, image));
            Assert.All(image, v => Assert.Equal(0, v));
        }

        Assert.Equal(PreprocessResult.Digit,
            preprocessor.Process([TestDigits.Line((40, 40), (40 + PreprocessParams.MinExtentPx, 40))], image));
    }

    [Fact]
    public void A_digit_costs_no_allocation_after_warm_up()
    {
        var preprocessor = new DigitPreprocessor();
        var reframer = new BitmapReframer();
        var digits = Enumerable.Range(0, 50).Select(seed => TestDigits.Random(seed)).ToArray();
        var inks = digits.Select(d =>
        {
            var ink = new InkBuffer(1024, 16, false);
            ink.CopyFrom(d);
            return ink;
        }).ToArray();
        var image = new byte[784];
        var picture = new byte[40 * 30];
        picture[10 * 40 + 12] = 255;
        picture[20 * 40 + 25] = 255;

        void All()
        {
            foreach (var d in digits)
            {
                preprocessor.Process(d, image);
            }

            foreach (var ink in inks)
            {
                preprocessor.Process(ink, image);
            }

            reframer.Reframe(picture, 40, 30, false, image);
        }

        All();
        var before = GC.GetAllocatedBytesForCurrentThread();
        All();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Parameters_are_described_compactly_for_model_metadata()
    {
        var text = PreprocessParams.Describe();
        Assert.Equal($"fit=20;pen={PreprocessParams.PenRadiusQ8};aa={PreprocessParams.EdgeSoftnessQ8};min={PreprocessParams.MinExtentPx};" +
                     $"bthr={PreprocessParams.BitmapInkThreshold};v={PreprocessParams.Version}", text);
        Assert.True(text.Length <= 63);
    }
}
