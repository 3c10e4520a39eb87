using System.Text;
using System.Text.Json.Nodes;
using DigitLock.Core.Preprocessing;
using DigitLock.Engine;
using DigitLock.Tflite;
using DigitLock.Training.Core;
using DigitLock.Training.Model;

namespace DigitLock.Export.Tests;

/// <summary>`quantize`, `export` and `build-model` through the CLI's entry point, as a user runs them.</summary>
[Collection("console")]
public sealed class QuantizeTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("dl-export-tests-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [EngineAndMnistFact]
    public void Quantize_writes_an_int8_model_the_engine_runs_with_metadata_and_reports_both_accuracies()
    {
        var model = SaveRandomModel("conv 4 3x3 s2 valid relu | maxpool 2x2 s2 | flatten | dense 10 linear");
        var output = Path.Combine(dir, "q.tflite");

        var (code, stdout, stderr) = Run("quantize", "--model", model, "--calib", "mnist", "--out", output,
            "--calib-count", "40", "--validate", "mnist-test", "--calibration", "percentile");

        Assert.True(code == 0, stderr);
        Assert.Matches(@"mnist-test \(10000 images\): float \d+\.\d\d%, int8 \d+\.\d\d%, drop -?\d+\.\d\d points", stdout);
        using var engine = NativeInterpreter.FromFile(output);
        Assert.Equal(TensorType.Int8, engine.Inputs[0].Type);
        Assert.Equal(-128, engine.Inputs[0].ZeroPoint);
        Assert.Equal(PreprocessParams.Describe(), Text(engine.Metadata(MetadataNames.Preprocessing)));
        Assert.Equal("int8 = uint8_pixel - 128; float = pixel/255", Text(engine.Metadata(MetadataNames.Input)));
        Assert.Contains("percentile", Text(engine.Metadata(MetadataNames.Quantization)));
        Assert.Contains("40 images", Text(engine.Metadata(MetadataNames.Quantization)));
    }

    [EngineAndMnistFact]
    public void Int8_model_agrees_with_the_float_model_it_came_from()
    {
        // A model with clear decisions: trained briefly so most images are far from a tie.
        var network = new Network(Architectures.Named["tiny"]);
        network.Initialize(new Rng(3));
        var mnist = Training.Data.DataSources.Mnist(Checkout.MnistDir, test: false);
        var train = Training.Data.Subsets.Take(mnist, 3000);
        new Training.Train.Trainer(network, new Training.Train.TrainingOptions { Epochs = 3, Augment = null, Threads = 1 }).Fit(train, null);
        var test = Training.Data.Subsets.Take(Training.Data.DataSources.Mnist(Checkout.MnistDir, test: true), 500);

        var export = NetworkQuantizer.Quantize(network, NetworkQuantizer.CalibrationImages(train, 100),
            NetworkQuantizer.Describe("t", "0", "test"), new Tflite.Quantization.QuantizationOptions());
        var comparison = AccuracyComparison.Measure(network, export.Tflite, test, threads: 1);

        Assert.True(comparison.Float > 0.85, $"float accuracy {comparison.Float}");
        Assert.True(comparison.Agreement >= 0.97, comparison.Describe());
        Assert.True(Math.Abs(comparison.DropPoints) <= 2.0, comparison.Describe());
    }

    [Fact]
    public void Quantize_with_missing_calibration_data_fails_in_one_line_and_writes_nothing()
    {
        var model = SaveRandomModel("conv 2 3x3 s2 valid relu | flatten | dense 10 linear");
        var output = Path.Combine(dir, "never.tflite");

        var (code, _, stderr) = Run("quantize", "--model", model, "--calib", Path.Combine(dir, "no-such-folder"), "--out", output);

        Assert.Equal(1, code);
        Assert.StartsWith("error: --data", stderr.Trim());
        Assert.Contains("no-such-folder", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Empty(Directory.GetFiles(dir, "never*"));
    }

    [Fact]
    public void Quantize_of_a_damaged_model_file_fails_in_one_line_and_writes_nothing()
    {
        var model = Path.Combine(dir, "bad.model");
        File.WriteAllBytes(model, Encoding.ASCII.GetBytes("DLFM not really"));
        var output = Path.Combine(dir, "never.tflite");

        var (code, _, stderr) = Run("quantize", "--model", model, "--calib", "mnist", "--out", output);

        Assert.Equal(1, code);
        Assert.Contains("bad.model", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Quantize_of_a_model_with_a_layer_the_exporter_lacks_fails_naming_it_and_writes_nothing()
    {
        // A .model whose architecture names a layer kind neither the trainer nor the exporter has.
        var header = Encoding.UTF8.GetBytes("{\"input\":[28,28,1],\"architecture\":\"conv 2 3x3 s2 valid relu | squash | flatten | dense 10 linear\"}");
        var model = Path.Combine(dir, "squash.model");
        using (var file = File.Create(model))
        {
            file.Write("DLFM"u8);
            file.Write(BitConverter.GetBytes(1u));
            file.Write(BitConverter.GetBytes((uint)header.Length));
            file.Write(header);
        }

        var output = Path.Combine(dir, "never.tflite");

        var (code, _, stderr) = Run("quantize", "--model", model, "--calib", "mnist", "--out", output);

        Assert.Equal(1, code);
        Assert.Contains("squash", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Export_onnx_writes_a_float_onnx_model()
    {
        var model = SaveRandomModel("conv 2 3x3 s2 valid relu | flatten | dense 10 linear");
        var output = Path.Combine(dir, "m.onnx");

        var (code, stdout, stderr) = Run("export", "--model", model, "--format", "onnx", "--out", output);

        Assert.True(code == 0, stderr);
        Assert.Contains("wrote", stdout);
        var bytes = File.ReadAllBytes(output);
        // ModelProto field 1 (ir_version, varint) comes first; the graph names its input "input".
        Assert.Equal(0x08, bytes[0]);
        Assert.Contains("input", Encoding.ASCII.GetString(bytes));
    }

    [PipelineFact]
    public void Build_model_quick_writes_model_float_model_accuracy_record_and_card_that_agree()
    {
        var output = Path.Combine(dir, "built.tflite");
        var card = Path.Combine(dir, "card.md");

        var (code, stdout, stderr) = Run("build-model", "--quick", "--out", output, "--card", card, "--pen", Checkout.PenDigits);

        Assert.True(code == 0, stderr + stdout);
        var record = ExpectedAccuracy.Read(Path.Combine(dir, "built.accuracy.json"));
        using (var engine = NativeInterpreter.FromFile(output))
        {
            Assert.Equal(record.WeightsSha256, Text(engine.Metadata(MetadataNames.WeightsSha256)));
            Assert.Equal(PreprocessParams.Describe(), Text(engine.Metadata(MetadataNames.Preprocessing)));
        }

        Assert.Equal(10000, record.MnistTestCount);
        Assert.Contains($"int8 {record.Percent}%", stdout);
        var (network, metadata) = ModelFile.Load(Path.Combine(dir, "built.model"));
        Assert.Equal(Architectures.Default, network.Spec);
        Assert.Equal("build-model", metadata["command"]?.ToString());
        var text = File.ReadAllText(card);
        Assert.Contains("Alpaydin", text);
        Assert.Contains("CC BY 4.0", text);
        Assert.Contains($"| {record.Percent} % |", text);
        Assert.Contains("Quick build", text);
        Assert.False(Directory.Exists(Path.Combine(Checkout.Root, "build", $"build-model-{Environment.ProcessId}")), "temporary import left behind");
    }

    [Fact]
    public void Build_model_without_pen_data_fails_in_one_line_and_writes_nothing()
    {
        var output = Path.Combine(dir, "built.tflite");

        var (code, _, stderr) = Run("build-model", "--quick", "--out", output, "--pen", Path.Combine(dir, "missing.tra"));

        Assert.Equal(1, code);
        Assert.Contains("missing.tra", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Empty(Directory.GetFiles(dir, "built*"));
    }

    private string SaveRandomModel(string spec)
    {
        var network = new Network(spec);
        network.Initialize(new Rng(5));
        var path = Path.Combine(dir, $"m{Guid.NewGuid():N}.model");
        ModelFile.Save(path, network, new JsonObject { ["command"] = "test", ["data"] = "random" });
        return path;
    }

    private static string Text(byte[]? bytes) => bytes == null ? "(missing)" : Encoding.UTF8.GetString(bytes);

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var code = Cli.Program.Main(args);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }
}
