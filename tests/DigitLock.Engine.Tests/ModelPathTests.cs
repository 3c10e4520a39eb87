using DigitLock.Cli;

namespace DigitLock.Engine.Tests;

public sealed class ModelPathTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("dl-modelpath").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Default_without_a_shipped_model_says_how_to_build_one()
    {
        var e = Assert.Throws<FileNotFoundException>(() => ModelPath.Resolve("default", new RepoLayout(root)));

        Assert.Equal("no shipped model yet: models/default.tflite is missing (build it with ./digitlock build-model)",
            e.Message);
    }

    [Fact]
    public void Default_is_the_checkouts_models_default_tflite()
    {
        var shipped = Path.Combine(Directory.CreateDirectory(Path.Combine(root, "models")).FullName, "default.tflite");
        File.WriteAllBytes(shipped, new byte[] { 1 });

        Assert.Equal(shipped, ModelPath.Resolve("default", new RepoLayout(root)));
    }

    [Fact]
    public void Other_values_are_paths_that_must_exist()
    {
        var file = Path.Combine(root, "m.tflite");
        Assert.Throws<FileNotFoundException>(() => ModelPath.Resolve(file, new RepoLayout(root)));

        File.WriteAllBytes(file, new byte[] { 1 });
        Assert.Equal(file, ModelPath.Resolve(file, new RepoLayout(root)));
    }

    [Fact]
    public void Infer_and_inspect_share_the_default_rule()
    {
        var shipped = Path.Combine(TestRepo.Root, "models", "default.tflite");
        var infer = CliRun.Of("infer", "--model", "default", "--input", "x", "--output", "y");
        var inspect = CliRun.Of("inspect", "default");
        if (File.Exists(shipped))
        {
            // With a shipped model both get past resolution and fail on the next thing: the missing input / nothing.
            Assert.DoesNotContain("no shipped model", infer.Error);
            Assert.Equal(0, inspect.ExitCode);
        }
        else
        {
            Assert.Contains("no shipped model yet", infer.Error);
            Assert.Contains("no shipped model yet", inspect.Error);
            Assert.NotEqual(0, infer.ExitCode);
            Assert.NotEqual(0, inspect.ExitCode);
        }
    }
}
