namespace DigitLock.Core.Hardware
{
    /// <summary>The actuator: a GPIO driving the lock's relay or solenoid (an LED in the simulator).</summary>
    public interface ILockOutput
    {
        bool IsUnlocked { get; }

        void SetUnlocked(bool unlocked);
    }
}
