namespace DigitLock.Core.ModelPush
{
    /// <summary>The device's answer to HELLO, as the host sees it.</summary>
    public sealed class DeviceHello
    {
        public bool Paired { get; set; }

        public byte[] Nonce { get; set; }

        public int MaxModelBytes { get; set; }

        public int ChunkSize { get; set; }

        public uint ActiveVersion { get; set; }

        /// <summary>0 or 1; 0xFF when no model runs.</summary>
        public int ActiveSlot { get; set; }

        public uint PreviousVersion { get; set; }

        public string DeviceId { get; set; }
    }
}
