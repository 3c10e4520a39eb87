using System;

namespace DigitLock.Core.Inference
{
    /// <summary>
    /// Bounds-checked reader for the FlatBuffers layout of a .tflite file, the same checks as the
    /// C engine's fb.c: every offset it follows is validated against the buffer before it is read,
    /// and a failure names what was being read ("tensor shape of tensor 3").
    /// </summary>
    public sealed class Flatbuffer
    {
        private readonly byte[] _b;

        public Flatbuffer(byte[] bytes)
        {
            _b = bytes;
        }

        public int Length
        {
            get { return _b.Length; }
        }

        public byte Byte(int pos)
        {
            return _b[pos];
        }

        public int I32(int pos)
        {
            return _b[pos] | (_b[pos + 1] << 8) | (_b[pos + 2] << 16) | (_b[pos + 3] << 24);
        }

        public int U16(int pos)
        {
            return _b[pos] | (_b[pos + 1] << 8);
        }

        public long I64(int pos)
        {
            return (uint)I32(pos) | ((long)I32(pos + 4) << 32);
        }

        public float F32(int pos)
        {
            return BitConverter.ToSingle(_b, pos);
        }

        public static ModelFormatException Fail(ModelFault fault, string what, int index)
        {
            if (fault == ModelFault.Truncated)
                return new ModelFormatException(fault, "model truncated: " + what + " " + index + " points past the end of the file");
            if (fault == ModelFault.Corrupt)
                return new ModelFormatException(fault, "model corrupt: " + what + " " + index + " has an invalid flatbuffer offset or table");
            return new ModelFormatException(fault, "model invalid: cannot read " + what + " " + index);
        }

        private bool InRange(long pos, long size)
        {
            return pos >= 0 && pos <= _b.Length && size >= 0 && size <= _b.Length - pos;
        }

        public FbTable Root(string what, int index)
        {
            if (_b.Length < 8)
                throw Fail(ModelFault.Truncated, what, index);
            return TableAt((uint)I32(0), what, index);
        }

        public FbTable TableAt(long pos, string what, int index)
        {
            if (!InRange(pos, 4))
                throw Fail(ModelFault.Truncated, what, index);
            if ((pos & 3) != 0)
                throw Fail(ModelFault.Corrupt, what, index);
            long vt = pos - I32((int)pos);
            if (vt < 0)
                throw Fail(ModelFault.Corrupt, what, index);
            if (!InRange(vt, 4))
                throw Fail(ModelFault.Truncated, what, index);
            if ((vt & 1) != 0)
                throw Fail(ModelFault.Corrupt, what, index);
            int vtLen = U16((int)vt);
            int size = U16((int)vt + 2);
            if (vtLen < 4 || (vtLen & 1) != 0 || size < 4)
                throw Fail(ModelFault.Corrupt, what, index);
            if (!InRange(vt, vtLen) || !InRange(pos, size))
                throw Fail(ModelFault.Truncated, what, index);
            FbTable t;
            t.Pos = (int)pos;
            t.VTable = (int)vt;
            t.VTableLength = vtLen;
            t.Size = size;
            return t;
        }

        /// <summary>Position of a field's inline value, 0 when absent (offset 0 is the vtable offset, never a field).</summary>
        private int FieldPos(FbTable t, int field, int size, string what, int index)
        {
            int slot = 4 + 2 * field;
            if (slot + 2 > t.VTableLength)
                return 0;
            int off = U16(t.VTable + slot);
            if (off == 0)
                return 0;
            if (off < 4 || off + size > t.Size)
                throw Fail(ModelFault.Corrupt, what, index);
            if (!InRange((long)t.Pos + off, size))
                throw Fail(ModelFault.Truncated, what, index);
            return t.Pos + off;
        }

        public int U8(FbTable t, int field, int def, string what, int index)
        {
            int pos = FieldPos(t, field, 1, what, index);
            return pos != 0 ? _b[pos] : def;
        }

        public int I8(FbTable t, int field, int def, string what, int index)
        {
            int pos = FieldPos(t, field, 1, what, index);
            return pos != 0 ? (sbyte)_b[pos] : def;
        }

        public int I32(FbTable t, int field, int def, string what, int index)
        {
            int pos = FieldPos(t, field, 4, what, index);
            return pos != 0 ? I32(pos) : def;
        }

        /// <summary>An unsigned 32-bit field widened to long so no value wraps negative.</summary>
        public long U32(FbTable t, int field, long def, string what, int index)
        {
            int pos = FieldPos(t, field, 4, what, index);
            return pos != 0 ? (uint)I32(pos) : def;
        }

        /// <summary>An unsigned 64-bit field; values above long.MaxValue come back negative and callers treat them as too large.</summary>
        public long U64(FbTable t, int field, long def, string what, int index)
        {
            int pos = FieldPos(t, field, 8, what, index);
            return pos != 0 ? I64(pos) : def;
        }

        public float F32(FbTable t, int field, float def, string what, int index)
        {
            int pos = FieldPos(t, field, 4, what, index);
            return pos != 0 ? F32(pos) : def;
        }

        /// <summary>Follows the uoffset stored at a field; 0 when the field is absent.</summary>
        private long Deref(FbTable t, int field, string what, int index)
        {
            int pos = FieldPos(t, field, 4, what, index);
            if (pos == 0)
                return 0;
            long target = pos + (long)(uint)I32(pos);
            if (target >= _b.Length)
                throw Fail(ModelFault.Truncated, what, index);
            return target;
        }

        public FbVector Vector(FbTable t, int field, int elementBytes, string what, int index)
        {
            FbVector v;
            v.Data = 0;
            v.Count = 0;
            v.Present = false;
            long pos = Deref(t, field, what, index);
            if (pos == 0)
                return v;
            if (!InRange(pos, 4))
                throw Fail(ModelFault.Truncated, what, index);
            if ((pos & 3) != 0)
                throw Fail(ModelFault.Corrupt, what, index);
            long n = (uint)I32((int)pos);
            if (!InRange(pos + 4, n * elementBytes))
                throw Fail(ModelFault.Truncated, what, index);
            v.Present = true;
            v.Count = (int)n;
            v.Data = (int)pos + 4;
            return v;
        }

        /// <summary>Sub-table field; present is false when absent.</summary>
        public FbTable SubTable(FbTable t, int field, out bool present, string what, int index)
        {
            present = false;
            long pos = Deref(t, field, what, index);
            if (pos == 0)
                return new FbTable();
            FbTable sub = TableAt(pos, what, index);
            present = true;
            return sub;
        }

        /// <summary>Element i of a vector of tables.</summary>
        public FbTable VectorTable(FbVector v, int i, string what, int index)
        {
            if (i < 0 || i >= v.Count)
                throw Fail(ModelFault.Argument, what, index);
            int pos = v.Data + 4 * i;
            long target = pos + (long)(uint)I32(pos);
            if (target >= _b.Length)
                throw Fail(ModelFault.Truncated, what, index);
            return TableAt(target, what, index);
        }
    }
}
