namespace DigitLock.Core.Hardware
{
    /// <summary>
    /// Recognizes one digit from the 28x28 image the device preprocessing produced. On the
    /// board this is the native C engine through interop; in the simulator the same C engine
    /// through P/Invoke; a managed fallback runs on stock firmware.
    /// </summary>
    public interface IDigitClassifier
    {
        /// <summary>
        /// Fills <paramref name="scores"/> (10 entries, one per digit, 0..255 where 255 is
        /// certain) and returns the most likely digit. Allocates nothing. Returns -1 (scores all
        /// 0) when no model is installed: the app then refuses to read digits.
        /// </summary>
        int Classify(byte[] image28x28, byte[] scores);
    }
}
