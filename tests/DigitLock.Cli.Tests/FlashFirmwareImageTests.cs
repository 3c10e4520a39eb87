using DigitLock.Cli.Flashing;

namespace DigitLock.Cli.Tests;

/// <summary>Images the probe must never see: each is refused before anything is copied or run.</summary>
public class FlashFirmwareImageTests
{
    [Theory]
    [InlineData("empty.bin", "error: empty.bin: the file is empty")]
    [InlineData("nanoCLR.elf", "error: nanoCLR.elf: DAPLink and this command take only .bin or .hex images (got '.elf')")]
    [InlineData("nanoCLR.srec", "error: nanoCLR.srec: DAPLink and this command take only .bin or .hex images (got '.srec')")]
    [InlineData("random.bin", "error: random.bin: not a bootable i.MX RT flash image (needs the FlexSPI configuration block \"FCFB\" at offset 0")]
    [InlineData("short.bin", "error: short.bin: not a bootable i.MX RT flash image")]
    [InlineData("badsum.hex", "error: badsum.hex line 3: checksum 0x")]
    [InlineData("truncated.hex", "error: truncated.hex: no end-of-file record (:00000001FF); the file is truncated")]
    [InlineData("lowaddress.hex", "error: lowaddress.hex: data at 0x20000000-0x200000FF, outside the FlexSPI flash (0x60000000-0x6FFFFFFF)")]
    [InlineData("noheader.hex", "error: noheader.hex: writes 0x60000000 without a boot header")]
    public void Bad_image_is_refused_before_anything_touches_the_probe(string name, string expectedStart)
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        FakeTool.Write(env.SearchPath, "pyocd", 0);
        var probe = new FakeDapLinkProbe(env.MountRoots[0]);
        var path = scratch[name];
        WriteBadImage(path, name);

        var run = FlashRun.Of(env, "firmware", "--image", path, "--timeout", "1");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(expectedStart, run.Error);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Equal(new[] { "DETAILS.TXT", "PRODINFO.HTM" }, Directory.GetFiles(probe.VolumePath).Select(Path.GetFileName).Order());
        Assert.False(File.Exists(Path.Combine(env.SearchPath, "pyocd.argv")), "pyocd must not have run");
    }

    [Fact]
    public void Missing_image_is_named()
    {
        using var scratch = new Scratch();
        var run = FlashRun.Of(scratch.Bare(), "firmware", "--image", scratch["none.bin"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {scratch["none.bin"]}: image file not found\n", run.Error);
    }

    [Fact]
    public void A_well_known_hex_record_parses_and_one_flipped_digit_is_caught()
    {
        using var scratch = new Scratch();
        // The data record used as the example in most descriptions of the format.
        File.WriteAllText(scratch["a.hex"], ":10010000214601360121470136007EFE09D2190140\n:00000001FF\n");
        var hex = IntelHexFile.Parse(scratch["a.hex"], new uint[] { 0x100, 0x10F });
        Assert.Equal(16, hex.DataBytes);
        Assert.Equal(0x100u, hex.LowestAddress);
        Assert.Equal(0x110ul, hex.EndAddress);
        Assert.Equal((byte)0x21, hex.ByteAt(0x100));
        Assert.Equal((byte)0x01, hex.ByteAt(0x10F));

        File.WriteAllText(scratch["b.hex"], ":10010000214601360121470136007EFE09D2190141\n:00000001FF\n");
        var error = Assert.Throws<InvalidDataException>(() => IntelHexFile.Parse(scratch["b.hex"], Array.Empty<uint>()));
        Assert.Equal("b.hex line 1: checksum 0x41, the record's bytes need 0x40", error.Message);
    }

    [Theory]
    [InlineData(":0A010000214601360121470136007EFE09D2190140", "line 1: byte count says 10 data bytes, the record holds 16")]
    [InlineData("10010000214601360121470136007EFE09D2190140", "line 1: does not start with ':' (not an Intel HEX record)")]
    [InlineData(":1001000021460136012147013600ZZFE09D2190140", "line 1: 'ZZ' is not a hex byte")]
    [InlineData(":00000007F9", "line 1: unknown record type 0x07")]
    [InlineData(":00000001FF\n:00000001FF", "line 2: data after the end-of-file record")]
    [InlineData(":00000001FF", "holds no data records")]
    public void Malformed_hex_lines_are_named(string text, string expectedEnd)
    {
        using var scratch = new Scratch();
        File.WriteAllText(scratch["m.hex"], text + "\n");
        var error = Assert.Throws<InvalidDataException>(() => IntelHexFile.Parse(scratch["m.hex"], Array.Empty<uint>()));
        Assert.EndsWith(expectedEnd, error.Message);
    }

    [Fact]
    public void Hex_writer_and_reader_agree_across_64k_boundaries()
    {
        using var scratch = new Scratch();
        var data = FirmwareFiles.BootableBin(200 * 1024);
        File.WriteAllText(scratch["big.hex"], FirmwareFiles.Hex(FirmwareImage.FlexSpiBase, data));
        var probes = new uint[] { 0x60000000, 0x6000FFFF, 0x60010000, 0x60031FFF };
        var hex = IntelHexFile.Parse(scratch["big.hex"], probes);
        Assert.Equal(data.Length, hex.DataBytes);
        foreach (var address in probes)
        {
            Assert.Equal(data[address - 0x60000000], hex.ByteAt(address));
        }

        Assert.Null(hex.ByteAt(0x60032000));
    }

    private static void WriteBadImage(string path, string name)
    {
        switch (name)
        {
            case "empty.bin":
                File.WriteAllBytes(path, Array.Empty<byte>());
                break;
            case "nanoCLR.elf":
            case "nanoCLR.srec":
                File.WriteAllBytes(path, FirmwareFiles.BootableBin(8 * 1024));
                break;
            case "random.bin":
                var random = FirmwareFiles.BootableBin(8 * 1024);
                random[0] = (byte)'X';
                File.WriteAllBytes(path, random);
                break;
            case "short.bin":
                File.WriteAllBytes(path, "FCFB"u8.ToArray());
                break;
            case "badsum.hex":
                var lines = FirmwareFiles.Hex(FirmwareImage.FlexSpiBase, FirmwareFiles.BootableBin(8 * 1024)).Split('\n');
                var line = lines[2];
                lines[2] = line[..^2] + ((Convert.ToByte(line[^2..], 16) + 1) & 0xFF).ToString("X2");
                File.WriteAllText(path, string.Join('\n', lines));
                break;
            case "truncated.hex":
                var full = FirmwareFiles.Hex(FirmwareImage.FlexSpiBase, FirmwareFiles.BootableBin(8 * 1024));
                File.WriteAllText(path, full[..full.LastIndexOf(":00000001FF", StringComparison.Ordinal)]);
                break;
            case "lowaddress.hex":
                File.WriteAllText(path, FirmwareFiles.Hex(0x20000000, new byte[256]));
                break;
            case "noheader.hex":
                File.WriteAllText(path, FirmwareFiles.Hex(FirmwareImage.FlexSpiBase, new byte[8 * 1024]));
                break;
            default:
                throw new ArgumentException(name);
        }
    }
}
