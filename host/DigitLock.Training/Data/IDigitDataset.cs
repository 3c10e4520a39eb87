namespace DigitLock.Training.Data;

/// <summary>
/// Labelled 28x28 digit images, whatever they were loaded from. Pixels are bytes, ink bright on a dark
/// background (MNIST polarity), row-major.
/// </summary>
public interface IDigitDataset
{
    public const int Side = 28;
    public const int Pixels = Side * Side;

    /// <summary>Where the samples came from, for logs and reports.</summary>
    string Name { get; }

    int Count { get; }

    ReadOnlySpan<byte> Image(int index);

    byte Label(int index);

    /// <summary>Who wrote the sample (writer id), or "" when unknown; splits by group keep writers apart.</summary>
    string Group(int index);

    /// <summary>A name a person can find the sample by: a file path, or "source#index".</summary>
    string SampleName(int index);
}
