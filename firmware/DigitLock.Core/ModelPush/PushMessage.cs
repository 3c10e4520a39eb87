namespace DigitLock.Core.ModelPush
{
    /// <summary>Message types; a device reply sets the high bit of the request's type.</summary>
    public static class PushMessage
    {
        public const int ProtocolVersion = 1;

        public const int Hello = 0x01;
        public const int Pair = 0x02;
        public const int Begin = 0x03;
        public const int Chunk = 0x04;
        public const int Commit = 0x05;
        public const int Rollback = 0x06;

        public const int HelloReply = 0x81;
        public const int PairReply = 0x82;
        public const int BeginReply = 0x83;
        public const int ChunkAck = 0x84;
        public const int Result = 0x85;
        public const int Error = 0xFF;

        /// <summary>Every MAC starts with a label naming what it authenticates, so one MAC never passes for another.</summary>
        public const string BeginLabel = "DLPUSH1 BEGIN";
        public const string RollbackLabel = "DLPUSH1 ROLLBACK";
        public const string PairProofLabel = "DLPAIR1 PROOF";
        public const string PairKeyLabel = "DLPAIR1 KEY";
        public const string PairConfirmLabel = "DLPAIR1 OK";
    }
}
