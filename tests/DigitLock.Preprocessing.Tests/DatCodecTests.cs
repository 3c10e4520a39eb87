using DigitLock.Core.Dataset;
using DigitLock.Core.Preprocessing;
using DigitLock.Core.Strokes;

namespace DigitLock.Preprocessing.Tests;

public class DatCodecTests
{
    internal static RecordedSample Example(int label = 7, int seed = 3)
    {
        var strokes = TestDigits.Random(seed);
        var image = new byte[784];
        new DigitPreprocessor().Process(strokes, image);
        var source = new CaptureSource(SourceKind.BoardTouch, "rt1060-evk-01", 480, 272, 20, 136, 100, 120, 100,
            "alice", "2026-11-22-boot3");
        return new RecordedSample(new Sample(label, strokes, image), source, 1_795_000_000_123L, PreprocessParams.Describe());
    }

    [Fact]
    public void Round_trip_keeps_every_field()
    {
        var original = Example();
        var decoded = DatCodec.Decode(DatCodec.Encode(original), "x.dat");

        Assert.Equal(7, decoded.Sample.Label);
        Assert.Equal(original.Sample.Image, decoded.Sample.Image);
        Assert.Equal(original.Sample.StrokeCount, decoded.Sample.StrokeCount);
        for (var s = 0; s < original.Sample.StrokeCount; s++)
        {
            var a = original.Sample.GetStroke(s);
            var b = decoded.Sample.GetStroke(s);
            Assert.Equal(Enumerable.Range(0, a.Count).Select(i => a[i]), Enumerable.Range(0, b.Count).Select(i => b[i]));
        }

        var (x, y) = (original.Source, decoded.Source);
        Assert.Equal((x.Kind, x.BoardId, x.ScreenWidth, x.ScreenHeight, x.BoxLeft, x.BoxTop, x.BoxWidth, x.BoxHeight, x.SampleRateHz, x.Writer, x.Session),
            (y.Kind, y.BoardId, y.ScreenWidth, y.ScreenHeight, y.BoxLeft, y.BoxTop, y.BoxWidth, y.BoxHeight, y.SampleRateHz, y.Writer, y.Session));
        Assert.Equal(original.CapturedAtUnixMs, decoded.CapturedAtUnixMs);
        Assert.Equal(original.Preprocessing, decoded.Preprocessing);
    }

    [Fact]
    public void Round_trip_of_unlabelled_stroke_less_negative_coordinate_sample()
    {
        var strokes = new[] { new Stroke([new TouchPoint(-5, -32768, -1), new TouchPoint(32767, 4, int.MaxValue)]) };
        var source = new CaptureSource(SourceKind.ImportedBitmap, "", 0, 0, 0, 0, 0, 0, 0, "", "");
        foreach (var sample in new[] { new Sample(Sample.Unlabelled, strokes, new byte[784]), new Sample(0, [], new byte[784]) })
        {
            var decoded = DatCodec.Decode(DatCodec.Encode(new RecordedSample(sample, source, -1, "")), "y.dat");
            Assert.Equal(sample.Label, decoded.Sample.Label);
            Assert.Equal(sample.StrokeCount, decoded.Sample.StrokeCount);
            Assert.Equal(-1, decoded.CapturedAtUnixMs);
            if (sample.StrokeCount > 0)
            {
                Assert.Equal(new TouchPoint(-5, -32768, -1), decoded.Sample.GetStroke(0)[0]);
                Assert.Equal(new TouchPoint(32767, 4, int.MaxValue), decoded.Sample.GetStroke(0)[1]);
            }
        }
    }

    [Fact]
    public void Starts_with_magic_and_version_and_ends_with_the_crc_of_the_rest()
    {
        var data = DatCodec.Encode(Example());
        Assert.Equal("DLSM"u8.ToArray(), data[..4]);
        Assert.Equal(1, data[4] | data[5] << 8);
        Assert.Equal(data.Length, data[8] | data[9] << 8 | data[10] << 16 | data[11] << 24);
        var crc = (uint)(data[^4] | data[^3] << 8 | data[^2] << 16 | data[^1] << 24);
        Assert.Equal(Crc32.Compute(data, 0, data.Length - 4), crc);
    }

