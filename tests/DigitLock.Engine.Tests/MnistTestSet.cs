using System.Buffers.Binary;

namespace DigitLock.Engine.Tests;

/// <summary>The 10,000 MNIST t10k images as the int8 records the conformance models take (pixel - 128).</summary>
internal static class MnistTestSet
{
    private const int ImageMagic = 0x00000803;

    public static byte[] Int8Records()
    {
        var file = File.ReadAllBytes(TestRepo.MnistFile("t10k-images-idx3-ubyte"));
        Assert.Equal(ImageMagic, BinaryPrimitives.ReadInt32BigEndian(file));
        var count = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(4));
        var rows = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(8));
        var cols = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(12));
        Assert.Equal(16L + (long)count * rows * cols, file.Length);
        var records = new byte[count * rows * cols];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = unchecked((byte)(sbyte)(file[16 + i] - 128));
        }

        return records;
    }
}
