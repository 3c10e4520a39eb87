using System;

namespace DigitLock.Core.Security
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104). The key's inner and outer pad states are hashed once in the
    /// constructor, so each message costs only its own compressions: PBKDF2 then needs two
    /// compressions per iteration instead of four.
    /// </summary>
    public sealed class HmacSha256
    {
        public const int MacSize = Sha256.HashSize;

        private readonly Sha256 _innerStart = new Sha256();
        private readonly Sha256 _outerStart = new Sha256();
        private readonly Sha256 _work = new Sha256();
        private readonly byte[] _innerDigest = new byte[Sha256.HashSize];

        public HmacSha256(byte[] key)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }

            byte[] block = new byte[Sha256.BlockSize];
            if (key.Length > Sha256.BlockSize)
            {
                byte[] hashedKey = Sha256.Hash(key);
                Array.Copy(hashedKey, block, hashedKey.Length);
            }
            else
            {
                Array.Copy(key, block, key.Length);
            }

            for (int i = 0; i < block.Length; i++)
            {
                block[i] ^= 0x36;
            }

            _innerStart.Update(block, 0, block.Length);
            for (int i = 0; i < block.Length; i++)
            {
                // 0x36 ^ 0x5c turns the inner pad into the outer pad.
                block[i] ^= 0x36 ^ 0x5c;
            }

            _outerStart.Update(block, 0, block.Length);
            Array.Clear(block, 0, block.Length);
            Begin();
        }

        public static byte[] Compute(byte[] key, byte[] message)
        {
            var mac = new HmacSha256(key);
            mac.Update(message, 0, message.Length);
            var output = new byte[MacSize];
            mac.Final(output, 0);
            return output;
        }

        /// <summary>Starts a new message under the same key.</summary>
        public void Begin()
        {
            _work.CopyFrom(_innerStart);
        }

        public void Update(byte[] data, int offset, int count)
        {
            _work.Update(data, offset, count);
        }

        /// <summary>Writes the 32-byte MAC and starts the next message.</summary>
        public void Final(byte[] output, int offset)
        {
            _work.Final(_innerDigest, 0);
            _work.CopyFrom(_outerStart);
            _work.Update(_innerDigest, 0, _innerDigest.Length);
            _work.Final(output, offset);
            Begin();
        }
    }
}
