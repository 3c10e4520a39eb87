using System.IO.Compression;
using DigitLock.Core.Dataset;
using DigitLock.Core.Strokes;
using DigitLock.Data;

namespace DigitLock.Preprocessing.Tests;

/// <summary>A temporary folder of DAT samples in the board's layout, removed afterwards.</summary>
public sealed class SampleFolder : IDisposable
{
    public SampleFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "dl-data-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Writes <paramref name="count"/> samples of <paramref name="digit"/> by <paramref name="writer"/>.</summary>
    public SampleFolder Add(int digit, int count, string writer, string session = "s1")
    {
        var store = new SampleStore(new FileSystemStorage(Root), "", writer);
        for (var i = 0; i < count; i++)
        {
            var example = DatCodecTests.Example(digit, seed: digit * 100 + i);
            var s = example.Source;
            var source = new CaptureSource(s.Kind, s.BoardId, s.ScreenWidth, s.ScreenHeight, s.BoxLeft, s.BoxTop, s.BoxWidth,
                s.BoxHeight, s.SampleRateHz, writer, session);
            store.Save(new RecordedSample(example.Sample, source, 0, example.Preprocessing));
        }

        return this;
    }

    public string[] Files(string sub = "") =>
        Directory.Exists(Path.Combine(Root, sub))
            ? Directory.GetFiles(Path.Combine(Root, sub), "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Path.Combine(Root, sub), f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray()
            : [];

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

public class DataToolsTests
{
    private static SampleFolder ThreeWriters()
    {
        var folder = new SampleFolder();
        foreach (var writer in new[] { "ann", "bob", "cyd" })
        {
            for (var digit = 0; digit <= 9; digit++)
            {
                folder.Add(digit, digit == 4 ? 1 : 2, writer, session: writer == "cyd" ? "s2" : "s1");
            }
        }

        return folder;
    }

    [Fact]
    public void Png_writer_output_decodes_to_the_pixels()
    {
        var gray = Enumerable.Range(0, 5 * 3).Select(i => (byte)(i * 17)).ToArray();
        var (width, height, type, pixels) = DecodePng(PngWriter.EncodeGray(5, 3, gray));
        Assert.Equal((5, 3, 0), (width, height, type));
        Assert.Equal(gray, pixels);

        var rgb = Enumerable.Range(0, 2 * 2 * 3).Select(i => (byte)(255 - i)).ToArray();
        (width, height, type, pixels) = DecodePng(PngWriter.EncodeRgb(2, 2, rgb));
        Assert.Equal((2, 2, 2), (width, height, type));
        Assert.Equal(rgb, pixels);
        Assert.Throws<ArgumentException>(() => PngWriter.EncodeGray(5, 3, new byte[14]));
    }

    [Fact]
    public void Loader_returns_image_label_and_writer_in_path_order()
    {
        using var folder = ThreeWriters();
        var dataset = DatDataset.Load(folder.Root);
        Assert.Equal(57, dataset.Records.Count);
        Assert.Equal(dataset.Records.Select(r => r.Path).Order(StringComparer.Ordinal), dataset.Records.Select(r => r.Path));
        Assert.All(dataset.Records, r =>
        {
            Assert.Equal(r.Path[0] - '0', r.Label);
            Assert.Equal(784, r.Image.Length);
            Assert.Contains(r.Writer, new[] { "ann", "bob", "cyd" });
        });

        var rerendered = DatDataset.Load(folder.Root, new DatLoadOptions { Rerender = true });
        Assert.Equal(dataset.Records.Select(r => r.Image), rerendered.Records.Select(r => r.Image));
        var only = DatDataset.Load(folder.Root, new DatLoadOptions { Only = ["3/ann-000001.dat"] });
        Assert.Equal("ann", Assert.Single(only.Records).Writer);
    }

    [Fact]
    public void Loader_names_a_damaged_file_or_skips_it_when_asked()
    {
        using var folder = ThreeWriters();
        var victim = Path.Combine(folder.Root, "5", "bob-000000.dat");
        File.WriteAllBytes(victim, File.ReadAllBytes(victim)[..100]);
        var error = Assert.Throws<DatFormatException>(() => DatDataset.Load(folder.Root));
        Assert.Contains("bob-000000.dat", error.Message);
        var lenient = DatDataset.Load(folder.Root, new DatLoadOptions { SkipDamaged = true });
        Assert.Equal(56, lenient.Records.Count);
        Assert.Contains("truncated", Assert.Single(lenient.Errors));
    }

    [Fact]
    public void Stats_count_digits_sources_and_writers()
    {
        using var folder = ThreeWriters();
        var stats = DatasetStats.Of(folder.Root);
        Assert.Equal(57, stats.Total);
        Assert.Equal([6, 6, 6, 6, 3, 6, 6, 6, 6, 6], stats.PerDigit);
        Assert.Equal(19, stats.PerWriter["bob"].Sum());
        Assert.Equal(57, Assert.Single(stats.PerSource).Value);
    }

    [Fact]
    public void Balance_fails_naming_each_short_digit_and_writes_nothing()
    {
        using var folder = ThreeWriters();
        var output = Path.Combine(folder.Root, "..", Path.GetFileName(folder.Root) + "-balanced");
        var error = Assert.Throws<DatasetException>(() => DatasetBalance.Choose(folder.Root, 4, 1));
        Assert.Contains("digit 4 has 3", error.Message);
        Assert.DoesNotContain("digit 5", error.Message);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Balance_takes_exactly_n_per_digit_deterministically()
    {
        using var folder = ThreeWriters();
        var first = DatasetBalance.Choose(folder.Root, 3, 7);
        Assert.Equal(first, DatasetBalance.Choose(folder.Root, 3, 7));
        Assert.All(first.GroupBy(DatFolder.FolderDigit), g => Assert.Equal(3, g.Count()));
        Assert.NotEqual(first, DatasetBalance.Choose(folder.Root, 3, 8));

        using var output = new SampleFolder();
        DatasetBalance.Copy(folder.Root, first, output.Root);
        Assert.Equal(first, output.Files());
    }

    [Fact]
    public void Split_by_writer_keeps_each_writer_on_one_side_and_is_deterministic()
    {
        using var folder = ThreeWriters();
        var split = DatasetSplit.Compute(folder.Root, SplitBy.Writer, 0.6, 1);
        Assert.Equal(57, split.Train.Count + split.Val.Count);
        Assert.Empty(split.TrainGroups.Intersect(split.ValGroups));
        Assert.NotEmpty(split.ValGroups);
        var writerOf = DatDataset.Load(folder.Root).Records.ToDictionary(r => r.Path, r => r.Writer);
        Assert.All(split.Train, p => Assert.Contains(writerOf[p], split.TrainGroups));
        Assert.All(split.Val, p => Assert.Contains(writerOf[p], split.ValGroups));
        Assert.Equal(split.Val, DatasetSplit.Compute(folder.Root, SplitBy.Writer, 0.6, 1).Val);

        var (train, val) = DatasetSplit.Write(split, folder.Root, SplitBy.Writer, 0.6, 1);
        Assert.Equal(split.Val, DatDataset.ReadList(val));
        var loaded = DatDataset.Load(folder.Root, new DatLoadOptions { Only = DatDataset.ReadList(train) });
        Assert.Equal(split.Train.Count, loaded.Records.Count);

        var bySession = DatasetSplit.Compute(folder.Root, SplitBy.Session, 0.5, 1);
        Assert.Equal(["s1", "s2"], bySession.TrainGroups.Concat(bySession.ValGroups).Order(StringComparer.Ordinal));
        Assert.Single(bySession.ValGroups);
        Assert.Throws<DatasetException>(() => DatasetSplit.Compute(folder.Root, SplitBy.Writer, 1.0, 1));
    }

    [Fact]
    public void Clean_moves_removed_and_relabelled_files_to_quarantine()
    {
        using var folder = ThreeWriters();
        var list = Path.Combine(folder.Root, "review.txt");
        File.WriteAllText(list, "# reviewed on the sheets\nremove 1/ann-000000.dat\nrelabel 7/bob-000001.dat 1  # a one with a flag\n");
        var done = CleaningList.Apply(folder.Root, CleaningList.Parse(list), list);

        Assert.Equal(2, done.Count);
        Assert.Equal(["1/ann-000000.dat", "7/bob-000001.dat", "log.txt"], folder.Files("quarantine"));
        Assert.False(File.Exists(Path.Combine(folder.Root, "1", "ann-000000.dat")));
        var moved = DatFolder.ReadFile(Path.Combine(folder.Root, "1", "bob-000001-from7.dat"));
        Assert.Equal(7, DatFolder.ReadFile(Path.Combine(folder.Root, "quarantine", "7", "bob-000001.dat")).Sample.Label);
        Assert.Equal(1, moved.Sample.Label);
        Assert.Equal("bob", moved.Source.Writer);
        Assert.Equal(56, DatDataset.Load(folder.Root).Records.Count);
    }

    [Theory]
    [InlineData("remove 1/nope.dat", "is not in")]
    [InlineData("relabel 1/ann-000000.dat 1", "already labelled 1")]
    [InlineData("remove 1/ann-000000.dat\nremove 1/ann-000000.dat", "appears twice")]
    [InlineData("delete 1/ann-000000.dat", "expected \"remove <path>\"")]
    [InlineData("remove ../1/ann-000000.dat", "not a sample path")]
    public void A_bad_cleaning_list_changes_nothing(string content, string error)
    {
        using var folder = ThreeWriters();
        var before = folder.Files();
        var list = Path.Combine(Path.GetTempPath(), $"dl-list-{Guid.NewGuid():N}.txt");
        File.WriteAllText(list, "remove 2/ann-000000.dat\n" + content + "\n");
        try
        {
            var failure = Assert.Throws<DatasetException>(() => CleaningList.Apply(folder.Root, CleaningList.Parse(list), list));
            Assert.Contains(error, failure.Message);
            Assert.Equal(before, folder.Files());
        }
        finally
        {
            File.Delete(list);
        }
    }

    [Fact]
    public void Contact_sheet_has_a_tile_per_sample_and_an_index()
    {
        using var folder = ThreeWriters();
        using var output = new SampleFolder();
        var written = ContactSheet.Write(folder.Root, output.Root);
        Assert.Equal(10, written.Count);
        var (width, height, _, pixels) = DecodePng(File.ReadAllBytes(Path.Combine(output.Root, "sheet-4.png")));
        Assert.Equal((ContactSheet.Columns * 29 + 1, 29 + 1), (width, height));
        var index = File.ReadAllLines(Path.Combine(output.Root, "sheet-4.txt")).Where(l => !l.StartsWith('#')).ToArray();
        Assert.Equal(["0 0 4/ann-000000.dat", "0 1 4/bob-000000.dat", "0 2 4/cyd-000000.dat"], index);
        var first = DatFolder.ReadFile(Path.Combine(folder.Root, "4", "ann-000000.dat")).Sample.Image;
        Assert.Equal(first[14 * 28 + 14], pixels[(1 + 14) * width + 1 + 14]);
    }

    [Fact]
    public void Unipen_reader_parses_segments_writers_strokes_and_pen_up_times()
    {
        var file = Path.Combine(Path.GetTempPath(), $"dl-{Guid.NewGuid():N}.tra");
        File.WriteAllText(file, """
            .INCLUDE        dene.doc
            .LEXICON "0" "1"
            .SEGMENT DIGIT    0 ? "8"
            .COMMENT 8 12  224
            .PEN_DOWN
             267  333
             267  336
            .PEN_UP
            .DT 100
            .PEN_DOWN
             10  20
            .PEN_UP
            .DT 100

            .SEGMENT DIGIT    1 ? "2"
            .COMMENT 2 26   54
            .PEN_DOWN
             1  2
            .PEN_UP
            """);
        try
        {
            var digits = UnipenReader.Read(file);
            Assert.Equal(2, digits.Count);
            Assert.Equal((8, 12, 224), (digits[0].Label, digits[0].Writer, digits[0].IndexInWriter));
            Assert.Equal(2, digits[0].Strokes.Count);
            Assert.Equal([(267, 333), (267, 336)], digits[0].Strokes[0].Points);
            Assert.Equal(100, digits[0].Strokes[1].GapBeforeMs);
            Assert.Equal((2, 26), (digits[1].Label, digits[1].Writer));

            File.WriteAllText(file, ".SEGMENT DIGIT 0 ? \"8\"\n.COMMENT 8 1 1\n.PEN_DOWN\n 1 x\n.PEN_UP\n");
            var error = Assert.Throws<FormatException>(() => UnipenReader.Read(file));
            Assert.Contains(":4: expected \"x y\"", error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Pen_replay_goes_through_the_device_capture_at_the_touch_rate()
    {
        // A vertical pen line 200 tablet units long over 20 points (190 ms at the assumed 100 Hz tablet).
        var pen = new[] { new PenStroke(Enumerable.Range(0, 20).Select(i => (250, 400 - i * 10)).ToArray(), 0) };
        var fast = new PenReplay(TouchScreen.Rt1060).Replay(pen);
        var slow = new PenReplay(TouchScreen.Rt1060 with { TouchRateHz = 50 }).Replay(pen);
        var points = Enumerable.Range(0, fast.Strokes[0].Count).Select(i => fast.Strokes[0][i]).ToArray();
        Assert.Equal(20, points.Length);
        Assert.True(slow.Strokes[0].Count is >= 10 and <= 11, $"{slow.Strokes[0].Count} points at 50 Hz");
        Assert.True(points[^1].Y > points[0].Y, "tablet y up must become screen y down");
        Assert.Equal(95, points[^1].Y - points[0].Y); // 190 units * 0.5 px/unit (under the 0.9 * 120 px cap)
        Assert.All(points, p => Assert.True(TouchScreen.Rt1060.Box.Contains(p.X, p.Y)));
        Assert.Equal(DigitLock.Core.Preprocessing.PreprocessResult.Digit, fast.Result);
    }

    internal static (int Width, int Height, int ColourType, byte[] Pixels) DecodePng(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        int width = 0, height = 0, type = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = png[at] << 24 | png[at + 1] << 16 | png[at + 2] << 8 | png[at + 3];
            var chunkType = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var crc = (uint)(png[at + 8 + length] << 24 | png[at + 9 + length] << 16 | png[at + 10 + length] << 8 | png[at + 11 + length]);
            Assert.Equal(Crc32.Compute(png, at + 4, 4 + length), crc);
            if (chunkType == "IHDR")
            {
                width = png[at + 8] << 24 | png[at + 9] << 16 | png[at + 10] << 8 | png[at + 11];
                height = png[at + 12] << 24 | png[at + 13] << 16 | png[at + 14] << 8 | png[at + 15];
                type = png[at + 17];
            }
            else if (chunkType == "IDAT")
            {
                idat.Write(png, at + 8, length);
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var rowBytes = width * (type == 2 ? 3 : 1);
        var bytes = raw.ToArray();
        var pixels = new byte[rowBytes * height];
        for (var y = 0; y < height; y++)
        {
            Assert.Equal(0, bytes[y * (rowBytes + 1)]);
            Array.Copy(bytes, y * (rowBytes + 1) + 1, pixels, y * rowBytes, rowBytes);
        }

        return (width, height, type, pixels);
    }
}
