using System;
using DigitLock.Core.Dataset;

namespace DigitLock.Core.ModelPush
{
    /// <summary>
    /// Frame layout: 'D' 'L', type (1), payload length (2, LE), payload, CRC-32 (4, LE) over type,
    /// length and payload. The CRC catches serial line noise; authenticity comes from the MACs inside.
    /// </summary>
    public static class PushFrame
    {
        public const byte Magic0 = (byte)'D';
        public const byte Magic1 = (byte)'L';
        public const int HeaderSize = 5;
        public const int TrailerSize = 4;

        /// <summary>Largest payload: a 4 KB chunk plus its index.</summary>
        public const int MaxPayload = 4096 + 8;

        public static byte[] Encode(int type, byte[] payload)
        {
            int length = payload == null ? 0 : payload.Length;
            if (length > MaxPayload)
            {
                throw new ArgumentException("payload too large for one frame");
            }

            var frame = new byte[HeaderSize + length + TrailerSize];
            frame[0] = Magic0;
            frame[1] = Magic1;
            frame[2] = (byte)type;
            frame[3] = (byte)length;
            frame[4] = (byte)(length >> 8);
            if (length > 0)
            {
                Array.Copy(payload, 0, frame, HeaderSize, length);
            }

            uint crc = Crc32.Compute(frame, 2, 3 + length);
            int at = HeaderSize + length;
            frame[at] = (byte)crc;
            frame[at + 1] = (byte)(crc >> 8);
            frame[at + 2] = (byte)(crc >> 16);
            frame[at + 3] = (byte)(crc >> 24);
            return frame;
        }
    }
}
