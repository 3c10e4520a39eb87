namespace DigitLock.Core.ModelPush
{
    /// <summary>Runs the device end over one link until it closes: bytes in, frames to the device, replies out.</summary>
    public sealed class PushServer
    {
        private readonly PushDevice _device;
        private readonly FrameDecoder _decoder = new FrameDecoder();

        public PushServer(PushDevice device)
        {
            _device = device;
        }

        /// <summary>Feeds received bytes; returns the replies to send (concatenated), or null.</summary>
        public byte[] Receive(byte[] data, int offset, int count)
        {
            var replies = new ByteWriter(16);
            for (int i = 0; i < count; i++)
            {
                if (_decoder.Feed(data[offset + i]))
                {
                    replies.Bytes(_device.Handle(_decoder.Type, _decoder.CopyPayload()));
                }
            }

            return replies.Length == 0 ? null : replies.ToArray();
        }

        public void Serve(IPushLink link)
        {
            var buffer = new byte[512];
            while (true)
            {
                int n = link.Read(buffer, 0, buffer.Length);
                if (n <= 0)
                {
                    return;
                }

                byte[] replies = Receive(buffer, 0, n);
                if (replies != null)
                {
                    link.Write(replies, 0, replies.Length);
                }
            }
        }
    }
}
