using DigitLock.Training.Data;

namespace DigitLock.Export;

/// <summary>Joins labelled sets into one (fine-tuning on pen strokes mixed with MNIST keeps what MNIST taught).</summary>
public static class DigitSets
{
    public static DigitSet Concat(string name, params IDigitDataset[] parts)
    {
        var count = parts.Sum(p => p.Count);
        var pixels = new byte[count * IDigitDataset.Pixels];
        var labels = new byte[count];
        var groups = new string[count];
        var names = new string[count];
        var at = 0;
        foreach (var part in parts)
        {
            for (var i = 0; i < part.Count; i++, at++)
            {
                part.Image(i).CopyTo(pixels.AsSpan(at * IDigitDataset.Pixels));
                labels[at] = part.Label(i);
                groups[at] = part.Group(i);
                names[at] = part.SampleName(i);
            }
        }

        return new DigitSet(name, pixels, labels, groups, names);
    }

    /// <summary>Distinct writer ids of a set, sorted (empty ids left out).</summary>
    public static IReadOnlyList<string> Writers(IDigitDataset data) =>
        Enumerable.Range(0, data.Count).Select(data.Group).Where(g => g.Length > 0).Distinct().Order(StringComparer.Ordinal).ToArray();
}
