namespace DigitLock.Core.Lock
{
    /// <summary>One log entry. There is no wall clock on the boards, so time is boot number plus seconds since that boot.</summary>
    public struct LockEvent
    {
        public readonly LockEventKind Kind;
        public readonly int Boot;
        public readonly int SecondsSinceBoot;

        public LockEvent(LockEventKind kind, int boot, int secondsSinceBoot)
        {
            Kind = kind;
            Boot = boot;
            SecondsSinceBoot = secondsSinceBoot;
        }

        public static string Describe(LockEventKind kind)
        {
            switch (kind)
            {
                case LockEventKind.Boot: return "POWER ON";
                case LockEventKind.PinSet: return "PIN SET";
                case LockEventKind.Unlocked: return "UNLOCKED";
                case LockEventKind.WrongPin: return "WRONG PIN";
                case LockEventKind.LockedOut: return "LOCKED OUT";
                case LockEventKind.Relocked: return "RELOCKED";
                case LockEventKind.SettingsChanged: return "SETTINGS CHANGED";
                case LockEventKind.StorageFault: return "STORAGE FAULT";
                default: return "EVENT " + (int)kind;
            }
        }
    }
}
