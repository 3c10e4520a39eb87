using DigitLock.Core.Hardware;
using DigitLock.Core.Security;

namespace DigitLock.Core.ModelPush
{
    /// <summary>
    /// Pairs one push host. An unlocked owner asks for a one-time code (admin menu); the host proves
    /// it knows the code with an HMAC over both nonces, and both sides derive the push key from the
    /// code and the nonces, so the key itself never crosses the link. The code expires, dies after
    /// three wrong proofs, and is used once. A new pairing replaces the previous host.
    /// </summary>
    public sealed class HostPairing
    {
        public const string KeyPath = "push/host.key";
        public const int CodeLength = 10;
        public const int CodeLifetimeMs = 120000;
        public const int MaxWrongProofs = 3;

        /// <summary>32 symbols without 0/O and 1/I, so a code read off the LCD is typed right.</summary>
        public const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

        private readonly IStorage _storage;
        private readonly IClock _clock;
        private readonly IEntropySource _entropy;
        private string _code;
        private long _expiresMs;
        private int _wrongProofs;

        public HostPairing(IStorage storage, IClock clock, IEntropySource entropy)
        {
            _storage = storage;
            _clock = clock;
            _entropy = entropy;
        }

        public bool IsOpen
        {
            get { return _code != null && _clock.NowMs < _expiresMs; }
        }

        /// <summary>Starts a pairing window and returns the code to show (as XXXXX-XXXXX).</summary>
        public string Open()
        {
            var random = new byte[CodeLength];
            _entropy.Fill(random);
            var chars = new char[CodeLength];
            for (int i = 0; i < CodeLength; i++)
            {
                chars[i] = Alphabet[random[i] & 31];
            }

            _code = new string(chars);
            _expiresMs = _clock.NowMs + CodeLifetimeMs;
            _wrongProofs = 0;
            return Format(_code);
        }

        public void Close()
        {
            _code = null;
        }

        public bool IsPaired
        {
            get { return LoadKey() != null; }
        }

        /// <summary>The paired host's 32-byte key, or null.</summary>
        public byte[] LoadKey()
        {
            if (!_storage.Exists(KeyPath))
            {
                return null;
            }

            byte[] key = _storage.ReadAll(KeyPath);
            return key.Length == HmacSha256.MacSize ? key : null;
        }

        /// <summary>
        /// Checks the host's proof; on success stores and returns the new key, and returns the
        /// confirmation the host checks in <paramref name="confirmation"/>.
        /// </summary>
        public byte[] Accept(byte[] deviceNonce, byte[] hostNonce, byte[] proof, byte[] confirmation)
        {
            if (!IsOpen)
            {
                _code = null;
                throw new PushProtocolException(PushError.PairingClosed, "no pairing code is open: unlock and choose PAIR HOST");
            }

            byte[] codeKey = ByteWriter.Ascii(_code);
            byte[] expected = Derive(codeKey, PushMessage.PairProofLabel, deviceNonce, hostNonce);
            if (!ConstantTime.Equals(expected, proof))
            {
                _wrongProofs++;
                if (_wrongProofs >= MaxWrongProofs)
                {
                    _code = null;
                }

                throw new PushProtocolException(PushError.BadMac, "wrong pairing code");
            }

            byte[] key = Derive(codeKey, PushMessage.PairKeyLabel, deviceNonce, hostNonce);
            _code = null;
            _storage.CreateDirectory("push");
            _storage.WriteAtomic(KeyPath, key);
            byte[] confirm = Derive(key, PushMessage.PairConfirmLabel, deviceNonce, hostNonce);
            System.Array.Copy(confirm, confirmation, confirm.Length);
            return key;
        }

        /// <summary>HMAC(key, label || deviceNonce || hostNonce): proof, key and confirmation on both sides.</summary>
        public static byte[] Derive(byte[] key, string label, byte[] deviceNonce, byte[] hostNonce)
        {
            var message = new ByteWriter(64).Bytes(ByteWriter.Ascii(label)).Bytes(deviceNonce).Bytes(hostNonce).ToArray();
            return HmacSha256.Compute(key, message);
        }

        /// <summary>Upper-cases and drops separators, so "abcde-fghjk" is accepted as typed.</summary>
        public static string Normalize(string code)
        {
            var chars = new char[code.Length];
            int n = 0;
            for (int i = 0; i < code.Length; i++)
            {
                char c = code[i];
                if (c >= 'a' && c <= 'z')
                {
                    c = (char)(c - 'a' + 'A');
                }

                if (c != '-' && c != ' ')
                {
                    chars[n++] = c;
                }
            }

            return new string(chars, 0, n);
        }

        private static string Format(string code)
        {
            return code.Substring(0, 5) + "-" + code.Substring(5);
        }
    }
}
