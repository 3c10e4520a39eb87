using DigitLock.Core.Inference;
using DigitLock.Core.ModelPush;
using DigitLock.Engine;
using DigitLock.Training.Core;
using DigitLock.Training.Model;

namespace DigitLock.Export.Tests;

public class SelfTestEntryTests
{
    /// <summary>What a device loads: the managed fallback engine reads the digits, the C engine's reader the metadata.</summary>
    private sealed class DeviceModel(byte[] tflite) : ILoadedModel
    {
        private readonly ManagedDigitClassifier _classifier = new(tflite);

        public int Classify(byte[] image28x28, byte[] scores) => _classifier.Classify(image28x28, scores);

        public byte[] Metadata(string name)
        {
            using var engine = new NativeInterpreter(tflite);
            return engine.Metadata(name)!;
        }

        public void Release()
        {
        }
    }

    private static Int8Export Export()
    {
        var network = new Network(Architectures.Named["tiny"]);
        network.Initialize(new Rng(5));
        var mnist = Training.Data.Subsets.Take(Training.Data.DataSources.Mnist(Checkout.MnistDir, test: false), 200);
        return NetworkQuantizer.Quantize(network, NetworkQuantizer.CalibrationImages(mnist, 50),
            NetworkQuantizer.Describe("t", "0", "test"), new Tflite.Quantization.QuantizationOptions());
    }

    [EngineAndMnistFact]
    public void Exported_models_carry_a_self_test_that_the_devices_engine_passes()
    {
        var export = Export();

        using (var engine = new NativeInterpreter(export.Tflite))
        {
            var entry = engine.Metadata(ModelSelfTest.MetadataName);
            Assert.NotNull(entry);
            Assert.Equal(ModelSelfTest.EntryBytes, entry!.Length);
        }

        Assert.Equal(ModelSelfTest.Passed, ModelSelfTest.Run(new DeviceModel(export.Tflite), out var note));
        Assert.Equal("SELF-TEST PASSED", note);
    }

    [EngineAndMnistFact]
    public void A_model_whose_weights_changed_after_export_fails_its_self_test()
    {
        var export = Export();
        var model = export.Quantized.Model;
        var tampered = Tflite.Schema.TfliteWriter.Write(Negated(model));

        Assert.Equal(ModelSelfTest.Failed, ModelSelfTest.Run(new DeviceModel(tampered), out var note));
        Assert.StartsWith("SELF-TEST FAILED", note);
    }

    // Flips the sign of every weight of the last layer, keeping the self-test entry of the original.
    private static Tflite.Schema.TfliteModel Negated(Tflite.Schema.TfliteModel model)
    {
        var weights = model.Tensors.Last(t => t.Data != null && t.Type == Tflite.Schema.TensorType.Int8 && t.Data.Length > 40).Data!;
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (byte)(-Math.Max((sbyte)weights[i], (sbyte)-127));
        }

        return model;
    }
}
