namespace DigitLock.Core.ModelPush
{
    /// <summary>What the push tells the rest of the firmware: log lines (serial console) and model switches.</summary>
    public interface IPushObserver
    {
        void Log(string line);

        /// <summary>A new or previous model now runs; <paramref name="active"/> describes it.</summary>
        void ModelChanged(SlotInfo active);
    }
}
