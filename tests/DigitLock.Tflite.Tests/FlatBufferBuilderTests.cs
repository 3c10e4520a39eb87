using System.Buffers.Binary;
using System.Text;
using DigitLock.Tflite.FlatBuffers;

namespace DigitLock.Tflite.Tests;

public sealed class FlatBufferBuilderTests
{
    [Fact]
    public void Root_table_fields_read_back_through_vtable()
    {
        var fb = new FlatBufferBuilder(16);
        var name = fb.CreateString("héllo");
        var ints = fb.CreateVector(new[] { 7, -1, 1 << 30 });
        fb.StartTable(5);
        fb.AddField(0, (byte)9);
        fb.AddOffsetField(1, name);
        fb.AddField(3, 123456789);
        fb.AddOffsetField(4, ints);
        var root = fb.EndTable();
        var bytes = fb.Finish(root, "TEST");

        Assert.Equal("TEST", Encoding.ASCII.GetString(bytes, 4, 4));
        var table = U32(bytes, 0);
        var vtable = table - BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(table));
        Assert.Equal((5 + 2) * 2, U16(bytes, vtable));
        int Field(int f) => U16(bytes, vtable + 4 + 2 * f);

        Assert.Equal(9, bytes[table + Field(0)]);
        Assert.Equal(0, Field(2)); // never written: absent, reader uses the default
        Assert.Equal(123456789, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(table + Field(3))));

        var s = table + Field(1) + U32(bytes, table + Field(1));
        var length = U32(bytes, s);
        Assert.Equal("héllo", Encoding.UTF8.GetString(bytes, s + 4, length));
        Assert.Equal(0, bytes[s + 4 + length]);

        var v = table + Field(4) + U32(bytes, table + Field(4));
        Assert.Equal(3, U32(bytes, v));
        Assert.Equal(new[] { 7, -1, 1 << 30 }, Enumerable.Range(0, 3).Select(i => BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(v + 4 + 4 * i))));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(17)]
    [InlineData(300)]
    public void Byte_vectors_honour_16_byte_alignment_from_file_start(int length)
    {
        var fb = new FlatBufferBuilder(8);
        var odd = fb.CreateString("x"); // shifts everything by an odd amount first
        var data = fb.CreateVector(Enumerable.Range(0, length).Select(i => (byte)i).ToArray(), alignment: 16);
        fb.StartTable(2);
        fb.AddOffsetField(0, data);
        fb.AddOffsetField(1, odd);
        var bytes = fb.Finish(fb.EndTable());

        Assert.Equal(0, bytes.Length % 16);
        var table = U32(bytes, 0);
        var vtable = table - BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(table));
        var slot = table + U16(bytes, vtable + 4);
        var vector = slot + U32(bytes, slot);
        Assert.Equal(0, (vector + 4) % 16);
        Assert.Equal(length, U32(bytes, vector));
        Assert.Equal((byte)(length - 1), bytes[vector + 4 + length - 1]);
    }

    [Fact]
    public void Table_vectors_reference_each_table_and_growth_keeps_offsets_valid()
    {
        var fb = new FlatBufferBuilder(64); // forces several reallocations
        var tables = new List<int>();
        for (var i = 0; i < 200; i++)
        {
            fb.StartTable(1);
            fb.AddField(0, i * 3);
            tables.Add(fb.EndTable());
        }

        var vector = fb.CreateOffsetVector(tables.ToArray());
        fb.StartTable(1);
        fb.AddOffsetField(0, vector);
        var bytes = fb.Finish(fb.EndTable());

        var root = U32(bytes, 0);
        var slot = root + U16(bytes, root - BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(root)) + 4);
        var v = slot + U32(bytes, slot);
        Assert.Equal(200, U32(bytes, v));
        for (var i = 0; i < 200; i++)
        {
            var t = v + 4 + 4 * i + U32(bytes, v + 4 + 4 * i);
            var vt = t - BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(t));
            Assert.Equal(i * 3, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(t + U16(bytes, vt + 4))));
        }
    }

    [Fact]
    public void Nesting_a_vector_inside_an_open_table_is_refused()
    {
        var fb = new FlatBufferBuilder();
        fb.StartTable(1);
        Assert.Throws<InvalidOperationException>(() => fb.CreateString("no"));
    }

    private static int U32(byte[] b, int at) => checked((int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at)));

    private static int U16(byte[] b, int at) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at));
}
