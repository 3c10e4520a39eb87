using System;
using DigitLock.Core.Hardware;

namespace DigitLock.Core.Security
{
    /// <summary>Keeps the one <see cref="PinHash"/> on the configuration storage.</summary>
    public sealed class PinHashStore
    {
        public const string Path = "lock/pin.bin";

        private readonly IStorage _storage;

        public PinHashStore(IStorage storage)
        {
            if (storage == null)
            {
                throw new ArgumentNullException("storage");
            }

            _storage = storage;
        }

        /// <summary>The stored hash, or null when no PIN has been set yet (first boot).</summary>
        public PinHash Load()
        {
            if (!_storage.Exists(Path))
            {
                return null;
            }

            try
            {
                return PinHash.FromBytes(_storage.ReadAll(Path));
            }
            catch (FormatException e)
            {
                // A corrupt record must not silently become "no PIN" (which would open set-up
                // to anyone); it is reported so the caller can refuse to unlock.
                throw new StorageException(Path + ": " + e.Message, e);
            }
        }

        public void Save(PinHash hash)
        {
            if (hash == null)
            {
                throw new ArgumentNullException("hash");
            }

            _storage.CreateDirectory("lock");
            _storage.WriteAtomic(Path, hash.ToBytes());
        }
    }
}
