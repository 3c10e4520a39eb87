using DigitLock.Core.Dataset;
using DigitLock.Data;

namespace DigitLock.Preprocessing.Tests;

/// <summary>Runs only where the shared test data sits beside the checkout; says why otherwise.</summary>
public sealed class PendigitsFactAttribute : FactAttribute
{
    public PendigitsFactAttribute()
    {
        if (!File.Exists(PendigitsImportTests.File))
        {
            Skip = $"shared test data missing: {PendigitsImportTests.File} (../shared beside the checkout)";
        }
    }
}

public class PendigitsImportTests
{
    public static string File { get; } = Locate();

    [PendigitsFact]
    public void Import_writes_every_pendigits_digit_with_its_label_and_writer()
    {
        using var output = new SampleFolder();
        var result = UnipenImport.Run(File, output.Root, TouchScreen.Rt1060);

        Assert.Empty(result.Skipped);
        Assert.Equal(7494, result.Written);
        var stats = DatasetStats.Of(output.Root);
        Assert.Equal(7494, stats.Total);
        Assert.Equal([780, 779, 780, 719, 780, 720, 720, 778, 719, 719], stats.PerDigit);
        Assert.Empty(stats.Damaged);
        Assert.Equal(30, stats.PerWriter.Count);
        Assert.All(stats.PerWriter.Values, counts => Assert.InRange(counts.Sum(), 247, 250));

        var sample = DatFolder.ReadFile(Path.Combine(output.Root, "8", "w12-224.dat"));
        Assert.Equal("pendigits-w12", sample.Source.Writer);
        Assert.Equal(SourceKind.ImportedPen, sample.Source.Kind);
        Assert.Equal((100, 120, 100), (sample.Source.BoxWidth, sample.Source.BoxHeight, sample.Source.SampleRateHz));
        Assert.Equal(DigitLock.Core.Preprocessing.PreprocessParams.Describe(), sample.Preprocessing);
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "nf-solution.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "pendigits", "pendigits-orig.tra"));
            }
        }

        return "../shared/data/pendigits/pendigits-orig.tra";
    }
}
