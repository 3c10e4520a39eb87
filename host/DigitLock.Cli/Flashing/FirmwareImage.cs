namespace DigitLock.Cli.Flashing;

public enum FirmwareFormat
{
    Bin,
    Hex,
}

/// <summary>
/// A nanoCLR image for the MIMXRT1060-EVK, checked before it goes near the probe. DAPLink takes
/// only raw binaries and Intel HEX; a raw binary has no addresses, so DAPLink and pyOCD both
/// write it at the start of the boot flash (FlexSPI, 0x60000000), and the boot ROM only starts
/// an image there that begins with a FlexSPI configuration block ("FCFB") and has its image
/// vector table (tag 0xD1) at offset 0x1000. A .bin without them would leave the board unbootable.
/// </summary>
public sealed class FirmwareImage
{
    /// <summary>FlexSPI's XIP window on the i.MX RT1060: the EVK's boot flash.</summary>
    public const uint FlexSpiBase = 0x60000000;

    public const uint FlexSpiWindow = 0x10000000;

    /// <summary>The largest boot flash fitted to an EVK (64 MB HyperFlash).</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    private const uint IvtOffset = 0x1000;
    private const byte IvtTag = 0xD1;
    private static readonly byte[] FlexSpiConfigTag = "FCFB"u8.ToArray();

    private FirmwareImage(string path, FirmwareFormat format, long length, string summary)
    {
        Path = path;
        Format = format;
        Length = length;
        Summary = summary;
    }

    public string Path { get; }

    public FirmwareFormat Format { get; }

    public long Length { get; }

    /// <summary>One line saying what was checked, for the command's output.</summary>
    public string Summary { get; }

    /// <summary>The file name DAPLink gets: 8.3 and upper case, since its FAT emulation reads short names.</summary>
    public string ProbeFileName => Format == FirmwareFormat.Bin ? "FIRMWARE.BIN" : "FIRMWARE.HEX";

    /// <summary>Checks the file; throws FileNotFoundException or InvalidDataException naming the problem.</summary>
    public static FirmwareImage Load(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: image file not found", path);
        }

        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        var format = extension switch
        {
            ".bin" => FirmwareFormat.Bin,
            ".hex" => FirmwareFormat.Hex,
            _ => throw new InvalidDataException(
                $"{name}: DAPLink and this command take only .bin or .hex images (got '{extension}'); convert with arm-none-eabi-objcopy -O binary|ihex"),
        };

        long length = new FileInfo(path).Length;
        if (length == 0)
        {
            throw new InvalidDataException($"{name}: the file is empty");
        }

        var full = System.IO.Path.GetFullPath(path);
        return format == FirmwareFormat.Bin ? CheckBin(full, name, length) : CheckHex(full, name, length);
    }

    private static FirmwareImage CheckBin(string path, string name, long length)
    {
        if (length > MaxBytes)
        {
            throw new InvalidDataException($"{name}: {length} bytes, more than the largest EVK boot flash ({MaxBytes} bytes)");
        }

        var head = new byte[IvtOffset + 1];
        int read;
        using (var file = File.OpenRead(path))
        {
            read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        if (read < head.Length || !head.AsSpan(0, 4).SequenceEqual(FlexSpiConfigTag) || head[IvtOffset] != IvtTag)
        {
            throw new InvalidDataException(
                $"{name}: not a bootable i.MX RT flash image (needs the FlexSPI configuration block \"FCFB\" at offset 0 and the " +
                $"image vector table at 0x{IvtOffset:X}); a .bin is written at 0x{FlexSpiBase:X8}, so use the combined " +
                "nanoBooter+nanoCLR image, or the .hex, which carries its own addresses");
        }

        return new FirmwareImage(path, FirmwareFormat.Bin, length,
            $"{name}: {length} bytes, boot header at 0x{FlexSpiBase:X8} (FCFB, IVT)");
    }

    private static FirmwareImage CheckHex(string path, string name, long length)
    {
        var hex = IntelHexFile.Parse(path, new[] { FlexSpiBase, FlexSpiBase + 1, FlexSpiBase + 2, FlexSpiBase + 3, FlexSpiBase + IvtOffset });
        if (hex.LowestAddress < FlexSpiBase || hex.EndAddress > (ulong)FlexSpiBase + FlexSpiWindow)
        {
            throw new InvalidDataException(
                $"{name}: data at 0x{hex.LowestAddress:X8}-0x{hex.EndAddress - 1:X8}, outside the FlexSPI flash " +
                $"(0x{FlexSpiBase:X8}-0x{FlexSpiBase + FlexSpiWindow - 1:X8}); not an image for the EVK's boot flash");
        }

        // An image that starts at the flash base is what the boot ROM reads first: it needs the same
        // header as a .bin. One that starts higher (an update of a later region) does not.
        if (hex.LowestAddress == FlexSpiBase)
        {
            bool header = hex.ByteAt(FlexSpiBase) == FlexSpiConfigTag[0] && hex.ByteAt(FlexSpiBase + 1) == FlexSpiConfigTag[1]
                && hex.ByteAt(FlexSpiBase + 2) == FlexSpiConfigTag[2] && hex.ByteAt(FlexSpiBase + 3) == FlexSpiConfigTag[3]
                && hex.ByteAt(FlexSpiBase + IvtOffset) == IvtTag;
            if (!header)
            {
                throw new InvalidDataException(
                    $"{name}: writes 0x{FlexSpiBase:X8} without a boot header (\"FCFB\" at 0x{FlexSpiBase:X8}, IVT at " +
                    $"0x{FlexSpiBase + IvtOffset:X8}); the board would not boot from it");
            }
        }

        return new FirmwareImage(path, FirmwareFormat.Hex, length,
            $"{name}: Intel HEX, every record's checksum valid, {hex.DataBytes} data bytes at 0x{hex.LowestAddress:X8}-0x{hex.EndAddress - 1:X8}");
    }
}
