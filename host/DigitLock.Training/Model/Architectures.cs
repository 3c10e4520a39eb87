namespace DigitLock.Training.Model;

/// <summary>
/// Named architectures. "default" was chosen by measurement (docs/training.md has the table):
/// the smallest candidate that reaches the MNIST accuracy goal inside the board's budgets
/// (int8 constants &lt;= 20 KB, int8 arena &lt;= 16 KB with two tensors alive).
/// </summary>
public static class Architectures
{
    public static readonly IReadOnlyDictionary<string, string> Named = new Dictionary<string, string>
    {
        ["tiny"] = "conv 8 3x3 s1 valid relu | maxpool 2x2 s2 | conv 16 3x3 s1 valid relu | maxpool 2x2 s2 | flatten | dense 32 relu | dense 10 linear",
        ["small"] = "conv 8 3x3 s1 valid relu | maxpool 2x2 s2 | conv 16 3x3 s1 valid relu | maxpool 2x2 s2 | conv 32 3x3 s1 valid relu | flatten | dense 32 relu | dense 10 linear",
        ["medium"] = "conv 12 3x3 s1 valid relu | maxpool 2x2 s2 | conv 24 3x3 s1 valid relu | maxpool 2x2 s2 | conv 32 3x3 s1 valid relu | flatten | dense 24 relu | dense 10 linear",
        ["wide"] = "conv 16 3x3 s1 same relu | maxpool 2x2 s2 | conv 32 3x3 s1 same relu | maxpool 2x2 s2 | conv 32 3x3 s1 valid relu | maxpool 2x2 s2 | flatten | dense 32 relu | dense 10 linear",
    };

    public const string DefaultName = "medium";

    public static string Default => Named[DefaultName];

    /// <summary>A name from <see cref="Named"/> or a spec string as is.</summary>
    public static string Resolve(string nameOrSpec) =>
        Named.TryGetValue(nameOrSpec == "default" ? DefaultName : nameOrSpec, out var spec) ? spec : nameOrSpec;
}
