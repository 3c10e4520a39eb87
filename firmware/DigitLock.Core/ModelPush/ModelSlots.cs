using DigitLock.Core.Hardware;
using DigitLock.Core.Security;

namespace DigitLock.Core.ModelPush
{
    /// <summary>
    /// Two model slots plus the record choosing one. A new model is written to the inactive slot
    /// (the previous model lives there until then), verified, and activated by one atomic record
    /// write; the model it replaces stays in its slot for <see cref="Rollback"/>. Boot verifies
    /// the active slot's SHA-256 and falls back to the other slot if it does not match.
    /// </summary>
    public sealed class ModelSlots
    {
        public const string Folder = "model";
        public const string RecordPath = "model/slots.rec";

        private readonly IStorage _storage;
        private SlotRecord _record;

        public ModelSlots(IStorage storage)
        {
            _storage = storage;
            _record = new SlotRecord();
            ActiveSlot = -1;
        }

        /// <summary>The slot running after <see cref="Boot"/> (-1: no valid model).</summary>
        public int ActiveSlot { get; private set; }

        public SlotRecord Record
        {
            get { return _record; }
        }

        /// <summary>The running model's slot info, or null.</summary>
        public SlotInfo Active
        {
            get { return ActiveSlot < 0 ? null : _record.Slots[ActiveSlot]; }
        }

        /// <summary>Why boot chose what it chose ("" normally).</summary>
        public string BootNote { get; private set; }

        public static string SlotPath(int slot)
        {
            return Folder + "/slot" + slot + ".tfl";
        }

        /// <summary>Reads the record and returns the verified bytes of the model to run, or null when none is valid.</summary>
        public byte[] Boot()
        {
            BootNote = "";
            ActiveSlot = -1;
            SlotRecord record = null;
            if (_storage.Exists(RecordPath))
            {
                record = SlotRecord.Decode(_storage.ReadAll(RecordPath));
                if (record == null)
                {
                    BootNote = "SLOT RECORD DAMAGED";
                }
            }

            _record = record == null ? new SlotRecord() : record;
            if (_record.Active == SlotRecord.NoSlot)
            {
                return null;
            }

            byte[] model = ReadVerified(_record.Active);
            if (model != null)
            {
                ActiveSlot = _record.Active;
                return model;
            }

            int other = 1 - _record.Active;
            model = ReadVerified(other);
            if (model != null)
            {
                ActiveSlot = other;
                BootNote = "ACTIVE SLOT DAMAGED - RUNNING PREVIOUS MODEL";
                return model;
            }

            BootNote = "NO VALID MODEL";
            return null;
        }

        /// <summary>
        /// Writes <paramref name="model"/> to the slot not running, then switches to it with one
        /// record write. The caller has checked its hash and self-test.
        /// </summary>
        public void Install(byte[] model, uint version, byte[] sha256, string note)
        {
            int target = ActiveSlot == 0 ? 1 : 0;
            _storage.CreateDirectory(Folder);
            _storage.WriteAtomic(SlotPath(target), model);
            var next = new SlotRecord();
            next.Active = target;
            for (int i = 0; i < 2; i++)
            {
                SlotInfo keep = _record.Slots[i];
                // The slot being replaced no longer holds what the old record said.
                if (i == target || i != ActiveSlot)
                {
                    continue;
                }

                next.Slots[i] = keep;
            }

            SlotInfo info = next.Slots[target];
            info.Present = true;
            info.Version = version;
            info.Size = model.Length;
            info.Sha256 = sha256;
            info.Note = note;
            _storage.WriteAtomic(RecordPath, next.Encode());
            _record = next;
            ActiveSlot = target;
        }

        /// <summary>The verified bytes of the model <see cref="Rollback"/> would go back to, or null.</summary>
        public byte[] Previous()
        {
            return ActiveSlot < 0 ? null : ReadVerified(1 - ActiveSlot);
        }

        /// <summary>Switches to the previous model with one record write; false (nothing written) if there is none.</summary>
        public bool Rollback()
        {
            if (Previous() == null)
            {
                return false;
            }

            int other = 1 - ActiveSlot;
            var next = new SlotRecord();
            next.Active = other;
            next.Slots[0] = _record.Slots[0];
            next.Slots[1] = _record.Slots[1];
            _storage.WriteAtomic(RecordPath, next.Encode());
            _record = next;
            ActiveSlot = other;
            return true;
        }

        private byte[] ReadVerified(int slot)
        {
            SlotInfo info = _record.Slots[slot];
            string path = SlotPath(slot);
            if (!info.Present || info.Sha256 == null || !_storage.Exists(path))
            {
                return null;
            }

            byte[] model = _storage.ReadAll(path);
            if (model.Length != info.Size || !ConstantTime.Equals(Sha256.Hash(model), info.Sha256))
            {
                return null;
            }

            return model;
        }
    }
}
