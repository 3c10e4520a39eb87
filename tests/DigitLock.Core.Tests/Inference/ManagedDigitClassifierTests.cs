using DigitLock.Core.Inference;

namespace DigitLock.Core.Tests.Inference;

public sealed class ManagedDigitClassifierTests
{
    private const string Pico = "pico_conv_mnist_quant.tflite";

    private static byte[] Image(byte[] pixels, int i) => pixels.AsSpan(i * 784, 784).ToArray();

    [SharedFact]
    public void Scores_are_the_C_engines_int8_outputs_shifted_to_0_255_and_the_digit_is_the_best()
    {
        var model = InferenceFixtures.ReadSharedModel(Pico);
        var pixels = InferenceFixtures.MnistPixels();
        using var c = new CEngine(model);
        var classifier = new ManagedDigitClassifier(model);
        var scores = new byte[10];
        for (var i = 0; i < 200; i++)
        {
            var expected = c.Run(InferenceFixtures.Int8Record(pixels, i));
            var digit = classifier.Classify(Image(pixels, i), scores);
            var shifted = expected.Select(b => (byte)((sbyte)b + 128)).ToArray();
            Assert.Equal(shifted, scores);
            Assert.Equal(Array.IndexOf(shifted, shifted.Max()), digit);
        }
    }

    [SharedFact]
    public void Classify_allocates_nothing()
    {
        var pixels = InferenceFixtures.MnistPixels();
        var classifier = new ManagedDigitClassifier(InferenceFixtures.ReadSharedModel(Pico));
        var scores = new byte[10];
        var image = Image(pixels, 0);
        classifier.Classify(image, scores);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            classifier.Classify(image, scores);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [SharedFact]
    public void A_bad_file_leaves_the_previous_model_in_use()
    {
        var model = InferenceFixtures.ReadSharedModel(Pico);
        var pixels = InferenceFixtures.MnistPixels();
        var classifier = new ManagedDigitClassifier(model);
        var before = new byte[10];
        var digit = classifier.Classify(Image(pixels, 1), before);

        var truncated = model.AsSpan(0, model.Length / 2).ToArray();
        var e = Assert.Throws<ModelFormatException>(() => classifier.Load(truncated));
        Assert.Equal(ModelFault.Truncated, e.Fault);
        var person = InferenceFixtures.ReadSharedModel("tflm_person_detect.tflite");
        var shape = Assert.Throws<ModelFormatException>(() => classifier.Load(person));
        Assert.Contains("784", shape.Message);

        var after = new byte[10];
        Assert.Equal(digit, classifier.Classify(Image(pixels, 1), after));
        Assert.Equal(before, after);
    }
}
