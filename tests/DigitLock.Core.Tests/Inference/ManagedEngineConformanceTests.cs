using DigitLock.Core.Inference;

namespace DigitLock.Core.Tests.Inference;

/// <summary>
/// The managed engine against the C engine on real models: identical output bytes, with both
/// requantization modes, on MNIST and on models that exercise the other ops.
/// </summary>
public sealed class ManagedEngineConformanceTests
{
    private const string Pico = "pico_conv_mnist_quant.tflite";
    private const int MnistImages = 2000;

    [SharedFact]
    public void Pico_model_gives_the_C_engines_bytes_on_MNIST_with_float_requantization()
    {
        CompareOnMnist(floatRequantization: true);
    }

    [SharedFact]
    public void Pico_model_gives_the_C_engines_bytes_on_MNIST_with_integer_requantization()
    {
        CompareOnMnist(floatRequantization: false);
    }

    private static void CompareOnMnist(bool floatRequantization)
    {
        var model = InferenceFixtures.ReadSharedModel(Pico);
        var pixels = InferenceFixtures.MnistPixels();
        using var c = new CEngine(model);
        Assert.Equal(0, c.Status);
        c.FloatRequantization = floatRequantization;
        var managed = new ManagedEngine(model) { FloatRequantization = floatRequantization };
        var output = new byte[10];
        for (var i = 0; i < MnistImages; i++)
        {
            var record = InferenceFixtures.Int8Record(pixels, i);
            var expected = c.Run(record);
            managed.WriteInput(0, record);
            managed.Invoke();
            managed.ReadOutput(0, output);
            Assert.True(expected.AsSpan().SequenceEqual(output),
                $"image {i}: C engine {Convert.ToHexString(expected)}, managed {Convert.ToHexString(output)}");
        }
    }

    [SharedFact]
    public void Pico_model_matches_the_TFLite_runtime_reference_outputs()
    {
        var reference = File.ReadAllBytes(InferenceFixtures.SharedModel("pico_conv_mnist_quant.t10k-ref.bin"));
        var pixels = InferenceFixtures.MnistPixels();
        var managed = new ManagedEngine(InferenceFixtures.ReadSharedModel(Pico));
        var output = new byte[10];
        for (var i = 0; i < MnistImages; i++)
        {
            managed.WriteInput(0, InferenceFixtures.Int8Record(pixels, i));
            managed.Invoke();
            managed.ReadOutput(0, output);
            Assert.True(reference.AsSpan(i * 10, 10).SequenceEqual(output), $"image {i} differs from TFLite");
        }
    }

    [SharedFact]
    public void Person_detect_model_exercises_depthwise_average_pool_and_relu6_like_the_C_engine()
    {
        var model = InferenceFixtures.ReadSharedModel("tflm_person_detect.tflite");
        var kinds = LayerKinds(new ManagedEngine(model));
        Assert.Contains(nameof(DepthwiseConvLayer), kinds);
        Assert.Contains(nameof(PoolLayer), kinds);
        CompareOnRandomInputs(model, inputs: 3, seed: 7);
    }

    [SharedFact]
    public void Hello_world_model_per_tensor_fully_connected_like_the_C_engine()
    {
        var model = InferenceFixtures.ReadSharedModel("tflm_hello_world_int8.tflite");
        CompareOnRandomInputs(model, inputs: 256, seed: 3);
    }

    private static List<string> LayerKinds(ManagedEngine engine)
    {
        var kinds = new List<string>();
        for (var i = 0; i < engine.LayerCount; i++)
        {
            kinds.Add(engine.Layer(i).GetType().Name);
        }

        return kinds;
    }

    private static void CompareOnRandomInputs(byte[] model, int inputs, int seed)
    {
        using var c = new CEngine(model);
        Assert.Equal(0, c.Status);
        foreach (var floatMode in new[] { true, false })
        {
            c.FloatRequantization = floatMode;
            var managed = new ManagedEngine(model) { FloatRequantization = floatMode };
            var random = new Random(seed);
            var output = new byte[c.OutputBytes];
            for (var i = 0; i < inputs; i++)
            {
                var record = new byte[c.InputBytes];
                random.NextBytes(record);
                var expected = c.Run(record);
                managed.WriteInput(0, record);
                managed.Invoke();
                managed.ReadOutput(0, output);
                Assert.True(expected.AsSpan().SequenceEqual(output),
                    $"input {i} (float requantization {floatMode}) differs from the C engine");
            }
        }
    }

    [SharedFact]
    public void Softmax_table_equals_the_C_librarys_expf_for_the_pico_model()
    {
        // The C engine fills its table with expf; the managed one rounds Math.Exp to float. The
        // two agree except within ~0.002 ulp of a float midpoint; this pins the shipped model.
        var engine = new ManagedEngine(InferenceFixtures.ReadSharedModel(Pico));
        var softmax = Enumerable.Range(0, engine.LayerCount).Select(engine.Layer).OfType<SoftmaxLayer>().Single();
        var scale = -engine.Tensor(softmax.Input).Scale;
        for (var d = 0; d <= 255; d++)
        {
            Assert.Equal(MathF.Exp(scale * d), softmax.TableEntry(255 - d));
        }
    }
}
