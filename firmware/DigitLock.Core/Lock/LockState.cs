namespace DigitLock.Core.Lock
{
    public enum LockState
    {
        /// <summary>No PIN yet: first boot, the set-up screen chooses one.</summary>
        NeedsSetup = 0,
        Locked = 1,
        /// <summary>Too many wrong PINs: input refused until the lockout has been served.</summary>
        LockedOut = 2,
        Unlocked = 3,
        /// <summary>The PIN record is unreadable: the lock stays shut and says so.</summary>
        Faulted = 4
    }
}
