using DigitLock.Training.Imaging;

namespace DigitLock.Training.Data;

/// <summary>
/// A folder with one subfolder per digit ("0" .. "9") of PNG files. A file named "WRITER_rest.png" or
/// "WRITER-rest.png" (as `dataset to-png` names them) belongs to group WRITER (so splits can keep writers apart). Images that are not 28x28 are resampled; images
/// with a light background (dark ink) are inverted to MNIST polarity.
/// </summary>
public static class PngFolder
{
    public static bool Looks(string directory) =>
        Directory.Exists(directory) &&
        Enumerable.Range(0, 10).Any(d => Directory.Exists(Path.Combine(directory, d.ToString())));

    public static DigitSet Load(string directory)
    {
        var pixels = new List<byte>();
        var labels = new List<byte>();
        var groups = new List<string>();
        var names = new List<string>();
        for (var digit = 0; digit < 10; digit++)
        {
            var folder = Path.Combine(directory, digit.ToString());
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(folder, "*.png").Order(StringComparer.Ordinal))
            {
                var bitmap = PngCodec.Decode(File.ReadAllBytes(file), file);
                pixels.AddRange(ToDigitImage(bitmap));
                labels.Add((byte)digit);
                var stem = Path.GetFileNameWithoutExtension(file);
                var cut = stem.IndexOfAny(['_', '-']);
                groups.Add(cut > 0 ? stem[..cut] : "");
                names.Add(file);
            }
        }

        if (labels.Count == 0)
        {
            throw new InvalidDataException($"{directory}: no PNG files in digit subfolders 0..9");
        }

        return new DigitSet(Path.GetFileName(Path.GetFullPath(directory).TrimEnd('/')), pixels.ToArray(), labels.ToArray(),
            groups.ToArray(), names.ToArray());
    }

    /// <summary>Gray 28x28, bright ink on dark background.</summary>
    public static byte[] ToDigitImage(Bitmap bitmap)
    {
        var gray = bitmap.ToGray();
        if (bitmap.Width != IDigitDataset.Side || bitmap.Height != IDigitDataset.Side)
        {
            gray = Resample(gray, bitmap.Width, bitmap.Height);
        }

        // The border is background: if it is light, the ink is dark and the image needs inverting.
        long border = 0;
        const int side = IDigitDataset.Side;
        for (var i = 0; i < side; i++)
        {
            border += gray[i] + gray[(side - 1) * side + i] + gray[i * side] + gray[i * side + side - 1];
        }

        if (border / (4 * side) > 127)
        {
            for (var i = 0; i < gray.Length; i++)
            {
                gray[i] = (byte)(255 - gray[i]);
            }
        }

        return gray;
    }

    /// <summary>Box-filtered resampling to 28x28 (each output pixel averages the source area it covers).</summary>
    private static byte[] Resample(byte[] gray, int width, int height)
    {
        const int side = IDigitDataset.Side;
        var output = new byte[side * side];
        for (var oy = 0; oy < side; oy++)
        {
            var y0 = oy * height / side;
            var y1 = Math.Max(y0 + 1, (oy + 1) * height / side);
            for (var ox = 0; ox < side; ox++)
            {
                var x0 = ox * width / side;
                var x1 = Math.Max(x0 + 1, (ox + 1) * width / side);
                long sum = 0;
                for (var y = y0; y < y1; y++)
                {
                    for (var x = x0; x < x1; x++)
                    {
                        sum += gray[y * width + x];
                    }
                }

                output[oy * side + ox] = (byte)(sum / ((y1 - y0) * (x1 - x0)));
            }
        }

        return output;
    }
}
