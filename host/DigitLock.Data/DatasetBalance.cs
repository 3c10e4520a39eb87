namespace DigitLock.Data;

public sealed class DatasetException(string message) : Exception(message);

/// <summary>
/// <c>dataset balance</c>: exactly N samples of each digit, chosen by a seeded shuffle, copied to
/// another folder. When any digit has fewer than N nothing is written and the error names each
/// short digit with its count.
/// </summary>
public static class DatasetBalance
{
    public static IReadOnlyList<string> Choose(string dir, int perDigit, ulong seed)
    {
        if (perDigit < 1)
        {
            throw new DatasetException("--per-digit must be at least 1");
        }

        var folder = new DatFolder(dir);
        var byDigit = folder.SamplePaths().GroupBy(DatFolder.FolderDigit).ToDictionary(g => g.Key, g => g.ToList());
        var shortDigits = Enumerable.Range(0, 10)
            .Select(d => (Digit: d, Count: byDigit.TryGetValue(d, out var list) ? list.Count : 0))
            .Where(x => x.Count < perDigit)
            .ToList();
        if (shortDigits.Count > 0)
        {
            throw new DatasetException($"cannot take {perDigit} per digit from {dir}: " +
                string.Join(", ", shortDigits.Select(x => $"digit {x.Digit} has {x.Count}")) + "; nothing written");
        }

        var chosen = new List<string>();
        for (var digit = 0; digit <= 9; digit++)
        {
            var paths = byDigit[digit];
            new StableRandom(seed * 31 + (ulong)digit).Shuffle(paths);
            chosen.AddRange(paths.Take(perDigit).OrderBy(p => p, StringComparer.Ordinal));
        }

        return chosen;
    }

    /// <summary>Copies the chosen files (bytes unchanged) into the same layout under <paramref name="outDir"/>.</summary>
    public static void Copy(string dir, IReadOnlyList<string> paths, string outDir)
    {
        var from = new DatFolder(dir);
        if (Path.GetFullPath(outDir) == from.Root)
        {
            throw new DatasetException("--out must differ from the source folder");
        }

        // Every chosen file is checked before the first is written: a damaged one stops the copy.
        var contents = paths.Select(path =>
        {
            var bytes = File.ReadAllBytes(from.FullPath(path));
            DigitLock.Core.Dataset.DatCodec.Decode(bytes, from.FullPath(path));
            return (path, bytes);
        }).ToList();
        foreach (var (path, bytes) in contents)
        {
            AtomicFile.WriteAllBytes(Path.Combine(outDir, path), bytes);
        }
    }
}
