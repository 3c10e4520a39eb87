namespace DigitLock.Core.Dataset
{
    /// <summary>
    /// CRC-32 as in zlib, PNG and Ethernet (reflected polynomial 0xEDB88320, initial and final
    /// XOR 0xFFFFFFFF; "123456789" gives 0xCBF43926). nanoFramework has no System.IO.Hashing.
    /// </summary>
    public static class Crc32
    {
        private static uint[] _table;

        public static uint Compute(byte[] data, int offset, int count)
        {
            return Finish(Update(Start, data, offset, count));
        }

        /// <summary>The running value before any byte.</summary>
        public const uint Start = 0xFFFFFFFF;

        /// <summary>Feeds bytes into a running value from <see cref="Start"/> or a previous Update.</summary>
        public static uint Update(uint running, byte[] data, int offset, int count)
        {
            uint[] table = Table();
            uint crc = running;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
            }

            return crc;
        }

        public static uint Finish(uint running)
        {
            return running ^ 0xFFFFFFFF;
        }

        private static uint[] Table()
        {
            if (_table == null)
            {
                uint[] table = new uint[256];
                for (uint n = 0; n < 256; n++)
                {
                    uint c = n;
                    for (int k = 0; k < 8; k++)
                    {
                        c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                    }

                    table[n] = c;
                }

                _table = table;
            }

            return _table;
        }
    }
}
