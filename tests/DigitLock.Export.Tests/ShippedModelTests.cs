using System.Text;
using DigitLock.Engine;
using DigitLock.Tflite;
using DigitLock.Training.Data;
using DigitLock.Training.Evaluation;

namespace DigitLock.Export.Tests;

/// <summary>
/// The shipped models/default.tflite must keep the int8 MNIST test accuracy build-model recorded in
/// models/default.accuracy.json (within its tolerance, 0.1 points): a changed engine, kernel or model file
/// that loses accuracy fails CI.
/// </summary>
public sealed class ShippedModelTests
{
    [ShippedModelFact]
    public void Shipped_model_keeps_its_recorded_int8_mnist_accuracy_through_the_engine()
    {
        Assert.Null(Checkout.MissingEngine);
        Assert.Null(Checkout.MissingMnist);
        var expected = ExpectedAccuracy.Read(ExpectedAccuracy.PathBeside(Checkout.ShippedModel));
        var test = DataSources.Mnist(Checkout.MnistDir, test: true);
        Assert.Equal(expected.MnistTestCount, test.Count);

        var report = EvaluationReport.Evaluate(EngineDigitModel.FromFile(Checkout.ShippedModel), test);

        var floor = expected.MnistTestInt8 - expected.TolerancePoints / 100;
        Assert.True(report.Accuracy >= floor - 1e-9,
            $"int8 MNIST test accuracy {report.Accuracy * 100:0.00}% is below the recorded {expected.Percent}% minus {expected.TolerancePoints} points");
    }

    [ShippedModelFact]
    public void Accuracy_record_belongs_to_the_shipped_model()
    {
        var expected = ExpectedAccuracy.Read(ExpectedAccuracy.PathBeside(Checkout.ShippedModel));
        using var engine = NativeInterpreter.FromFile(Checkout.ShippedModel);

        var sha = engine.Metadata(MetadataNames.WeightsSha256);

        Assert.NotNull(sha);
        Assert.Equal(expected.WeightsSha256, Encoding.UTF8.GetString(sha));
        Assert.InRange(expected.TolerancePoints, 0.0, 0.5);
    }

    [ShippedModelFact]
    public void Shipped_model_carries_a_self_test_the_managed_engine_passes()
    {
        var bytes = File.ReadAllBytes(Checkout.ShippedModel);
        var device = new DeviceModelOnManagedEngine(bytes);

        Assert.Equal(Core.ModelPush.ModelSelfTest.Passed, Core.ModelPush.ModelSelfTest.Run(device, out var note));
        Assert.Equal("SELF-TEST PASSED", note);
    }

    private sealed class DeviceModelOnManagedEngine(byte[] tflite) : Core.ModelPush.ILoadedModel
    {
        private readonly Core.Inference.ManagedDigitClassifier _classifier = new(tflite);

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
}
