using System.CommandLine;
using DigitLock.Data;
using DigitLock.Export;
using DigitLock.Tflite.Onnx;
using DigitLock.Tflite.Quantization;
using DigitLock.Training.Data;
using DigitLock.Training.Model;

namespace DigitLock.Cli.Commands;

/// <summary>`digitlock export`: a float .model as ONNX, float or QDQ int8 (same int8 parameters as quantize's .tflite).</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The float model (.model) to export", Required = true };
        var format = new Option<string>("--format") { Description = "onnx (float32) or onnx-qdq (int8 QuantizeLinear/DequantizeLinear)", Required = true };
        format.AcceptOnlyFromAmong("onnx", "onnx-qdq");
        var output = new Option<string>("--out") { Description = "The .onnx file to write", Required = true };
        var calib = new Option<string>("--calib") { Description = "onnx-qdq: calibration images (mnist or a dataset folder)", DefaultValueFactory = _ => "mnist" };
        var count = new Option<int>("--calib-count") { Description = "onnx-qdq: calibration images", DefaultValueFactory = _ => 500 };
        var method = new Option<string>("--calibration") { Description = "onnx-qdq: minmax or percentile", DefaultValueFactory = _ => "minmax" };
        method.AcceptOnlyFromAmong("minmax", "percentile");

        var command = new Command("export", "Export a float .model as ONNX (float32, or int8 QDQ with the .tflite's quantization).");
        foreach (Option o in new Option[] { model, format, output, calib, count, method })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            try
            {
                var modelPath = parse.GetValue(model)!;
                var outPath = parse.GetValue(output)!;
                var (network, metadata) = ModelFile.Load(modelPath);
                var description = NetworkQuantizer.Describe(
                    Path.GetFileNameWithoutExtension(outPath), "0",
                    $"{Path.GetFileName(modelPath)}: {metadata["command"]?.ToString() ?? "?"} on {metadata["data"]?.ToString() ?? "?"}");
                byte[] bytes;
                if (parse.GetValue(format) == "onnx")
                {
                    bytes = OnnxExporter.ExportFloat(NetworkGraph.FromNetwork(network), description);
                }
                else
                {
                    var calibration = DataSources.Open(parse.GetValue(calib)!, TrainingConsole.MnistDir(RepoLayout.Locate()));
                    var options = new QuantizationOptions { Method = NetworkQuantizer.ParseMethod(parse.GetValue(method)!) };
                    var export = NetworkQuantizer.Quantize(
                        network, NetworkQuantizer.CalibrationImages(calibration, parse.GetValue(count)), description, options);
                    bytes = OnnxExporter.ExportQdq(export.Graph, export.Quantized, description);
                }

                AtomicFile.WriteAllBytes(outPath, bytes);
                Console.WriteLine($"wrote {outPath} ({bytes.Length} bytes, {parse.GetValue(format)})");
                return 0;
            }
            catch (Exception e) when (TrainingConsole.IsUserError(e) || e is NotSupportedException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
