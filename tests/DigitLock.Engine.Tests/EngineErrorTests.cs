using Xunit.Abstractions;

namespace DigitLock.Engine.Tests;

/// <summary>Models the engine must refuse: a clear one-line message and status, never a crash.</summary>
public class EngineErrorTests
{
    private readonly ITestOutputHelper log;

    public EngineErrorTests(ITestOutputHelper log)
    {
        this.log = log;
    }

    [SharedFact]
    public void Float_model_is_refused_as_an_unsupported_type_naming_float32()
    {
        var bytes = TestRepo.ReadSharedModel("pico_conv_mnist.tflite");

        var e = Assert.Throws<EngineException>(() => new NativeInterpreter(bytes));

        Assert.Equal(EngineStatus.UnsupportedType, e.Status);
        Assert.Contains("FLOAT32", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [SharedFact]
    public void Truncated_model_is_refused_at_every_cut()
    {
        var bytes = TestRepo.ReadSharedModel("pico_conv_mnist_quant.tflite");
        foreach (var length in new[] { 0, 3, 8, 64, 500, bytes.Length / 2, bytes.Length - 100, bytes.Length - 1 })
        {
            var e = Assert.Throws<EngineException>(() => new NativeInterpreter(bytes.AsSpan(0, length)));
            Assert.True(e.Status is EngineStatus.Truncated or EngineStatus.Corrupt,
                $"cut at {length}: expected TRUNCATED or CORRUPT, got {e.Status}: {e.Message}");
            Assert.False(string.IsNullOrWhiteSpace(e.Message), $"cut at {length}: empty message");
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    [Fact]
    public void Bytes_that_are_not_a_tflite_file_are_refused()
    {
        var noise = new byte[4096];
        new Random(7).NextBytes(noise);

        var e = Assert.Throws<EngineException>(() => new NativeInterpreter(noise));

        Assert.NotEqual(EngineStatus.Ok, e.Status);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [SharedFact]
    public void Corrupted_bytes_are_refused_or_run_but_never_crash()
    {
        // Prepare promises to validate every offset; a model it accepts must then invoke safely.
        var original = TestRepo.ReadSharedModel("pico_conv_mnist_quant.tflite");
        var random = new Random(99);
        int refused = 0, accepted = 0;
        for (var round = 0; round < 300; round++)
        {
            var bytes = (byte[])original.Clone();
            for (var flips = 1 + random.Next(4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            try
            {
                using var model = new NativeInterpreter(bytes);
                var input = new byte[model.InputRecordBytes];
                random.NextBytes(input);
                model.RunAll(input);
                accepted++;
            }
            catch (EngineException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message), $"round {round}: {e.Status} with an empty message");
                refused++;
            }
        }

        log.WriteLine($"300 corrupted copies: {refused} refused, {accepted} ran");
        Assert.Equal(300, refused + accepted);
    }

    [SharedFact]
    public void Disposed_interpreter_refuses_further_use()
    {
        var model = new NativeInterpreter(TestRepo.ReadSharedModel("tflm_hello_world_int8.tflite"));
        model.Dispose();

        Assert.Throws<ObjectDisposedException>(() => model.Invoke());
    }

    [SharedFact]
    public void Record_of_the_wrong_size_is_an_argument_error()
    {
        using var model = new NativeInterpreter(TestRepo.ReadSharedModel("pico_conv_mnist_quant.tflite"));

        var e = Assert.Throws<ArgumentException>(() => model.RunAll(new byte[model.InputRecordBytes * 3 + 1]));

        Assert.Contains("not a multiple", e.Message);
    }
}
