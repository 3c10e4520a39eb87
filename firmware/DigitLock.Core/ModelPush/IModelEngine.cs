namespace DigitLock.Core.ModelPush
{
    /// <summary>The inference engine as the push needs it: native interop on the board, P/Invoke in the simulator.</summary>
    public interface IModelEngine
    {
        /// <summary>Prepares <paramref name="model"/>; null with <paramref name="reason"/> set when the engine rejects it.</summary>
        ILoadedModel Prepare(byte[] model, out string reason);
    }
}
