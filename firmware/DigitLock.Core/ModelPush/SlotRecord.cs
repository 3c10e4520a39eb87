using DigitLock.Core.Dataset;

namespace DigitLock.Core.ModelPush
{
    /// <summary>
    /// The small record that says which slot is active. Switching models is one atomic write of
    /// this record, so a power cut leaves either the old or the new choice, never a mix.
    /// Layout: "DLMS", format (1), active slot (1, 0xFF none), two slots of {present (1),
    /// version (4), size (4), SHA-256 (32), note (text)}, CRC-32 of everything before it.
    /// </summary>
    public sealed class SlotRecord
    {
        public const int NoSlot = 0xFF;
        private const int Format = 1;

        public SlotRecord()
        {
            Active = NoSlot;
            Slots = new SlotInfo[] { new SlotInfo(), new SlotInfo() };
        }

        public int Active { get; set; }

        public SlotInfo[] Slots { get; private set; }

        public byte[] Encode()
        {
            var w = new ByteWriter(128);
            w.U8('D').U8('L').U8('M').U8('S').U8(Format).U8(Active);
            for (int i = 0; i < 2; i++)
            {
                SlotInfo s = Slots[i];
                w.U8(s.Present ? 1 : 0).U32(s.Version).U32((uint)s.Size);
                w.Bytes(s.Sha256 == null ? new byte[32] : s.Sha256);
                w.Text(s.Note);
            }

            byte[] body = w.ToArray();
            w.U32(Crc32.Compute(body, 0, body.Length));
            return w.ToArray();
        }

        /// <summary>The record, or null when it is damaged (treated like no record).</summary>
        public static SlotRecord Decode(byte[] data)
        {
            if (data == null || data.Length < 10)
            {
                return null;
            }

            try
            {
                var tail = new ByteReader(data, data.Length - 4, 4);
                if (tail.U32() != Crc32.Compute(data, 0, data.Length - 4))
                {
                    return null;
                }

                var r = new ByteReader(data, 0, data.Length - 4);
                if (r.U8() != 'D' || r.U8() != 'L' || r.U8() != 'M' || r.U8() != 'S' || r.U8() != Format)
                {
                    return null;
                }

                var record = new SlotRecord();
                record.Active = r.U8();
                for (int i = 0; i < 2; i++)
                {
                    SlotInfo s = record.Slots[i];
                    s.Present = r.U8() == 1;
                    s.Version = r.U32();
                    s.Size = (int)r.U32();
                    s.Sha256 = r.Bytes(32);
                    s.Note = r.Text();
                }

                r.End();
                if (record.Active != NoSlot && (record.Active > 1 || !record.Slots[record.Active].Present))
                {
                    return null;
                }

                return record;
            }
            catch (PushProtocolException)
            {
                return null;
            }
        }
    }
}
