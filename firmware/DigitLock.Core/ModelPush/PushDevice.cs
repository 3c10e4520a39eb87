using System;
using DigitLock.Core.Hardware;
using DigitLock.Core.Security;

namespace DigitLock.Core.ModelPush
{
    /// <summary>
    /// The device end of the model push (docs/push-protocol.md): answers one request frame with
    /// one reply frame. A push must be authenticated with the paired host's key over this
    /// session's fresh nonce (a recorded push fails on the next session), the model's bytes are
    /// bound to it by their SHA-256, and only a complete, verified, self-tested model is switched
    /// to. Every failure becomes an ERROR reply; nothing a host sends can throw out of
    /// <see cref="Handle"/> or change the running model without the key.
    /// </summary>
    public sealed class PushDevice
    {
        public const int NonceSize = 16;

        private readonly ModelSlots _slots;
        private readonly ModelUpload _upload;
        private readonly HostPairing _pairing;
        private readonly IEntropySource _entropy;
        private readonly IModelEngine _engine;
        private readonly ActiveModel _active;
        private readonly ModelInstaller _installer;
        private readonly IPushObserver _observer;
        private readonly object _sync = new object();
        private byte[] _nonce;
        private bool _uploading;

        public PushDevice(ModelSlots slots, IStorage flash, HostPairing pairing, IEntropySource entropy, IModelEngine engine,
            ActiveModel active, IPushObserver observer)
        {
            _slots = slots;
            _upload = new ModelUpload(flash);
            _pairing = pairing;
            _entropy = entropy;
            _engine = engine;
            _active = active;
            _observer = observer;
            _installer = new ModelInstaller(slots, engine, active);
            DeviceId = "digitlock";
            MaxModelBytes = 512 * 1024;
        }

        public string DeviceId { get; set; }

        /// <summary>Largest model accepted: the slot size the board reserved.</summary>
        public int MaxModelBytes { get; set; }

        /// <summary>Exceptions that were neither a refused message nor a storage failure: bugs (the fuzz test wants 0).</summary>
        public int InternalErrors { get; private set; }

        /// <summary>Handles one frame and returns the encoded reply frame.</summary>
        public byte[] Handle(int type, byte[] payload)
        {
            lock (_sync)
            {
                try
                {
                    return Dispatch(type, payload);
                }
                catch (PushProtocolException e)
                {
                    Log("push refused: " + e.Message);
                    return ErrorFrame(e.Code, e.Message);
                }
                catch (StorageException e)
                {
                    _uploading = false;
                    Log("push storage failure: " + e.Message);
                    return ErrorFrame(PushError.Storage, "storage failed: " + e.Message);
                }
                catch (Exception e)
                {
                    InternalErrors++;
                    _uploading = false;
                    Log("push internal error: " + e.Message);
                    return ErrorFrame(PushError.Internal, "internal error");
                }
            }
        }

        private byte[] Dispatch(int type, byte[] payload)
        {
            var r = new ByteReader(payload, 0, payload.Length);
            switch (type)
            {
                case PushMessage.Hello:
                    return Hello(r);
                case PushMessage.Pair:
                    return Pair(r);
                case PushMessage.Begin:
                    return Begin(r);
                case PushMessage.Chunk:
                    return Chunk(r);
                case PushMessage.Commit:
                    r.End();
                    return Commit();
                case PushMessage.Rollback:
                    return Rollback(r);
                default:
                    throw new PushProtocolException(PushError.Malformed, "unknown message type " + type);
            }
        }

        private byte[] Hello(ByteReader r)
        {
            int version = r.U8();
            r.End();
            if (version != PushMessage.ProtocolVersion)
            {
                throw new PushProtocolException(PushError.UnsupportedVersion, "protocol version " + version + " unsupported (device speaks 1)");
            }

            _nonce = new byte[NonceSize];
            _entropy.Fill(_nonce);
            _uploading = false;
            SlotInfo active = _slots.Active;
            int previous = _slots.ActiveSlot < 0 ? -1 : 1 - _slots.ActiveSlot;
            SlotInfo prev = previous < 0 ? null : _slots.Record.Slots[previous];
            var w = new ByteWriter(64);
            w.U8(PushMessage.ProtocolVersion).U8(_pairing.IsPaired ? 1 : 0).Bytes(_nonce).U32((uint)MaxModelBytes)
                .U16(ModelUpload.ChunkSize).U32(active == null ? 0 : active.Version).U8(_slots.ActiveSlot < 0 ? 0xFF : _slots.ActiveSlot)
                .U32(prev != null && prev.Present ? prev.Version : 0).Text(DeviceId);
            return PushFrame.Encode(PushMessage.HelloReply, w.ToArray());
        }

        private byte[] Pair(ByteReader r)
        {
            byte[] hostNonce = r.Bytes(NonceSize);
            byte[] proof = r.Bytes(HmacSha256.MacSize);
            r.End();
            byte[] nonce = TakeNonce();
            var confirmation = new byte[HmacSha256.MacSize];
            _pairing.Accept(nonce, hostNonce, proof, confirmation);
            Log("push: host paired");
            return PushFrame.Encode(PushMessage.PairReply, confirmation);
        }

