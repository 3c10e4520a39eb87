using System.IO.Compression;
using DigitLock.Core.Dataset;

namespace DigitLock.Data;

/// <summary>
/// Minimal PNG encoder (8-bit greyscale or RGB, no filtering, zlib via ZLibStream): enough for
/// sample images, contact sheets and plots, with no imaging package (NuGet here has none).
/// </summary>
public static class PngWriter
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Row-major grey levels, one byte per pixel.</summary>
    public static byte[] EncodeGray(int width, int height, byte[] pixels) => Encode(width, height, pixels, 1);

    /// <summary>Row-major R, G, B bytes per pixel.</summary>
    public static byte[] EncodeRgb(int width, int height, byte[] pixels) => Encode(width, height, pixels, 3);

    public static void WriteGray(string path, int width, int height, byte[] pixels) =>
        AtomicFile.WriteAllBytes(path, EncodeGray(width, height, pixels));

    public static void WriteRgb(string path, int width, int height, byte[] pixels) =>
        AtomicFile.WriteAllBytes(path, EncodeRgb(width, height, pixels));

    private static byte[] Encode(int width, int height, byte[] pixels, int channels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (width < 1 || height < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(width), "a PNG needs at least one pixel");
        }

        var rowBytes = width * channels;
        if (pixels.Length != rowBytes * height)
        {
            throw new ArgumentException($"expected {rowBytes * height} bytes for {width}x{height}, got {pixels.Length}");
        }

        var header = new byte[13];
        PutBigEndian(header, 0, (uint)width);
        PutBigEndian(header, 4, (uint)height);
        header[8] = 8;
        header[9] = channels == 1 ? (byte)0 : (byte)2;

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(0);
                zlib.Write(pixels, y * rowBytes, rowBytes);
            }
        }

        using var png = new MemoryStream();
        png.Write(Signature);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        var chunk = new byte[8 + data.Length + 4];
        PutBigEndian(chunk, 0, (uint)data.Length);
        for (var i = 0; i < 4; i++)
        {
            chunk[4 + i] = (byte)type[i];
        }

        data.CopyTo(chunk, 8);
        PutBigEndian(chunk, 8 + data.Length, Crc32.Compute(chunk, 4, 4 + data.Length));
        png.Write(chunk);
    }

    private static void PutBigEndian(byte[] buffer, int at, uint value)
    {
        buffer[at] = (byte)(value >> 24);
        buffer[at + 1] = (byte)(value >> 16);
        buffer[at + 2] = (byte)(value >> 8);
        buffer[at + 3] = (byte)value;
    }
}
