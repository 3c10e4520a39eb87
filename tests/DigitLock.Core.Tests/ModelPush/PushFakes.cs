using System.Security.Cryptography;
using DigitLock.Core.Hardware;
using DigitLock.Core.ModelPush;
using DigitLock.Core.Security;
using DigitLock.Core.Tests.LockFakes;

namespace DigitLock.Core.Tests.ModelPush;

/// <summary>
/// Storage whose power fails after a set number of writes (WriteAtomic, Delete, CreateDirectory each count):
/// the failing write and everything after it throw, like a board losing power. The files live in
/// <see cref="Flash"/>, which a "reboot" reuses.
/// </summary>
public sealed class PowerCutStorage(MemoryStorage flash) : IStorage
{
    public MemoryStorage Flash { get; } = flash;

    /// <summary>Writes that still succeed; negative: never cut.</summary>
    public int WritesLeft { get; set; } = -1;

    public int Writes { get; private set; }

    public bool PowerLost { get; private set; }

    public bool IsPresent => Flash.IsPresent;

    public bool Exists(string path) { Alive(); return Flash.Exists(path); }

    public byte[] ReadAll(string path) { Alive(); return Flash.ReadAll(path); }

    public string[] ListFiles(string directory) { Alive(); return Flash.ListFiles(directory); }

    public void WriteAtomic(string path, byte[] data) { Write(); Flash.WriteAtomic(path, data); }

    public void Delete(string path) { Write(); Flash.Delete(path); }

    public void CreateDirectory(string path) { Write(); Flash.CreateDirectory(path); }

    private void Write()
    {
        Alive();
        if (WritesLeft == 0)
        {
            PowerLost = true;
            throw new StorageException("power lost");
        }

        if (WritesLeft > 0)
        {
            WritesLeft--;
        }

        Writes++;
    }

    private void Alive()
    {
        if (PowerLost)
        {
            throw new StorageException("power lost");
        }
    }
}

/// <summary>
/// Engine stand-in. A model is "MDL", the digit it always answers, a flag, and (flag 1) a
/// self-test entry, then padding; anything else is rejected like a corrupt flatbuffer.
/// </summary>
public sealed class FakeEngine : IModelEngine
{
    public int Prepared { get; private set; }

    public ILoadedModel? Prepare(byte[] model, out string reason)
    {
        if (model.Length < 5 || model[0] != 'M' || model[1] != 'D' || model[2] != 'L')
        {
            reason = "not a model";
            return null;
        }

        reason = "";
        Prepared++;
        return new Loaded(model);
    }

    /// <summary>A test model of <paramref name="size"/> bytes answering <paramref name="digit"/>; <paramref name="selfTestDigit"/> null: no self-test entry.</summary>
    public static byte[] Model(int digit, int size, int? selfTestDigit = null, byte fill = 0)
    {
        var model = new byte[size];
        Array.Fill(model, fill);
        model[0] = (byte)'M';
        model[1] = (byte)'D';
        model[2] = (byte)'L';
        model[3] = (byte)digit;
        if (selfTestDigit is int expected)
        {
            model[4] = 1;
            var scores = new byte[10];
            scores[expected] = 255;
            ModelSelfTest.Encode(new byte[28 * 28], expected, scores, 2).CopyTo(model, 5);
        }

        return model;
    }

    private sealed class Loaded(byte[] model) : ILoadedModel
    {
        public int Classify(byte[] image28x28, byte[] scores)
        {
            Array.Clear(scores);
            scores[model[3]] = 255;
            return model[3];
        }

        public byte[]? Metadata(string name) =>
            name == ModelSelfTest.MetadataName && model[4] == 1 ? model.AsSpan(5, ModelSelfTest.EntryBytes).ToArray() : null;

        public void Release()
        {
        }
    }
}

/// <summary>The host's bytes go straight into a PushServer; replies queue up for the host to read. Can break after N frames.</summary>
public sealed class LoopbackLink(PushServer server) : IPushLink
{
    private readonly Queue<byte> _replies = new();

    /// <summary>Host writes that still get through; then the link throws IOException (cable pulled).</summary>
    public int WritesLeft { get; set; } = -1;

    /// <summary>Every byte the host sent, for replay attacks.</summary>
    public List<byte[]> Sent { get; } = new();

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = 0;
        while (n < count && _replies.Count > 0)
        {
            buffer[offset + n++] = _replies.Dequeue();
        }

        return n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        if (WritesLeft == 0)
        {
            throw new IOException("link broken");
        }

        if (WritesLeft > 0)
        {
            WritesLeft--;
        }

        var data = buffer.AsSpan(offset, count).ToArray();
        Sent.Add(data);
        var reply = server.Receive(data, 0, data.Length);
        if (reply != null)
        {
            foreach (var b in reply)
            {
                _replies.Enqueue(b);
            }
        }
    }
}

public sealed class RecordingObserver : IPushObserver
{
    public List<string> Lines { get; } = new();

    public int Changes { get; private set; }

    public void Log(string line) => Lines.Add(line);

    public void ModelChanged(SlotInfo active) => Changes++;
}

/// <summary>A device (flash, slots, pairing, push end) that can be rebooted over the same flash.</summary>
public sealed class PushRig
{
    public PushRig(int maxModelBytes = 64 * 1024)
    {
        MaxModelBytes = maxModelBytes;
        Storage = new PowerCutStorage(new MemoryStorage());
        Boot();
    }

    public int MaxModelBytes { get; }

    public PowerCutStorage Storage { get; private set; }

    public FakeClock Clock { get; } = new();

    public FakeEngine Engine { get; } = new();

    public RecordingObserver Observer { get; private set; } = null!;

    public ModelSlots Slots { get; private set; } = null!;

    public HostPairing Pairing { get; private set; } = null!;

    public ActiveModel Active { get; private set; } = null!;

    public PushDevice Device { get; private set; } = null!;

    public PushServer Server { get; private set; } = null!;

    public byte[]? BootedModel { get; private set; }

    private int _seed = 1;

    /// <summary>Power back on: same flash, everything else new, power cut disarmed.</summary>
    public void Boot()
    {
        Storage = new PowerCutStorage(Storage.Flash);
        Slots = new ModelSlots(Storage);
        BootedModel = Slots.Boot();
        Active = new ActiveModel();
        if (BootedModel != null)
        {
            Active.Use(Engine.Prepare(BootedModel, out _));
        }

        Observer = new RecordingObserver();
        Pairing = new HostPairing(Storage, Clock, new RandomEntropySource(_seed++));
        Device = new PushDevice(Slots, Storage, Pairing, new RandomEntropySource(_seed++), Engine, Active, Observer)
        {
            MaxModelBytes = MaxModelBytes,
            DeviceId = "rig",
        };
        Server = new PushServer(Device);
    }

    public PushClient Client(out LoopbackLink link)
    {
        link = new LoopbackLink(Server);
        return new PushClient(link);
    }

    public PushClient Client() => Client(out _);

    /// <summary>Opens pairing on the "device" and pairs a host with the shown code; returns the host's key.</summary>
    public byte[] PairHost()
    {
        string code = Pairing.Open();
        return Client().Pair(code, RandomNumberGenerator.GetBytes(16));
    }

    public uint? ActiveVersion => Slots.Active?.Version;

    /// <summary>What the running classifier answers (-1: none).</summary>
    public int ActiveDigit => Active.Classify(new byte[28 * 28], new byte[10]);
}
