namespace DigitLock.Cli.Flashing;

/// <summary>
/// Programs the EVK through its CMSIS-DAP probe with pyOCD 0.14 or later (`pyocd flash` is an alias
/// of `pyocd load`: -t/--target, -a/--base-address, file; pyocd/subcommands/load_cmd.py). pyOCD's
/// built-in "mimxrt1060" target maps the FlexSPI boot flash at 0x60000000.
/// Debian 12's python3-pyocd is 0.13.1: it installs only pyocd-flashtool/-gdbserver/-tool and has
/// no i.MX RT target, so it cannot program this board.
/// </summary>
public static class PyOcdFlasher
{
    public const string ToolName = "pyocd";
    public const string OldToolName = "pyocd-flashtool";
    public const string Target = "mimxrt1060";

    public const string InstallHint =
        "install pyOCD 0.14 or later (`pipx install pyocd`, or `python3 -m pip install --user pyocd`); " +
        "Debian 12's python3-pyocd (0.13.1) has no `pyocd` command and no mimxrt1060 target";

    public static IReadOnlyList<string> Arguments(FirmwareImage image) => image.Format == FirmwareFormat.Bin
        ? new[] { "flash", "-t", Target, "--base-address", $"0x{FirmwareImage.FlexSpiBase:X8}", image.Path }
        : new[] { "flash", "-t", Target, image.Path };

    /// <summary>pyocd on the search path, or an error saying how to get it (and why an old one found does not do).</summary>
    public static ExternalTool Locate(string searchPath)
    {
        var tool = ExternalTool.Find(ToolName, searchPath);
        if (tool != null)
        {
            return tool;
        }

        var old = ExternalTool.Find(OldToolName, searchPath);
        throw new FileNotFoundException(old != null
            ? $"pyocd not found, only {old.Path} (pyOCD 0.13, which cannot program the RT1060); {InstallHint}"
            : $"pyocd not found on PATH; {InstallHint}");
    }

    public static void Flash(ExternalTool pyocd, FirmwareImage image, TimeSpan timeout, TextWriter output, TextWriter error)
    {
        var arguments = Arguments(image);
        output.WriteLine($"{pyocd.Path} {string.Join(' ', arguments)}");
        int exit = pyocd.Run(arguments, output, error, timeout);
        if (exit != 0)
        {
            throw new InvalidDataException(
                $"pyocd flash failed (exit code {exit}); its messages are above. Is the EVK's debug USB connected and the probe in CMSIS-DAP mode?");
        }

        output.WriteLine($"pyocd: programmed {Path.GetFileName(image.Path)} ({image.Length} bytes) into the {Target}");
    }
}
