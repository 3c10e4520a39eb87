using DigitLock.Core.Hardware;

namespace DigitLock.Core.Tests.LockFakes;

public sealed class FakeLockOutput : ILockOutput
{
    public bool IsUnlocked { get; private set; }

    public int UnlockCount { get; private set; }

    public void SetUnlocked(bool unlocked)
    {
        if (unlocked && !IsUnlocked)
        {
            UnlockCount++;
        }

        IsUnlocked = unlocked;
    }
}
