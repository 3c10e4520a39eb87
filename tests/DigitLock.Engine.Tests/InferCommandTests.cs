namespace DigitLock.Engine.Tests;

public sealed class InferCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("dl-infer").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [SharedFact]
    public void Infer_writes_each_records_output_as_the_tflite_runtime_computed_it()
    {
        const int records = 25;
        var input = Path.Combine(dir, "digits.raw");
        var output = Path.Combine(dir, "scores.raw");
        File.WriteAllBytes(input, MnistTestSet.Int8Records().AsSpan(0, records * 784).ToArray());

        var run = CliRun.Of("infer", "--model", TestRepo.SharedModel("pico_conv_mnist_quant.tflite"),
            "--input", input, "--output", output, "--engine", "native");

        Assert.True(run.ExitCode == 0, run.Error);
        var expected = File.ReadAllBytes(TestRepo.SharedModel("pico_conv_mnist_quant.t10k-ref.bin")).AsSpan(0, records * 10);
        Assert.Equal(expected.ToArray(), File.ReadAllBytes(output));
        Assert.Contains($"{records} record", run.Output);
    }

    [SharedFact]
    public void Input_that_is_not_a_whole_number_of_records_is_an_error_and_writes_nothing()
    {
        var input = Path.Combine(dir, "bad.raw");
        var output = Path.Combine(dir, "out.raw");
        File.WriteAllBytes(input, new byte[784 * 2 + 5]);

        var run = CliRun.Of("infer", "--model", TestRepo.SharedModel("pico_conv_mnist_quant.tflite"),
            "--input", input, "--output", output);

        Assert.NotEqual(0, run.ExitCode);
        Assert.StartsWith("error: ", run.Error);
        Assert.Contains("1573 bytes is not a whole number of records", run.Error);
        Assert.Contains("784", run.Error);
        Assert.False(File.Exists(output));
    }

    [SharedFact]
    public void Float_model_fails_with_the_engines_message()
    {
        var input = Path.Combine(dir, "in.raw");
        File.WriteAllBytes(input, new byte[784]);

        var run = CliRun.Of("infer", "--model", TestRepo.SharedModel("pico_conv_mnist.tflite"),
            "--input", input, "--output", Path.Combine(dir, "out.raw"));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Matches("^error: .*FLOAT32.*not supported", run.Error.Trim());
    }

    [SharedFact]
    public void Output_into_a_missing_directory_is_an_error_naming_it()
    {
        var input = Path.Combine(dir, "in.raw");
        File.WriteAllBytes(input, new byte[784]);
        var missing = Path.Combine(dir, "no-such-dir");

        var run = CliRun.Of("infer", "--model", TestRepo.SharedModel("pico_conv_mnist_quant.tflite"),
            "--input", input, "--output", Path.Combine(missing, "out.raw"));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal($"error: {missing}: output directory does not exist", run.Error.Trim());
    }

    [Fact]
    public void Missing_model_file_is_a_one_line_error()
    {
        var run = CliRun.Of("infer", "--model", Path.Combine(dir, "nope.tflite"),
            "--input", Path.Combine(dir, "in.raw"), "--output", Path.Combine(dir, "out.raw"));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal($"error: {Path.Combine(dir, "nope.tflite")}: model file not found", run.Error.Trim());
    }

    [Fact]
    public void Unknown_engine_is_rejected_by_the_parser()
    {
        var run = CliRun.Of("infer", "--model", "m.tflite", "--input", "i", "--output", "o", "--engine", "tflite-micro");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("tflite-micro", run.Error);
    }
}
