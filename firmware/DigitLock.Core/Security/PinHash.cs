using System;

namespace DigitLock.Core.Security
{
    /// <summary>
    /// A PIN as it is kept on the device: PBKDF2-HMAC-SHA256 of the digits under a random salt.
    /// The PIN itself is never stored. The iteration count travels with the hash so it can be
    /// raised in a later firmware without invalidating PINs already set.
    /// </summary>
    public sealed class PinHash
    {
        public const int SaltSize = 16;
        public const int HashSize = 32;
        public const int MinIterations = 1;
        public const int MaxPinLength = 32;

        private const byte FormatVersion = 1;
        private const int HeaderSize = 12;
        private static readonly byte[] Magic = new byte[] { (byte)'D', (byte)'L', (byte)'P', (byte)'H' };

        private readonly byte[] _salt;
        private readonly byte[] _hash;

        private PinHash(int pinLength, byte[] salt, int iterations, byte[] hash)
        {
            _salt = salt;
            _hash = hash;
            PinLength = pinLength;
            Iterations = iterations;
        }

        /// <summary>
        /// Digits in the PIN. Kept with the hash because the lock screen shows one box per digit
        /// anyway, and a PIN must stay enterable whatever happens to the settings file.
        /// </summary>
        public int PinLength { get; private set; }

        public int Iterations { get; private set; }

        public static PinHash Create(string pin, IEntropySource entropy, int iterations)
        {
            return Create(pin, entropy, iterations, null);
        }

        /// <param name="hmac">A native HMAC-SHA256, or null for the managed one.</param>
        public static PinHash Create(string pin, IEntropySource entropy, int iterations, IHmacSha256 hmac)
        {
            if (entropy == null)
            {
                throw new ArgumentNullException("entropy");
            }

            var salt = new byte[SaltSize];
            entropy.Fill(salt);
            return Create(pin, salt, iterations, hmac);
        }

        public static PinHash Create(string pin, byte[] salt, int iterations)
        {
            return Create(pin, salt, iterations, null);
        }

        public static PinHash Create(string pin, byte[] salt, int iterations, IHmacSha256 hmac)
        {
            if (salt == null || salt.Length == 0 || salt.Length > 255)
            {
                throw new ArgumentException("salt must be 1..255 bytes");
            }

            if (iterations < MinIterations)
            {
                throw new ArgumentOutOfRangeException("iterations");
            }

            if (pin == null || pin.Length == 0 || pin.Length > MaxPinLength)
            {
                throw new ArgumentException("PIN must have 1.." + MaxPinLength + " digits");
            }

            var saltCopy = new byte[salt.Length];
            Array.Copy(salt, saltCopy, salt.Length);
            return new PinHash(pin.Length, saltCopy, iterations, Derive(pin, saltCopy, iterations, hmac));
        }

        /// <summary>True when <paramref name="pin"/> is the PIN this hash was made from; constant-time on the hash.</summary>
        public bool Matches(string pin)
        {
            return Matches(pin, null);
        }

        /// <param name="hmac">A native HMAC-SHA256, or null for the managed one (both give the same bytes).</param>
        public bool Matches(string pin, IHmacSha256 hmac)
        {
            if (pin == null || pin.Length != PinLength)
            {
                return false;
            }

            return ConstantTime.Equals(Derive(pin, _salt, Iterations, hmac), _hash);
        }

        /// <summary>
        /// Layout (little-endian): "DLPH", version (1), salt length, hash length, PIN length,
        /// iterations (uint32), salt, hash.
        /// </summary>
        public byte[] ToBytes()
        {
            var data = new byte[HeaderSize + _salt.Length + _hash.Length];
            Array.Copy(Magic, data, 4);
            data[4] = FormatVersion;
            data[5] = (byte)_salt.Length;
            data[6] = (byte)_hash.Length;
            data[7] = (byte)PinLength;
            WriteUInt32(data, 8, (uint)Iterations);
            Array.Copy(_salt, 0, data, HeaderSize, _salt.Length);
            Array.Copy(_hash, 0, data, HeaderSize + _salt.Length, _hash.Length);
            return data;
        }

        public static PinHash FromBytes(byte[] data)
        {
            if (data == null || data.Length < HeaderSize)
            {
                throw new FormatException("PIN hash record is truncated");
            }

            for (int i = 0; i < 4; i++)
            {
                if (data[i] != Magic[i])
                {
                    throw new FormatException("PIN hash record has no DLPH signature");
                }
            }

            if (data[4] != FormatVersion)
            {
                throw new FormatException("PIN hash record version " + data[4] + " is not supported");
            }

            int saltLength = data[5];
            int hashLength = data[6];
            if (saltLength == 0 || hashLength != HashSize)
            {
                throw new FormatException("PIN hash record has bad salt or hash length");
            }

            if (data.Length != HeaderSize + saltLength + hashLength)
            {
                throw new FormatException("PIN hash record length does not match its header");
            }

            int pinLength = data[7];
            if (pinLength == 0 || pinLength > MaxPinLength)
            {
                throw new FormatException("PIN hash record has a bad PIN length");
            }

            uint iterations = ReadUInt32(data, 8);
            if (iterations < MinIterations || iterations > int.MaxValue)
            {
                throw new FormatException("PIN hash record has a bad iteration count");
            }

            var salt = new byte[saltLength];
            var hash = new byte[hashLength];
            Array.Copy(data, HeaderSize, salt, 0, saltLength);
            Array.Copy(data, HeaderSize + saltLength, hash, 0, hashLength);
            return new PinHash(pinLength, salt, (int)iterations, hash);
        }

        private static byte[] Derive(string pin, byte[] salt, int iterations, IHmacSha256 hmac)
        {
            if (pin == null)
            {
                throw new ArgumentNullException("pin");
            }

            var password = new byte[pin.Length];
            for (int i = 0; i < pin.Length; i++)
            {
                password[i] = (byte)pin[i];
            }

            byte[] derived = Pbkdf2Sha256.Derive(hmac, password, salt, iterations, HashSize);
            Array.Clear(password, 0, password.Length);
            return derived;
        }

        internal static void WriteUInt32(byte[] data, int offset, uint value)
        {
            data[offset] = (byte)value;
            data[offset + 1] = (byte)(value >> 8);
            data[offset + 2] = (byte)(value >> 16);
            data[offset + 3] = (byte)(value >> 24);
        }

        internal static uint ReadUInt32(byte[] data, int offset)
        {
            return (uint)data[offset] | ((uint)data[offset + 1] << 8) | ((uint)data[offset + 2] << 16) | ((uint)data[offset + 3] << 24);
        }
    }
}
