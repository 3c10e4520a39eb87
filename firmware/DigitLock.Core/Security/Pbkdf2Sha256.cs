using System;

namespace DigitLock.Core.Security
{
    /// <summary>PBKDF2 (RFC 8018 §5.2) with HMAC-SHA256 as the pseudo-random function.</summary>
    public static class Pbkdf2Sha256
    {
        /// <summary>Derives with the managed HMAC (two SHA-256 compressions per iteration).</summary>
        public static byte[] Derive(byte[] password, byte[] salt, int iterations, int length)
        {
            return Derive(null, password, salt, iterations, length);
        }

        /// <summary>Derives with <paramref name="hmac"/>, or the managed HMAC when it is null.</summary>
        public static byte[] Derive(IHmacSha256 hmac, byte[] password, byte[] salt, int iterations, int length)
        {
            if (password == null)
            {
                throw new ArgumentNullException("password");
            }

            if (salt == null)
            {
                throw new ArgumentNullException("salt");
            }

            if (iterations < 1)
            {
                throw new ArgumentOutOfRangeException("iterations");
            }

            if (length < 1)
            {
                throw new ArgumentOutOfRangeException("length");
            }

            if (hmac != null)
            {
                return DeriveWith(hmac, password, salt, iterations, length);
            }

            var prf = new HmacSha256(password);
            var derived = new byte[length];
            var u = new byte[HmacSha256.MacSize];
            var t = new byte[HmacSha256.MacSize];
            var blockIndex = new byte[4];
            int produced = 0;
            uint block = 1;
            while (produced < length)
            {
                blockIndex[0] = (byte)(block >> 24);
                blockIndex[1] = (byte)(block >> 16);
                blockIndex[2] = (byte)(block >> 8);
                blockIndex[3] = (byte)block;
                prf.Begin();
                prf.Update(salt, 0, salt.Length);
                prf.Update(blockIndex, 0, 4);
                prf.Final(u, 0);
                Array.Copy(u, t, u.Length);
                for (int i = 1; i < iterations; i++)
                {
                    prf.Update(u, 0, u.Length);
                    prf.Final(u, 0);
                    for (int k = 0; k < t.Length; k++)
                    {
                        t[k] ^= u[k];
                    }
                }

                int take = length - produced;
                if (take > t.Length)
                {
                    take = t.Length;
                }

                Array.Copy(t, 0, derived, produced, take);
                produced += take;
                block++;
            }

            return derived;
        }

        private static byte[] DeriveWith(IHmacSha256 hmac, byte[] password, byte[] salt, int iterations, int length)
        {
            var derived = new byte[length];
            var first = new byte[salt.Length + 4];
            Array.Copy(salt, first, salt.Length);
            int produced = 0;
            uint block = 1;
            while (produced < length)
            {
                first[salt.Length] = (byte)(block >> 24);
                first[salt.Length + 1] = (byte)(block >> 16);
                first[salt.Length + 2] = (byte)(block >> 8);
                first[salt.Length + 3] = (byte)block;
                byte[] u = hmac.Compute(password, first);
                var t = new byte[u.Length];
                Array.Copy(u, t, u.Length);
                for (int i = 1; i < iterations; i++)
                {
                    u = hmac.Compute(password, u);
                    for (int k = 0; k < t.Length; k++)
                    {
                        t[k] ^= u[k];
                    }
                }

                int take = length - produced;
                if (take > t.Length)
                {
                    take = t.Length;
                }

                Array.Copy(t, 0, derived, produced, take);
                produced += take;
                block++;
            }

            return derived;
        }
    }
}
