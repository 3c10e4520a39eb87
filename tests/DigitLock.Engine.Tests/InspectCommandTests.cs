using System.Globalization;

namespace DigitLock.Engine.Tests;

public class InspectCommandTests
{
    [SharedFact]
    public void Inspect_lists_every_op_with_its_cost_and_the_models_totals()
    {
        var path = TestRepo.SharedModel("pico_conv_mnist_quant.tflite");
        using var model = NativeInterpreter.FromFile(path);

        var run = CliRun.Of("inspect", path);

        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Output.Split('\n');
        foreach (var op in model.Ops)
        {
            Assert.Contains(lines, l => l.TrimStart().StartsWith($"{op.Index}  {op.Name} ", StringComparison.Ordinal)
                                        && l.Contains(Count(op.Macs)));
        }

        Assert.Contains(lines, l => l.Contains("int8 1x28x28x1 s=0.0078125 zp=0"));
        Assert.Contains(lines, l => l.Contains("int8 1x10 s=0.00390625 zp=-128"));
        AssertTotal(lines, "MACs", model.Ops.Sum(o => o.Macs));
        AssertTotal(lines, "weight bytes", model.Ops.Sum(o => (long)o.WeightBytes));
        AssertTotal(lines, "arena bytes", NativeInterpreter.RequiredArena(File.ReadAllBytes(path)));
        AssertTotal(lines, "activation bytes", model.ActivationBytes);
        Assert.Contains(lines, l => l.TrimStart().StartsWith("min_runtime_version", StringComparison.Ordinal));
    }

    [SharedFact]
    public void Model_can_also_be_given_as_an_option()
    {
        var run = CliRun.Of("inspect", "--model", TestRepo.SharedModel("tflm_hello_world_int8.tflite"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("FULLY_CONNECTED", run.Output);
    }

    [Fact]
    public void Model_given_twice_or_not_at_all_is_a_usage_error()
    {
        Assert.NotEqual(0, CliRun.Of("inspect").ExitCode);
        Assert.NotEqual(0, CliRun.Of("inspect", "a.tflite", "--model", "b.tflite").ExitCode);
    }

    [SharedFact]
    public void Truncated_model_is_an_error_naming_the_problem()
    {
        var dir = Directory.CreateTempSubdirectory("dl-inspect").FullName;
        try
        {
            var cut = Path.Combine(dir, "cut.tflite");
            var bytes = File.ReadAllBytes(TestRepo.SharedModel("tflm_person_detect.tflite"));
            File.WriteAllBytes(cut, bytes.AsSpan(0, bytes.Length / 3).ToArray());

            var run = CliRun.Of("inspect", cut);

            Assert.NotEqual(0, run.ExitCode);
            Assert.StartsWith("error: ", run.Error);
            Assert.Single(run.Error.Trim().Split('\n'));
            Assert.Empty(run.Output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void AssertTotal(string[] lines, string label, long value)
    {
        Assert.Contains(lines, l => l.TrimStart().StartsWith(label + " ", StringComparison.Ordinal)
                                    && l.TrimEnd().EndsWith(" " + Count(value), StringComparison.Ordinal));
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
