using DigitLock.Core.Dataset;

namespace DigitLock.Data;

public sealed record DatasetStats(
    int Total,
    int[] PerDigit,
    IReadOnlyDictionary<string, int> PerSource,
    IReadOnlyDictionary<string, int[]> PerWriter,
    IReadOnlyList<string> Damaged)
{
    /// <summary>Counts every sample of a folder; damaged files are listed, not fatal.</summary>
    public static DatasetStats Of(string dir)
    {
        var folder = new DatFolder(dir);
        var perDigit = new int[10];
        var perSource = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var perWriter = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        var damaged = new List<string>();
        var total = 0;
        foreach (var path in folder.SamplePaths())
        {
            RecordedSample sample;
            try
            {
                sample = folder.Read(path);
            }
            catch (DatFormatException e)
            {
                damaged.Add(e.Message);
                continue;
            }

            var digit = DatFolder.FolderDigit(path);
            total++;
            perDigit[digit]++;
            var source = sample.Source.BoardId.Length == 0
                ? sample.Source.Kind.ToString()
                : $"{sample.Source.Kind} {sample.Source.BoardId}";
            perSource[source] = perSource.GetValueOrDefault(source) + 1;
            var writer = sample.Source.Writer.Length == 0 ? "(unknown)" : sample.Source.Writer;
            if (!perWriter.TryGetValue(writer, out var counts))
            {
                perWriter[writer] = counts = new int[10];
            }

            counts[digit]++;
        }

        return new DatasetStats(total, perDigit, perSource, perWriter, damaged);
    }
}
