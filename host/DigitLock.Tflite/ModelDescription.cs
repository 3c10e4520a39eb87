namespace DigitLock.Tflite;

/// <summary>What the caller states about a model; stored as metadata entries of the .tflite file.</summary>
/// <param name="Preprocessing">How strokes become the 28x28 image (the caller's own parameter string).</param>
public sealed record ModelDescription(
    string Name, string Version, string TrainingData, DateTimeOffset Date, string Preprocessing);

/// <summary>Names of DigitLock's entries in the TFLite Model.metadata table; each value is UTF-8 text.</summary>
public static class MetadataNames
{
    public const string Name = "digitlock.name";
    public const string Version = "digitlock.version";
    public const string TrainingData = "digitlock.training_data";
    public const string Date = "digitlock.date";
    public const string Input = "digitlock.input";
    public const string Preprocessing = "digitlock.preprocessing";
    public const string Quantization = "digitlock.quantization";
    public const string WeightsSha256 = "digitlock.weights_sha256";
}
