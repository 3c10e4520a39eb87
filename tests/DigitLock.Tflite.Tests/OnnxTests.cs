using DigitLock.Tflite.Onnx;
using DigitLock.Tflite.Quantization;
using Xunit.Abstractions;

namespace DigitLock.Tflite.Tests;

/// <summary>
/// ONNX exports of the same graphs: the float model must pass onnx.checker and compute the float reference
/// in ONNX Runtime; the QDQ int8 model must pass the checker and land on (almost) the same int8 outputs as
/// the .tflite in the TFLite runtime (ONNX Runtime's fused kernels round some requantizations differently).
/// </summary>
public sealed class OnnxTests
{
    private const int Inputs = 200;

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
        OnnxRuntime.Check(model);

        var images = TestImages.Make(graph.InputShape, Inputs, seed: 33);
        var floats = images.Select(i => graph.Normalization.Apply(i)).ToList();
        var records = floats.SelectMany(f => f.SelectMany(BitConverter.GetBytes)).ToArray();
        var result = OnnxRuntime.Run(model, "float32", graph.InputShape, records);

        var size = graph.OutputShape.Size;
        Assert.Equal(Inputs * size * 4, result.Length);
        double worst = 0;
        for (var r = 0; r < Inputs; r++)
        {
            var expected = graph.Forward(floats[r]);
            for (var i = 0; i < size; i++)
            {
                var actual = BitConverter.ToSingle(result, (r * size + i) * 4);
                worst = Math.Max(worst, Math.Abs(actual - expected[i]) / Math.Max(1, Math.Abs(expected[i])));
            }
        }

        output.WriteLine($"{name}: worst relative difference ONNX Runtime vs float reference {worst:E2}");
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
        OnnxRuntime.Check(model);
        Assert.Contains(quantized.Model.WeightsSha256(), System.Text.Encoding.UTF8.GetString(model)); // metadata_props copied

        var images = TestImages.Make(graph.InputShape, Inputs, seed: 44);
        var records = TestImages.Concat(images.Select(ConformanceTests.PixelsToInt8));
        var ort = OnnxRuntime.Run(model, "int8", graph.InputShape, records);
        var reference = TfliteRuntime.Run(tflite, records);

        Assert.Equal(reference.Length, ort.Length);
        var diffs = Enumerable.Range(0, ort.Length).Select(i => Math.Abs((sbyte)ort[i] - (sbyte)reference[i])).ToArray();
        var identical = diffs.Count(d => d == 0) / (double)diffs.Length;
        var withinOne = diffs.Count(d => d <= 1) / (double)diffs.Length;
        output.WriteLine($"{name}: ONNX Runtime QDQ vs TFLite int8: {identical:P2} identical, {withinOne:P2} within 1 step, max {diffs.Max()} steps");
        Assert.True(withinOne >= 0.99, $"{name}: only {withinOne:P2} of int8 outputs within one step of TFLite's");
        Assert.True(diffs.Average() <= 0.5, $"{name}: mean difference {diffs.Average():F2} steps");
    }
}
