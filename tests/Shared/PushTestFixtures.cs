using System.Runtime.InteropServices;
using System.Security.Cryptography;
using DigitLock.Core.ModelPush;
using Xunit;

namespace DigitLock.Tests.Shared;

// Fixtures for tests that run the model push over a real tty (tests/DigitLock.Sim.Tests,
// tests/DigitLock.Cli.Tests); compiled into each of them (see their .csproj).

/// <summary>Engine stand-in: a model is "MDL" and the digit it always answers, then padding.</summary>
internal sealed class StandInEngine : IModelEngine
{
    public static byte[] Model(int digit, int size)
    {
        var model = new byte[size];
        RandomNumberGenerator.Fill(model);
        "MDL"u8.CopyTo(model);
        model[3] = (byte)digit;
        model[4] = 0;
        return model;
    }

    public ILoadedModel? Prepare(byte[] model, out string reason)
    {
        bool ok = model.Length >= 5 && model.AsSpan(0, 3).SequenceEqual("MDL"u8);
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

/// <summary>A pseudo-terminal pair from posix_openpt: the slave path stands in for a board's /dev/ttyACM0.</summary>
internal sealed class PseudoTerminal : IDisposable
{
    private int _master;

    private PseudoTerminal(int master, string slavePath)
    {
        _master = master;
        SlavePath = slavePath;
    }

    public string SlavePath { get; }

    public static PseudoTerminal Open()
    {
        const int O_RDWR = 0x2, O_NOCTTY = 0x100, O_NONBLOCK = 0x800;
        int master = posix_openpt(O_RDWR | O_NOCTTY);
        Assert.True(master >= 0, "posix_openpt failed: " + Marshal.GetLastPInvokeErrorMessage());
        var name = new byte[128];
        if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, name, name.Length) != 0)
        {
            close(master);
            Assert.Fail("cannot set up the pty: " + Marshal.GetLastPInvokeErrorMessage());
        }

        // SerialPortLink polls, and expects a non-blocking descriptor.
        const int F_GETFL = 3, F_SETFL = 4;
        fcntl(master, F_SETFL, fcntl(master, F_GETFL, 0) | O_NONBLOCK);
        return new PseudoTerminal(master, System.Text.Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0)));
    }

    /// <summary>Hands the master descriptor to a link that closes it.</summary>
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
