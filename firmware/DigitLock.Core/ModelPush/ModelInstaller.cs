using DigitLock.Core.Hardware;
using DigitLock.Core.Security;

namespace DigitLock.Core.ModelPush
{
    /// <summary>
    /// The one way a new model becomes active, whatever brought it (push link or SD card): its bytes
    /// must match the authenticated SHA-256, the engine must prepare it, its self-test must not fail;
    /// then it goes to the inactive slot and the slot record switches (ModelSlots.Install).
    /// </summary>
    public sealed class ModelInstaller
    {
        private readonly ModelSlots _slots;
        private readonly IModelEngine _engine;
        private readonly ActiveModel _active;

        public ModelInstaller(ModelSlots slots, IModelEngine engine, ActiveModel active)
        {
            _slots = slots;
            _engine = engine;
            _active = active;
        }

        /// <summary>Installs and runs the model; returns the self-test note. Refusals throw PushProtocolException with nothing changed.</summary>
        public string Install(byte[] model, uint version, byte[] sha256)
        {
            if (!ConstantTime.Equals(Sha256.Hash(model), sha256))
            {
                throw new PushProtocolException(PushError.HashMismatch, "model bytes do not match the authenticated SHA-256");
            }

            string reason;
            ILoadedModel loaded = _engine.Prepare(model, out reason);
            if (loaded == null)
            {
                throw new PushProtocolException(PushError.ModelRejected, "engine rejects the model: " + reason);
            }

            string note;
            if (ModelSelfTest.Run(loaded, out note) == ModelSelfTest.Failed)
            {
                loaded.Release();
                throw new PushProtocolException(PushError.SelfTestFailed, note);
            }

            try
            {
                _slots.Install(model, version, sha256, note);
            }
            catch (StorageException)
            {
                loaded.Release();
                throw;
            }

            _active.Use(loaded);
            return note;
        }
    }
}
