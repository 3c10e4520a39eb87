using DigitLock.Training.Core;
using DigitLock.Training.Data;
using DigitLock.Training.Imaging;

namespace DigitLock.Training.Tests;

public sealed class DataTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dl-training-tests-" + Guid.NewGuid().ToString("N"));

    public DataTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void IdxRoundTrip()
    {
        var set = TrainerTests.Bars(3, 1);
        var images = Path.Combine(_dir, "i.idx");
        var labels = Path.Combine(_dir, "l.idx");
        IdxFiles.Write(set, images, labels);
        var back = IdxFiles.Load(images, labels);
        Assert.Equal(set.Count, back.Count);
        Assert.True(set.Image(7).SequenceEqual(back.Image(7)));
        Assert.Equal(set.Label(7), back.Label(7));
    }

    [Fact]
    public void IdxWithWrongCountsIsRejectedClearly()
    {
        var set = TrainerTests.Bars(1, 1);
        var images = Path.Combine(_dir, "i.idx");
        var labels = Path.Combine(_dir, "l.idx");
        IdxFiles.Write(set, images, labels);
        File.WriteAllBytes(labels, File.ReadAllBytes(labels)[..^1]);
        var e = Assert.Throws<InvalidDataException>(() => IdxFiles.Load(images, labels));
        Assert.Contains("l.idx", e.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void PngRoundTrip(int channels)
    {
        var rng = new Rng(4);
        var pixels = Enumerable.Range(0, 5 * 3 * channels).Select(_ => (byte)rng.NextInt(256)).ToArray();
        var back = PngCodec.Decode(PngCodec.Encode(new Bitmap(5, 3, channels, pixels)), "t.png");
        Assert.Equal((5, 3, channels), (back.Width, back.Height, back.Channels));
        Assert.Equal(pixels, back.Pixels);
    }

    [Fact]
    public void PngDecoderUndoesEveryFilterType()
    {
        // Encode a gray image using filters Sub, Up, Average and Paeth on successive rows.
        var rng = new Rng(9);
        const int w = 6, h = 5;
        var image = Enumerable.Range(0, w * h).Select(_ => (byte)rng.NextInt(256)).ToArray();
        var raw = new List<byte>();
        for (var y = 0; y < h; y++)
        {
            var filter = (byte)(y % 5);
            raw.Add(filter);
            for (var x = 0; x < w; x++)
            {
                int a = x > 0 ? image[y * w + x - 1] : 0, b = y > 0 ? image[(y - 1) * w + x] : 0;
                int c = x > 0 && y > 0 ? image[(y - 1) * w + x - 1] : 0;
                var predictor = filter switch { 0 => 0, 1 => a, 2 => b, 3 => (a + b) >> 1, _ => PaethReference(a, b, c) };
                raw.Add((byte)(image[y * w + x] - predictor));
            }
        }

        var png = PngCodec.Encode(new Bitmap(w, h, 1, new byte[w * h]));
        var refiltered = ReplaceImageData(png, raw.ToArray());
        Assert.Equal(image, PngCodec.Decode(refiltered, "filters.png").Pixels);
    }

    [Fact]
    public void PngFolderLoadsDigitsInvertsDarkInkAndResamples()
    {
        var folder = Path.Combine(_dir, "touch");
        Directory.CreateDirectory(Path.Combine(folder, "3"));
        // 56x56, white background with a black block: must come back 28x28 with bright ink.
        var pixels = Enumerable.Repeat((byte)255, 56 * 56).ToArray();
        for (var y = 20; y < 36; y++)
        {
            for (var x = 20; x < 36; x++)
            {
                pixels[y * 56 + x] = 0;
            }
        }

        File.WriteAllBytes(Path.Combine(folder, "3", "w7_001.png"), PngCodec.Encode(new Bitmap(56, 56, 1, pixels)));
        var set = PngFolder.Load(folder);
        Assert.Equal(1, set.Count);
        Assert.Equal(3, set.Label(0));
        Assert.Equal("w7", set.Group(0));
        Assert.Equal(255, set.Image(0)[14 * 28 + 14]);
        Assert.Equal(0, set.Image(0)[0]);
    }

    [Fact]
    public void PerDigitDrawIsBalancedAndNamesShortDigits()
    {
        var set = TrainerTests.Bars(5, 1);
        var subset = Subsets.PerDigit(set, 3, 2);
        Assert.Equal(30, subset.Count);
        Assert.All(Subsets.ByDigit(subset), list => Assert.Equal(3, list.Count));

        var missingSeven = DigitSet.Select(set, Enumerable.Range(0, set.Count).Where(i => set.Label(i) != 7 || i < 20).ToArray());
        var e = Assert.Throws<InvalidDataException>(() => Subsets.PerDigit(missingSeven, 3, 2));
        Assert.Contains("digit 7 has 2", e.Message);
    }

    [Fact]
    public void SplitKeepsWritersOnOneSide()
    {
        var set = TrainerTests.Bars(6, 1, writers: 6);
        var (train, validation) = Subsets.Split(set, 0.34, 1);
        var trainWriters = Enumerable.Range(0, train.Count).Select(train.Group).ToHashSet();
        var validationWriters = Enumerable.Range(0, validation.Count).Select(validation.Group).ToHashSet();
        Assert.Equal(2, validationWriters.Count);
        Assert.Empty(trainWriters.Intersect(validationWriters));
        Assert.Equal(set.Count, train.Count + validation.Count);
    }

    [Fact]
    public void AugmentationIsSeededAndStaysInRange()
    {
        var set = TrainerTests.Bars(1, 1);
        var augmenter = new Augmenter(new AugmentOptions());
        var a = new float[784];
        var b = new float[784];
        var c = new float[784];
        augmenter.Apply(set.Image(4), a, Rng.For(1, 2, 3));
        augmenter.Apply(set.Image(4), b, Rng.For(1, 2, 3));
        augmenter.Apply(set.Image(4), c, Rng.For(1, 2, 4));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.All(a, v => Assert.InRange(v, 0f, 1f));
        var original = set.Image(4).ToArray().Select(p => p / 255f).ToArray();
        Assert.NotEqual(original, a);
    }

    private static int PaethReference(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>Re-encodes the PNG's single IDAT with other (already filtered) scanlines.</summary>
    private static byte[] ReplaceImageData(byte[] png, byte[] scanlines)
    {
        using var compressed = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(scanlines);
        }

        // Build a fresh file: signature + IHDR from the original, new IDAT, IEND. CRCs are not checked by the decoder.
        var ihdrEnd = 8 + 12 + 13;
        var output = new List<byte>(png[..ihdrEnd]);
        var data = compressed.ToArray();
        output.AddRange(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(data.Length)));
        output.AddRange("IDAT"u8.ToArray());
        output.AddRange(data);
        output.AddRange(new byte[4]);
        output.AddRange(png[^12..]);
        return output.ToArray();
    }
}
