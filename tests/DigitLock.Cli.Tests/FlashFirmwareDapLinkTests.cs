using DigitLock.Cli.Flashing;

namespace DigitLock.Cli.Tests;

/// <summary>`flash firmware` through a DAPLink drive: a folder that behaves like the probe's drive.</summary>
public class FlashFirmwareDapLinkTests
{
    [Fact]
    public async Task Found_drive_gets_the_image_and_a_clean_remount_is_success()
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        var probe = new FakeDapLinkProbe(env.MountRoots[0]);
        var image = FirmwareFiles.BootableBin(96 * 1024 + 5);
        File.WriteAllBytes(scratch["nanoCLR.bin"], image);

        var programming = probe.Program("FIRMWARE.BIN", image.Length);
        var run = FlashRun.Of(env, "firmware", "--image", scratch["nanoCLR.bin"], "--timeout", "20");
        await programming.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(image, probe.Received);
        Assert.Contains($"probe drive: RT1060-EVK at {probe.VolumePath} (board ID 0229)", run.Output);
        Assert.Contains($"RT1060-EVK: programmed FIRMWARE.BIN ({image.Length} bytes); the probe remounted without FAIL.TXT", run.Output);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Hex_image_is_copied_as_a_hex_file()
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        var probe = new FakeDapLinkProbe(env.MountRoots[0]);
        File.WriteAllText(scratch["nanoCLR.hex"], FirmwareFiles.Hex(FirmwareImage.FlexSpiBase, FirmwareFiles.BootableBin(70 * 1024)));
        var text = File.ReadAllBytes(scratch["nanoCLR.hex"]);

