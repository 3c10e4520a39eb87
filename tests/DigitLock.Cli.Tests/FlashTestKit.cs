using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using DigitLock.Cli.Commands;
using DigitLock.Cli.Flashing;

namespace DigitLock.Cli.Tests;

/// <summary>Runs `digitlock flash ...` in-process, as Main does, against a given tool path and mount roots.</summary>
internal sealed record FlashRun(int ExitCode, string Output, string Error)
{
    public static FlashRun Of(FlashEnvironment environment, params string[] args)
    {
        var root = new RootCommand("test root");
        root.Subcommands.Add(FlashCommand.Create(environment));
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = root.Parse(new[] { "flash" }.Concat(args).ToArray());
        parse.InvocationConfiguration.Output = output;
        parse.InvocationConfiguration.Error = error;
        int code = parse.Invoke();
        return new FlashRun(code, output.ToString(), error.ToString());
    }
}

/// <summary>A temporary folder removed at the end of the test.</summary>
internal sealed class Scratch : IDisposable
{
    public Scratch()
    {
        Dir = Directory.CreateTempSubdirectory("dl-flash-").FullName;
    }

    public string Dir { get; }

    public string this[string name] => Path.Combine(Dir, name);

    public string Folder(string name) => Directory.CreateDirectory(Path.Combine(Dir, name)).FullName;

    /// <summary>No tools and no drives: the environment of a machine with nothing installed or plugged in.</summary>
    public FlashEnvironment Bare() => new(Folder("empty-bin"), new[] { Folder("media") }, TimeSpan.FromMilliseconds(20));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A stand-in for pyocd or nanoff: a shell script that records its arguments, one per line, and exits as told.</summary>
internal static class FakeTool
{
    /// <returns>The file the script writes its arguments to.</returns>
    public static string Write(string binDir, string name, int exitCode, string? copyArgumentAfter = null)
    {
        var argv = Path.Combine(binDir, name + ".argv");
        var script = new StringBuilder();
        script.Append("#!/bin/sh\n");
        script.Append($": > '{argv}'\n");
        script.Append("prev=\n");
        script.Append("for a in \"$@\"; do\n");
        script.Append($"  printf '%s\\n' \"$a\" >> '{argv}'\n");
        if (copyArgumentAfter != null)
        {
            script.Append($"  if [ \"$prev\" = '{copyArgumentAfter}' ]; then cp \"$a\" '{argv}.file'; fi\n");
        }

        script.Append("  prev=$a\n");
        script.Append("done\n");
        script.Append($"echo \"{name} (fake): working\"\n");
        script.Append($"echo \"{name} (fake): a message on stderr\" >&2\n");
        script.Append($"exit {exitCode}\n");
        var path = Path.Combine(binDir, name);
        File.WriteAllText(path, script.ToString());
        SetMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return argv;
    }

    public static void SetMode(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the flash tests run shell scripts as stand-in tools");
        }

        File.SetUnixFileMode(path, mode);
    }

    public static string[] Arguments(string argvFile) =>
        File.Exists(argvFile) ? File.ReadAllLines(argvFile) : throw new Xunit.Sdk.XunitException($"the fake tool never ran ({argvFile} missing)");
}

/// <summary>Images shaped like the RT1060's boot flash contents.</summary>
internal static class FirmwareFiles
{
    /// <summary>A .bin with the FlexSPI configuration block tag at 0 and the IVT tag at 0x1000, the rest random.</summary>
    public static byte[] BootableBin(int size)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        "FCFB"u8.CopyTo(bytes);
        bytes[0x1000] = 0xD1;
        return bytes;
    }

    /// <summary>Intel HEX for <paramref name="data"/> at <paramref name="address"/>: 16-byte data records, a type-04 record per 64 KB.</summary>
    public static string Hex(uint address, byte[] data)
    {
        var text = new StringBuilder();
        uint? upper = null;
        for (int i = 0; i < data.Length; i += 16)
        {
            uint at = address + (uint)i;
            if (upper != at >> 16)
            {
                upper = at >> 16;
                text.Append(Record(0x04, 0, new[] { (byte)(at >> 24), (byte)(at >> 16) }));
            }

            text.Append(Record(0x00, (ushort)at, data.AsSpan(i, Math.Min(16, data.Length - i)).ToArray()));
        }

        text.Append(":00000001FF\n");
        return text.ToString();
    }

    private static string Record(byte type, ushort offset, byte[] data)
    {
        var bytes = new List<byte> { (byte)data.Length, (byte)(offset >> 8), (byte)offset, type };
        bytes.AddRange(data);
        int sum = bytes.Sum(b => b);
        bytes.Add((byte)(-sum & 0xFF));
        return ":" + Convert.ToHexString(bytes.ToArray()) + "\n";
    }
}

