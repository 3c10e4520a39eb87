using System.CommandLine;
using DigitLock.Engine;
using DigitLock.Training.Data;
using DigitLock.Training.Evaluation;
using DigitLock.Training.Model;
using DigitLock.Training.Train;

namespace DigitLock.Cli.Commands;

/// <summary>
/// `digitlock evaluate`: accuracy, per-digit precision/recall, confusion matrix and misclassified samples of a
/// float .model or an int8 .tflite (through the C engine) on a labelled dataset.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A float .model, a .tflite, or 'default' (models/default.tflite)", Required = true };
        var data = new Option<string>("--data") { Description = "Labelled digits: mnist-test, mnist, a PNG/DAT dataset folder" };
        var images = new Option<string>("--images") { Description = "idx3 image file (with --labels)" };
        var labels = new Option<string>("--labels") { Description = "idx1 label file (with --images)" };
        var json = new Option<string>("--json") { Description = "Write the JSON report here" };
        var report = new Option<string>("--report") { Description = "Write confusion.png, misclassified.png and report.json into this folder" };
        var reframe = new Option<bool>("--reframe") { Description = "Re-frame every image through the device's crop/scale/centre stage first (for pictures not captured by the device)" };
        var threads = new Option<int>("--threads") { Description = "Threads for the float model", DefaultValueFactory = _ => 2 };

        var command = new Command("evaluate", "Accuracy, per-digit precision/recall, confusion matrix and misclassified samples of a model.");
        foreach (Option o in new Option[] { model, data, images, labels, reframe, json, report, threads })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            try
            {
                var layout = RepoLayout.Locate();
                var dataset = OpenData(layout, parse.GetValue(data), parse.GetValue(images), parse.GetValue(labels));
                if (parse.GetValue(reframe))
                {
                    dataset = new ReframedDataset(dataset);
                }

                var digitModel = OpenModel(parse.GetValue(model)!, Math.Max(1, parse.GetValue(threads)));
                var result = EvaluationReport.Evaluate(digitModel, dataset);
                Console.Write(Format(result));
                if (parse.GetValue(json) is { } jsonPath)
                {
                    File.WriteAllText(jsonPath, result.ToJson());
                    Console.WriteLine($"wrote {jsonPath}");
                }

                if (parse.GetValue(report) is { } reportDir)
                {
                    ReportPictures.Write(result, dataset, reportDir);
                    Console.WriteLine($"wrote {Path.Combine(reportDir, "confusion.png")}, misclassified.png, report.json");
                }

                return 0;
            }
            catch (Exception e) when (TrainingConsole.IsUserError(e))
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    internal static IDigitDataset OpenData(RepoLayout layout, string? data, string? images, string? labels)
    {
        if (data != null && (images != null || labels != null))
        {
            throw new ArgumentException("give either --data or --images with --labels, not both");
        }

        if (data != null)
        {
            return DataSources.Open(data, TrainingConsole.MnistDir(layout));
        }

        if (images == null || labels == null)
        {
            throw new ArgumentException("missing data: give --data DIR, or --images IDX with --labels IDX");
        }

        return IdxFiles.Load(images, labels);
    }

    internal static IDigitModel OpenModel(string value, int threads)
    {
        var path = ModelPath.Resolve(value);
        if (path.EndsWith(".tflite", StringComparison.OrdinalIgnoreCase))
        {
            return new TfliteDigitModel(path);
        }

        var (network, _) = ModelFile.Load(path);
        return new FloatDigitModel(network, Path.GetFileName(path), threads);
    }

    internal static string Format(EvaluationReport r)
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine(FormattableString.Invariant($"{r.Model} on {r.Data}: accuracy {r.Accuracy * 100:0.00}% ({r.Count - r.Misclassified.Count}/{r.Count})"));
        sb.AppendLine("digit  support  precision  recall");
        foreach (var c in r.PerClass)
        {
            sb.AppendLine(FormattableString.Invariant($"{c.Digit,5}  {c.Support,7}  {c.Precision * 100,8:0.00}%  {c.Recall * 100,6:0.00}%"));
        }

        sb.AppendLine("confusion (rows = true digit, columns = predicted):");
        sb.AppendLine("      " + string.Concat(Enumerable.Range(0, 10).Select(d => $"{d,6}")));
        for (var row = 0; row < 10; row++)
        {
            sb.AppendLine($"{row,6}" + string.Concat(Enumerable.Range(0, 10).Select(c => $"{r.Confusion[row, c],6}")));
        }

        sb.AppendLine($"misclassified: {r.Misclassified.Count}");
        foreach (var m in r.Misclassified.Take(20))
        {
            sb.AppendLine(FormattableString.Invariant($"  {m.Sample}: label {m.Label}, predicted {m.Predicted} ({m.Confidence * 100:0.0}%)"));
        }

        if (r.Misclassified.Count > 20)
        {
            sb.AppendLine($"  ... {r.Misclassified.Count - 20} more (--json/--report list all)");
        }

        return sb.ToString();
    }
}

