using System.Globalization;
using System.Text;
using DigitLock.Tflite.Graph;
using DigitLock.Tflite.Quantization;
using DigitLock.Tflite.Schema;

namespace DigitLock.Tflite;

/// <summary>FloatGraph -> int8 .tflite bytes: quantize with calibration images, attach metadata, serialise.</summary>
public static class TfliteExporter
{
    public static byte[] Export(
        FloatGraph graph, IEnumerable<byte[]> calibrationImages, ModelDescription description,
        QuantizationOptions? options = null) =>
        Export(graph, calibrationImages, description, options, out _);

    public static byte[] Export(
        FloatGraph graph, IEnumerable<byte[]> calibrationImages, ModelDescription description,
        QuantizationOptions? options, out QuantizedGraph quantized)
    {
        options ??= new QuantizationOptions();
        quantized = new Int8Quantizer(options).Quantize(graph, calibrationImages);
        quantized.Model.Description = description.Name;
        AttachMetadata(quantized, graph, description, options);
        return TfliteWriter.Write(quantized.Model);
    }

    private static void AttachMetadata(QuantizedGraph quantized, FloatGraph graph, ModelDescription d, QuantizationOptions options)
    {
        var calibration = options.Method == CalibrationMethod.MinMax
            ? "minmax"
            : $"percentile {options.Percentile.ToString(CultureInfo.InvariantCulture)}";
        var entries = new[]
        {
            (MetadataNames.Name, d.Name),
            (MetadataNames.Version, d.Version),
            (MetadataNames.TrainingData, d.TrainingData),
            (MetadataNames.Date, d.Date.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            (MetadataNames.Input, graph.Normalization.Describe()),
            (MetadataNames.Preprocessing, d.Preprocessing),
            (MetadataNames.Quantization,
                $"int8 post-training; weights symmetric per-channel{(options.PerChannelDense ? "" : " (dense per-tensor)")}; " +
                $"activations asymmetric, calibration {calibration} over {quantized.CalibrationImages} images"),
            (MetadataNames.WeightsSha256, quantized.Model.WeightsSha256()),
        };

        foreach (var (name, value) in entries)
        {
            quantized.Model.Metadata.Add(new(name, Encoding.UTF8.GetBytes(value)));
        }
    }
}
