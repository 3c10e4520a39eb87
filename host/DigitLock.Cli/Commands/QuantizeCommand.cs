using System.CommandLine;
using DigitLock.Data;
using DigitLock.Export;
using DigitLock.Tflite.Quantization;
using DigitLock.Training.Data;
using DigitLock.Training.Model;

namespace DigitLock.Cli.Commands;

/// <summary>
/// `digitlock quantize`: a float .model to an int8 .tflite (post-training, calibration images), then the
/// float and int8 accuracy on a validation set, int8 run by the C engine as on the board.
/// </summary>
public static class QuantizeCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The float model (.model) to quantize", Required = true };
        var calib = new Option<string>("--calib") { Description = "Calibration images: mnist, or a PNG/DAT dataset folder", Required = true };
        var output = new Option<string>("--out") { Description = "The int8 .tflite to write", Required = true };
        var method = new Option<string>("--calibration") { Description = "Activation ranges: minmax (TFLite converter's) or percentile (99.99)", DefaultValueFactory = _ => "minmax" };
        method.AcceptOnlyFromAmong("minmax", "percentile");
        var count = new Option<int>("--calib-count") { Description = "Calibration images, spread over the calibration set", DefaultValueFactory = _ => 500 };
        var validate = new Option<string>("--validate") { Description = "Labelled data for the float vs int8 accuracy: mnist-test, a dataset folder, or none", DefaultValueFactory = _ => "mnist-test" };
        var name = new Option<string>("--name") { Description = "Model name stored in the metadata (default: the output file name)" };
        var version = new Option<string>("--version") { Description = "Model version stored in the metadata", DefaultValueFactory = _ => "0" };

        var command = new Command("quantize", "Post-training int8 quantization of a float .model to .tflite, with float vs int8 accuracy.");
        foreach (Option o in new Option[] { model, calib, output, method, count, validate, name, version })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            try
            {
                var layout = RepoLayout.Locate();
                var modelPath = parse.GetValue(model)!;
                var outPath = parse.GetValue(output)!;
                var (network, metadata) = ModelFile.Load(modelPath);
                var mnist = TrainingConsole.MnistDir(layout);
                var calibration = DataSources.Open(parse.GetValue(calib)!, mnist);
                var validateSpec = parse.GetValue(validate)!;
                var validation = validateSpec == "none" ? null : DataSources.Open(validateSpec, mnist);
                var options = new QuantizationOptions { Method = NetworkQuantizer.ParseMethod(parse.GetValue(method)!) };
                var description = NetworkQuantizer.Describe(
                    parse.GetValue(name) ?? Path.GetFileNameWithoutExtension(outPath),
                    parse.GetValue(version)!,
                    $"{Path.GetFileName(modelPath)}: {metadata["command"]?.ToString() ?? "?"} on {metadata["data"]?.ToString() ?? "?"}");

                var export = NetworkQuantizer.Quantize(
                    network, NetworkQuantizer.CalibrationImages(calibration, parse.GetValue(count)), description, options);
                Console.WriteLine($"quantized {network.Spec} with {export.Quantized.CalibrationImages} images of {calibration.Name} ({parse.GetValue(method)})");
                if (validation != null)
                {
                    Console.WriteLine(AccuracyComparison.Measure(network, export.Tflite, validation, threads: 2).Describe());
                }

                var figures = EngineFigures.Of(export.Tflite);
                AtomicFile.WriteAllBytes(outPath, export.Tflite);
                Console.WriteLine($"wrote {outPath} ({figures.FileBytes} bytes; int8 constants {figures.ConstantBytes} B, arena {figures.ArenaBytes} B, {figures.Macs} MACs)");
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