/// <summary>An int8 (or float) .tflite model run by the C engine, one image at a time.</summary>
internal sealed class TfliteDigitModel : IDigitModel
{
    private readonly string _path;

    public TfliteDigitModel(string path)
    {
        _path = path;
        Name = Path.GetFileName(path);
    }

    public string Name { get; }

    public float[] Probabilities(IDigitDataset data)
    {
        using var engine = NativeInterpreter.FromFile(_path);
        if (engine.Inputs.Count != 1 || engine.Outputs.Count != 1 || engine.Inputs[0].Shape.Aggregate(1, (a, b) => a * b) != IDigitDataset.Pixels ||
            engine.Outputs[0].Shape.Aggregate(1, (a, b) => a * b) != EvaluationReport.Classes)
        {
            throw new InvalidDataException($"{_path}: expected one 28x28 input and one 10-class output");
        }

        var input = engine.Inputs[0];
        var output = engine.Outputs[0];
        var probabilities = new float[data.Count * EvaluationReport.Classes];
        Span<float> scores = stackalloc float[EvaluationReport.Classes];
        for (var i = 0; i < data.Count; i++)
        {
            Quantize(data.Image(i), input, engine.Input(0));
            engine.Invoke();
            Dequantize(engine.Output(0), output, scores);
            // A model ending in SOFTMAX gives probabilities; anything else gets one here.
            var sum = 0f;
            foreach (var s in scores)
            {
                sum += s;
            }

            var row = probabilities.AsSpan(i * EvaluationReport.Classes, EvaluationReport.Classes);
            if (Math.Abs(sum - 1f) < 0.05f && scores.ToArray().All(s => s >= 0f))
            {
                scores.CopyTo(row);
            }
            else
            {
                SoftmaxCrossEntropy.Softmax(scores, row);
            }
        }

        return probabilities;
    }

    private static void Quantize(ReadOnlySpan<byte> pixels, TensorInfo tensor, Span<byte> destination)
    {
        // Our exports take pixel/255 (int8 range [0, 1]); a quantized input whose range reaches well below
        // zero was trained on centred pixels, (pixel - 128) / 128, as the third-party MNIST models are.
        var lowest = tensor.Type switch
        {
            TensorType.Int8 => (-128 - tensor.ZeroPoint) * tensor.Scale,
            TensorType.UInt8 => -tensor.ZeroPoint * tensor.Scale,
            _ => 0f,
        };
        var centred = lowest < -0.5f;
        for (var p = 0; p < pixels.Length; p++)
        {
            var x = centred ? (pixels[p] - 128) / 128f : pixels[p] / 255f;
            switch (tensor.Type)
            {
                case TensorType.Float32:
                    BitConverter.TryWriteBytes(destination.Slice(p * 4, 4), x);
                    break;
                case TensorType.Int8:
                    destination[p] = (byte)(sbyte)Math.Clamp((int)MathF.Round(x / tensor.Scale) + tensor.ZeroPoint, -128, 127);
                    break;
                case TensorType.UInt8:
                    destination[p] = (byte)Math.Clamp((int)MathF.Round(x / tensor.Scale) + tensor.ZeroPoint, 0, 255);
                    break;
                default:
                    throw new InvalidDataException($"input tensor type {tensor.TypeName} is not supported");
            }
        }
    }

    private static void Dequantize(ReadOnlySpan<byte> raw, TensorInfo tensor, Span<float> scores)
    {
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = tensor.Type switch
            {
                TensorType.Float32 => BitConverter.ToSingle(raw.Slice(c * 4, 4)),
                TensorType.Int8 => ((sbyte)raw[c] - tensor.ZeroPoint) * tensor.Scale,
                TensorType.UInt8 => (raw[c] - tensor.ZeroPoint) * tensor.Scale,
                _ => throw new InvalidDataException($"output tensor type {tensor.TypeName} is not supported"),
            };
        }
    }
}
