using DigitLock.Core.Dataset;
using DigitLock.Data;

namespace DigitLock.Training.Data;

/// <summary>
/// The project's DAT dataset folders (digit subfolders of .dat samples, read by DigitLock.Data's
/// <see cref="DatDataset"/>); the writer id becomes the group, so splits keep writers apart.
/// </summary>
public static class DatDatasets
{
    public static bool Looks(string directory) =>
        Enumerable.Range(0, 10).Select(d => Path.Combine(directory, d.ToString()))
            .Any(folder => Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.dat").Any());

    public static DigitSet Load(string directory)
    {
        DatDataset dataset;
        try
        {
            dataset = DatDataset.Load(directory);
        }
        catch (DatFormatException e)
        {
            throw new InvalidDataException(e.Message);
        }

        var records = dataset.Records;
        if (records.Count == 0)
        {
            throw new InvalidDataException($"{directory}: no DAT samples");
        }

        var pixels = new byte[records.Count * IDigitDataset.Pixels];
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].Image.Length != IDigitDataset.Pixels)
            {
                throw new InvalidDataException($"{records[i].Path}: image is {records[i].Image.Length} bytes, expected 784");
            }

            records[i].Image.CopyTo(pixels, i * IDigitDataset.Pixels);
        }

        return new DigitSet(
            Path.GetFileName(Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar)),
            pixels,
            records.Select(r => (byte)r.Label).ToArray(),
            records.Select(r => r.Writer).ToArray(),
            records.Select(r => Path.Combine(dataset.Root, r.Path)).ToArray());
    }
}
