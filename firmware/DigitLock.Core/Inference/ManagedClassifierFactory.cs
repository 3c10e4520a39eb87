using DigitLock.Core.Hardware;
using DigitLock.Core.Ui;

namespace DigitLock.Core.Inference
{
    /// <summary>Boot-time classifier for stock nanoFramework images: the managed int8 engine.</summary>
    public sealed class ManagedClassifierFactory : IClassifierFactory
    {
        public IDigitClassifier Create(byte[] model)
        {
            return new ManagedDigitClassifier(model);
        }
    }
}
