namespace DigitLock.Sim.Tests;

/// <summary>The third-party MNIST model in ../shared, used as the simulator's model in tests only.</summary>
internal static class SharedModel
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "nf-solution.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("cannot find the checkout above " + AppContext.BaseDirectory);
        }
    }

    public static string PicoPath => Path.GetFullPath(Path.Combine(Root, "..", "shared", "models", "pico_conv_mnist_quant.tflite"));

    public static string? SkipReason => File.Exists(PicoPath) ? null : $"needs {PicoPath} (the shared test data), absent in this checkout";
}

/// <summary>A fact needing the shared model: skipped with the reason only when it is absent.</summary>
public sealed class SharedModelFactAttribute : FactAttribute
{
    public SharedModelFactAttribute()
    {
        Skip = SharedModel.SkipReason;
    }
}
