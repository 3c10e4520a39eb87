namespace DigitLock.Core.Lock
{
    /// <summary>What the recent-events log records. Never a digit of any PIN.</summary>
    public enum LockEventKind
    {
        Boot = 1,
        PinSet = 2,
        Unlocked = 3,
        WrongPin = 4,
        LockedOut = 5,
        Relocked = 6,
        SettingsChanged = 7,
        StorageFault = 8
    }
}