/// <summary>
/// A DAPLink drive as the EVK's probe shows it, and the probe's behaviour after a copy: it takes
/// the whole file, ejects (the folder disappears), and mounts again, with FAIL.TXT when told to fail.
/// </summary>
internal sealed class FakeDapLinkProbe
{
    public const string Details =
        "# DAPLink Firmware - see https://daplink.io\r\n" +
        "Unique ID: 0229000003a2b4f600000000000000000000000097969905\r\n" +
        "HIC ID: 97969905\r\n" +
        "Auto Reset: 1\r\n" +
        "Automation allowed: 0\r\n" +
        "Overflow detection: 0\r\n" +
        "Incompatible image detection: 1\r\n" +
        "Page erasing: 0\r\n" +
        "Daplink Mode: Interface\r\n" +
        "Interface Version: 0257\r\n" +
        "Git SHA: 0000000000000000000000000000000000000000\r\n" +
        "Local Mods: 0\r\n" +
        "USB Interfaces: MSD, CDC, HID, WebUSB\r\n" +
        "Interface CRC: 0x12345678\r\n" +
        "Remount count: {0}\r\n" +
        "URL: http://www.nxp.com/imxrt1060evk\r\n";

    private readonly string _staging;

    public FakeDapLinkProbe(string mountRoot, string label = "RT1060-EVK", string details = Details)
    {
        VolumePath = Path.Combine(mountRoot, label);
        _staging = Path.Combine(Path.GetDirectoryName(mountRoot)!, label + ".remount");
        DetailsText = details;
        Mount(VolumePath, remounts: 0, failText: null);
    }

    public string VolumePath { get; }

    public string DetailsText { get; }

    /// <summary>The bytes the probe received, once <see cref="Program"/> saw the file complete.</summary>
    public byte[]? Received { get; private set; }

    /// <summary>
    /// Waits for <paramref name="fileName"/> to arrive with <paramref name="length"/> bytes, then ejects for
    /// <paramref name="gapMs"/> and remounts (with FAIL.TXT holding <paramref name="failText"/>, if given).
    /// With <paramref name="gapMs"/> 0 the drive is never seen missing: only DETAILS.TXT's remount count changes;
    /// below 0 it never comes back.
    /// </summary>
    public Task Program(string fileName, long length, string? failText = null, int gapMs = 300) => Task.Run(() =>
    {
        var file = Path.Combine(VolumePath, fileName);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!(File.Exists(file) && new FileInfo(file).Length == length))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"the probe never received {fileName}");
            }

            Thread.Sleep(10);
        }

        Thread.Sleep(50);
        Received = File.ReadAllBytes(file);
        if (gapMs == 0)
        {
            if (failText != null)
            {
                File.WriteAllText(Path.Combine(VolumePath, DapLinkVolume.FailFile), failText);
            }

            File.Delete(file);
            File.WriteAllText(Path.Combine(VolumePath, DapLinkVolume.DetailsFile), string.Format(DetailsText, 1));
            return;
        }

        Directory.Delete(VolumePath, recursive: true);
        if (gapMs < 0)
        {
            return;
        }

        Thread.Sleep(gapMs);
        Mount(_staging, remounts: 1, failText);
        Directory.Move(_staging, VolumePath);
    });

    private void Mount(string dir, int remounts, string? failText)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "PRODINFO.HTM"), "<html><head><meta http-equiv=\"refresh\" content=\"0; url=http://www.nxp.com/imxrt1060evk\"/></head></html>\r\n");
        if (failText != null)
        {
            File.WriteAllText(Path.Combine(dir, DapLinkVolume.FailFile), failText);
        }

        // DETAILS.TXT last: the command takes it as the sign the drive is there.
        File.WriteAllText(Path.Combine(dir, DapLinkVolume.DetailsFile), string.Format(DetailsText, remounts));
    }
}
