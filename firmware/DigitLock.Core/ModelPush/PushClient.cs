using DigitLock.Core.Security;

namespace DigitLock.Core.ModelPush
{
    /// <summary>
    /// The host end: pairs with a device and pushes or rolls back models over an <see cref="IPushLink"/>.
    /// A refusal from the device throws PushProtocolException carrying the device's code and message.
    /// </summary>
    public sealed class PushClient
    {
        /// <summary>Code for "the link closed before a reply".</summary>
        public const int LinkClosed = 100;

        private readonly IPushLink _link;
        private readonly FrameDecoder _decoder = new FrameDecoder();
        private readonly byte[] _buffer = new byte[512];
        private int _have;
        private int _at;

        public PushClient(IPushLink link)
        {
            _link = link;
        }

        public DeviceHello Hello()
        {
            var r = Request(PushMessage.Hello, new byte[] { PushMessage.ProtocolVersion }, PushMessage.HelloReply);
            var hello = new DeviceHello();
            r.U8();
            hello.Paired = r.U8() == 1;
            hello.Nonce = r.Bytes(PushDevice.NonceSize);
            hello.MaxModelBytes = (int)r.U32();
            hello.ChunkSize = r.U16();
            hello.ActiveVersion = r.U32();
            hello.ActiveSlot = r.U8();
            hello.PreviousVersion = r.U32();
            hello.DeviceId = r.Text();
            return hello;
        }

        /// <summary>Pairs using the code the device shows; returns the key to keep for pushes.</summary>
        public byte[] Pair(string code, byte[] hostNonce)
        {
            DeviceHello hello = Hello();
            byte[] codeKey = ByteWriter.Ascii(HostPairing.Normalize(code));
            byte[] proof = HostPairing.Derive(codeKey, PushMessage.PairProofLabel, hello.Nonce, hostNonce);
            var payload = new ByteWriter(48).Bytes(hostNonce).Bytes(proof).ToArray();
            var r = Request(PushMessage.Pair, payload, PushMessage.PairReply);
            byte[] confirmation = r.Bytes(HmacSha256.MacSize);
            byte[] key = HostPairing.Derive(codeKey, PushMessage.PairKeyLabel, hello.Nonce, hostNonce);
            if (!ConstantTime.Equals(HostPairing.Derive(key, PushMessage.PairConfirmLabel, hello.Nonce, hostNonce), confirmation))
            {
                throw new PushProtocolException(PushError.BadMac, "the device's pairing confirmation is wrong: not the device that showed the code");
            }

            return key;
        }

        /// <summary>Pushes <paramref name="model"/>; continues a stored partial upload of the same model.</summary>
        public PushOutcome Push(byte[] key, byte[] model, uint version)
        {
            DeviceHello hello = Hello();
            byte[] sha = Sha256.Hash(model);
            byte[] mac = PushDevice.BeginMac(key, hello.Nonce, (uint)model.Length, version, sha);
            var begin = new ByteWriter(80).U32((uint)model.Length).U32(version).Bytes(sha).Bytes(mac).ToArray();
            var r = Request(PushMessage.Begin, begin, PushMessage.BeginReply);
            int next = (int)r.U32();
            int chunkSize = r.U16();
            var outcome = new PushOutcome();
            outcome.ResumedFromChunk = next;
            int count = (model.Length + chunkSize - 1) / chunkSize;
            while (next < count)
            {
                int length = model.Length - next * chunkSize;
                if (length > chunkSize)
                {
                    length = chunkSize;
                }

                var chunk = new ByteWriter(length + 4).U32((uint)next).Bytes(model, next * chunkSize, length).ToArray();
                var ack = Request(PushMessage.Chunk, chunk, PushMessage.ChunkAck);
                next = (int)ack.U32();
                outcome.ChunksSent++;
            }

            ReadResult(Request(PushMessage.Commit, new byte[0], PushMessage.Result), outcome);
            return outcome;
        }

        public PushOutcome Rollback(byte[] key)
        {
            DeviceHello hello = Hello();
            byte[] mac = PushDevice.RollbackMac(key, hello.Nonce);
            var outcome = new PushOutcome();
            ReadResult(Request(PushMessage.Rollback, mac, PushMessage.Result), outcome);
            return outcome;
        }

        private static void ReadResult(ByteReader r, PushOutcome outcome)
        {
            r.U8();
            outcome.ActiveVersion = r.U32();
            outcome.ActiveSlot = r.U8();
            outcome.Note = r.Text();
        }

        private ByteReader Request(int type, byte[] payload, int replyType)
        {
            byte[] frame = PushFrame.Encode(type, payload);
            _link.Write(frame, 0, frame.Length);
            while (true)
            {
                if (_at == _have)
                {
                    _have = _link.Read(_buffer, 0, _buffer.Length);
                    _at = 0;
                    if (_have <= 0)
                    {
                        _have = 0;
                        throw new PushProtocolException(LinkClosed, "the device closed the link");
                    }
                }

                if (_decoder.Feed(_buffer[_at++]))
                {
                    byte[] reply = _decoder.CopyPayload();
                    var r = new ByteReader(reply, 0, reply.Length);
                    if (_decoder.Type == PushMessage.Error)
                    {
                        int code = r.U8();
                        throw new PushProtocolException(code, r.Text());
                    }

                    if (_decoder.Type != replyType)
                    {
                        throw new PushProtocolException(PushError.Malformed, "unexpected reply type " + _decoder.Type);
                    }

                    return r;
                }
            }
        }
    }
}
