using System.Diagnostics;

namespace DigitLock.Engine.Tests;

/// <summary>
/// The TensorFlow Lite runtime as an oracle: tests/conformance/tflite-run.js under Node, every record in one
/// process. Missing Node or npm packages fail the test with the setup command, since tests/setup installs them.
/// </summary>
internal static class TfliteReference
{
    public static byte[] Run(string model, byte[] records)
    {
        var dir = Directory.CreateTempSubdirectory("dl-tflite").FullName;
        try
        {
            var input = Path.Combine(dir, "in.raw");
            var output = Path.Combine(dir, "out.raw");
            File.WriteAllBytes(input, records);
            var (code, stderr) = RunNode(TestRepo.TfliteRunScript, model, input, output);
            Assert.True(code == 0, $"tflite-run.js failed (exit {code}): {stderr.Trim()}");
            return File.ReadAllBytes(output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (int Code, string Stderr) RunNode(params string[] args)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"cannot run node ({e.Message}): {TestRepo.Hint}");
            throw;
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, stderr.Result + stdout.Result);
        }
    }
}
