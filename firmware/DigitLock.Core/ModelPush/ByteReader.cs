using System;

namespace DigitLock.Core.ModelPush
{
    /// <summary>Little-endian reader whose every read is bounds-checked (malformed input → PushProtocolException).</summary>
    public sealed class ByteReader
    {
        private readonly byte[] _data;
        private readonly int _end;
        private int _at;

        public ByteReader(byte[] data, int offset, int count)
        {
            _data = data;
            _at = offset;
            _end = offset + count;
        }

        public int Remaining
        {
            get { return _end - _at; }
        }

        public int U8()
        {
            Need(1);
            return _data[_at++];
        }

        public int U16()
        {
            Need(2);
            int value = _data[_at] | (_data[_at + 1] << 8);
            _at += 2;
            return value;
        }

        public uint U32()
        {
            Need(4);
            uint value = (uint)(_data[_at] | (_data[_at + 1] << 8) | (_data[_at + 2] << 16)) | ((uint)_data[_at + 3] << 24);
            _at += 4;
            return value;
        }

        public byte[] Bytes(int count)
        {
            if (count < 0)
            {
                throw new PushProtocolException(PushError.Malformed, "negative length");
            }

            Need(count);
            var result = new byte[count];
            Array.Copy(_data, _at, result, 0, count);
            _at += count;
            return result;
        }

        public string Text()
        {
            int count = U8();
            Need(count);
            var chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                chars[i] = (char)_data[_at + i];
            }

            _at += count;
            return new string(chars);
        }

        /// <summary>Refuses trailing bytes: a message is exactly its fields.</summary>
        public void End()
        {
            if (_at != _end)
            {
                throw new PushProtocolException(PushError.Malformed, "message has " + (_end - _at) + " extra bytes");
            }
        }

        private void Need(int count)
        {
            if (count > _end - _at)
            {
                throw new PushProtocolException(PushError.Malformed, "message too short");
            }
        }
    }
}
