using DigitLock.Core.Hardware;
using DigitLock.Core.Ui;

namespace DigitLock.Board
{
    /// <summary>Boot-time classifier on the custom nanoCLR: the C engine through native interop.</summary>
    public sealed class NativeClassifierFactory : IClassifierFactory
    {
        public IDigitClassifier Create(byte[] model)
        {
            return new NativeDigitClassifier(model);
        }
    }
}
