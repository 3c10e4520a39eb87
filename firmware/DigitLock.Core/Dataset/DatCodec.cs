using System;
using DigitLock.Core.Strokes;

namespace DigitLock.Core.Dataset
{
    /// <summary>
    /// Encodes and decodes DAT sample files (spec: docs/formats.md, "DAT sample files").
    /// Little-endian, written byte by byte so the board, the simulator and the host agree.
    /// Decoding checks magic, version, length and CRC before it trusts any field, bounds-checks
    /// every count, and reports every fault as a <see cref="DatFormatException"/>.
    /// </summary>
    public static class DatCodec
    {
        public const int Version = 1;

        /// <summary>Bytes before the variable part: magic .. capture time.</summary>
        public const int FixedHeaderSize = 36;

        public const int ImageBytes = Sample.ImageSize * Sample.ImageSize;

        private const byte Unlabelled = 255;

        /// <summary>"DLSM": DigitLock SaMple.</summary>
        private static readonly byte[] Magic = new byte[] { 0x44, 0x4C, 0x53, 0x4D };

        public static byte[] Encode(RecordedSample recorded)
        {
            if (recorded == null)
            {
                throw new ArgumentNullException("recorded");
            }

            Sample sample = recorded.Sample;
            CaptureSource source = recorded.Source;
            if (sample.StrokeCount > 65535)
            {
                throw new ArgumentException("too many strokes for a DAT file");
            }

            int length = FixedHeaderSize + 4 + source.BoardId.Length + source.Writer.Length
                + source.Session.Length + recorded.Preprocessing.Length + 2;
            for (int s = 0; s < sample.StrokeCount; s++)
            {
                Stroke stroke = sample.GetStroke(s);
                if (stroke.Count > 65535)
                {
                    throw new ArgumentException("stroke " + s + " has too many points for a DAT file");
                }

                length += 2 + stroke.Count * 8;
            }

            length += ImageBytes + 4;

            byte[] data = new byte[length];
            int at = 0;
            for (int i = 0; i < Magic.Length; i++)
            {
                data[at++] = Magic[i];
            }

            at = PutU16(data, at, Version);
            at = PutU16(data, at, 0);
            at = PutU32(data, at, (uint)length);
            data[at++] = sample.Label == Sample.Unlabelled ? Unlabelled : (byte)sample.Label;
            data[at++] = (byte)source.Kind;
            at = PutU16(data, at, source.ScreenWidth);
            at = PutU16(data, at, source.ScreenHeight);
            at = PutU16(data, at, source.BoxLeft);
            at = PutU16(data, at, source.BoxTop);
            at = PutU16(data, at, source.BoxWidth);
            at = PutU16(data, at, source.BoxHeight);
            at = PutU16(data, at, source.SampleRateHz);
            at = PutU32(data, at, (uint)recorded.CapturedAtUnixMs);
            at = PutU32(data, at, (uint)(recorded.CapturedAtUnixMs >> 32));
            at = PutText(data, at, source.BoardId);
            at = PutText(data, at, source.Writer);
            at = PutText(data, at, source.Session);
            at = PutText(data, at, recorded.Preprocessing);
            at = PutU16(data, at, sample.StrokeCount);
            for (int s = 0; s < sample.StrokeCount; s++)
            {
                Stroke stroke = sample.GetStroke(s);
                at = PutU16(data, at, stroke.Count);
                for (int i = 0; i < stroke.Count; i++)
                {
                    TouchPoint p = stroke[i];
                    if (p.X < short.MinValue || p.X > short.MaxValue || p.Y < short.MinValue || p.Y > short.MaxValue)
                    {
                        throw new ArgumentException("stroke " + s + " point " + i + " is outside the 16-bit range");
                    }

                    at = PutU16(data, at, p.X & 0xFFFF);
                    at = PutU16(data, at, p.Y & 0xFFFF);
                    at = PutU32(data, at, (uint)p.TimeMs);
                }
            }

            Array.Copy(sample.Image, 0, data, at, ImageBytes);
            at += ImageBytes;
            PutU32(data, at, Crc32.Compute(data, 0, at));
            return data;
        }

        /// <summary>Decodes a DAT file; <paramref name="fileName"/> only names it in errors.</summary>
        public static RecordedSample Decode(byte[] data, string fileName)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            Reader r = new Reader(data, fileName);
            if (data.Length < 4)
            {
                throw r.Fault("truncated: " + data.Length + " bytes, too short for the magic");
            }

            for (int i = 0; i < Magic.Length; i++)
            {
                if (data[i] != Magic[i])
                {
                    throw r.Fault("bad magic (not a DigitLock DAT sample, expected \"DLSM\")");
                }
            }

            if (data.Length < FixedHeaderSize)
            {
                throw r.Fault("truncated: " + data.Length + " bytes, the header alone needs " + FixedHeaderSize);
            }

            r.Position = 4;
            int version = r.U16();
            if (version != Version)
            {
                throw r.Fault("unsupported version " + version + " (this reader knows version " + Version + ")");
            }

            int flags = r.U16();
            uint declared = r.U32();
            if (declared != (uint)data.Length)
            {
                throw r.Fault(declared > (uint)data.Length
                    ? "truncated: " + data.Length + " bytes, the header says " + declared
                    : "length mismatch: " + data.Length + " bytes, the header says " + declared);
            }

