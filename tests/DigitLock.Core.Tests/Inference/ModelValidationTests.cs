using DigitLock.Core.Inference;

namespace DigitLock.Core.Tests.Inference;

/// <summary>
/// Bad files: the managed loader refuses exactly what the C engine refuses, with the same
/// dl_status, and never fails with anything but <see cref="ModelFormatException"/>.
/// </summary>
public sealed class ModelValidationTests
{
    private const string Pico = "pico_conv_mnist_quant.tflite";

    /// <summary>The managed loader's verdict as a dl_status code (0 = accepted).</summary>
    private static int ManagedStatus(byte[] model, out string message)
    {
        try
        {
            _ = new ManagedEngine(model);
            message = "";
            return 0;
        }
        catch (ModelFormatException e)
        {
            message = e.Message;
            return (int)e.Fault;
        }
    }

    private static int AssertSameVerdict(byte[] model, string what)
    {
        using var c = new CEngine(model);
        var managed = ManagedStatus(model, out var message);
        Assert.True(c.Status == managed,
            $"{what}: C engine status {c.Status} '{c.Message}', managed {managed} '{message}'");
        if (c.Status != 0)
        {
            Assert.Equal(c.Message, message);
        }

        return managed;
    }

    [SharedFact]
    public void Every_truncation_of_the_pico_model_is_refused_like_the_C_engine()
    {
        var model = InferenceFixtures.ReadSharedModel(Pico);
        for (var length = 0; length < model.Length; length += length < 64 ? 1 : 7)
        {
            AssertSameVerdict(model.AsSpan(0, length).ToArray(), $"first {length} bytes");
        }
    }

    [SharedFact]
    public void Corrupted_bytes_get_the_C_engines_verdict_and_message()
    {
        var model = InferenceFixtures.ReadSharedModel(Pico);
        var random = new Random(11);
        var verdicts = new HashSet<int>();
        for (var trial = 0; trial < 3000; trial++)
        {
            var bad = (byte[])model.Clone();
            var flips = 1 + random.Next(3);
            for (var f = 0; f < flips; f++)
            {
                // the flatbuffer tables sit mostly outside the weight buffers: bias flips towards the ends
                var at = random.Next(2) == 0 ? random.Next(model.Length) : model.Length - 1 - random.Next(2048);
                bad[at] = (byte)random.Next(256);
            }

            verdicts.Add(AssertSameVerdict(bad, $"trial {trial}"));
        }

        // the trials reach accepted files and several kinds of refusal, not one early check
        Assert.Contains(0, verdicts);
        Assert.True(verdicts.Count >= 4, "verdicts seen: " + string.Join(",", verdicts));
    }

    [SharedFact]
    public void A_rescale_of_2_to_the_30_or_more_is_refused_like_the_C_engine()
    {
        // Every 4-byte word that reads as a plausible quantization scale is shrunk to 1e-30 in turn: where
        // it was an output scale, the rescale factor explodes (a shift of ~100 bits in the output stage).
        var model = InferenceFixtures.ReadSharedModel(Pico);
        var refused = 0;
        for (var at = 0; at + 4 <= model.Length; at += 4)
        {
            var value = BitConverter.ToSingle(model, at);
            if (!(value > 1e-6f && value < 10f))
            {
                continue;
            }

            var bad = (byte[])model.Clone();
            BitConverter.GetBytes(1e-30f).CopyTo(bad, at);
            if (AssertSameVerdict(bad, $"scale-like float {value} at byte {at} shrunk") == (int)ModelFault.Quantization)
            {
                ManagedStatus(bad, out var message);
                refused += message.Contains("rescale factor (input scale x weight scale / output scale) is 2^30 or more") ? 1 : 0;
            }
        }

        Assert.True(refused > 0, "no shrunk scale reached the rescale check");
    }

    [SharedFact]
    public void Float_model_is_refused_naming_FLOAT32()
    {
        var status = ManagedStatus(InferenceFixtures.ReadSharedModel("pico_conv_mnist.tflite"), out var message);
        Assert.Equal((int)ModelFault.UnsupportedType, status);
        Assert.Contains("FLOAT32", message);
    }

    [Fact]
    public void Not_a_tflite_file_is_refused_with_one_line()
    {
        var status = ManagedStatus(System.Text.Encoding.ASCII.GetBytes("PK\u0003\u0004 this is a zip, not a model"), out var message);
        Assert.Equal((int)ModelFault.Corrupt, status);
        Assert.Equal("not a TFLite model: file identifier is not \"TFL3\"", message);
    }
}
