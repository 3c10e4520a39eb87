using DigitLock.Tests.Shared;
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
        using var pty = PseudoTerminal.Open();
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
        using var pty = PseudoTerminal.Open();
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
