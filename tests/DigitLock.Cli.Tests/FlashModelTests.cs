using System.Runtime.InteropServices;
using System.Security.Cryptography;
using DigitLock.Core.Hardware;
using DigitLock.Core.ModelPush;
using DigitLock.Core.Security;
using DigitLock.Sim;

namespace DigitLock.Cli.Tests;

/// <summary>
/// `flash model` pushes over a real tty: the command opens the pty's slave path as the board's
/// serial port; the device end of the push protocol (the firmware core's PushServer) serves the master.
/// </summary>
public class FlashModelTests
{
    [Fact]
    public void Model_is_pushed_to_a_paired_board_over_its_serial_port()
    {
        using var scratch = new Scratch();
        using var keys = new KeysDirectory(scratch.Folder("keys"));
        using var pty = FlashPseudoTerminal.Open();
        var board = new SerialBoard(scratch.Folder("flash"));
        board.PairWith(keys.Dir);
        var model = StandInEngine.Model(7, 3 * 4096 + 100);
        File.WriteAllBytes(scratch["digits.tflite"], model);
        var serving = board.Serve(pty.TakeMaster());

        var run = FlashRun.Of(scratch.Bare(), "model", "--model", scratch["digits.tflite"], "--port", pty.SlavePath + "@115200");

        Assert.True(serving.Join(TimeSpan.FromSeconds(10)), "the board's end stops when the host closes the port");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Null(board.Failure);
        Assert.StartsWith($"{SerialBoard.Id}: model v1 active in slot 0 ({model.Length} bytes, 4 chunks sent)", run.Output);
        Assert.Equal(7, board.ActiveDigit);
        Assert.Equal(model, board.Flash.ReadAll(ModelSlots.SlotPath(board.Slots.ActiveSlot)));
    }

    [Fact]
    public void An_unpaired_host_gets_the_push_commands_pairing_instructions()
    {
        using var scratch = new Scratch();
        using var keys = new KeysDirectory(scratch.Folder("keys"));
        using var pty = FlashPseudoTerminal.Open();
        var board = new SerialBoard(scratch.Folder("flash"));
        File.WriteAllBytes(scratch["digits.tflite"], StandInEngine.Model(4, 600));
        var serving = board.Serve(pty.TakeMaster());

        var run = FlashRun.Of(scratch.Bare(), "model", "-m", scratch["digits.tflite"], "--port", pty.SlavePath);

        Assert.True(serving.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"error: this host is not paired with {SerialBoard.Id}: on the device unlock, ADMIN > MODEL > PAIR HOST, then run digitlock pair --to serial:{pty.SlavePath} --code CODE\n",
            run.Error);
        Assert.Equal(-1, board.Slots.ActiveSlot);
    }

    [Fact]
    public void A_missing_port_is_named_in_one_line()
    {
        using var scratch = new Scratch();
        File.WriteAllBytes(scratch["digits.tflite"], StandInEngine.Model(4, 600));
        var run = FlashRun.Of(scratch.Bare(), "model", "--model", scratch["digits.tflite"], "--port", "/dev/ttyDIGITLOCK-NONE@9600");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: /dev/ttyDIGITLOCK-NONE: cannot open the serial port: No such file or directory\n", run.Error);
    }

    [Fact]
    public void A_missing_model_file_is_named()
    {
        using var scratch = new Scratch();
        var run = FlashRun.Of(scratch.Bare(), "model", "--model", scratch["none.tflite"], "--port", "/dev/ttyDIGITLOCK-NONE");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {scratch["none.tflite"]}: model file not found\n", run.Error);
    }
}

/// <summary>Points the host's paired-key store at a test folder for the duration of a test.</summary>
internal sealed class KeysDirectory : IDisposable
{
    private readonly string? _before = Environment.GetEnvironmentVariable(HostKeys.EnvironmentVariable);

    public KeysDirectory(string dir)
    {
        Dir = dir;
        Environment.SetEnvironmentVariable(HostKeys.EnvironmentVariable, dir);
    }

    public string Dir { get; }

    public void Dispose() => Environment.SetEnvironmentVariable(HostKeys.EnvironmentVariable, _before);
}

/// <summary>The board's side of the push: slots and pairing on a folder-backed flash, a stand-in engine.</summary>
internal sealed class SerialBoard : IPushObserver
{
    public const string Id = "flash-rig";