        var programming = probe.Program("FIRMWARE.HEX", text.Length);
        var run = FlashRun.Of(env, "firmware", "--image", scratch["nanoCLR.hex"], "--probe", "daplink", "--timeout", "20");
        await programming.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(text, probe.Received);
        Assert.Contains($"nanoCLR.hex: Intel HEX, every record's checksum valid, {70 * 1024} data bytes at 0x60000000-0x600117FF", run.Output);
    }

    [Fact]
    public async Task Fail_txt_on_the_remounted_drive_becomes_the_error()
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        var probe = new FakeDapLinkProbe(env.MountRoots[0]);
        var image = FirmwareFiles.BootableBin(16 * 1024);
        File.WriteAllBytes(scratch["nanoCLR.bin"], image);

        var programming = probe.Program("FIRMWARE.BIN", image.Length,
            failText: "error: The interface firmware FAILED to reset/halt the target MCU\r\ntype: target\r\n");
        var run = FlashRun.Of(env, "firmware", "--image", scratch["nanoCLR.bin"], "--timeout", "20");
        await programming.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "error: RT1060-EVK: the probe could not program the board: error: The interface firmware FAILED to reset/halt the target MCU; type: target\n",
            run.Error);
    }

    [Fact]
    public async Task A_remount_seen_only_through_the_remount_count_still_counts()
    {
        using var scratch = new Scratch();
        var env = scratch.Bare() with { PollInterval = TimeSpan.FromMilliseconds(200) };
        var probe = new FakeDapLinkProbe(env.MountRoots[0]);
        var image = FirmwareFiles.BootableBin(8 * 1024);
        File.WriteAllBytes(scratch["nanoCLR.bin"], image);

        var programming = probe.Program("FIRMWARE.BIN", image.Length, failText: "error: The transfer timed out.\r\ntype: user, transient\r\n", gapMs: 0);
        var run = FlashRun.Of(env, "firmware", "--image", scratch["nanoCLR.bin"], "--timeout", "20");
        await programming.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the probe could not program the board: error: The transfer timed out.; type: user, transient", run.Error);
    }

    [Fact]
    public void A_drive_that_never_remounts_times_out_with_a_clear_error()
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        var probe = new FakeDapLinkProbe(env.MountRoots[0]);
        File.WriteAllBytes(scratch["nanoCLR.bin"], FirmwareFiles.BootableBin(8 * 1024));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var run = FlashRun.Of(env, "firmware", "--image", scratch["nanoCLR.bin"], "--timeout", "1");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: RT1060-EVK did not eject within 1 s after the copy, so the probe did not take the image", run.Error);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), "it waited the whole timeout");
        Assert.Equal(File.ReadAllBytes(scratch["nanoCLR.bin"]), File.ReadAllBytes(Path.Combine(probe.VolumePath, "FIRMWARE.BIN")));
    }

    [Fact]
    public async Task A_drive_that_ejects_and_stays_away_times_out_naming_that()
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        var probe = new FakeDapLinkProbe(env.MountRoots[0]);
        var image = FirmwareFiles.BootableBin(8 * 1024);
        File.WriteAllBytes(scratch["nanoCLR.bin"], image);

        var programming = probe.Program("FIRMWARE.BIN", image.Length, gapMs: -1);
        var run = FlashRun.Of(env, "firmware", "--image", scratch["nanoCLR.bin"], "--timeout", "2");
        await programming.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: RT1060-EVK ejected but was not mounted again at {probe.VolumePath} within 2 s", run.Error);
    }

    [Fact]
    public void No_drive_and_no_pyocd_says_how_to_get_either()
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        File.WriteAllBytes(scratch["nanoCLR.bin"], FirmwareFiles.BootableBin(8 * 1024));

        var run = FlashRun.Of(env, "firmware", "--image", scratch["nanoCLR.bin"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: neither a DAPLink drive (looked in {env.MountRoots[0]}) nor pyocd was found", run.Error);
        Assert.Contains("let the RT1060-EVK drive mount (or give --volume DIR)", run.Error);
        Assert.Contains("pipx install pyocd", run.Error);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public void Daplink_only_without_a_drive_is_an_error_naming_where_it_looked()
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        FakeTool.Write(env.SearchPath, "pyocd", 0);
        File.WriteAllBytes(scratch["nanoCLR.bin"], FirmwareFiles.BootableBin(8 * 1024));

        var run = FlashRun.Of(env, "firmware", "--image", scratch["nanoCLR.bin"], "--probe", "daplink");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: no DAPLink drive found (looked in {env.MountRoots[0]})", run.Error);
        Assert.False(File.Exists(Path.Combine(env.SearchPath, "pyocd.argv")), "pyocd must not run when daplink was asked for");
    }

    [Fact]
    public void Volume_option_names_the_drive_and_a_folder_without_details_txt_is_refused()
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        var stick = scratch.Folder("USBSTICK");
        File.WriteAllBytes(scratch["nanoCLR.bin"], FirmwareFiles.BootableBin(8 * 1024));

        var run = FlashRun.Of(env, "firmware", "--image", scratch["nanoCLR.bin"], "--volume", stick);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {stick}: not a DAPLink drive (no DETAILS.TXT naming DAPLink)\n", run.Error);
        Assert.Empty(Directory.GetFiles(stick));
    }

    [Fact]
    public async Task Volume_option_outside_the_mount_roots_is_used()
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        var elsewhere = scratch.Folder("mnt-probe");
        var probe = new FakeDapLinkProbe(elsewhere, "DAPLINK");
        var image = FirmwareFiles.BootableBin(8 * 1024);
        File.WriteAllBytes(scratch["nanoCLR.bin"], image);

        var programming = probe.Program("FIRMWARE.BIN", image.Length);
        var run = FlashRun.Of(env, "firmware", "--image", scratch["nanoCLR.bin"], "--volume", probe.VolumePath, "--timeout", "20");
        await programming.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(image, probe.Received);
    }

    [Fact]
    public void A_probe_in_bootloader_mode_is_refused()
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        var probe = new FakeDapLinkProbe(env.MountRoots[0], "MAINTENANCE",
            FakeDapLinkProbe.Details.Replace("Daplink Mode: Interface", "Daplink Mode: Bootloader"));
        File.WriteAllBytes(scratch["nanoCLR.bin"], FirmwareFiles.BootableBin(8 * 1024));

        var run = FlashRun.Of(env, "firmware", "--image", scratch["nanoCLR.bin"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the probe is in bootloader (MAINTENANCE) mode", run.Error);
        Assert.False(File.Exists(Path.Combine(probe.VolumePath, "FIRMWARE.BIN")));
    }

    [Fact]
    public void Among_several_drives_the_rt1060_evk_is_chosen_and_two_evks_are_ambiguous()
    {
        using var scratch = new Scratch();
        var root = scratch.Folder("media");
        var other = new FakeDapLinkProbe(root, "DAPLINK", FakeDapLinkProbe.Details.Replace("Unique ID: 0229", "Unique ID: 0240"));
        var evk = new FakeDapLinkProbe(root, "RT1060-EVK");

        var found = DapLinkVolume.FindAll(new[] { root });
        Assert.Equal(new[] { other.VolumePath, evk.VolumePath }, found.Select(v => v.Path));
        Assert.Equal(evk.VolumePath, DapLinkVolume.Choose(found)!.Path);

        var second = new FakeDapLinkProbe(root, "RT1060-EVK1");
        var error = Assert.Throws<InvalidDataException>(() => DapLinkVolume.Choose(DapLinkVolume.FindAll(new[] { root })));
        Assert.Contains("several DAPLink volumes are mounted", error.Message);
        Assert.Contains(second.VolumePath, error.Message);
        Assert.EndsWith("pick one with --volume DIR", error.Message);
    }

    [Fact]
    public void Details_txt_fields_are_read()
    {
        using var scratch = new Scratch();
        var probe = new FakeDapLinkProbe(scratch.Folder("media"));
        var volume = DapLinkVolume.TryRead(probe.VolumePath)!;
        Assert.Equal("0229", volume.BoardId);
        Assert.Equal("Interface", volume.Mode);
        Assert.Equal("0", volume.RemountCount);
        Assert.True(volume.IsRt1060Evk);
        Assert.False(volume.IsBootloader);
        Assert.Null(DapLinkVolume.TryRead(scratch.Folder("plain")));
    }
}
