namespace DigitLock.Core.Ui
{
    /// <summary>What a button does; the app dispatches on these.</summary>
    public static class ButtonId
    {
        public const int Clear = 1;
        public const int Back = 2;
        public const int Ok = 3;
        public const int Length = 4;
        public const int Cancel = 5;
        public const int LockNow = 6;
        public const int Admin = 7;
        public const int ChangePin = 8;
        public const int Gather = 9;
        public const int Model = 10;
        public const int Events = 11;
        public const int Exit = 12;
        public const int Undo = 13;
        public const int Submit = 14;
        public const int Retry = 15;
        public const int PairHost = 16;
        public const int ThresholdDown = 20;
        public const int ThresholdUp = 21;
        public const int MarginDown = 22;
        public const int MarginUp = 23;
        public const int UnlockDown = 24;
        public const int UnlockUp = 25;
        public const int LengthDown = 26;
        public const int LengthUp = 27;
    }
}
