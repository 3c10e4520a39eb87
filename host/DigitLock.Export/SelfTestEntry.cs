using DigitLock.Core.ModelPush;
using DigitLock.Engine;
using DigitLock.Tflite;
using DigitLock.Tflite.Schema;

namespace DigitLock.Export;

/// <summary>
/// Adds the "digitlock.selftest" metadata entry to an exported model: one golden image with the digit and
/// scores the C engine gives it, exactly as the board reads them (input = pixel - 128, score = output + 128).
/// A device checks it after a push before switching slots, so a model its engine would read differently
/// never goes live.
/// </summary>
public static class SelfTestEntry
{
    /// <summary>Score steps a device may differ by: the managed fallback's softmax table can round 1 step apart.</summary>
    public const int Tolerance = 1;

    /// <summary>Returns the model rewritten with the entry; the weights, and so every output, are unchanged.</summary>
    public static byte[] Attach(TfliteModel model, byte[] tflite, byte[] goldenImage)
    {
        if (goldenImage.Length != ModelSelfTest.ImageBytes)
        {
            throw new ArgumentException("the self-test image must be 28x28 bytes");
        }

        var scores = new byte[10];
        using (var engine = new NativeInterpreter(tflite))
        {
            var input = engine.Input(0);
            for (var p = 0; p < goldenImage.Length; p++)
            {
                input[p] = (byte)(goldenImage[p] ^ 0x80);
            }

            engine.Invoke();
            var output = engine.Output(0);
            for (var c = 0; c < scores.Length; c++)
            {
                scores[c] = (byte)(output[c] ^ 0x80);
            }
        }

        var digit = 0;
        for (var c = 1; c < scores.Length; c++)
        {
            if (scores[c] > scores[digit])
            {
                digit = c;
            }
        }

        model.Metadata.RemoveAll(m => m.Key == ModelSelfTest.MetadataName);
        model.Metadata.Add(new(ModelSelfTest.MetadataName, ModelSelfTest.Encode(goldenImage, digit, scores, Tolerance)));
        return TfliteWriter.Write(model);
    }
}
