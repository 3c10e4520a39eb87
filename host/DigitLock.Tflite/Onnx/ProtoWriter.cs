using System.Buffers.Binary;
using System.Text;

namespace DigitLock.Tflite.Onnx;

/// <summary>
/// Protocol Buffers wire format, just what ONNX messages need: varints (wire type 0), 32-bit floats
/// (wire type 5) and length-delimited fields (wire type 2: strings, bytes, packed arrays, sub-messages).
/// A message is built into its own writer and embedded with <see cref="Message"/>.
/// </summary>
public sealed class ProtoWriter
{
    private readonly MemoryStream stream = new();

    public byte[] ToArray() => stream.ToArray();

    public ProtoWriter Varint(int field, long value)
    {
        Tag(field, 0);
        WriteVarint(unchecked((ulong)value));
        return this;
    }

    public ProtoWriter Float(int field, float value)
    {
        Tag(field, 5);
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(b, value);
        stream.Write(b);
        return this;
    }

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, 2);
        WriteVarint((ulong)value.Length);
        stream.Write(value);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    /// <summary>A repeated varint field in packed form (one length-delimited run).</summary>
    public ProtoWriter PackedVarints(int field, IEnumerable<long> values)
    {
        var inner = new ProtoWriter();
        foreach (var v in values)
        {
            inner.WriteVarint(unchecked((ulong)v));
        }

        return Bytes(field, inner.ToArray());
    }

    public ProtoWriter PackedFloats(int field, IEnumerable<float> values)
    {
        var bytes = values.SelectMany(v => BitConverter.GetBytes(v)).ToArray();
        return Bytes(field, bytes);
    }

    private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        stream.WriteByte((byte)value);
    }
}
