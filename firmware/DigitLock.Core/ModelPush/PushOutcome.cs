namespace DigitLock.Core.ModelPush
{
    /// <summary>A successful push or rollback: what runs now.</summary>
    public sealed class PushOutcome
    {
        public uint ActiveVersion { get; set; }

        public int ActiveSlot { get; set; }

        /// <summary>Self-test note (or "ROLLED BACK").</summary>
        public string Note { get; set; }

        /// <summary>Chunks sent in this call (fewer than the model's when a stored upload resumed).</summary>
        public int ChunksSent { get; set; }

        public int ResumedFromChunk { get; set; }
    }
}
