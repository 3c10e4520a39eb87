using System;
using DigitLock.Core.Hardware;

namespace DigitLock.Core.Lock
{
    /// <summary>
    /// The last <see cref="Capacity"/> lock events, kept on the configuration storage so the
    /// owner can see what happened while they were away (including across power cuts).
    /// Record: "DLEV", version 1, boot number (uint16), count, then per event kind (1 byte),
    /// boot (uint16), seconds since boot (uint32), oldest first. Little-endian.
    /// </summary>
    public sealed class EventLog
    {
        public const string Path = "lock/events.bin";
        public const int Capacity = 32;

        private const byte FormatVersion = 1;
        private const int HeaderSize = 8;
        private const int EntrySize = 7;

        private readonly IStorage _storage;
        private readonly IClock _clock;
        private readonly long _bootStartMs;
        private readonly LockEvent[] _events = new LockEvent[Capacity];
        private int _count;

        /// <summary>Loads the log and records a new boot.</summary>
        public EventLog(IStorage storage, IClock clock)
        {
            if (storage == null)
            {
                throw new ArgumentNullException("storage");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            _storage = storage;
            _clock = clock;
            _bootStartMs = clock.NowMs;
            int previousBoot = Load();
            BootNumber = (previousBoot + 1) & 0xFFFF;
            Add(LockEventKind.Boot);
        }

        public int BootNumber { get; private set; }

        public int Count
        {
            get { return _count; }
        }

        /// <summary>Event <paramref name="index"/>, 0 = most recent.</summary>
        public LockEvent GetRecent(int index)
        {
            return _events[_count - 1 - index];
        }

        /// <summary>Records an event; a storage failure keeps it in memory only (the log must never stop the lock).</summary>
        public void Add(LockEventKind kind)
        {
            if (_count == Capacity)
            {
                Array.Copy(_events, 1, _events, 0, Capacity - 1);
                _count--;
            }

            long seconds = (_clock.NowMs - _bootStartMs) / 1000;
            _events[_count++] = new LockEvent(kind, BootNumber, (int)seconds);
            try
            {
                _storage.CreateDirectory("lock");
                _storage.WriteAtomic(Path, ToBytes());
            }
            catch (StorageException)
            {
            }
        }

        private byte[] ToBytes()
        {
            var data = new byte[HeaderSize + _count * EntrySize];
            data[0] = (byte)'D';
            data[1] = (byte)'L';
            data[2] = (byte)'E';
            data[3] = (byte)'V';
            data[4] = FormatVersion;
            data[5] = (byte)BootNumber;
            data[6] = (byte)(BootNumber >> 8);
            data[7] = (byte)_count;
            for (int i = 0; i < _count; i++)
            {
                int o = HeaderSize + i * EntrySize;
                data[o] = (byte)_events[i].Kind;
                data[o + 1] = (byte)_events[i].Boot;
                data[o + 2] = (byte)(_events[i].Boot >> 8);
                Security.PinHash.WriteUInt32(data, o + 3, (uint)_events[i].SecondsSinceBoot);
            }

            return data;
        }

        /// <returns>The boot number stored, 0 when there is no readable log.</returns>
        private int Load()
        {
            byte[] data;
            try
            {
                if (!_storage.Exists(Path))
                {
                    return 0;
                }

                data = _storage.ReadAll(Path);
            }
            catch (StorageException)
            {
                return 0;
            }

            if (data.Length < HeaderSize || data[0] != (byte)'D' || data[1] != (byte)'L' || data[2] != (byte)'E'
                || data[3] != (byte)'V' || data[4] != FormatVersion)
            {
                return 0;
            }

            int count = data[7];
            if (count > Capacity || data.Length != HeaderSize + count * EntrySize)
            {
                return 0;
            }

            for (int i = 0; i < count; i++)
            {
                int o = HeaderSize + i * EntrySize;
                int boot = data[o + 1] | (data[o + 2] << 8);
                uint seconds = Security.PinHash.ReadUInt32(data, o + 3);
                _events[i] = new LockEvent((LockEventKind)data[o], boot, (int)(seconds & 0x7FFFFFFF));
            }

            _count = count;
            return data[5] | (data[6] << 8);
        }
    }
}
