using DigitLock.Core.Dataset;

namespace DigitLock.Core.ModelPush
{
    /// <summary>
    /// Finds frames in a byte stream fed one byte at a time (serial delivers bytes, not messages).
    /// Noise before a frame is skipped; a frame with a bad CRC or an oversized length is dropped
    /// and the search starts again, so the sender's retry can get through.
    /// </summary>
    public sealed class FrameDecoder
    {
        private readonly byte[] _frame = new byte[PushFrame.HeaderSize + PushFrame.MaxPayload + PushFrame.TrailerSize];
        private int _have;
        private int _need = 1;

        public int Type { get; private set; }

        /// <summary>The frame's payload is <see cref="Buffer"/>[HeaderSize .. HeaderSize + PayloadLength).</summary>
        public byte[] Buffer
        {
            get { return _frame; }
        }

        public int PayloadLength { get; private set; }

        public int DroppedFrames { get; private set; }

        public byte[] CopyPayload()
        {
            var payload = new byte[PayloadLength];
            System.Array.Copy(_frame, PushFrame.HeaderSize, payload, 0, PayloadLength);
            return payload;
        }

        /// <summary>True when <paramref name="b"/> completed a good frame (valid until the next Feed).</summary>
        public bool Feed(byte b)
        {
            if (_have == 0 && b != PushFrame.Magic0)
            {
                return false;
            }

            if (_have == 1 && b != PushFrame.Magic1)
            {
                _have = b == PushFrame.Magic0 ? 1 : 0;
                return false;
            }

            _frame[_have++] = b;
            if (_have == PushFrame.HeaderSize)
            {
                int length = _frame[3] | (_frame[4] << 8);
                if (length > PushFrame.MaxPayload)
                {
                    DroppedFrames++;
                    _have = 0;
                    return false;
                }

                PayloadLength = length;
                _need = PushFrame.HeaderSize + length + PushFrame.TrailerSize;
                return false;
            }

            if (_have < PushFrame.HeaderSize || _have < _need)
            {
                return false;
            }

            _have = 0;
            int at = PushFrame.HeaderSize + PayloadLength;
            uint crc = (uint)(_frame[at] | (_frame[at + 1] << 8) | (_frame[at + 2] << 16)) | ((uint)_frame[at + 3] << 24);
            if (crc != Crc32.Compute(_frame, 2, 3 + PayloadLength))
            {
                DroppedFrames++;
                return false;
            }

            Type = _frame[2];
            return true;
        }
    }
}
