using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using DigitLock.Core.Preprocessing;
using DigitLock.Core.Strokes;
using DigitLock.Data;

namespace DigitLock.Preprocessing.Tests;

/// <summary>
/// Committed stroke samples (golden/*.json, written by hand as point lists) and the exact images
/// the device preprocessing must make of them (golden/*.expected.pgm, plain-text PGM). The
/// expected images were generated once by this code and reviewed as enlarged PNGs; any change
/// to preprocessing shows up here and needs a new review: run with DIGITLOCK_UPDATE_GOLDEN=1 to
/// rewrite them (review PNGs go to the temp folder) and look at the result before committing.
/// </summary>
public class GoldenImageTests
{
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(GoldenDir(), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Fact]
    public void There_are_golden_samples_of_several_digits()
    {
        Assert.True(Directory.GetFiles(GoldenDir(), "*.json").Length >= 5);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Strokes_render_to_the_committed_image(string name)
    {
        var (label, strokes) = ReadStrokes(Path.Combine(GoldenDir(), name + ".json"));
        var image = new byte[784];
        Assert.Equal(PreprocessResult.Digit, new DigitPreprocessor().Process(strokes, image));
        var expectedFile = Path.Combine(SourceGoldenDir(), name + ".expected.pgm");
        if (Environment.GetEnvironmentVariable("DIGITLOCK_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(expectedFile, ToPgm(image, $"{name}: digit {label}, {PreprocessParams.Describe()}"));
            var review = Path.Combine(Path.GetTempPath(), "digitlock-golden-review");
            PngWriter.WriteGray(Path.Combine(review, name + ".png"), 28 * 8, 28 * 8, Enlarge(image, 8));
        }

        var expected = FromPgm(File.ReadAllText(expectedFile));
        var differing = Enumerable.Range(0, 784).Where(i => expected[i] != image[i]).ToList();
        Assert.True(differing.Count == 0,
            $"{name}: {differing.Count} pixels differ from {expectedFile}, first at ({differing.FirstOrDefault() % 28},{differing.FirstOrDefault() / 28}); " +
            "if preprocessing changed on purpose, regenerate with DIGITLOCK_UPDATE_GOLDEN=1 and review the PNGs");
    }

    private static (int Label, Stroke[] Strokes) ReadStrokes(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var strokes = json.RootElement.GetProperty("strokes").EnumerateArray()
            .Select(stroke => new Stroke(stroke.EnumerateArray()
                .Select(p => new TouchPoint(p[0].GetInt32(), p[1].GetInt32(), p[2].GetInt32())).ToArray()))
            .ToArray();
        return (json.RootElement.GetProperty("label").GetInt32(), strokes);
    }

    private static string ToPgm(byte[] image, string comment)
    {
        var text = new StringBuilder($"P2\n# {comment}\n28 28\n255\n");
        for (var y = 0; y < 28; y++)
        {
            text.AppendJoin(' ', Enumerable.Range(0, 28).Select(x => image[y * 28 + x].ToString().PadLeft(3))).Append('\n');
        }

        return text.ToString();
    }

    private static byte[] FromPgm(string text)
    {
        var tokens = text.Split('\n').Where(line => !line.StartsWith('#'))
            .SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        Assert.Equal(["P2", "28", "28", "255"], tokens[..4]);
        return tokens[4..].Select(byte.Parse).ToArray();
    }

    private static byte[] Enlarge(byte[] image, int zoom)
    {
        var size = 28 * zoom;
        return Enumerable.Range(0, size * size).Select(i => image[(i / size / zoom) * 28 + i % size / zoom]).ToArray();
    }

    private static string GoldenDir() => Path.Combine(AppContext.BaseDirectory, "golden");

    private static string SourceGoldenDir([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "golden");
}
