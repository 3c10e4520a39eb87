using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DigitLock.Export;

/// <summary>
/// The shipped model's measured int8 MNIST test accuracy (models/default.accuracy.json, written by
/// build-model): the figure a test re-measures so a changed engine or model cannot lose accuracy silently.
/// </summary>
public sealed record ExpectedAccuracy(string Model, string WeightsSha256, double MnistTestInt8, int MnistTestCount, double TolerancePoints)
{
    public const double DefaultTolerancePoints = 0.1;

    public static string PathBeside(string tflitePath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(tflitePath))!, Path.GetFileNameWithoutExtension(tflitePath) + ".accuracy.json");

    public string ToJson() => new JsonObject
    {
        ["model"] = Model,
        ["weights_sha256"] = WeightsSha256,
        ["mnist_test_int8_accuracy"] = Math.Round(MnistTestInt8, 6),
        ["mnist_test_count"] = MnistTestCount,
        ["tolerance_points"] = TolerancePoints,
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    public static ExpectedAccuracy Read(string path)
    {
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            return new ExpectedAccuracy(
                json["model"]!.GetValue<string>(),
                json["weights_sha256"]!.GetValue<string>(),
                json["mnist_test_int8_accuracy"]!.GetValue<double>(),
                json["mnist_test_count"]!.GetValue<int>(),
                json["tolerance_points"]?.GetValue<double>() ?? DefaultTolerancePoints);
        }
        catch (Exception e) when (e is JsonException or NullReferenceException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: not an accuracy record ({e.Message})");
        }
    }

    public string Percent => (MnistTestInt8 * 100).ToString("0.00", CultureInfo.InvariantCulture);
}