        private byte[] Begin(ByteReader r)
        {
            int size = (int)r.U32();
            uint version = r.U32();
            byte[] sha = r.Bytes(Sha256.HashSize);
            byte[] mac = r.Bytes(HmacSha256.MacSize);
            r.End();
            byte[] nonce = TakeNonce();
            byte[] key = PairedKey();
            if (!ConstantTime.Equals(BeginMac(key, nonce, (uint)size, version, sha), mac))
            {
                throw new PushProtocolException(PushError.BadMac, "push not authenticated (wrong key, tampered or replayed)");
            }

            // Checked before any byte is written: a model that cannot fit must not evict anything.
            if (size <= 0 || size > MaxModelBytes)
            {
                throw new PushProtocolException(PushError.TooLarge, "model of " + size + " bytes refused: the slot holds " + MaxModelBytes);
            }

            _upload.Start(size, version, sha);
            _uploading = true;
            Log("push: receiving model v" + version + ", " + size + " bytes, from chunk " + _upload.NextChunk + " of " + _upload.ChunkCount);
            var w = new ByteWriter(8).U32((uint)_upload.NextChunk).U16(ModelUpload.ChunkSize);
            return PushFrame.Encode(PushMessage.BeginReply, w.ToArray());
        }

        private byte[] Chunk(ByteReader r)
        {
            int index = (int)r.U32();
            RequireUpload();
            if (index < 0 || index >= _upload.ChunkCount)
            {
                throw new PushProtocolException(PushError.BadChunk, "chunk " + index + " outside the model");
            }

            int length = _upload.ChunkLength(index);
            byte[] data = r.Bytes(length);
            r.End();
            // A repeat of an acknowledged chunk (the ack was lost) is acknowledged again, not rewritten.
            if (index < _upload.NextChunk)
            {
                return Ack();
            }

            if (index != _upload.NextChunk)
            {
                throw new PushProtocolException(PushError.BadChunk, "chunk " + index + " out of order (expected " + _upload.NextChunk + ")");
            }

            _upload.Store(index, data);
            return Ack();
        }

        private byte[] Commit()
        {
            RequireUpload();
            if (_upload.NextChunk != _upload.ChunkCount)
            {
                throw new PushProtocolException(PushError.BadState, "commit before all chunks arrived (" + _upload.NextChunk + " of " + _upload.ChunkCount + ")");
            }

            _uploading = false;
            byte[] model = _upload.Assemble();
            string note;
            try
            {
                note = _installer.Install(model, _upload.Version, _upload.Sha256);
            }
            catch (PushProtocolException)
            {
                _upload.Discard();
                throw;
            }

            Log("push: model v" + _upload.Version + " active in slot " + _slots.ActiveSlot + " (" + note + ")");
            _upload.Discard();
            Changed();
            return Result(note);
        }

        private byte[] Rollback(ByteReader r)
        {
            byte[] mac = r.Bytes(HmacSha256.MacSize);
            r.End();
            byte[] nonce = TakeNonce();
            byte[] key = PairedKey();
            if (!ConstantTime.Equals(RollbackMac(key, nonce), mac))
            {
                throw new PushProtocolException(PushError.BadMac, "rollback not authenticated (wrong key, tampered or replayed)");
            }

            byte[] previous = _slots.Previous();
            if (previous == null)
            {
                throw new PushProtocolException(PushError.NoPrevious, "no previous model to roll back to");
            }

            string reason;
            ILoadedModel loaded = _engine.Prepare(previous, out reason);
            if (loaded == null)
            {
                throw new PushProtocolException(PushError.ModelRejected, "engine rejects the previous model: " + reason);
            }

            _slots.Rollback();
            _active.Use(loaded);
            Log("push: rolled back to model v" + _slots.Active.Version + " in slot " + _slots.ActiveSlot);
            Changed();
            return Result("ROLLED BACK");
        }

        public static byte[] BeginMac(byte[] key, byte[] nonce, uint size, uint version, byte[] sha)
        {
            var w = new ByteWriter(96).Bytes(ByteWriter.Ascii(PushMessage.BeginLabel)).Bytes(nonce).U32(size).U32(version).Bytes(sha);
            return HmacSha256.Compute(key, w.ToArray());
        }

        public static byte[] RollbackMac(byte[] key, byte[] nonce)
        {
            var w = new ByteWriter(48).Bytes(ByteWriter.Ascii(PushMessage.RollbackLabel)).Bytes(nonce);
            return HmacSha256.Compute(key, w.ToArray());
        }

        private byte[] Result(string note)
        {
            SlotInfo active = _slots.Active;
            var w = new ByteWriter(64).U8(0).U32(active.Version).U8(_slots.ActiveSlot).Text(note);
            return PushFrame.Encode(PushMessage.Result, w.ToArray());
        }

        private byte[] Ack()
        {
            return PushFrame.Encode(PushMessage.ChunkAck, new ByteWriter(4).U32((uint)_upload.NextChunk).ToArray());
        }

        /// <summary>The session nonce authenticates exactly one request; a second one needs a new HELLO.</summary>
        private byte[] TakeNonce()
        {
            byte[] nonce = _nonce;
            _nonce = null;
            if (nonce == null)
            {
                throw new PushProtocolException(PushError.BadState, "no session nonce: send HELLO first");
            }

            return nonce;
        }

        private byte[] PairedKey()
        {
            byte[] key = _pairing.LoadKey();
            if (key == null)
            {
                throw new PushProtocolException(PushError.NotPaired, "no host is paired: unlock the device and choose PAIR HOST");
            }

            return key;
        }

        private void RequireUpload()
        {
            if (!_uploading)
            {
                throw new PushProtocolException(PushError.BadState, "no authenticated upload in this session: send BEGIN first");
            }
        }

        private void Changed()
        {
            if (_observer != null)
            {
                _observer.ModelChanged(_slots.Active);
            }
        }

        private void Log(string line)
        {
            if (_observer != null)
            {
                _observer.Log(line);
            }
        }

        private static byte[] ErrorFrame(int code, string message)
        {
            return PushFrame.Encode(PushMessage.Error, new ByteWriter(64).U8(code).Text(message).ToArray());
        }
    }
}
