using System.Buffers.Binary;
using System.Text;

namespace DigitLock.Tflite.FlatBuffers;

/// <summary>
/// Writes a FlatBuffer back to front, the way the format is meant to be built: children first, every
/// reference a forward unsigned offset from where it is stored. Offsets handed out are distances from
/// the END of the buffer (they stay valid while the buffer grows at the front). Alignment is tracked
/// from the end too; <see cref="Finish"/> pads the total length to the largest alignment used, so every
/// aligned value is also aligned from the start of the file.
/// </summary>
public sealed class FlatBufferBuilder
{
    private byte[] buffer;
    private int head;              // index of the first written byte; buffer[head..] is the data
    private int minAlign = 1;
    private int[]? fieldPositions; // open table: Offset right after each field was written, 0 = absent
    private int tableStart;
    private bool inVector;

    public FlatBufferBuilder(int initialCapacity = 1024)
    {
        buffer = new byte[Math.Max(initialCapacity, 64)];
        head = buffer.Length;
    }

    /// <summary>Bytes written so far; also the offset of the most recently written object.</summary>
    public int Offset => buffer.Length - head;

    // ---- raw writing --------------------------------------------------------------------------

    /// <summary>
    /// Pads so that after <paramref name="additionalBytes"/> more bytes are written the position is a
    /// multiple of <paramref name="size"/>, and makes room for a value of that size.
    /// </summary>
    public void Prep(int size, int additionalBytes)
    {
        if (size <= 0 || (size & (size - 1)) != 0)
        {
            throw new ArgumentException($"alignment {size} is not a power of two");
        }

        minAlign = Math.Max(minAlign, size);
        var padding = -(Offset + additionalBytes) & (size - 1);
        Reserve(padding + size + additionalBytes);
        for (var i = 0; i < padding; i++)
        {
            buffer[--head] = 0;
        }
    }

    public void AddByte(byte value)
    {
        Prep(1, 0);
        buffer[--head] = value;
    }

    public void AddInt16(short value)
    {
        Prep(2, 0);
        head -= 2;
        BinaryPrimitives.WriteInt16LittleEndian(buffer.AsSpan(head), value);
    }