    [Fact]
    public void Every_truncation_is_a_clear_error_naming_the_file()
    {
        var data = DatCodec.Encode(Example());
        for (var length = 0; length < data.Length; length++)
        {
            var error = Assert.Throws<DatFormatException>(() => DatCodec.Decode(data[..length], "samples/7/cut.dat"));
            Assert.StartsWith("samples/7/cut.dat: ", error.Message);
            Assert.Contains("truncated", error.Fault);
        }
    }

    [Fact]
    public void Every_flipped_byte_is_a_clear_error_and_only_DatFormatException_escapes()
    {
        var data = DatCodec.Encode(Example());
        foreach (var mask in new byte[] { 0x01, 0x80, 0xFF })
        {
            for (var i = 0; i < data.Length; i++)
            {
                var damaged = (byte[])data.Clone();
                damaged[i] ^= mask;
                var error = Assert.Throws<DatFormatException>(() => DatCodec.Decode(damaged, "d.dat"));
                Assert.Equal("d.dat", error.FileName);
                var expected = i < 4 ? "bad magic" : i < 6 ? "unsupported version" : i is >= 8 and < 12 ? "length" : "CRC mismatch";
                if (i is >= 8 and < 12)
                {
                    Assert.True(error.Fault.Contains("truncated") || error.Fault.Contains("length mismatch"), error.Message);
                }
                else
                {
                    Assert.Contains(expected, error.Fault);
                }
            }
        }
    }

    [Fact]
    public void Faults_behind_a_valid_crc_are_still_reported()
    {
        // A writer bug (or a hand-made file) with a correct CRC: the fields are still checked.
        var data = DatCodec.Encode(Example());
        Assert.Contains("unsupported version 2", Decode(Patched(data, 4, 2)).Fault);
        Assert.Contains("label 12 is not a digit", Decode(Patched(data, 12, 12)).Fault);
        Assert.Contains("unknown source kind 9", Decode(Patched(data, 13, 9)).Fault);
        Assert.Contains("unknown flags", Decode(Patched(data, 6, 1)).Fault);
        Assert.Contains("board id", Decode(Patched(data, DatCodec.FixedHeaderSize, 200)).Fault);
        var trailing = data[..^4].Concat(new byte[] { 0, 0, 0, 0, 0 }).ToArray();
        trailing[8] = (byte)(trailing.Length);
        trailing[9] = (byte)(trailing.Length >> 8);
        Assert.Contains("image is 785 bytes", Decode(WithCrc(trailing)).Fault);
    }

    [Fact]
    public void Encode_rejects_what_the_format_cannot_hold()
    {
        var source = Example().Source;
        var far = new Sample(1, [new Stroke([new TouchPoint(40000, 0, 0)])], new byte[784]);
        Assert.Throws<ArgumentException>(() => DatCodec.Encode(new RecordedSample(far, source, 0, "")));
        Assert.Throws<ArgumentException>(() => new CaptureSource(SourceKind.BoardTouch, "bad\u00e9", 1, 1, 0, 0, 1, 1, 1, "", ""));
        Assert.Throws<ArgumentException>(() => new CaptureSource(SourceKind.BoardTouch, new string('a', 64), 1, 1, 0, 0, 1, 1, 1, "", ""));
    }

    private static DatFormatException Decode(byte[] data) => Assert.Throws<DatFormatException>(() => DatCodec.Decode(data, "p.dat"));

    private static byte[] Patched(byte[] data, int at, byte value)
    {
        var copy = (byte[])data.Clone();
        copy[at] = value;
        return WithCrc(copy);
    }

    private static byte[] WithCrc(byte[] data)
    {
        var crc = Crc32.Compute(data, 0, data.Length - 4);
        data[^4] = (byte)crc;
        data[^3] = (byte)(crc >> 8);
        data[^2] = (byte)(crc >> 16);
        data[^1] = (byte)(crc >> 24);
        return data;
    }
}
