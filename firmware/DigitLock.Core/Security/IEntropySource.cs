namespace DigitLock.Core.Security
{
    /// <summary>
    /// Unpredictable bytes for salts. The boards should bind their hardware generator
    /// (RT1060 TRNG, ESP32 RNG); <see cref="RandomEntropySource"/> is the portable fallback.
    /// </summary>
    public interface IEntropySource
    {
        void Fill(byte[] buffer);
    }
}
