using System.Buffers.Binary;
using System.Text;

namespace DigitLock.Engine;

/// <summary>
/// Bounds-checked reads of a flatbuffer's tables, vectors and strings: the little the managed side needs
/// from a .tflite file that the C API does not expose. Every method returns false instead of reading past the end.
/// </summary>
internal static class Flatbuffer
{
    /// <summary>Follows the uoffset stored at <paramref name="at"/>.</summary>
    public static bool TryUOffset(ReadOnlySpan<byte> b, int at, out int target)
    {
        target = 0;
        if (at < 0 || at > b.Length - 4)
        {
            return false;
        }

        var rel = BinaryPrimitives.ReadUInt32LittleEndian(b.Slice(at));
        if (rel > (uint)(b.Length - at))
        {
            return false;
        }

        target = at + (int)rel;
        return true;
    }

    /// <summary>Position of field <paramref name="field"/> of the table at <paramref name="table"/>; false when absent.</summary>
    public static bool TryField(ReadOnlySpan<byte> b, int table, int field, out int at)
    {
        at = 0;
        if (table < 0 || table > b.Length - 4)
        {
            return false;
        }

        var vtable = (long)table - BinaryPrimitives.ReadInt32LittleEndian(b.Slice(table));
        if (vtable < 0 || vtable > b.Length - 4)
        {
            return false;
        }

        var vtableBytes = BinaryPrimitives.ReadUInt16LittleEndian(b.Slice((int)vtable));
        var slot = 4 + 2 * field;
        if (slot + 2 > vtableBytes || vtable + slot + 2 > b.Length)
        {
            return false;
        }

        var offset = BinaryPrimitives.ReadUInt16LittleEndian(b.Slice((int)vtable + slot));
        at = table + offset;
        return offset != 0 && at <= b.Length - 4;
    }

    /// <summary>The vector in field <paramref name="field"/>: position of its first 4-byte element and its length.</summary>
    public static bool TryVector(ReadOnlySpan<byte> b, int table, int field, out int first, out int count)
    {
        first = count = 0;
        if (!TryField(b, table, field, out var at) || !TryUOffset(b, at, out var vector) || vector > b.Length - 4)
        {
            return false;
        }

        var n = BinaryPrimitives.ReadUInt32LittleEndian(b.Slice(vector));
        if (n > (uint)(b.Length - vector - 4) / 4)
        {
            return false;
        }

        first = vector + 4;
        count = (int)n;
        return true;
    }

    /// <summary>Table <paramref name="index"/> of a vector of tables.</summary>
    public static bool TryVectorTable(ReadOnlySpan<byte> b, int table, int field, int index, out int element)
    {
        element = 0;
        return TryVector(b, table, field, out var first, out var count) && (uint)index < (uint)count &&
               TryUOffset(b, first + 4 * index, out element);
    }

    public static bool TryString(ReadOnlySpan<byte> b, int table, int field, out string text)
    {
        text = "";
        if (!TryField(b, table, field, out var at) || !TryUOffset(b, at, out var s) || s > b.Length - 4)
        {
            return false;
        }

        var n = BinaryPrimitives.ReadUInt32LittleEndian(b.Slice(s));
        if (n > (uint)(b.Length - s - 4))
        {
            return false;
        }

        text = Encoding.UTF8.GetString(b.Slice(s + 4, (int)n));
        return true;
    }
}
