using System.Buffers.Binary;

namespace DigitLock.Training.Data;

/// <summary>The idx format of the MNIST distribution: big-endian magic, dimensions, then unsigned bytes.</summary>
public static class IdxFiles
{
    public static DigitSet Load(string imagesPath, string labelsPath, string? name = null)
    {
        var images = Read(imagesPath, expectedDims: 3);
        var labels = Read(labelsPath, expectedDims: 1);
        if (images.Dims[1] != IDigitDataset.Side || images.Dims[2] != IDigitDataset.Side)
        {
            throw new InvalidDataException($"{imagesPath}: images are {images.Dims[1]}x{images.Dims[2]}, expected 28x28");
        }

        if (images.Dims[0] != labels.Dims[0])
        {
            throw new InvalidDataException($"{imagesPath} has {images.Dims[0]} images but {labelsPath} has {labels.Dims[0]} labels");
        }

        return new DigitSet(name ?? Path.GetFileName(imagesPath), images.Data, labels.Data);
    }

    private static (int[] Dims, byte[] Data) Read(string path, int expectedDims)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"idx file not found: {path}");
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0 || bytes[2] != 0x08)
        {
            throw new InvalidDataException($"{path}: not an idx file of unsigned bytes");
        }

        if (bytes[3] != expectedDims)
        {
            throw new InvalidDataException($"{path}: has {bytes[3]} dimensions, expected {expectedDims}");
        }

        var header = 4 + 4 * expectedDims;
        if (bytes.Length < header)
        {
            throw new InvalidDataException($"{path}: truncated header");
        }

        var dims = new int[expectedDims];
        long total = 1;
        for (var i = 0; i < expectedDims; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * i));
            if (dims[i] < 0)
            {
                throw new InvalidDataException($"{path}: negative dimension");
            }

            total *= dims[i];
        }

        if (bytes.Length - header != total)
        {
            throw new InvalidDataException($"{path}: {bytes.Length - header} data bytes, header promises {total}");
        }

        return (dims, bytes[header..]);
    }

    public static void Write(IDigitDataset set, string imagesPath, string labelsPath)
    {
        using (var images = File.Create(imagesPath))
        {
            images.Write([0, 0, 8, 3]);
            WriteInt(images, set.Count);
            WriteInt(images, IDigitDataset.Side);
            WriteInt(images, IDigitDataset.Side);
            for (var i = 0; i < set.Count; i++)
            {
                images.Write(set.Image(i));
            }
        }

        using var labels = File.Create(labelsPath);
        labels.Write([0, 0, 8, 1]);
        WriteInt(labels, set.Count);
        for (var i = 0; i < set.Count; i++)
        {
            labels.WriteByte(set.Label(i));
        }
    }

    private static void WriteInt(Stream stream, int value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, value);
        stream.Write(buffer);
    }
}
