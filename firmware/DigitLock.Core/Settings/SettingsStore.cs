using System;
using DigitLock.Core.Hardware;

namespace DigitLock.Core.Settings
{
    /// <summary>
    /// Persists <see cref="LockSettings"/> as a small versioned record:
    /// "DLST", version (1), then one byte each: threshold, margin, unlock seconds, new PIN length.
    /// </summary>
    public sealed class SettingsStore
    {
        public const string Path = "lock/settings.bin";

        private const byte FormatVersion = 1;
        private const int RecordSize = 9;

        private readonly IStorage _storage;

        public SettingsStore(IStorage storage)
        {
            if (storage == null)
            {
                throw new ArgumentNullException("storage");
            }

            _storage = storage;
        }

        /// <summary>
        /// The saved settings; defaults when none were saved or the record is unreadable, because
        /// every setting has a safe default (unlike the PIN).
        /// </summary>
        public LockSettings Load()
        {
            var settings = new LockSettings();
            try
            {
                if (!_storage.Exists(Path))
                {
                    return settings;
                }

                byte[] data = _storage.ReadAll(Path);
                if (data.Length != RecordSize || data[0] != (byte)'D' || data[1] != (byte)'L' || data[2] != (byte)'S'
                    || data[3] != (byte)'T' || data[4] != FormatVersion)
                {
                    return settings;
                }

                settings.ConfidenceThreshold = data[5];
                settings.ConfidenceMargin = data[6];
                settings.UnlockSeconds = data[7];
                settings.NewPinLength = data[8];
                return settings;
            }
            catch (ArgumentOutOfRangeException)
            {
                return new LockSettings();
            }
            catch (StorageException)
            {
                return new LockSettings();
            }
        }

        public void Save(LockSettings settings)
        {
            var data = new byte[RecordSize];
            data[0] = (byte)'D';
            data[1] = (byte)'L';
            data[2] = (byte)'S';
            data[3] = (byte)'T';
            data[4] = FormatVersion;
            data[5] = (byte)settings.ConfidenceThreshold;
            data[6] = (byte)settings.ConfidenceMargin;
            data[7] = (byte)settings.UnlockSeconds;
            data[8] = (byte)settings.NewPinLength;
            _storage.CreateDirectory("lock");
            _storage.WriteAtomic(Path, data);
        }
    }
}