    private readonly ActiveModel _active = new();

    public SerialBoard(string flashDir)
    {
        Flash = new DirectoryStorage(flashDir);
        Slots = new ModelSlots(Flash);
        Slots.Boot();
        var pairing = new HostPairing(Flash, new SimClock(), new RandomEntropySource(21));
        Device = new PushDevice(Slots, Flash, pairing, new RandomEntropySource(22), new StandInEngine(), _active, this)
        {
            MaxModelBytes = 64 * 1024,
            DeviceId = Id,
        };
    }

    public DirectoryStorage Flash { get; }

    public ModelSlots Slots { get; }

    public PushDevice Device { get; }

    public Exception? Failure { get; private set; }

    public int ActiveDigit => _active.Classify(new byte[28 * 28], new byte[10]);

    /// <summary>A board paired earlier: the same key on both ends.</summary>
    public void PairWith(string hostKeysDir)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        Flash.CreateDirectory("push");
        Flash.WriteAtomic(HostPairing.KeyPath, key);
        new HostKeys(hostKeysDir).Save(Id, key);
    }

    public Thread Serve(int masterFd)
    {
        var thread = new Thread(() =>
        {
            try
            {
                using var link = new SerialPortLink(masterFd, "pty master", timeoutMs: -1);
                new PushServer(Device).Serve(link);
            }
            catch (Exception e)
            {
                Failure = e;
            }
        }) { IsBackground = true };
        thread.Start();
        return thread;
    }

    public void Log(string line)
    {
    }

    public void ModelChanged(SlotInfo active)
    {
    }
}

/// <summary>Engine stand-in: a model is "MDL", the digit it always answers, then anything.</summary>
internal sealed class StandInEngine : IModelEngine
{
    public static byte[] Model(int digit, int size)
    {
        var model = RandomNumberGenerator.GetBytes(size);
        "MDL"u8.CopyTo(model);
        model[3] = (byte)digit;
        return model;
    }

    public ILoadedModel? Prepare(byte[] model, out string reason)
    {
        bool ok = model.Length >= 4 && model.AsSpan(0, 3).SequenceEqual("MDL"u8);
        reason = ok ? "" : "not a model";
        return ok ? new Loaded(model[3]) : null;
    }

    private sealed class Loaded(int digit) : ILoadedModel
    {
        public int Classify(byte[] image28x28, byte[] scores)
        {
            Array.Clear(scores);
            scores[digit] = 255;
            return digit;
        }

        public byte[]? Metadata(string name) => null;

        public void Release()
        {
        }
    }
}

/// <summary>A pseudo-terminal from posix_openpt; its slave path stands in for the board's /dev/ttyACM0.</summary>
internal sealed class FlashPseudoTerminal : IDisposable
{
    private int _master;

    private FlashPseudoTerminal(int master, string slavePath)
    {
        _master = master;
        SlavePath = slavePath;
    }

    public string SlavePath { get; }

    public static FlashPseudoTerminal Open()
    {
        const int O_RDWR = 0x2, O_NOCTTY = 0x100, O_NONBLOCK = 0x800, F_GETFL = 3, F_SETFL = 4;
        int master = posix_openpt(O_RDWR | O_NOCTTY);
        Assert.True(master >= 0, "posix_openpt: " + Marshal.GetLastPInvokeErrorMessage());
        var name = new byte[128];
        if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, name, name.Length) != 0)
        {
            close(master);
            Assert.Fail("cannot set up the pty: " + Marshal.GetLastPInvokeErrorMessage());
        }

        // SerialPortLink polls and expects a non-blocking descriptor.
        fcntl(master, F_SETFL, fcntl(master, F_GETFL, 0) | O_NONBLOCK);
        return new FlashPseudoTerminal(master, System.Text.Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0)));
    }

    public int TakeMaster()
    {
        int fd = _master;
        _master = -1;
        return fd;
    }

    public void Dispose()
    {
        if (_master >= 0)
        {
            close(_master);
            _master = -1;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int posix_openpt(int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int grantpt(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int unlockpt(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int ptsname_r(int fd, byte[] buffer, nint length);

    [DllImport("libc", SetLastError = true)]
    private static extern int fcntl(int fd, int command, int argument);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);
}
