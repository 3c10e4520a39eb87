using DigitLock.Core.Hardware;
using DigitLock.Core.Security;
using DigitLock.Core.Ui;

namespace DigitLock.Core.Tests.LockFakes;

/// <summary>A complete fake board around DigitLockApp; <see cref="Reboot"/> keeps storage, restarts everything else.</summary>
public sealed class AppRig
{
    public AppRig(int width = 480, int height = 272)
    {
        Display = new FakeDisplay(width, height);
        Boot();
    }

    public FakeDisplay Display { get; }

    public MemoryStorage Config { get; } = new();

    public MemoryStorage Card { get; } = new();

    public FakeClock Clock { get; } = new();

    public FakeLockOutput Output { get; } = new();

    public TemplateClassifier Classifier { get; } = new();

    public DigitLockApp App { get; private set; } = null!;

    public Pen Pen { get; private set; } = null!;

    public DigitLockParts Parts { get; private set; } = null!;

    public void Reboot(long clockStartMs = 3)
    {
        Clock.NowMs = clockStartMs;
        Boot();
    }

    private void Boot()
    {
        Parts = new DigitLockParts
        {
            Display = Display,
            Config = Config,
            Card = Card,
            Clock = Clock,
            LockOutput = Output,
            Classifier = Classifier,
            Entropy = new RandomEntropySource(11),
            Pbkdf2Iterations = 64,
            TouchSampleRateHz = 60,
            BoardId = "test-board",
            ModelInfo = ["MODEL: TEMPLATE FAKE", "INPUT 28X28 UINT8"],
        };
        App = new DigitLockApp(Parts);
        Pen = new Pen(App, Clock);
    }

    /// <summary>Lets time pass in UI-loop steps.</summary>
    public void Wait(long ms)
    {
        long end = Clock.NowMs + ms;
        while (Clock.NowMs < end)
        {
            Clock.Advance(Math.Min(50, end - Clock.NowMs));
            App.Tick();
        }
    }

    /// <summary>Writes one digit per box from the first box, then pauses so the last box finishes.</summary>
    public void WriteDigits(string digits)
    {
        for (int i = 0; i < digits.Length; i++)
        {
            Pen.Write(digits[i] - '0', App.View.Boxes[i].Area);
        }

        Wait(Parts.DonePauseMs + 100);
    }

    public void WriteInBox(int box, int digit)
    {
        Pen.Write(digit, App.View.Boxes[box].Area);
        Wait(Parts.DonePauseMs + 100);
    }

    public void Press(int buttonId)
    {
        var button = App.View.FindButton(buttonId);
        Assert.True(button != null, $"no button {buttonId} on {App.Mode}");
        Pen.Tap(button!.Area.X + button.Area.Width / 2, button.Area.Y + button.Area.Height / 2);
        App.Tick();
    }

    public void SetUp(string pin)
    {
        Assert.Equal(AppMode.Setup, App.Mode);
        WriteDigits(pin);
        Assert.Equal(AppMode.ConfirmPin, App.Mode);
        WriteDigits(pin);
        Assert.Equal(AppMode.Lock, App.Mode);
    }

    public void Screenshot(string name)
    {
        var dir = Environment.GetEnvironmentVariable("DIGITLOCK_SCREENS_DIR");
        if (string.IsNullOrEmpty(dir))
        {
            return;
        }

        Directory.CreateDirectory(dir);
        PngFile.Save(Path.Combine(dir, $"{name}-{Display.Width}x{Display.Height}.png"), Display.Framebuffer, Display.Width, Display.Height);
    }
}
