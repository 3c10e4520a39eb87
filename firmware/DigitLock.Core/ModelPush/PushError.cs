namespace DigitLock.Core.ModelPush
{
    /// <summary>Error codes of the ERROR message (docs/push-protocol.md).</summary>
    public static class PushError
    {
        public const int Malformed = 1;
        public const int BadState = 2;
        public const int NotPaired = 3;
        public const int BadMac = 4;
        public const int TooLarge = 5;
        public const int BadChunk = 6;
        public const int HashMismatch = 7;
        public const int ModelRejected = 8;
        public const int SelfTestFailed = 9;
        public const int Storage = 10;
        public const int NoPrevious = 11;
        public const int PairingClosed = 12;
        public const int UnsupportedVersion = 13;
        public const int Internal = 14;
    }
}