    public void AddInt32(int value)
    {
        Prep(4, 0);
        head -= 4;
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(head), value);
    }

    public void AddInt64(long value)
    {
        Prep(8, 0);
        head -= 8;
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(head), value);
    }

    public void AddFloat(float value) => AddInt32(BitConverter.SingleToInt32Bits(value));

    /// <summary>Writes a reference to an object already in the buffer (uoffset: forward distance from this slot).</summary>
    public void AddOffset(int target)
    {
        Prep(4, 0);
        if (target <= 0 || target > Offset)
        {
            throw new InvalidOperationException($"offset {target} does not name an object written before");
        }

        AddInt32(Offset - target + 4);
    }

    // ---- tables -------------------------------------------------------------------------------

    public void StartTable(int fieldCount)
    {
        NotNested("a table");
        fieldPositions = new int[fieldCount];
        tableStart = Offset;
    }

    public void AddField(int field, byte value)
    {
        AddByte(value);
        Slot(field);
    }

    public void AddField(int field, sbyte value) => AddField(field, unchecked((byte)value));

    public void AddField(int field, bool value) => AddField(field, value ? (byte)1 : (byte)0);

    public void AddField(int field, int value)
    {
        AddInt32(value);
        Slot(field);
    }

    public void AddField(int field, uint value) => AddField(field, unchecked((int)value));

    public void AddField(int field, float value)
    {
        AddFloat(value);
        Slot(field);
    }

    /// <summary>A reference field (string, vector or table written before the table was started).</summary>
    public void AddOffsetField(int field, int target)
    {
        AddOffset(target);
        Slot(field);
    }

    /// <summary>
    /// Closes the table: writes its vtable (sizes, then each field's position inside the table) right in
    /// front of it and points the table's leading soffset at it. Returns the table's offset.
    /// </summary>
    public int EndTable()
    {
        var fields = fieldPositions ?? throw new InvalidOperationException("EndTable without StartTable");
        AddInt32(0); // soffset to the vtable, patched below
        var table = Offset;
        var used = fields.Length;
        while (used > 0 && fields[used - 1] == 0)
        {
            used--;
        }

        for (var i = used - 1; i >= 0; i--)
        {
            AddInt16(checked((short)(fields[i] == 0 ? 0 : table - fields[i])));
        }

        AddInt16(checked((short)(table - tableStart)));
        AddInt16(checked((short)((used + 2) * 2)));
        var vtable = Offset;
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(buffer.Length - table), vtable - table);
        fieldPositions = null;
        return table;
    }

    // ---- vectors and strings ------------------------------------------------------------------

    /// <summary>Opens a vector; write its elements last to first, then call <see cref="EndVector"/>.</summary>
    public void StartVector(int elementSize, int count, int alignment)
    {
        NotNested("a vector");
        Prep(4, elementSize * count);
        Prep(Math.Max(alignment, elementSize), elementSize * count);
        inVector = true;
    }

    public int EndVector(int count)
    {
        if (!inVector)
        {
            throw new InvalidOperationException("EndVector without StartVector");
        }

        inVector = false;
        AddInt32(count);
        return Offset;
    }

    public int CreateVector(ReadOnlySpan<byte> bytes, int alignment = 1)
    {
        StartVector(1, bytes.Length, alignment);
        head -= bytes.Length;
        bytes.CopyTo(buffer.AsSpan(head));
        return EndVector(bytes.Length);
    }

    public int CreateVector(ReadOnlySpan<int> values)
    {
        StartVector(4, values.Length, 4);
        for (var i = values.Length - 1; i >= 0; i--)
        {
            AddInt32(values[i]);
        }

        return EndVector(values.Length);
    }

    public int CreateVector(ReadOnlySpan<long> values)
    {
        StartVector(8, values.Length, 8);
        for (var i = values.Length - 1; i >= 0; i--)
        {
            AddInt64(values[i]);
        }

        return EndVector(values.Length);
    }

    public int CreateVector(ReadOnlySpan<float> values)
    {
        StartVector(4, values.Length, 4);
        for (var i = values.Length - 1; i >= 0; i--)
        {
            AddFloat(values[i]);
        }

        return EndVector(values.Length);
    }

    /// <summary>A vector of references to tables (or strings) already written.</summary>
    public int CreateOffsetVector(ReadOnlySpan<int> targets)
    {
        StartVector(4, targets.Length, 4);
        for (var i = targets.Length - 1; i >= 0; i--)
        {
            AddOffset(targets[i]);
        }

        return EndVector(targets.Length);
    }

    /// <summary>UTF-8 bytes with a length prefix and a terminating NUL (not counted in the length).</summary>
    public int CreateString(string text)
    {
        NotNested("a string");
        var bytes = Encoding.UTF8.GetBytes(text);
        Prep(4, bytes.Length + 1);
        buffer[--head] = 0;
        head -= bytes.Length;
        bytes.CopyTo(buffer.AsSpan(head));
        AddInt32(bytes.Length);
        return Offset;
    }

    // ---- finishing ----------------------------------------------------------------------------

    /// <summary>Writes the root reference (and the 4-character file identifier after it) and returns the file.</summary>
    public byte[] Finish(int root, string? fileIdentifier = null)
    {
        NotNested("the root");
        var idBytes = fileIdentifier == null ? [] : Encoding.ASCII.GetBytes(fileIdentifier);
        if (fileIdentifier != null && idBytes.Length != 4)
        {
            throw new ArgumentException($"file identifier '{fileIdentifier}' must be 4 ASCII characters");
        }

        Prep(minAlign, 4 + idBytes.Length);
        for (var i = idBytes.Length - 1; i >= 0; i--)
        {
            buffer[--head] = idBytes[i];
        }

        AddOffset(root);
        return buffer.AsSpan(head).ToArray();
    }

    private void Slot(int field)
    {
        var fields = fieldPositions ?? throw new InvalidOperationException("field written outside a table");
        if (field < 0 || field >= fields.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(field), $"field {field} outside a table of {fields.Length} fields");
        }

        fields[field] = Offset;
    }

    private void NotNested(string what)
    {
        if (fieldPositions != null || inVector)
        {
            throw new InvalidOperationException($"cannot start {what} while a table or vector is open");
        }
    }

    private void Reserve(int bytes)
    {
        if (head >= bytes)
        {
            return;
        }

        var used = Offset;
        var size = buffer.Length;
        while (size - used < bytes)
        {
            size = checked(size * 2);
        }

        var grown = new byte[size];
        buffer.AsSpan(head).CopyTo(grown.AsSpan(size - used));
        buffer = grown;
        head = size - used;
    }
}
