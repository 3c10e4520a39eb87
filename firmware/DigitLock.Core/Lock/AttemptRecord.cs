using System;
using DigitLock.Core.Hardware;

namespace DigitLock.Core.Lock
{
    /// <summary>
    /// Consecutive failed attempts and the lockout time still to serve, on the configuration
    /// storage so that cutting the power neither resets the counter nor ends a lockout.
    /// The clock restarts at every boot, so the record holds the time remaining, not a deadline.
    /// Record: "DLAT", version 1, failures (uint16), reserved, remaining lockout ms (uint32). Little-endian.
    /// </summary>
    public sealed class AttemptRecord
    {
        public const string Path = "lock/attempts.bin";

        private const byte FormatVersion = 1;
        private const int RecordSize = 12;

        private readonly IStorage _storage;

        public AttemptRecord(IStorage storage)
        {
            if (storage == null)
            {
                throw new ArgumentNullException("storage");
            }

            _storage = storage;
        }

        public int Failures { get; private set; }

        public long RemainingLockoutMs { get; private set; }

        /// <summary>
        /// Reads the record. An unreadable or damaged record is treated as the worst case the
        /// policy allows (a full lockout), never as "no failures".
        /// </summary>
        public void Load(LockoutPolicy policy)
        {
            Failures = 0;
            RemainingLockoutMs = 0;
            byte[] data;
            try
            {
                if (!_storage.Exists(Path))
                {
                    return;
                }

                data = _storage.ReadAll(Path);
            }
            catch (StorageException)
            {
                Failures = policy.FreeAttempts;
                RemainingLockoutMs = policy.LockoutMsAfter(Failures);
                return;
            }

            if (data.Length != RecordSize || data[0] != (byte)'D' || data[1] != (byte)'L' || data[2] != (byte)'A'
                || data[3] != (byte)'T' || data[4] != FormatVersion)
            {
                Failures = policy.FreeAttempts;
                RemainingLockoutMs = policy.LockoutMsAfter(Failures);
                return;
            }

            Failures = data[6] | (data[7] << 8);
            long remaining = Security.PinHash.ReadUInt32(data, 8);
            RemainingLockoutMs = remaining < policy.CapMs ? remaining : policy.CapMs;
        }

        /// <summary>Writes the record; false (and the state kept in memory) when storage failed.</summary>
        public bool Save(int failures, long remainingLockoutMs)
        {
            Failures = failures;
            RemainingLockoutMs = remainingLockoutMs;
            var data = new byte[RecordSize];
            data[0] = (byte)'D';
            data[1] = (byte)'L';
            data[2] = (byte)'A';
            data[3] = (byte)'T';
            data[4] = FormatVersion;
            int storedFailures = failures > 0xFFFF ? 0xFFFF : failures;
            data[6] = (byte)storedFailures;
            data[7] = (byte)(storedFailures >> 8);
            Security.PinHash.WriteUInt32(data, 8, (uint)remainingLockoutMs);
            try
            {
                _storage.CreateDirectory("lock");
                _storage.WriteAtomic(Path, data);
                return true;
            }
            catch (StorageException)
            {
                return false;
            }
        }
    }
}
