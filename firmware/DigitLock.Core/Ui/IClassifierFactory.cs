using DigitLock.Core.Hardware;

namespace DigitLock.Core.Ui
{
    /// <summary>
    /// Turns model bytes into the board's classifier (managed engine on a stock image, native
    /// interop on a custom nanoCLR). Throws, with a message naming the problem, when the engine
    /// refuses the file.
    /// </summary>
    public interface IClassifierFactory
    {
        IDigitClassifier Create(byte[] model);
    }
}
