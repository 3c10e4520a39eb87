using DigitLock.Tests.Shared;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using DigitLock.Core.Hardware;
using DigitLock.Core.ModelPush;
using DigitLock.Core.Security;

namespace DigitLock.Sim.Tests;

/// <summary>
/// A full authenticated push over a real tty: the host opens the pty's slave path with SerialPortLink
/// (termios raw, poll timeouts), the device end (the core's PushServer) serves the master descriptor.
/// </summary>
public class SerialPushTests
{
    [Fact]
    public void Host_pushes_a_model_over_a_pseudo_terminal_and_the_device_switches_to_it()
    {
        using var pty = PseudoTerminal.Open();
        var device = new SerialDevice();
        var firstModel = StandInEngine.Model(3, 5000);
        device.Slots.Install(firstModel, 1, SHA256.HashData(firstModel), "factory");
        device.Active.Use(device.Engine.Prepare(firstModel, out _));
        Assert.Equal(3, device.ActiveDigit);

        using var host = SerialPortLink.Open(pty.SlavePath, 115200, timeoutMs: 10000);
        var master = new SerialPortLink(pty.TakeMaster(), "pty master", timeoutMs: -1);
        Exception? deviceFailure = null;
        var serving = new Thread(() =>
        {
            try
            {
                using (master)
                {
                    new PushServer(device.Push).Serve(master);
                }
            }
            catch (Exception e)
            {
                deviceFailure = e;
            }
        }) { IsBackground = true };
        serving.Start();

        var client = new PushClient(host);
        string code = device.Pairing.Open();
        byte[] key = client.Pair(code, RandomNumberGenerator.GetBytes(PushDevice.NonceSize));
        // Random bytes include CR, LF, XON/XOFF, ^C and ^D: only a raw (cfmakeraw) line carries them
        // unchanged, and the device's SHA-256 check at COMMIT would refuse a single changed byte.
        // Four chunks: frames larger than the pty's buffer, so writes must wait for the reader.
        var model = StandInEngine.Model(7, 3 * 4096 + 100);
        var outcome = client.Push(key, model, 2);
        host.Dispose();
        Assert.True(serving.Join(TimeSpan.FromSeconds(10)), "the device end stops when the host closes the port");
        Assert.Null(deviceFailure);

        Assert.Equal(2u, outcome.ActiveVersion);
        Assert.Equal(4, outcome.ChunksSent);
        Assert.Equal(7, device.ActiveDigit);
        Assert.Equal(2u, device.Slots.Active.Version);
        Assert.Equal(model, device.Flash.ReadAll(ModelSlots.SlotPath(device.Slots.ActiveSlot)));
        Assert.Equal(1, device.Observer.Changes);
    }

    [Fact]
    public void A_silent_device_gives_a_timeout_not_a_hang()
    {
        using var pty = PseudoTerminal.Open();
        using var host = SerialPortLink.Open(pty.SlavePath, 115200, timeoutMs: 200);
        var error = Assert.Throws<IOException>(() => new PushClient(host).Hello());
        Assert.Contains("no answer from the device", error.Message);
    }

    [Fact]
    public void A_missing_device_path_gives_a_one_line_error()
    {
        var error = Assert.Throws<IOException>(() => PushTarget.Open("serial:/dev/ttyDIGITLOCK-NONE@115200"));
        Assert.Equal("/dev/ttyDIGITLOCK-NONE: cannot open the serial port: No such file or directory", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_terminal_is_refused()
    {
        var path = Path.GetTempFileName();
        try
        {
            var error = Assert.Throws<IOException>(() => SerialPortLink.Open(path));
            Assert.Contains("not a serial port", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_unsupported_baud_rate_is_named()
    {
        using var pty = PseudoTerminal.Open();
        var error = Assert.Throws<IOException>(() => SerialPortLink.Open(pty.SlavePath, 12345));
        Assert.Equal($"{pty.SlavePath}: unsupported baud rate 12345", error.Message);
    }

    [Theory]
    [InlineData("serial:/dev/ttyUSB0@fast")]
    [InlineData("serial:@115200")]
    public void A_malformed_serial_target_is_named(string target)
    {
        var error = Assert.Throws<InvalidDataException>(() => PushTarget.Open(target));
        Assert.StartsWith(target + ":", error.Message);
    }

    [Fact]
    public void Baud_defaults_to_115200()
    {
        Assert.Equal(("/dev/ttyACM0", 115200), SerialPortLink.ParseTarget("/dev/ttyACM0"));
        Assert.Equal(("/dev/ttyACM0", 921600), SerialPortLink.ParseTarget("/dev/ttyACM0@921600"));
    }
}

/// <summary>The device end of the push protocol on in-memory flash with a stand-in engine.</summary>
internal sealed class SerialDevice : IPushObserver
{
    public SerialDevice()
    {
        Slots = new ModelSlots(Flash);
        Slots.Boot();
        Pairing = new HostPairing(Flash, new StoppedClock(), new RandomEntropySource(11));
        Push = new PushDevice(Slots, Flash, Pairing, new RandomEntropySource(12), Engine, Active, this)
        {
            MaxModelBytes = 64 * 1024,
            DeviceId = "serial-rig",
        };
    }

    public RamFlash Flash { get; } = new();

    public StandInEngine Engine { get; } = new();

    public ActiveModel Active { get; } = new();

    public ModelSlots Slots { get; }

    public HostPairing Pairing { get; }

    public PushDevice Push { get; }

    public int Changes { get; private set; }

    public SerialDevice Observer => this;

    public int ActiveDigit => Active.Classify(new byte[28 * 28], new byte[10]);

    public void Log(string line)
    {
    }

    public void ModelChanged(SlotInfo active) => Changes++;

    private sealed class StoppedClock : IClock
    {
        public long NowMs => 1000;
    }
}

/// <summary>Flash as a dictionary: whole-file writes, like the board's atomic writes.</summary>
internal sealed class RamFlash : IStorage
{
    private readonly SortedDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public bool IsPresent => true;

    public bool Exists(string path) => _files.ContainsKey(path);

    public byte[] ReadAll(string path) =>
        _files.TryGetValue(path, out var data) ? (byte[])data.Clone() : throw new StorageException(path + ": not found");

    public void WriteAtomic(string path, byte[] data) => _files[path] = (byte[])data.Clone();

    public void Delete(string path) => _files.Remove(path);

    public void CreateDirectory(string path)
    {
    }

    public string[] ListFiles(string directory) =>
        _files.Keys.Where(k => k.StartsWith(directory + "/", StringComparison.Ordinal) && k.IndexOf('/', directory.Length + 1) < 0)
            .Select(k => k[(directory.Length + 1)..]).ToArray();
}
