using DigitLock.Core.Hardware;
using DigitLock.Core.Security;

namespace DigitLock.Core.ModelPush
{
    /// <summary>
    /// A model pushed on the SD card instead of over a link (`digitlock push --to sd:DIR`), taken at
    /// boot. The package is push/model.tflite plus push/model.auth ("DLCARD1", version, size,
    /// SHA-256, MAC). With no device nonce on a card, replay protection is the version: it must be
    /// above every version either slot holds, so an old package copied back is refused. The card
    /// also tells the host which device it belongs to (push/device-id).
    /// </summary>
    public sealed class CardImport
    {
        public const string Folder = "push";
        public const string ModelPath = "push/model.tflite";
        public const string AuthPath = "push/model.auth";
        public const string ResultPath = "push/result.txt";
        public const string DeviceIdPath = "push/device-id";
        public const string CardLabel = "DLPUSH1 CARD";
        private const string Magic = "DLCARD1";

        private readonly IStorage _card;
        private readonly ModelSlots _slots;
        private readonly HostPairing _pairing;
        private readonly ModelInstaller _installer;

        public CardImport(IStorage card, ModelSlots slots, HostPairing pairing, ModelInstaller installer)
        {
            _card = card;
            _slots = slots;
            _pairing = pairing;
            _installer = installer;
        }

        public static byte[] Mac(byte[] key, string deviceId, int size, uint version, byte[] sha256)
        {
            var w = new ByteWriter(96).Bytes(ByteWriter.Ascii(CardLabel)).Text(deviceId).U32((uint)size).U32(version).Bytes(sha256);
            return HmacSha256.Compute(key, w.ToArray());
        }

        public static byte[] EncodeAuth(byte[] key, string deviceId, byte[] model, uint version)
        {
            byte[] sha = Sha256.Hash(model);
            return new ByteWriter(96).Bytes(ByteWriter.Ascii(Magic)).U32(version).U32((uint)model.Length).Bytes(sha)
                .Bytes(Mac(key, deviceId, model.Length, version, sha)).ToArray();
        }

        /// <summary>
        /// Imports a package if the card holds one: returns the outcome line (also written to
        /// push/result.txt, and the package removed), or null when there is nothing to import.
        /// </summary>
        public string Run(string deviceId, int maxModelBytes)
        {
            if (!_card.IsPresent)
            {
                return null;
            }

            _card.CreateDirectory(Folder);
            _card.WriteAtomic(DeviceIdPath, ByteWriter.Ascii(deviceId));
            if (!_card.Exists(AuthPath) || !_card.Exists(ModelPath))
            {
                return null;
            }

            string outcome;
            try
            {
                outcome = Import(deviceId, maxModelBytes);
            }
            catch (PushProtocolException e)
            {
                outcome = "REFUSED: " + e.Message;
            }

            _card.Delete(ModelPath);
            _card.Delete(AuthPath);
            _card.WriteAtomic(ResultPath, ByteWriter.Ascii(outcome));
            return outcome;
        }

        private string Import(string deviceId, int maxModelBytes)
        {
            byte[] key = _pairing.LoadKey();
            if (key == null)
            {
                throw new PushProtocolException(PushError.NotPaired, "no host is paired");
            }

            byte[] auth = _card.ReadAll(AuthPath);
            var r = new ByteReader(auth, 0, auth.Length);
            byte[] magic = r.Bytes(Magic.Length);
            uint version = r.U32();
            int size = (int)r.U32();
            byte[] sha = r.Bytes(Sha256.HashSize);
            byte[] mac = r.Bytes(HmacSha256.MacSize);
            r.End();
            if (!ConstantTime.Equals(magic, ByteWriter.Ascii(Magic)))
            {
                throw new PushProtocolException(PushError.Malformed, "model.auth is not a DigitLock card package");
            }

            if (!ConstantTime.Equals(Mac(key, deviceId, size, version, sha), mac))
            {
                throw new PushProtocolException(PushError.BadMac, "card package not authenticated (wrong key or tampered)");
            }

            for (int i = 0; i < 2; i++)
            {
                SlotInfo slot = _slots.Record.Slots[i];
                if (slot.Present && version <= slot.Version)
                {
                    throw new PushProtocolException(PushError.BadMac, "card package version " + version + " is not newer than v" + slot.Version + " (replayed?)");
                }
            }

            if (size <= 0 || size > maxModelBytes)
            {
                throw new PushProtocolException(PushError.TooLarge, "model of " + size + " bytes refused: the slot holds " + maxModelBytes);
            }

            byte[] model = _card.ReadAll(ModelPath);
            if (model.Length != size)
            {
                throw new PushProtocolException(PushError.HashMismatch, "model.tflite is " + model.Length + " bytes, the package says " + size);
            }

            string note = _installer.Install(model, version, sha);
            return "INSTALLED V" + version + " IN SLOT " + _slots.ActiveSlot + ": " + note;
        }
    }
}
