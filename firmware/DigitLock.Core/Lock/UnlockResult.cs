namespace DigitLock.Core.Lock
{
    public enum UnlockResult
    {
        Opened = 0,
        WrongPin = 1,
        /// <summary>Wrong, and this failure started a lockout.</summary>
        WrongPinLockedOut = 2,
        /// <summary>Refused without checking: a lockout is running.</summary>
        LockedOut = 3,
        /// <summary>Refused: no PIN set, or the PIN record is damaged.</summary>
        NotAvailable = 4
    }
}