            uint stored = (uint)(data[data.Length - 4] | (data[data.Length - 3] << 8)
                | (data[data.Length - 2] << 16) | (data[data.Length - 1] << 24));
            uint actual = Crc32.Compute(data, 0, data.Length - 4);
            if (stored != actual)
            {
                throw r.Fault("CRC mismatch (stored " + Hex(stored) + ", computed " + Hex(actual) + "): the file is corrupt");
            }

            if (flags != 0)
            {
                throw r.Fault("unknown flags " + flags);
            }

            r.End = data.Length - 4;
            int labelByte = r.U8();
            if (labelByte > 9 && labelByte != Unlabelled)
            {
                throw r.Fault("label " + labelByte + " is not a digit");
            }

            int kind = r.U8();
            if (kind > (int)SourceKind.ImportedBitmap)
            {
                throw r.Fault("unknown source kind " + kind);
            }

            int screenWidth = r.U16();
            int screenHeight = r.U16();
            int boxLeft = r.U16();
            int boxTop = r.U16();
            int boxWidth = r.U16();
            int boxHeight = r.U16();
            int rate = r.U16();
            long timeLow = r.U32();
            long timeHigh = r.U32();
            long capturedAt = (timeHigh << 32) | timeLow;
            string boardId = r.Text("board id");
            string writer = r.Text("writer");
            string session = r.Text("session");
            string preprocessing = r.Text("preprocessing");
            int strokeCount = r.U16();
            Stroke[] strokes = new Stroke[strokeCount];
            for (int s = 0; s < strokeCount; s++)
            {
                int points = r.U16();
                if (points * 8 > r.Remaining)
                {
                    throw r.Fault("stroke " + s + " claims " + points + " points, more than the file holds");
                }

                TouchPoint[] buffer = new TouchPoint[points];
                for (int i = 0; i < points; i++)
                {
                    int x = (short)r.U16();
                    int y = (short)r.U16();
                    int t = (int)r.U32();
                    buffer[i] = new TouchPoint(x, y, t);
                }

                strokes[s] = new Stroke(buffer);
            }

            if (r.Remaining != ImageBytes)
            {
                throw r.Fault("the image is " + r.Remaining + " bytes, expected " + ImageBytes);
            }

            byte[] image = new byte[ImageBytes];
            Array.Copy(data, r.Position, image, 0, ImageBytes);
            int label = labelByte == Unlabelled ? Sample.Unlabelled : labelByte;
            CaptureSource source = new CaptureSource((SourceKind)kind, boardId, screenWidth, screenHeight,
                boxLeft, boxTop, boxWidth, boxHeight, rate, writer, session);
            return new RecordedSample(new Sample(label, strokes, image), source, capturedAt, preprocessing);
        }

        private static int PutU16(byte[] data, int at, int value)
        {
            data[at] = (byte)value;
            data[at + 1] = (byte)(value >> 8);
            return at + 2;
        }

        private static int PutU32(byte[] data, int at, uint value)
        {
            data[at] = (byte)value;
            data[at + 1] = (byte)(value >> 8);
            data[at + 2] = (byte)(value >> 16);
            data[at + 3] = (byte)(value >> 24);
            return at + 4;
        }

        private static int PutText(byte[] data, int at, string text)
        {
            data[at++] = (byte)text.Length;
            for (int i = 0; i < text.Length; i++)
            {
                data[at++] = (byte)text[i];
            }

            return at;
        }

        internal static string Hex(uint value)
        {
            const string digits = "0123456789ABCDEF";
            char[] text = new char[10];
            text[0] = '0';
            text[1] = 'x';
            for (int i = 0; i < 8; i++)
            {
                text[9 - i] = digits[(int)((value >> (4 * i)) & 0xF)];
            }

            return new string(text);
        }

        /// <summary>Bounds-checked little-endian reading of the body.</summary>
        private sealed class Reader
        {
            private readonly byte[] _data;
            private readonly string _fileName;

            public Reader(byte[] data, string fileName)
            {
                _data = data;
                _fileName = fileName;
                End = data.Length;
            }

            public int Position { get; set; }

            public int End { get; set; }

            public int Remaining
            {
                get { return End - Position; }
            }

            public DatFormatException Fault(string fault)
            {
                return new DatFormatException(_fileName, fault);
            }

            public int U8()
            {
                Need(1);
                return _data[Position++];
            }

            public int U16()
            {
                Need(2);
                int value = _data[Position] | (_data[Position + 1] << 8);
                Position += 2;
                return value;
            }

            public uint U32()
            {
                Need(4);
                uint value = (uint)(_data[Position] | (_data[Position + 1] << 8)
                    | (_data[Position + 2] << 16) | (_data[Position + 3] << 24));
                Position += 4;
                return value;
            }

            public string Text(string what)
            {
                int length = U8();
                if (length > CaptureSource.MaxIdLength)
                {
                    throw Fault(what + " is " + length + " characters, at most " + CaptureSource.MaxIdLength + " allowed");
                }

                Need(length);
                char[] text = new char[length];
                for (int i = 0; i < length; i++)
                {
                    int c = _data[Position + i];
                    if (c < 0x20 || c > 0x7E)
                    {
                        throw Fault(what + " has a byte that is not printable ASCII");
                    }

                    text[i] = (char)c;
                }

                Position += length;
                return new string(text);
            }

            private void Need(int count)
            {
                if (count > Remaining)
                {
                    throw Fault("truncated inside the body at byte " + Position + " (needs " + count + " more)");
                }
            }
        }
    }
}
