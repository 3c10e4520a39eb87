using System.Text;
using DigitLock.Core.Dataset;

namespace DigitLock.Data;

public enum SplitBy
{
    Writer,
    Session,
}

public sealed record SplitResult(IReadOnlyList<string> Train, IReadOnlyList<string> Val,
    IReadOnlyList<string> TrainGroups, IReadOnlyList<string> ValGroups);

/// <summary>
/// <c>dataset split</c>: train/validation lists that never put one writer's (or one session's)
/// samples on both sides, so validation measures people or sittings the model has not seen.
/// Groups are ordered by a seeded hash of their name (independent of file order and of the
/// runtime) and go to training until it holds at least ratio x total samples; the rest validate.
/// </summary>
public static class DatasetSplit
{
    public static SplitResult Compute(string dir, SplitBy by, double ratio, ulong seed)
    {
        if (!(ratio > 0 && ratio < 1))
        {
            throw new DatasetException("--ratio is the training fraction and must be between 0 and 1 (e.g. 0.8)");
        }

        var folder = new DatFolder(dir);
        var groups = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var path in folder.SamplePaths())
        {
            RecordedSample sample;
            try
            {
                sample = folder.Read(path);
            }
            catch (DatFormatException e)
            {
                throw new DatasetException($"{e.Message} (run `dataset clean` first)");
            }

            var key = by == SplitBy.Writer ? sample.Source.Writer : sample.Source.Session;
            key = key.Length == 0 ? "(unknown)" : key;
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add(path);
        }

        var name = by.ToString().ToLowerInvariant();
        if (groups.Count < 2)
        {
            throw new DatasetException(
                $"cannot split {dir} by {name}: it holds {groups.Count} {name}(s), at least 2 are needed");
        }

        var total = groups.Values.Sum(g => g.Count);
        var ordered = groups.OrderBy(g => StableRandom.Hash(g.Key, seed)).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var train = new List<string>();
        var val = new List<string>();
        var trainGroups = new List<string>();
        var valGroups = new List<string>();
        foreach (var group in ordered)
        {
            var toTrain = train.Count < ratio * total && group.Key != ordered[^1].Key;
            (toTrain ? train : val).AddRange(group.Value);
            (toTrain ? trainGroups : valGroups).Add(group.Key);
        }

        train.Sort(StringComparer.Ordinal);
        val.Sort(StringComparer.Ordinal);
        trainGroups.Sort(StringComparer.Ordinal);
        valGroups.Sort(StringComparer.Ordinal);
        return new SplitResult(train, val, trainGroups, valGroups);
    }

    /// <summary>Writes train.txt and val.txt (paths relative to the sample folder, '#' header lines).</summary>
    public static (string Train, string Val) Write(SplitResult split, string outDir, SplitBy by, double ratio, ulong seed)
    {
        string List(string side, IReadOnlyList<string> paths, IReadOnlyList<string> groups)
        {
            var text = new StringBuilder();
            text.Append($"# {side}: {paths.Count} samples; split by {by.ToString().ToLowerInvariant()}, ratio {ratio}, seed {seed}\n");
            text.Append($"# {by.ToString().ToLowerInvariant()}s: {string.Join(' ', groups)}\n");
            foreach (var path in paths)
            {
                text.Append(path).Append('\n');
            }

            var file = Path.Combine(outDir, $"{side}.txt");
            AtomicFile.WriteAllText(file, text.ToString());
            return file;
        }

        return (List("train", split.Train, split.TrainGroups), List("val", split.Val, split.ValGroups));
    }
}
