using System.Buffers.Binary;
using System.Text;

namespace DigitLock.Tflite.Tests;

/// <summary>
/// An independent, bounds-checked reader of the .tflite fields DigitLock writes, so tests can check the
/// writer's output field by field (the TFLite runtime only tells whether a file loads and what it computes).
/// </summary>
internal sealed class TfliteFile
{
    private readonly byte[] bytes;

    public TfliteFile(byte[] bytes)
    {
        this.bytes = bytes;
        if (bytes.Length < 8)
        {
            throw new InvalidDataException("shorter than a flatbuffer header");
        }

        Identifier = Encoding.ASCII.GetString(bytes, 4, 4);
        var root = Table(0);
        Version = (uint)Scalar32(root, 0, 0);
        Description = String(root, 3);
        OperatorCodes = Vector(root, 1).Select(t => new OpCode(
            (sbyte)Scalar8(t, 0, 0), Scalar32(t, 2, 1), Scalar32(t, 3, 0))).ToArray();
        Buffers = Vector(root, 4).Select(b => Bytes(b, 0)).ToArray();
        Metadata = Vector(root, 6).ToDictionary(m => String(m, 0), m => Buffers[Scalar32(m, 1, 0)]);
        var subgraph = Vector(root, 2).Single();
        Tensors = Vector(subgraph, 0).Select(ReadTensor).ToArray();
        Inputs = Ints(subgraph, 1);
        Outputs = Ints(subgraph, 2);
        Operators = Vector(subgraph, 3).Select(o => new Op(
            Scalar32(o, 0, 0), Ints(o, 1), Ints(o, 2), Scalar8(o, 3, 0), Field(o, 4) is { } p ? p + U32(p) : -1)).ToArray();
    }

    public string Identifier { get; }

    public uint Version { get; }

    public string Description { get; }

    public OpCode[] OperatorCodes { get; }

    public byte[][] Buffers { get; }

    public Dictionary<string, byte[]> Metadata { get; }

    public Tensor[] Tensors { get; }

    public int[] Inputs { get; }

    public int[] Outputs { get; }

    public Op[] Operators { get; }

    public string MetadataText(string name) => Encoding.UTF8.GetString(Metadata[name]);

    /// <summary>Scalar field of an options table (or 0/default when absent).</summary>
    public int OptionInt(Op op, int field, int fallback = 0) => Scalar32(op.OptionsTable, field, fallback);

    public byte OptionByte(Op op, int field) => Scalar8(op.OptionsTable, field, 0);

    public float OptionFloat(Op op, int field) => BitConverter.Int32BitsToSingle(Scalar32(op.OptionsTable, field, 0));

    public int[] OptionInts(Op op, int field) => Ints(op.OptionsTable, field);

    /// <summary>Byte offset of buffer data inside the file, to check its alignment.</summary>
    public IEnumerable<int> BufferDataOffsets()
    {
        var root = Table(0);
        foreach (var b in Vector(root, 4))
        {
            if (Field(b, 0) is { } p)
            {
                yield return p + U32(p) + 4;
            }
        }
    }

    private Tensor ReadTensor(int t)
    {
        Quant? quant = null;
        if (Field(t, 4) is { } qp)
        {
            var q = qp + U32(qp);
            var scales = Field(q, 2) is { } s ? VectorAt(s + U32(s), 4, i => BitConverter.Int32BitsToSingle(I32(i))) : [];
            var zps = Field(q, 3) is { } z ? VectorAt(z + U32(z), 8, i => BinaryPrimitives.ReadInt64LittleEndian(Span(i, 8))) : [];
            quant = new Quant(scales, zps, Scalar32(q, 6, 0));
        }

        return new Tensor(Ints(t, 0), Scalar8(t, 1, 0), Scalar32(t, 2, 0), String(t, 3), quant);
    }

    // ---- flatbuffer primitives, every read bounds-checked ----

    private ReadOnlySpan<byte> Span(int at, int length) =>
        at >= 0 && length >= 0 && at + length <= bytes.Length
            ? bytes.AsSpan(at, length)
            : throw new InvalidDataException($"read of {length} bytes at {at} outside the {bytes.Length}-byte file");

    private int I32(int at) => BinaryPrimitives.ReadInt32LittleEndian(Span(at, 4));

    private int U32(int at) => checked((int)BinaryPrimitives.ReadUInt32LittleEndian(Span(at, 4)));

    private int U16(int at) => BinaryPrimitives.ReadUInt16LittleEndian(Span(at, 2));

    private int Table(int slot) => slot + U32(slot);

    private int? Field(int table, int field)
    {
        var vtable = table - I32(table);
        var vsize = U16(vtable);
        var entry = 4 + 2 * field;
        if (entry + 2 > vsize)
        {
            return null;
        }

        var off = U16(vtable + entry);
        return off == 0 ? null : table + off;
    }

    private int Scalar32(int table, int field, int fallback) => Field(table, field) is { } p ? I32(p) : fallback;

    private byte Scalar8(int table, int field, byte fallback) => Field(table, field) is { } p ? Span(p, 1)[0] : fallback;

    private T[] VectorAt<T>(int vector, int elementSize, Func<int, T> read)
    {
        var n = U32(vector);
        Span(vector + 4, checked(n * elementSize));
        return Enumerable.Range(0, n).Select(i => read(vector + 4 + i * elementSize)).ToArray();
    }

    private int[] Vector(int table, int field) =>
        Field(table, field) is { } p ? VectorAt(p + U32(p), 4, Table) : [];

    private int[] Ints(int table, int field) =>
        Field(table, field) is { } p ? VectorAt(p + U32(p), 4, I32) : [];

    private byte[] Bytes(int table, int field) =>
        Field(table, field) is { } p ? Span(p + U32(p) + 4, U32(p + U32(p))).ToArray() : [];

    private string String(int table, int field)
    {
        if (Field(table, field) is not { } p)
        {
            return "";
        }

        var s = p + U32(p);
        var n = U32(s);
        if (Span(s + 4 + n, 1)[0] != 0)
        {
            throw new InvalidDataException("string without its terminating NUL");
        }

        return Encoding.UTF8.GetString(Span(s + 4, n));
    }

    internal sealed record OpCode(sbyte DeprecatedBuiltinCode, int Version, int BuiltinCode);

    internal sealed record Quant(float[] Scales, long[] ZeroPoints, int QuantizedDimension);

    internal sealed record Tensor(int[] Shape, byte Type, int Buffer, string Name, Quant? Quantization);

    internal sealed record Op(int OpcodeIndex, int[] Inputs, int[] Outputs, byte OptionsType, int OptionsTable);
}
