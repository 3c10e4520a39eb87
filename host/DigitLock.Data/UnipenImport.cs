using DigitLock.Core.Dataset;
using DigitLock.Core.Preprocessing;
using DigitLock.Core.Strokes;

namespace DigitLock.Data;

public sealed record UnipenImportResult(int Written, IReadOnlyList<string> Skipped, IReadOnlyDictionary<int, int> PerDigit);

/// <summary>
/// <c>dataset import-unipen</c>: every digit of a UNIPEN file replayed through the device capture
/// and preprocessing (<see cref="PenReplay"/>) and saved as DAT files in the board's SD layout,
/// named <c>w&lt;writer&gt;-&lt;index&gt;.dat</c> with the writer recorded as <c>pendigits-w&lt;writer&gt;</c>.
/// </summary>
public static class UnipenImport
{
    public const string BoardId = "pendigits-import";

    public static UnipenImportResult Run(string unipenFile, string outDir, TouchScreen screen)
    {
        var digits = UnipenReader.Read(unipenFile);
        var session = Path.GetFileNameWithoutExtension(unipenFile);
        if (CaptureSource.ProblemWithId(session) != null || session.Length == 0)
        {
            session = "unipen";
        }

        var store = new SampleStore(new FileSystemStorage(outDir), "", "import");
        var replay = new PenReplay(screen);
        var skipped = new List<string>();
        var perDigit = new SortedDictionary<int, int>();
        var written = 0;
        foreach (var digit in digits)
        {
            var (strokes, image, result) = replay.Replay(digit.Strokes);
            var name = $"w{digit.Writer:D2}-{digit.IndexInWriter:D3}";
            if (result != PreprocessResult.Digit)
            {
                skipped.Add($"{unipenFile}:{digit.Line}: {name} (\"{digit.Label}\") is too small to be a digit");
                continue;
            }

            var source = new CaptureSource(SourceKind.ImportedPen, BoardId, screen.ScreenWidth, screen.ScreenHeight,
                screen.BoxLeft, screen.BoxTop, screen.BoxWidth, screen.BoxHeight, screen.TouchRateHz,
                $"pendigits-w{digit.Writer:D2}", session);
            var recorded = new RecordedSample(new Sample(digit.Label, strokes, image), source, 0, PreprocessParams.Describe());
            store.SaveAs(recorded, name + ".dat");
            perDigit[digit.Label] = perDigit.GetValueOrDefault(digit.Label) + 1;
            written++;
        }

        return new UnipenImportResult(written, skipped, perDigit);
    }
}
