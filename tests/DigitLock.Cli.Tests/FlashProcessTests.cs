using System.Diagnostics;

namespace DigitLock.Cli.Tests;

/// <summary>
/// The built CLI as a separate process, so the real PATH lookup is what finds (or misses) the
/// tools: the in-process tests hand the command a search path, these hand the process an environment.
/// </summary>
public class FlashProcessTests
{
    [Fact]
    public void The_cli_finds_pyocd_through_the_path_it_was_started_with()
    {
        using var scratch = new Scratch();
        var bin = scratch.Folder("bin");
        var argv = FakeTool.Write(bin, "pyocd", 0);
        File.WriteAllBytes(scratch["nanoCLR.bin"], FirmwareFiles.BootableBin(8 * 1024));

        var (exit, output, error) = RunCli(bin + ":/usr/bin:/bin", "flash", "firmware", "--image", scratch["nanoCLR.bin"], "--probe", "pyocd");

        Assert.True(exit == 0, error);
        Assert.Equal(new[] { "flash", "-t", "mimxrt1060", "--base-address", "0x60000000", scratch["nanoCLR.bin"] }, FakeTool.Arguments(argv));
        Assert.Contains("pyocd (fake): working", output);
    }

    [Fact]
    public void Without_nanoff_on_the_path_the_cli_exits_non_zero_with_the_install_step()
    {
        using var scratch = new Scratch();
        var dir = scratch.Folder("pe");
        File.WriteAllBytes(Path.Combine(dir, "app.pe"), "NFMRK2\0\0app"u8.ToArray());
        File.WriteAllText(scratch["ttyACM-fake"], "");

        var (exit, _, error) = RunCli(scratch.Folder("nothing"), "flash", "app", "--pe-dir", dir, "--port", scratch["ttyACM-fake"]);

        Assert.Equal(1, exit);
        Assert.Equal("error: nanoff not found on PATH; install it with `dotnet tool install -g nanoff` (and make sure ~/.dotnet/tools is on PATH)", error.Trim());
    }

    private static (int Exit, string Output, string Error) RunCli(string path, params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "digitlock.dll");
        Assert.True(File.Exists(cli), $"{cli}: the CLI is built beside the tests");
        var dotnet = Environment.ProcessPath;
        Assert.True(dotnet != null && Path.GetFileNameWithoutExtension(dotnet) == "dotnet", $"tests run under dotnet, not {dotnet}");
        var start = new ProcessStartInfo(dotnet!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(cli);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PATH"] = path;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the CLI finished");
        return (process.ExitCode, output.Result, error.Result);
    }
}
