namespace DigitLock.Cli.Tests;

/// <summary>`flash firmware` through pyOCD, with a stand-in pyocd script on the tool path.</summary>
public class FlashPyOcdTests
{
    [Fact]
    public void Bin_image_is_flashed_at_the_flexspi_base_with_the_exact_arguments()
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        var argv = FakeTool.Write(env.SearchPath, "pyocd", 0);
        File.WriteAllBytes(scratch["nanoCLR.bin"], FirmwareFiles.BootableBin(8 * 1024));

        var run = FlashRun.Of(env, "firmware", "--image", scratch["nanoCLR.bin"], "--probe", "pyocd");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(new[] { "flash", "-t", "mimxrt1060", "--base-address", "0x60000000", scratch["nanoCLR.bin"] }, FakeTool.Arguments(argv));
        Assert.Contains("pyocd (fake): working", run.Output);
        Assert.Contains("pyocd (fake): a message on stderr", run.Error);
        Assert.Contains("pyocd: programmed nanoCLR.bin (8192 bytes) into the mimxrt1060", run.Output);
    }

    [Fact]
    public void Hex_image_carries_its_addresses_so_no_base_address_is_given()
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        var argv = FakeTool.Write(env.SearchPath, "pyocd", 0);
        File.WriteAllText(scratch["nanoCLR.hex"], FirmwareFiles.Hex(0x60000000, FirmwareFiles.BootableBin(8 * 1024)));

        var run = FlashRun.Of(env, "firmware", "--image", scratch["nanoCLR.hex"], "--probe", "pyocd");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(new[] { "flash", "-t", "mimxrt1060", scratch["nanoCLR.hex"] }, FakeTool.Arguments(argv));
    }

    [Fact]
    public void Auto_uses_pyocd_when_no_drive_is_mounted()
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        var argv = FakeTool.Write(env.SearchPath, "pyocd", 0);
        File.WriteAllBytes(scratch["nanoCLR.bin"], FirmwareFiles.BootableBin(8 * 1024));

        var run = FlashRun.Of(env, "firmware", "--image", scratch["nanoCLR.bin"]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"no DAPLink drive mounted; using {Path.Combine(env.SearchPath, "pyocd")}", run.Output);
        Assert.Equal("flash", FakeTool.Arguments(argv)[0]);
    }

    [Fact]
    public async Task Auto_prefers_a_mounted_drive_over_pyocd()
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        FakeTool.Write(env.SearchPath, "pyocd", 0);
        var probe = new FakeDapLinkProbe(env.MountRoots[0]);
        var image = FirmwareFiles.BootableBin(8 * 1024);
        File.WriteAllBytes(scratch["nanoCLR.bin"], image);

        var programming = probe.Program("FIRMWARE.BIN", image.Length);
        var run = FlashRun.Of(env, "firmware", "--image", scratch["nanoCLR.bin"], "--timeout", "20");
        await programming.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(image, probe.Received);
        Assert.False(File.Exists(Path.Combine(env.SearchPath, "pyocd.argv")));
    }

    [Fact]
    public void Non_zero_exit_becomes_a_clear_error()
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        FakeTool.Write(env.SearchPath, "pyocd", 2);
        File.WriteAllBytes(scratch["nanoCLR.bin"], FirmwareFiles.BootableBin(8 * 1024));

        var run = FlashRun.Of(env, "firmware", "--image", scratch["nanoCLR.bin"], "--probe", "pyocd");

        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("error: pyocd flash failed (exit code 2); its messages are above. Is the EVK's debug USB connected and the probe in CMSIS-DAP mode?\n", run.Error);
        Assert.DoesNotContain("programmed", run.Output);
    }

    [Fact]
    public void Missing_pyocd_points_to_the_install_step()
    {
        using var scratch = new Scratch();
        File.WriteAllBytes(scratch["nanoCLR.bin"], FirmwareFiles.BootableBin(8 * 1024));

        var run = FlashRun.Of(scratch.Bare(), "firmware", "--image", scratch["nanoCLR.bin"], "--probe", "pyocd");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "error: pyocd not found on PATH; install pyOCD 0.14 or later (`pipx install pyocd`, or `python3 -m pip install --user pyocd`); " +
            "Debian 12's python3-pyocd (0.13.1) has no `pyocd` command and no mimxrt1060 target\n",
            run.Error);
    }

    [Fact]
    public void Debians_old_pyocd_flashtool_is_recognised_as_too_old()
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        var argv = FakeTool.Write(env.SearchPath, "pyocd-flashtool", 0);
        File.WriteAllBytes(scratch["nanoCLR.bin"], FirmwareFiles.BootableBin(8 * 1024));

        var run = FlashRun.Of(env, "firmware", "--image", scratch["nanoCLR.bin"], "--probe", "pyocd");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: pyocd not found, only {Path.Combine(env.SearchPath, "pyocd-flashtool")} (pyOCD 0.13, which cannot program the RT1060)", run.Error);
        Assert.False(File.Exists(argv));
    }

    [Fact]
    public void A_file_without_execute_permission_is_not_taken_for_the_tool()
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        FakeTool.Write(env.SearchPath, "pyocd", 0);
        FakeTool.SetMode(Path.Combine(env.SearchPath, "pyocd"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllBytes(scratch["nanoCLR.bin"], FirmwareFiles.BootableBin(8 * 1024));

        var run = FlashRun.Of(env, "firmware", "--image", scratch["nanoCLR.bin"], "--probe", "pyocd");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: pyocd not found on PATH", run.Error);
    }

    [Fact]
    public void A_hanging_pyocd_is_stopped_at_the_timeout()
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        var script = Path.Combine(env.SearchPath, "pyocd");
        File.WriteAllText(script, "#!/bin/sh\nsleep 30\n");
        FakeTool.SetMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllBytes(scratch["nanoCLR.bin"], FirmwareFiles.BootableBin(8 * 1024));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var run = FlashRun.Of(env, "firmware", "--image", scratch["nanoCLR.bin"], "--probe", "pyocd", "--timeout", "1");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: pyocd did not finish within 1 s and was stopped (give a longer --timeout?)\n", run.Error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the tool was killed, not waited for");
    }

    [Fact]
    public void Volume_with_pyocd_is_a_usage_error()
    {
        using var scratch = new Scratch();
        File.WriteAllBytes(scratch["nanoCLR.bin"], FirmwareFiles.BootableBin(8 * 1024));
        var run = FlashRun.Of(scratch.Bare(), "firmware", "--image", scratch["nanoCLR.bin"], "--probe", "pyocd", "--volume", scratch.Dir);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: --volume goes with --probe daplink or auto, not pyocd\n", run.Error);
    }
}
