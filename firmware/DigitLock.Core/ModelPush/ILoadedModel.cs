using DigitLock.Core.Hardware;

namespace DigitLock.Core.ModelPush
{
    /// <summary>A model prepared by the inference engine: classifies, and exposes its metadata entries.</summary>
    public interface ILoadedModel : IDigitClassifier
    {
        /// <summary>The named TFLite metadata entry's bytes, or null.</summary>
        byte[] Metadata(string name);

        /// <summary>Frees the engine's copy (the arena is scarce on the board).</summary>
        void Release();
    }
}
