using System.Globalization;
using System.Text;
using DigitLock.Data;
using DigitLock.Training.Data;

namespace DigitLock.Training.Tests;

/// <summary>DAT folders (written by DigitLock.Data's UNIPEN import) through the training loader.</summary>
public sealed class DatDatasetTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dl-dat-tests-" + Guid.NewGuid().ToString("N"));

    public DatDatasetTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ImportedPenDigitsLoadWithLabelsAndWriters()
    {
        // Three writers, digits 1 (a vertical line) and 7 (a bar and a slant); tablet y points up.
        var text = new StringBuilder(".LEXICON \"0\" \"1\" \"2\" \"3\" \"4\" \"5\" \"6\" \"7\" \"8\" \"9\"\n");
        var index = 0;
        foreach (var writer in new[] { 3, 5, 9 })
        {
            foreach (var label in new[] { 1, 7 })
            {
                text.Append(CultureInfo.InvariantCulture, $".SEGMENT DIGIT {index++} ? \"{label}\"\n.COMMENT {label} {writer} {index}\n.PEN_DOWN\n");
                for (var i = 0; i <= 20; i++)
                {
                    var (x, y) = label == 1 ? (250, 400 - 12 * i) : (150 + 10 * i, 400);
                    text.Append(CultureInfo.InvariantCulture, $" {x} {y}\n");
                }

                if (label == 7)
                {
                    for (var i = 1; i <= 20; i++)
                    {
                        text.Append(CultureInfo.InvariantCulture, $" {350 - 7 * i} {400 - 12 * i}\n");
                    }
                }

                text.Append(".PEN_UP\n");
            }
        }

        var unipen = Path.Combine(_dir, "digits.tra");
        File.WriteAllText(unipen, text.ToString());
        var folder = Path.Combine(_dir, "dat");
        UnipenImport.Run(unipen, folder, TouchScreen.Rt1060);

        Assert.True(DatDatasets.Looks(folder));
        var set = DataSources.Open(folder, mnistDirectory: _dir);
        Assert.Equal(6, set.Count);
        Assert.Equal(3, Enumerable.Range(0, set.Count).Where(i => set.Label(i) == 7).Count());
        Assert.Equal(3, Enumerable.Range(0, set.Count).Select(set.Group).Distinct().Count());
        Assert.All(Enumerable.Range(0, set.Count), i => Assert.True(set.Image(i).ToArray().Any(p => p > 128), "image has ink"));

        var (train, validation) = Subsets.Split(set, 0.34, 1);
        var heldOut = Enumerable.Range(0, validation.Count).Select(validation.Group).ToHashSet();
        Assert.Single(heldOut);
        Assert.DoesNotContain(Enumerable.Range(0, train.Count).Select(train.Group), heldOut.Contains);
    }
}
