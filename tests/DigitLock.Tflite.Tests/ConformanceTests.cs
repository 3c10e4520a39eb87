using DigitLock.Engine;
using DigitLock.Tflite.Graph;
using DigitLock.Tflite.Quantization;
using Xunit.Abstractions;

namespace DigitLock.Tflite.Tests;

/// <summary>
/// Models written by the exporter must load in the real TFLite runtime, give byte-identical int8 outputs
/// in the project's engine (both kernel variants), and track the float reference forward pass.
/// </summary>
public sealed class ConformanceTests
{
    private const int CalibrationImages = 64;
    private const int TestInputs = 400;

    private readonly ITestOutputHelper output;

    public ConformanceTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    public static IEnumerable<object[]> Cases() => TestGraphs.Cases();

    internal static ModelDescription Description(string name) =>
        new(name, "0.1-test", "synthetic strokes", new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero), "test: none");

    [RequiresTheory(Needs.TfliteRuntime | Needs.Engine)]
    [MemberData(nameof(Cases))]
    public void Tflite_runtime_and_engine_agree_bit_for_bit(string name)
    {
        var run = DefaultRun(name);

        var firstDiff = Enumerable.Range(0, run.Tflite.Length).FirstOrDefault(i => run.Tflite[i] != run.Engine[i], -1);
        Assert.True(run.Tflite.Length == run.Engine.Length && firstDiff < 0,
            $"{name}: engine differs from TFLite at output byte {firstDiff} (record {firstDiff / Math.Max(1, run.OutputSize)})");
        Assert.Equal(run.Tflite, run.EngineReference);
    }

    [RequiresTheory(Needs.TfliteRuntime | Needs.Engine)]
    [MemberData(nameof(Cases))]
    public void Quantized_outputs_track_the_float_reference(string name)
    {
        var run = DefaultRun(name);
        var stats = Compare(run);
        output.WriteLine(stats.Describe(name, run.Quantized.Output.Scale));

        Assert.True(stats.Decisive >= TestInputs / 2, $"{name}: only {stats.Decisive} of {TestInputs} inputs have a clear float winner");
        Assert.True(stats.Top1 >= 0.99, $"{name}: top-1 agrees with float in only {stats.Top1:P2} of {stats.Decisive} decisive inputs");
        // Rare larger errors are inputs beyond the calibrated range (clipped); the bulk must stay within a step or two.
        Assert.True(stats.MeanSteps <= 1, $"{name}: mean error {stats.MeanSteps:F2} quantization steps");
        Assert.True(stats.P99Steps <= 3, $"{name}: 99th percentile error {stats.P99Steps:F2} quantization steps");
    }

    [RequiresFact(Needs.TfliteRuntime | Needs.Engine)]
    public void Percentile_calibration_and_per_channel_dense_also_load_and_agree()
    {
        foreach (var options in new[]
                 {
                     new QuantizationOptions { Method = CalibrationMethod.Percentile, Percentile = 99.9 },
                     new QuantizationOptions { PerChannelDense = true },
                 })
        {
            var run = Run("mnist_cnn", options);
            Assert.Equal(run.Tflite, run.Engine);
            var stats = Compare(run);
            output.WriteLine(stats.Describe($"{options.Method} {options.Percentile} perChannelDense={options.PerChannelDense}", run.Quantized.Output.Scale));
            Assert.True(stats.Top1 >= 0.99, stats.Describe("mnist_cnn", run.Quantized.Output.Scale));
        }
    }

    internal sealed record RunResult(
        FloatGraph Graph, QuantizedGraph Quantized, List<byte[]> Inputs, byte[] Tflite, byte[] Engine, byte[] EngineReference)
    {
        public int OutputSize => Graph.OutputShape.Size;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<RunResult>> DefaultRuns = new();

    // Both theories look at the same export and runs; computing them once halves the suite's time.
    private static RunResult DefaultRun(string name) =>
        DefaultRuns.GetOrAdd(name, n => new Lazy<RunResult>(() => Run(n, new QuantizationOptions()))).Value;

    internal static RunResult Run(string name, QuantizationOptions options)
    {
        var graph = TestGraphs.Build(name);
        var calibration = TestImages.Make(graph.InputShape, CalibrationImages, seed: 11);
        var model = TfliteExporter.Export(graph, calibration, Description(name), options, out var quantized);
        var inputs = TestImages.Make(graph.InputShape, TestInputs, seed: 22);
        var records = TestImages.Concat(inputs.Select(PixelsToInt8));

        var tflite = TfliteRuntime.Run(model, records);
        using var engine = new NativeInterpreter(model);
        var optimized = engine.RunAll(records);
        engine.KernelVariant = KernelVariant.Reference;
        var reference = engine.RunAll(records);
        return new RunResult(graph, quantized, inputs, tflite, optimized, reference);
    }

    /// <summary>The exact input mapping the board uses: int8 = pixel - 128.</summary>
    internal static byte[] PixelsToInt8(byte[] pixels) => pixels.Select(p => unchecked((byte)(sbyte)(p - 128))).ToArray();

    /// <param name="Top1">Share of decisive inputs whose int8 argmax is the float argmax.</param>
    /// <param name="Decisive">Inputs whose float winner leads the runner-up by more than twice the p99 output error (at least <see cref="DecisiveSteps"/> steps).</param>
    /// <param name="Top1All">Share of all inputs (near-ties included) whose argmax agrees.</param>
    internal sealed record Agreement(double Top1, int Decisive, double Top1All, double MeanSteps, double P99Steps, double MaxSteps)
    {
        public string Describe(string name, float scale) =>
            $"{name}: top-1 agreement {Top1:P2} of {Decisive} decisive inputs ({Top1All:P2} of all), " +
            $"|error| mean {MeanSteps:F2} / p99 {P99Steps:F2} / max {MaxSteps:F1} steps (output scale {scale:G4})";
    }

    /// <summary>
    /// A float winner leading by less than this many output quantization steps cannot be told apart in
    /// int8 (each score may round by one step either way), so such near-ties do not count against top-1.
    /// The top-1 assertion also holds all inputs to the figure reported as "of all".
    /// </summary>
    internal const double DecisiveSteps = 2;

    internal static Agreement Compare(RunResult run)
    {
        var size = run.OutputSize;
        var scale = run.Quantized.Output.Scale;
        var zp = run.Quantized.Output.ZeroPoint;
        var errors = new List<double>();
        var pairs = new List<(float[] Expected, float[] Actual)>();
        for (var r = 0; r < run.Inputs.Count; r++)
        {
            var expected = run.Graph.Forward(run.Inputs[r]);
            var actual = new float[size];
            for (var i = 0; i < size; i++)
            {
                actual[i] = scale * ((sbyte)run.Tflite[r * size + i] - zp);
                errors.Add(Math.Abs(actual[i] - expected[i]) / scale);
            }

            pairs.Add((expected, actual));
        }

        errors.Sort();
        var p99 = errors[(int)(0.99 * (errors.Count - 1))];
        // Two scores each off by the typical (p99) error can swap when the float lead is below twice that.
        var decisiveLead = Math.Max(DecisiveSteps, 2 * p99) * scale;
        int agree = 0, agreeAll = 0, decisive = 0;
        foreach (var (expected, actual) in pairs)
        {
            var same = ArgMax(actual) == ArgMax(expected);
            agreeAll += same ? 1 : 0;
            var sorted = expected.OrderDescending().ToArray();
            if (sorted.Length > 1 && sorted[0] - sorted[1] > decisiveLead)
            {
                decisive++;
                agree += same ? 1 : 0;
            }
        }

        return new Agreement(
            decisive == 0 ? 0 : (double)agree / decisive, decisive, (double)agreeAll / run.Inputs.Count,
            errors.Average(), p99, errors[^1]);
    }

    private static int ArgMax(float[] v) => Array.IndexOf(v, v.Max());
}
