using System.Diagnostics;
using DigitLock.Core.Hardware;

namespace DigitLock.Sim;

/// <summary>The LCD: the firmware draws into the framebuffer; each Flush bumps <see cref="FrameNumber"/> for the page.</summary>
public sealed class SimDisplay(int width, int height) : IDisplay
{
    private long _frame;

    public int Width { get; } = width;

    public int Height { get; } = height;

    public ushort[] Framebuffer { get; } = new ushort[width * height];

    public long FrameNumber => Interlocked.Read(ref _frame);

    public void Flush(int x, int y, int width, int height) => Interlocked.Increment(ref _frame);
}

/// <summary>Milliseconds since this boot, like the board's tick counter.</summary>
public sealed class SimClock : IClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    public long NowMs => _watch.ElapsedMilliseconds;
}

/// <summary>The lock's GPIO, shown as an LED on the page.</summary>
public sealed class SimLockOutput(SerialConsole serial) : ILockOutput
{
    public bool IsUnlocked { get; private set; }

    public void SetUnlocked(bool unlocked)
    {
        if (unlocked != IsUnlocked)
        {
            serial.WriteLine(unlocked ? "gpio: lock output ON (unlocked)" : "gpio: lock output OFF (locked)");
        }

        IsUnlocked = unlocked;
    }
}

/// <summary>The board's serial console: numbered lines, the last few hundred kept.</summary>
public sealed class SerialConsole
{
    private const int Keep = 400;
    private readonly object _sync = new();
    private readonly Queue<string> _lines = new();
    private readonly Stopwatch _uptime = Stopwatch.StartNew();

    public long LineCount { get; private set; }

    /// <summary>Also echoed to this process's stdout when set (the sim command's terminal).</summary>
    public TextWriter? Echo { get; set; }

    public void WriteLine(string text)
    {
        var line = $"[{_uptime.Elapsed.TotalSeconds,9:0.000}] {text}";
        lock (_sync)
        {
            _lines.Enqueue(line);
            if (_lines.Count > Keep)
            {
                _lines.Dequeue();
            }

            LineCount++;
        }

        Echo?.WriteLine(line);
    }

    public string[] Snapshot()
    {
        lock (_sync)
        {
            return _lines.ToArray();
        }
    }
}
