using System;

namespace DigitLock.Core.ModelPush
{
    /// <summary>Little-endian message builder over a growing array.</summary>
    public sealed class ByteWriter
    {
        private byte[] _buffer;
        private int _length;

        public ByteWriter(int capacity)
        {
            _buffer = new byte[capacity < 16 ? 16 : capacity];
        }

        public int Length
        {
            get { return _length; }
        }

        public ByteWriter U8(int value)
        {
            Ensure(1);
            _buffer[_length++] = (byte)value;
            return this;
        }

        public ByteWriter U16(int value)
        {
            Ensure(2);
            _buffer[_length++] = (byte)value;
            _buffer[_length++] = (byte)(value >> 8);
            return this;
        }

        public ByteWriter U32(uint value)
        {
            Ensure(4);
            _buffer[_length++] = (byte)value;
            _buffer[_length++] = (byte)(value >> 8);
            _buffer[_length++] = (byte)(value >> 16);
            _buffer[_length++] = (byte)(value >> 24);
            return this;
        }

        public ByteWriter Bytes(byte[] data, int offset, int count)
        {
            Ensure(count);
            Array.Copy(data, offset, _buffer, _length, count);
            _length += count;
            return this;
        }

        public ByteWriter Bytes(byte[] data)
        {
            return Bytes(data, 0, data.Length);
        }

        /// <summary>ASCII text with a one-byte length; other characters become '?'.</summary>
        public ByteWriter Text(string text)
        {
            if (text == null)
            {
                text = "";
            }

            int count = text.Length > 255 ? 255 : text.Length;
            U8(count);
            for (int i = 0; i < count; i++)
            {
                char c = text[i];
                U8(c >= ' ' && c < 127 ? c : '?');
            }

            return this;
        }

        public byte[] ToArray()
        {
            var result = new byte[_length];
            Array.Copy(_buffer, result, _length);
            return result;
        }

        /// <summary>Raw ASCII bytes (labels for MACs).</summary>
        public static byte[] Ascii(string text)
        {
            var bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }

        private void Ensure(int extra)
        {
            if (_length + extra <= _buffer.Length)
            {
                return;
            }

            int size = _buffer.Length * 2;
            while (size < _length + extra)
            {
                size *= 2;
            }

            var grown = new byte[size];
            Array.Copy(_buffer, grown, _length);
            _buffer = grown;
        }
    }
}
