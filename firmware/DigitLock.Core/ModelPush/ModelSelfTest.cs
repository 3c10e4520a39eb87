namespace DigitLock.Core.ModelPush
{
    /// <summary>
    /// A model's own check, carried in its TFLite metadata entry "digitlock.selftest":
    /// "DLST", format 1, a 28x28 input image (784 bytes, as the device preprocessing makes it),
    /// the expected digit, 10 expected scores and a tolerance. Passing means the engine on this
    /// device reads the model as the trainer did.
    /// </summary>
    public static class ModelSelfTest
    {
        public const string MetadataName = "digitlock.selftest";
        public const int ImageBytes = 28 * 28;
        public const int EntryBytes = 5 + ImageBytes + 1 + 10 + 1;

        public const int Passed = 0;
        public const int Failed = 1;
        public const int Skipped = 2;

        /// <summary>One of Passed/Failed/Skipped; <paramref name="note"/> says why.</summary>
        public static int Run(ILoadedModel model, out string note)
        {
            byte[] entry = model.Metadata(MetadataName);
            if (entry == null)
            {
                note = "SELF-TEST SKIPPED: MODEL HAS NO " + MetadataName;
                return Skipped;
            }

            if (entry.Length != EntryBytes || entry[0] != 'D' || entry[1] != 'L' || entry[2] != 'S' || entry[3] != 'T' || entry[4] != 1)
            {
                note = "SELF-TEST FAILED: MALFORMED " + MetadataName;
                return Failed;
            }

            var image = new byte[ImageBytes];
            System.Array.Copy(entry, 5, image, 0, ImageBytes);
            int expectedDigit = entry[5 + ImageBytes];
            int tolerance = entry[EntryBytes - 1];
            var scores = new byte[10];
            int digit = model.Classify(image, scores);
            if (digit != expectedDigit)
            {
                note = "SELF-TEST FAILED: READ " + digit + " EXPECTED " + expectedDigit;
                return Failed;
            }

            for (int i = 0; i < 10; i++)
            {
                int diff = scores[i] - entry[5 + ImageBytes + 1 + i];
                if (diff > tolerance || -diff > tolerance)
                {
                    note = "SELF-TEST FAILED: SCORE " + i + " IS " + scores[i];
                    return Failed;
                }
            }

            note = "SELF-TEST PASSED";
            return Passed;
        }

        /// <summary>Builds the metadata entry (host side, when exporting a model).</summary>
        public static byte[] Encode(byte[] image, int digit, byte[] scores, int tolerance)
        {
            var w = new ByteWriter(EntryBytes);
            w.U8('D').U8('L').U8('S').U8('T').U8(1).Bytes(image, 0, ImageBytes).U8(digit).Bytes(scores, 0, 10).U8(tolerance);
            return w.ToArray();
        }
    }
}
