namespace DigitLock.Core.ModelPush
{
    /// <summary>What one model slot should hold: checked against the slot file at boot.</summary>
    public sealed class SlotInfo
    {
        public bool Present { get; set; }

        public uint Version { get; set; }

        public int Size { get; set; }

        public byte[] Sha256 { get; set; }

        /// <summary>How the install's self-test went (a note for the model-info screen).</summary>
        public string Note { get; set; }
    }
}
