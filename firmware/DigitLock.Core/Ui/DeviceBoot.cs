using System;
using System.Collections;
using DigitLock.Core.Hardware;
using DigitLock.Core.ModelPush;

namespace DigitLock.Core.Ui
{
    /// <summary>
    /// Power-on composition shared by every board: picks the model from the two slots on config
    /// storage, lets the board's engine prepare it, and builds the app around it. A file the
    /// engine refuses is rolled back to the other slot; with no usable model the app still runs
    /// and says it cannot read digits instead of guessing.
    /// </summary>
    public sealed class DeviceBoot
    {
        private readonly ArrayList _log = new ArrayList();

        public DeviceBoot()
        {
            ModelInfo = new string[0];
        }

        /// <summary>The classifier handed to the app (answers -1 when no model runs).</summary>
        public IDigitClassifier Classifier { get; private set; }

        public bool HasModel { get; private set; }

        public ModelSlots Slots { get; private set; }

        /// <summary>Lines for the admin model-info screen.</summary>
        public string[] ModelInfo { get; private set; }

        /// <summary>What boot decided, one line each, for the serial log.</summary>
        public string[] Log
        {
            get
            {
                var lines = new string[_log.Count];
                for (int i = 0; i < lines.Length; i++)
                {
                    lines[i] = (string)_log[i];
                }

                return lines;
            }
        }

        /// <summary>Loads the model into <paramref name="parts"/> (Classifier, ModelInfo) and builds the app.</summary>
        public DigitLockApp Start(DigitLockParts parts, IClassifierFactory factory)
        {
            LoadModel(parts.Config, factory);
            parts.Classifier = Classifier;
            parts.ModelInfo = ModelInfo;
            return new DigitLockApp(parts);
        }

        /// <summary>Chooses and prepares the model; never throws for a bad or missing model.</summary>
        public void LoadModel(IStorage config, IClassifierFactory factory)
        {
            _log.Clear();
            Slots = new ModelSlots(config);
            Classifier = null;
            HasModel = false;
            string refused = "";
            byte[] model = BootSlots();

            // Two slots: at most one rollback can bring a different file.
            for (int attempt = 0; attempt < 2 && model != null; attempt++)
            {
                try
                {
                    Classifier = factory.Create(model);
                    HasModel = true;
                    break;
                }
                catch (Exception e)
                {
                    refused = "MODEL IN SLOT " + Slots.ActiveSlot + " REFUSED";
                    Note("model: slot " + Slots.ActiveSlot + " refused by the engine: " + e.Message);
                    model = null;
                    if (attempt == 0 && Slots.Rollback())
                    {
                        Note("model: rolled back to the previous slot");
                        model = BootSlots();
                    }
                }
            }

            if (HasModel)
            {
                SlotInfo active = Slots.Active;
                Note("model: v" + active.Version + " from slot " + Slots.ActiveSlot + ", " + active.Size + " bytes");
                string note = refused.Length > 0 ? refused : Slots.BootNote;
                ModelInfo = note.Length > 0
                    ? new string[] { "MODEL VERSION " + active.Version, "SLOT " + Slots.ActiveSlot, note }
                    : new string[] { "MODEL VERSION " + active.Version, "SLOT " + Slots.ActiveSlot };
                return;
            }

            Note("model: NONE - digits cannot be read until a model is installed");
            Classifier = new ActiveModel();
            ModelInfo = refused.Length > 0
                ? new string[] { "NO MODEL INSTALLED", "DIGITS CANNOT BE READ", refused }
                : new string[] { "NO MODEL INSTALLED", "DIGITS CANNOT BE READ" };
        }

        private byte[] BootSlots()
        {
            byte[] model;
            try
            {
                model = Slots.Boot();
            }
            catch (StorageException e)
            {
                Note("model: config storage unreadable: " + e.Message);
                return null;
            }

            if (Slots.BootNote.Length > 0)
            {
                Note("model: " + Slots.BootNote);
            }

            return model;
        }

        private void Note(string line)
        {
            _log.Add(line);
        }
    }
}
