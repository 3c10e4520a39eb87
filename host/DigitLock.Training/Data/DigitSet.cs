namespace DigitLock.Training.Data;

/// <summary>An in-memory <see cref="IDigitDataset"/>; every loader produces one, and subsets are views of one.</summary>
public sealed class DigitSet : IDigitDataset
{
    private readonly byte[] _pixels;
    private readonly byte[] _labels;
    private readonly string[]? _groups;
    private readonly string[]? _names;

    public DigitSet(string name, byte[] pixels, byte[] labels, string[]? groups = null, string[]? names = null)
    {
        if (pixels.Length != labels.Length * IDigitDataset.Pixels)
        {
            throw new ArgumentException($"{name}: {pixels.Length} pixel bytes do not make {labels.Length} 28x28 images");
        }

        if (labels.Any(l => l > 9))
        {
            throw new InvalidDataException($"{name}: label {labels.First(l => l > 9)} is not a digit");
        }

        Name = name;
        _pixels = pixels;
        _labels = labels;
        _groups = groups;
        _names = names;
    }

    public string Name { get; }

    public int Count => _labels.Length;

    public ReadOnlySpan<byte> Image(int index) => _pixels.AsSpan(index * IDigitDataset.Pixels, IDigitDataset.Pixels);

    public byte Label(int index) => _labels[index];

    public string Group(int index) => _groups?[index] ?? "";

    public string SampleName(int index) => _names?[index] ?? $"{Name}#{index}";

    /// <summary>Copies the listed samples (in that order) into a new set.</summary>
    public static DigitSet Select(IDigitDataset source, IReadOnlyList<int> indices, string? name = null)
    {
        var pixels = new byte[indices.Count * IDigitDataset.Pixels];
        var labels = new byte[indices.Count];
        var groups = new string[indices.Count];
        var names = new string[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            source.Image(indices[i]).CopyTo(pixels.AsSpan(i * IDigitDataset.Pixels));
            labels[i] = source.Label(indices[i]);
            groups[i] = source.Group(indices[i]);
            names[i] = source.SampleName(indices[i]);
        }

        return new DigitSet(name ?? source.Name, pixels, labels, groups, names);
    }
}
