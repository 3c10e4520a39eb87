using System.Text.Json;
using DigitLock.Engine;
using DigitLock.Export;
using DigitLock.Tflite.Graph;
using DigitLock.Tflite.Onnx;
using DigitLock.Tflite.Quantization;
using DigitLock.Tflite.Tests.OnnxRuntime;
using DigitLock.Training.Data;
using DigitLock.Training.Evaluation;
using DigitLock.Training.Model;
using Xunit.Abstractions;

namespace DigitLock.Tflite.Tests;

/// <summary>
/// ONNX exports run in ONNX Runtime (onnxruntime-node's libonnxruntime.so, through our C# binding to its C API):
/// the float model must compute the float reference and the QDQ int8 model must land on (almost) the same int8
/// outputs as the .tflite (ONNX Runtime's fused kernels round some requantizations differently); the shipped
/// model, exported exactly as `digitlock export` does, must pick the same digit as our float model and our int8
/// engine on the MNIST test set.
/// </summary>
public sealed class OnnxTests
{
    private const int Inputs = 200;
    private const int MnistImages = 10_000;
    private const double RequiredAgreement = 0.999;

    private readonly ITestOutputHelper output;

    public OnnxTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    public static IEnumerable<object[]> Cases() => TestGraphs.Cases();

    [RequiresTheory(Needs.OnnxRuntime | Needs.OnnxChecker)]
    [MemberData(nameof(Cases))]
    public void Float_onnx_passes_the_checker_and_matches_the_float_reference(string name)
    {
        var graph = TestGraphs.Build(name);
        var model = OnnxExporter.ExportFloat(graph, ConformanceTests.Description(name));
        OnnxChecker.Check(model);

        var floats = TestImages.Make(graph.InputShape, Inputs, seed: 33).Select(i => graph.Normalization.Apply(i)).ToList();
        using var session = new OrtSession(model);
        Assert.Equal(["input"], session.InputNames);
        Assert.Equal(["output"], session.OutputNames);

        double worst = 0;
        foreach (var input in floats)
        {
            var result = session.Run(OrtTensor.Float(input, Batch(graph.InputShape)));
            Assert.Equal(Batch(graph.OutputShape), result.Shape);
            var actual = result.Floats();
            var expected = graph.Forward(input);
            for (var i = 0; i < expected.Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]) / Math.Max(1, Math.Abs(expected[i])));
            }
        }

        output.WriteLine($"{name}: worst relative difference ONNX Runtime {OrtSession.RuntimeVersion} vs float reference {worst:E2}");
        Assert.True(worst < 1e-4, $"{name}: ONNX Runtime differs from the float reference by {worst:E2}");
    }

    [RequiresTheory(Needs.OnnxRuntime | Needs.OnnxChecker | Needs.TfliteRuntime)]
    [MemberData(nameof(Cases))]
    public void Qdq_onnx_passes_the_checker_and_tracks_the_tflite_int8_outputs(string name)
    {
        var graph = TestGraphs.Build(name);
        var calibration = TestImages.Make(graph.InputShape, 64, seed: 11);
        var tflite = TfliteExporter.Export(graph, calibration, ConformanceTests.Description(name), null, out var quantized);
        var model = OnnxExporter.ExportQdq(graph, quantized, ConformanceTests.Description(name));
        OnnxChecker.Check(model);
        Assert.Contains(quantized.Model.WeightsSha256(), System.Text.Encoding.UTF8.GetString(model)); // metadata_props copied

        var images = TestImages.Make(graph.InputShape, Inputs, seed: 44).Select(ConformanceTests.PixelsToInt8).ToList();
        var ort = RunInt8(model, images, graph.InputShape);
        var reference = TfliteRuntime.Run(tflite, TestImages.Concat(images));

        Assert.Equal(reference.Length, ort.Length);
        var diffs = Enumerable.Range(0, ort.Length).Select(i => Math.Abs((sbyte)ort[i] - (sbyte)reference[i])).ToArray();
        var identical = diffs.Count(d => d == 0) / (double)diffs.Length;
        var withinOne = diffs.Count(d => d <= 1) / (double)diffs.Length;
        output.WriteLine($"{name}: ONNX Runtime QDQ vs TFLite int8: {identical:P2} identical, {withinOne:P2} within 1 step, max {diffs.Max()} steps");
        Assert.True(withinOne >= 0.99, $"{name}: only {withinOne:P2} of int8 outputs within one step of TFLite's");
        Assert.True(diffs.Average() <= 0.5, $"{name}: mean difference {diffs.Average():F2} steps");
    }

    [RequiresFact(Needs.OnnxRuntime | Needs.Mnist)]
    public void Float_onnx_of_the_shipped_model_picks_the_float_models_digit_on_mnist()
    {
        var network = ShippedNetwork();
        var graph = NetworkGraph.FromNetwork(network);
        var model = OnnxExporter.ExportFloat(graph, Description());
        var test = Subsets.Take(DataSources.Mnist(TestEnvironment.MnistDir, test: true), MnistImages);

        var reference = new FloatDigitModel(network, "float", threads: 1).Probabilities(test);
        using var session = new OrtSession(model);
        var agree = 0;
        double worst = 0;
        for (var i = 0; i < test.Count; i++)
        {
            var pixels = graph.Normalization.Apply(test.Image(i));
            var probabilities = session.Run(OrtTensor.Float(pixels, Batch(graph.InputShape))).Floats();
            var expected = reference.AsSpan(i * EvaluationReport.Classes, EvaluationReport.Classes);
            agree += ArgMax(probabilities) == ArgMax(expected) ? 1 : 0;
            for (var c = 0; c < EvaluationReport.Classes; c++)
            {
                worst = Math.Max(worst, Math.Abs(probabilities[c] - expected[c]));
            }
        }

        var agreement = agree / (double)test.Count;
        output.WriteLine($"shipped model, float ONNX in ONNX Runtime {OrtSession.RuntimeVersion} vs our float model: " +
                         $"top-1 agreement {agreement:P2} on {test.Count} MNIST test images, worst probability difference {worst:E2}");
        Assert.True(agreement >= RequiredAgreement, $"float ONNX picks our float model's digit on only {agree} of {test.Count} images");
    }

    [RequiresFact(Needs.OnnxRuntime | Needs.Mnist | Needs.Engine)]
    public void Qdq_onnx_of_the_shipped_model_picks_the_int8_engines_digit_on_mnist()
    {
        var network = ShippedNetwork();
        // As `digitlock export --format onnx-qdq` with its defaults: 500 MNIST training images, min/max.
        var calibration = NetworkQuantizer.CalibrationImages(DataSources.Mnist(TestEnvironment.MnistDir, test: false), 500);
        var export = NetworkQuantizer.Quantize(network, calibration, Description(), new QuantizationOptions { Method = CalibrationMethod.MinMax });
        var model = OnnxExporter.ExportQdq(export.Graph, export.Quantized, export.Description);
        var test = Subsets.Take(DataSources.Mnist(TestEnvironment.MnistDir, test: true), MnistImages);

        using var engine = new NativeInterpreter(export.Tflite);
        var input = engine.Inputs.Single();
        // Both runtimes get the int8 image the board feeds the engine (EngineDigitModel's quantization).
        var images = Enumerable.Range(0, test.Count).Select(i => test.Image(i).ToArray()
            .Select(p => (byte)(sbyte)Math.Clamp((int)MathF.Round(p / 255f / input.Scale) + input.ZeroPoint, -128, 127)).ToArray()).ToList();
        var ours = engine.RunAll(TestImages.Concat(images));
        var ort = RunInt8(model, images, export.Graph.InputShape);

        Assert.Equal(ours.Length, ort.Length);
        int agree = 0, identical = 0;
        for (var i = 0; i < test.Count; i++)
        {
            var a = ours.AsSpan(i * EvaluationReport.Classes, EvaluationReport.Classes);
            var b = ort.AsSpan(i * EvaluationReport.Classes, EvaluationReport.Classes);
            agree += ArgMax(Signed(a)) == ArgMax(Signed(b)) ? 1 : 0;
            identical += a.SequenceEqual(b) ? 1 : 0;
        }

        var agreement = agree / (double)test.Count;
        output.WriteLine($"shipped model, QDQ ONNX in ONNX Runtime {OrtSession.RuntimeVersion} vs our int8 engine: " +
                         $"top-1 agreement {agreement:P2}, byte-identical outputs for {identical / (double)test.Count:P2} of {test.Count} MNIST test images");
        Assert.True(agreement >= RequiredAgreement, $"QDQ ONNX picks the engine's digit on only {agree} of {test.Count} images");
    }

    [RequiresFact(Needs.OnnxRuntime)]
    public void Binding_loads_the_onnx_runtime_that_onnxruntime_node_ships()
    {
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestEnvironment.NodeModules, "onnxruntime-node", "package.json")));

        Assert.Equal(package.RootElement.GetProperty("version").GetString(), OrtSession.RuntimeVersion);
    }

    [RequiresFact(Needs.OnnxRuntime)]
    public void Corrupt_model_fails_with_onnx_runtimes_own_message_on_one_line()
    {
        var model = OnnxExporter.ExportFloat(TestGraphs.Build(TestGraphs.CaseNames[0]), ConformanceTests.Description("corrupt"));

        var e = Assert.Throws<OrtException>(() => new OrtSession(model[..(model.Length / 2)]));

        output.WriteLine(e.Message);
        Assert.StartsWith("ONNX Runtime: ", e.Message);
        Assert.Contains("protobuf parsing failed", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(7, e.Code); // ORT_INVALID_PROTOBUF
    }

    [RequiresFact(Needs.OnnxRuntime)]
    public void Wrong_input_shape_fails_with_onnx_runtimes_message_naming_the_input()
    {
        var graph = TestGraphs.Build(TestGraphs.CaseNames[0]);
        using var session = new OrtSession(OnnxExporter.ExportFloat(graph, ConformanceTests.Description("shape")));
        var shape = Batch(graph.InputShape);
        shape[1] += 1;

        var e = Assert.Throws<OrtException>(() => session.Run(OrtTensor.Float(new float[shape.Aggregate(1L, (a, b) => a * b)], shape)));

        output.WriteLine(e.Message);
        Assert.StartsWith("ONNX Runtime: ", e.Message);
        Assert.Contains("invalid dimensions for input: input", e.Message);
        Assert.Equal(2, e.Code); // ORT_INVALID_ARGUMENT
        // The session stays usable after a refused run.
        Assert.Equal(Batch(graph.OutputShape), session.Run(OrtTensor.Float(new float[graph.InputShape.Size], Batch(graph.InputShape))).Shape);
    }

    private static byte[] RunInt8(byte[] model, IEnumerable<byte[]> images, TensorShape shape)
    {
        using var session = new OrtSession(model);
        return images.SelectMany(image => session.Run(OrtTensor.Int8(image, Batch(shape))).Data).ToArray();
    }

    private static long[] Batch(TensorShape shape) => [1, .. shape.Dims.Select(d => (long)d)];

    private static Network ShippedNetwork() => ModelFile.Load(Path.Combine(TestEnvironment.RepoRoot, "models", "default.model")).Network;

    private static ModelDescription Description() => ConformanceTests.Description("default");

    private static sbyte[] Signed(ReadOnlySpan<byte> bytes) => bytes.ToArray().Select(b => (sbyte)b).ToArray();

    /// <summary>First maximum wins, as the evaluation reports pick it.</summary>
    private static int ArgMax<T>(ReadOnlySpan<T> row) where T : IComparable<T>
    {
        var best = 0;
        for (var c = 1; c < row.Length; c++)
        {
            if (row[c].CompareTo(row[best]) > 0)
            {
                best = c;
            }
        }

        return best;
    }
}
