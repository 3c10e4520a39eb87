using DigitLock.Core.Dataset;
using DigitLock.Core.Preprocessing;

namespace DigitLock.Data;

/// <summary>One sample as training code wants it.</summary>
/// <param name="Path">Relative to the data set folder, e.g. "3/w12-224.dat".</param>
/// <param name="Image">28x28 row-major, 0 = background, 255 = ink (MNIST polarity).</param>
public sealed record DatRecord(string Path, int Label, string Writer, string Session, byte[] Image, RecordedSample Sample);

public sealed class DatLoadOptions
{
    /// <summary>Re-render each image from its strokes with the current preprocessing (samples
    /// without strokes keep their stored image). Use when preprocessing changed since capture.</summary>
    public bool Rerender { get; init; }

    /// <summary>Skip damaged files (listed in <see cref="DatDataset.Errors"/>) instead of failing.</summary>
    public bool SkipDamaged { get; init; }

    /// <summary>Only these relative paths (a split list); null for the whole folder.</summary>
    public IReadOnlyCollection<string>? Only { get; init; }
}

/// <summary>
/// A folder of DAT samples loaded into memory: <c>DatDataset.Load(dir)</c>. Records are in path
/// order, so loading is deterministic.
/// </summary>
public sealed class DatDataset
{
    private DatDataset(string root, IReadOnlyList<DatRecord> records, IReadOnlyList<string> errors)
    {
        Root = root;
        Records = records;
        Errors = errors;
    }

    public string Root { get; }

    public IReadOnlyList<DatRecord> Records { get; }

    /// <summary>One line per damaged file skipped (only with SkipDamaged).</summary>
    public IReadOnlyList<string> Errors { get; }

    public static DatDataset Load(string dir, DatLoadOptions? options = null)
    {
        options ??= new DatLoadOptions();
        var folder = new DatFolder(dir);
        var paths = folder.SamplePaths();
        if (options.Only != null)
        {
            var wanted = new HashSet<string>(options.Only, StringComparer.Ordinal);
            var present = new HashSet<string>(paths, StringComparer.Ordinal);
            var missing = wanted.Where(path => !present.Contains(path)).OrderBy(p => p, StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                throw new FileNotFoundException(
                    $"{missing.Count} listed samples are not in {dir}, first: {missing[0]}");
            }

            paths = paths.Where(wanted.Contains).ToList();
        }

        var preprocessor = options.Rerender ? new DigitPreprocessor() : null;
        var records = new List<DatRecord>(paths.Count);
        var errors = new List<string>();
        foreach (var path in paths)
        {
            RecordedSample recorded;
            try
            {
                recorded = folder.Read(path);
            }
            catch (DatFormatException e) when (options.SkipDamaged)
            {
                errors.Add(e.Message);
                continue;
            }

            if (recorded.Sample.Label != DatFolder.FolderDigit(path))
            {
                var mismatch = new DatFormatException(folder.FullPath(path),
                    $"labelled {recorded.Sample.Label} but stored in folder {DatFolder.FolderDigit(path)}");
                if (!options.SkipDamaged)
                {
                    throw mismatch;
                }

                errors.Add(mismatch.Message);
                continue;
            }

            var image = recorded.Sample.Image;
            if (preprocessor != null && recorded.Sample.StrokeCount > 0)
            {
                image = new byte[DatCodec.ImageBytes];
                preprocessor.Process(recorded.Sample.StrokeArray(), image);
            }

            records.Add(new DatRecord(path, recorded.Sample.Label, recorded.Source.Writer, recorded.Source.Session,
                image, recorded));
        }

        return new DatDataset(folder.Root, records, errors);
    }

    /// <summary>Reads a split list (one relative path a line, '#' comments) as written by <c>dataset split</c>.</summary>
    public static IReadOnlyList<string> ReadList(string listFile) =>
        File.ReadAllLines(listFile)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();
}
