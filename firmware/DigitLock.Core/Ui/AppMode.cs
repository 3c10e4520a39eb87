namespace DigitLock.Core.Ui
{
    /// <summary>Which screen the app shows.</summary>
    public enum AppMode
    {
        /// <summary>Choosing a PIN: first boot, or "change PIN" from the admin menu.</summary>
        Setup = 0,

        /// <summary>Writing the new PIN a second time.</summary>
        ConfirmPin = 1,
        Lock = 2,
        Lockout = 3,
        Unlocked = 4,
        Admin = 5,
        ModelInfo = 6,
        Events = 7,
        Gathering = 8,

        /// <summary>The PIN record is unreadable; the lock stays shut.</summary>
        Fault = 9
    }
}
