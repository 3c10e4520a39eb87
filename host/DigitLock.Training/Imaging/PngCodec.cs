using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace DigitLock.Training.Imaging;

/// <summary>An 8-bit image: 1 channel (gray) or 3 (RGB), row-major, channels interleaved.</summary>
public sealed record Bitmap(int Width, int Height, int Channels, byte[] Pixels)
{
    /// <summary>Luma (ITU-R BT.601 weights) for RGB, the pixels as they are for gray.</summary>
    public byte[] ToGray()
    {
        if (Channels == 1)
        {
            return Pixels;
        }

        var gray = new byte[Width * Height];
        for (var i = 0; i < gray.Length; i++)
        {
            var p = i * Channels;
            gray[i] = (byte)((299 * Pixels[p] + 587 * Pixels[p + 1] + 114 * Pixels[p + 2] + 500) / 1000);
        }

        return gray;
    }
}

/// <summary>
/// Reads and writes the PNG subset the project needs: 8-bit gray, gray+alpha, RGB and RGBA, not interlaced
/// (alpha is dropped). Writing uses filter 0 and ZLibStream.
/// </summary>
public static class PngCodec
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    public static Bitmap Decode(byte[] file, string name)
    {
        if (file.Length < 8 || !file.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw new InvalidDataException($"{name}: not a PNG file");
        }

        int width = 0, height = 0, colorType = -1;
        using var idat = new MemoryStream();
        var offset = 8;
        while (true)
        {
            if (offset + 12 > file.Length)
            {
                throw new InvalidDataException($"{name}: truncated PNG (no IEND)");
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(offset));
            var type = Encoding.ASCII.GetString(file, offset + 4, 4);
            if (length < 0 || offset + 12L + length > file.Length)
            {
                throw new InvalidDataException($"{name}: chunk {type} runs past the end of the file");
            }

            var data = file.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                if (length < 13)
                {
                    throw new InvalidDataException($"{name}: short IHDR");
                }

                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                var bitDepth = data[8];
                colorType = data[9];
                var interlace = data[12];
                if (bitDepth != 8 || colorType is not (0 or 2 or 4 or 6) || interlace != 0)
                {
                    throw new InvalidDataException(
                        $"{name}: unsupported PNG (bit depth {bitDepth}, color type {colorType}, interlace {interlace}); " +
                        "only 8-bit gray/RGB(A) non-interlaced");
                }

                if (width <= 0 || height <= 0 || (long)width * height > 16_000_000)
                {
                    throw new InvalidDataException($"{name}: unreasonable size {width}x{height}");
                }
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            else if (type == "IEND")
            {
                break;
            }

            offset += 12 + length;
        }

        if (colorType < 0)
        {
            throw new InvalidDataException($"{name}: PNG without IHDR");
        }

        var samples = colorType switch { 0 => 1, 4 => 2, 2 => 3, _ => 4 };
        var stride = width * samples;
        var raw = new byte[(stride + 1) * height];
        idat.Position = 0;
        using (var inflater = new ZLibStream(idat, CompressionMode.Decompress))
        {
            var read = 0;
            while (read < raw.Length)
            {
                var got = inflater.Read(raw, read, raw.Length - read);
                if (got == 0)
                {
                    throw new InvalidDataException($"{name}: image data ends early");
                }

                read += got;
            }
        }

        var pixels = Unfilter(raw, stride, height, samples, name);
        var channels = samples <= 2 ? 1 : 3;
        var output = new byte[width * height * channels];
        for (var i = 0; i < width * height; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                output[i * channels + c] = pixels[i * samples + c];
            }
        }

        return new Bitmap(width, height, channels, output);
    }

    private static byte[] Unfilter(byte[] raw, int stride, int height, int bpp, string name)
    {
        var output = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var src = raw.AsSpan(y * (stride + 1) + 1, stride);
            var row = output.AsSpan(y * stride, stride);
            var prior = y > 0 ? output.AsSpan((y - 1) * stride, stride) : new byte[stride];
            for (var x = 0; x < stride; x++)
            {
                int left = x >= bpp ? row[x - bpp] : 0;
                int up = prior[x];
                int upLeft = x >= bpp ? prior[x - bpp] : 0;
                row[x] = filter switch
                {
                    0 => src[x],
                    1 => (byte)(src[x] + left),
                    2 => (byte)(src[x] + up),
                    3 => (byte)(src[x] + ((left + up) >> 1)),
                    4 => (byte)(src[x] + Paeth(left, up, upLeft)),
                    _ => throw new InvalidDataException($"{name}: unknown PNG filter {filter} in row {y}"),
                };
            }
        }

        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>Encodes through the project's one PNG writer (DigitLock.Data); this class only adds decoding.</summary>
    public static byte[] Encode(Bitmap image)
    {
        if (image.Channels is not (1 or 3) || image.Pixels.Length != image.Width * image.Height * image.Channels)
        {
            throw new ArgumentException("PNG encoder takes 8-bit gray or RGB with matching pixel count");
        }

        return image.Channels == 1
            ? DigitLock.Data.PngWriter.EncodeGray(image.Width, image.Height, image.Pixels)
            : DigitLock.Data.PngWriter.EncodeRgb(image.Width, image.Height, image.Pixels);
    }
}
