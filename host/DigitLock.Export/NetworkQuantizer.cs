using DigitLock.Core.Preprocessing;
using DigitLock.Tflite;
using DigitLock.Tflite.Graph;
using DigitLock.Tflite.Quantization;
using DigitLock.Training.Data;
using DigitLock.Training.Model;

namespace DigitLock.Export;

/// <summary>A trained network quantized to an int8 .tflite, with the graph it came from.</summary>
public sealed record Int8Export(byte[] Tflite, FloatGraph Graph, QuantizedGraph Quantized, ModelDescription Description);

/// <summary>Post-training int8 quantization of a trainer network: adapter, calibration image choice, metadata.</summary>
public static class NetworkQuantizer
{
    /// <summary>
    /// <paramref name="count"/> calibration images spread evenly over <paramref name="calibration"/>
    /// (not the first N: datasets are often sorted by digit or writer).
    /// </summary>
    public static IEnumerable<byte[]> CalibrationImages(IDigitDataset calibration, int count)
    {
        if (count <= 0)
        {
            throw new ArgumentException("--calib-count must be positive");
        }

        var n = Math.Min(count, calibration.Count);
        if (n == 0)
        {
            throw new InvalidDataException($"{calibration.Name}: no calibration images");
        }

        for (var i = 0; i < n; i++)
        {
            yield return calibration.Image((int)((long)i * calibration.Count / n)).ToArray();
        }
    }

    public static ModelDescription Describe(string name, string version, string trainingData) =>
        new(name, version, trainingData, DateTimeOffset.UtcNow, PreprocessParams.Describe());

    public static Int8Export Quantize(
        Network network, IEnumerable<byte[]> calibrationImages, ModelDescription description, QuantizationOptions options)
    {
        var graph = NetworkGraph.FromNetwork(network);
        var calibration = calibrationImages as IReadOnlyList<byte[]> ?? calibrationImages.ToList();
        var bytes = TfliteExporter.Export(graph, calibration, description, options, out var quantized);
        // The first calibration image doubles as the self-test a device runs before switching to this model.
        bytes = SelfTestEntry.Attach(quantized.Model, bytes, calibration[0]);
        return new Int8Export(bytes, graph, quantized, description);
    }

    public static CalibrationMethod ParseMethod(string text) => text switch
    {
        "minmax" => CalibrationMethod.MinMax,
        "percentile" => CalibrationMethod.Percentile,
        _ => throw new ArgumentException($"--calibration {text}: expected minmax or percentile"),
    };
}
