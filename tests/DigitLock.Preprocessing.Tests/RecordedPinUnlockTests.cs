using DigitLock.Core.Hardware;
using DigitLock.Core.Inference;
using DigitLock.Core.Lock;
using DigitLock.Core.ModelPush;
using DigitLock.Core.Security;
using DigitLock.Core.Settings;
using DigitLock.Core.Ui;
using DigitLock.Data;

namespace DigitLock.Preprocessing.Tests;

/// <summary>
/// The whole device path on recorded handwriting: pendigits pen strokes replayed as touch events
/// into DigitLockApp (its StrokeCapture, preprocessing, the managed int8 engine running the
/// shipped model booted from a model slot, confidence policy, DoorLock, lock output).
/// </summary>
public class RecordedPinUnlockTests
{
    private const int TouchRateHz = 60;

    private static readonly Lazy<IReadOnlyList<UnipenDigit>> Recordings = new(() => UnipenReader.Read(PendigitsImportTests.File));

    [PendigitsFact]
    public void Pin_written_with_recorded_strokes_sets_up_and_unlocks()
    {
        using var board = new Board();
        board.Write("4092");
        Assert.Equal(AppMode.ConfirmPin, board.App.Mode);
        board.Write("4092");
        Assert.Equal(AppMode.Lock, board.App.Mode);

        board.Write("4092");

        Assert.Equal(AppMode.Unlocked, board.App.Mode);
        Assert.True(board.Output.IsUnlocked);
        Assert.Equal(0, board.App.DoorLock.FailedAttempts);
    }

    [PendigitsFact]
    public void Wrong_pin_written_with_recorded_strokes_stays_locked()
    {
        using var board = new Board();
        board.Write("4092");
        board.Write("4092");
        Assert.Equal(AppMode.Lock, board.App.Mode);

        board.Write("4093");

        Assert.Equal(AppMode.Lock, board.App.Mode);
        Assert.False(board.Output.IsUnlocked);
        Assert.Equal(1, board.App.DoorLock.FailedAttempts);
        Assert.Contains("WRONG PIN", board.App.View.Status);
    }

    /// <summary>
    /// The first recording of <paramref name="digit"/> that the shipped model, preprocessing and the
    /// default confidence policy read correctly in a box of this size: the test is about the lock
    /// path, so samples the model misreads are skipped here rather than hard-coded.
    /// </summary>
    private static UnipenDigit Readable(int digit, Rect box, ManagedDigitClassifier classifier)
    {
        var replay = new PenReplay(new TouchScreen(480, 272, box.X, box.Y, box.Width, box.Height, TouchRateHz));
        var policy = new ConfidencePolicy(LockSettings.DefaultConfidenceThreshold, LockSettings.DefaultConfidenceMargin);
        var scores = new byte[10];
        var tried = 0;
        foreach (var sample in Recordings.Value)
        {
            if (sample.Label != digit)
            {
                continue;
            }

            var (_, image, _) = replay.Replay(sample.Strokes);
            if (classifier.Classify(image, scores) == digit && policy.Accept(scores) == digit)
            {
                return sample;
            }

            Assert.True(++tried < 50, $"the shipped model reads none of the first 50 recordings of {digit}");
        }

        throw new InvalidOperationException($"no recording of digit {digit}");
    }

    private sealed class Board : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "dl-unlock-" + Guid.NewGuid().ToString("N"));
        private readonly ManagedDigitClassifier _selector;
        private readonly Clock _clock = new();

        public Board()
        {
            var config = new FileSystemStorage(Path.Combine(_root, "config"));
            _selector = new ManagedDigitClassifier(ShippedModel());
            var slots = new ModelSlots(config);
            slots.Boot();
            var shipped = ShippedModel();
            slots.Install(shipped, 1, Sha256.Hash(shipped), "SHIPPED");

            var parts = new DigitLockParts
            {
                Display = new Panel(480, 272),
                Config = config,
                Card = new FileSystemStorage(Path.Combine(_root, "card")),
                Clock = _clock,
                LockOutput = Output,
                Entropy = new RandomEntropySource(3),
                Pbkdf2Iterations = 64,
                TouchSampleRateHz = TouchRateHz,
            };
            var boot = new DeviceBoot();
            App = boot.Start(parts, new ManagedClassifierFactory());
            Assert.True(boot.HasModel, string.Join("; ", boot.Log));
        }

        public DigitLockApp App { get; }

        public LockRelay Output { get; } = new();

        /// <summary>Writes one recorded digit per box, then pauses so the last box finishes.</summary>
        public void Write(string digits)
        {
            for (var i = 0; i < digits.Length; i++)
            {
                var box = App.View.Boxes[i].Area;
                Replay(Readable(digits[i] - '0', box, _selector).Strokes, box);
            }

            Wait(1000);
        }

        public void Dispose()
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, true);
            }
        }

        // Same placement and timing as PenReplay, so the app sees the strokes the sample was chosen on.
        private void Replay(IReadOnlyList<PenStroke> strokes, Rect box)
        {
            int minX = int.MaxValue, minY = int.MaxValue, maxX = int.MinValue, maxY = int.MinValue;
            foreach (var stroke in strokes)
            {
                foreach (var (x, y) in stroke.Points)
                {
                    minX = Math.Min(minX, x);
                    minY = Math.Min(minY, y);
                    maxX = Math.Max(maxX, x);
                    maxY = Math.Max(maxY, y);
                }
            }

            var scale = Math.Min(PenReplay.MaxPixelsPerUnit, Math.Min(
                PenReplay.MaxBoxFill * box.Width / Math.Max(1, maxX - minX),
                PenReplay.MaxBoxFill * box.Height / Math.Max(1, maxY - minY)));
            var centreX = box.X + (box.Width - 1) / 2.0;
            var centreY = box.Y + (box.Height - 1) / 2.0;
            var midX = (minX + maxX) / 2.0;
            var midY = (minY + maxY) / 2.0;
            int ScreenX(double x) => (int)Math.Round(centreX + (x - midX) * scale, MidpointRounding.AwayFromZero);
            int ScreenY(double y) => (int)Math.Round(centreY - (y - midY) * scale, MidpointRounding.AwayFromZero);

            var period = 1000.0 / TouchRateHz;
            var start = _clock.NowMs + 50;
            var time = 0;
            foreach (var stroke in strokes)
            {
                time += stroke.GapBeforeMs;
                var points = stroke.Points;
                var duration = (points.Count - 1) * PenReplay.TabletIntervalMs;
                Touch(TouchAction.Down, ScreenX(points[0].X), ScreenY(points[0].Y), start + time);
                for (var k = 1; k * period < duration; k++)
                {
                    var position = k * period / PenReplay.TabletIntervalMs;
                    var i = Math.Min((int)position, points.Count - 2);
                    var f = position - i;
                    var x = points[i].X + (points[i + 1].X - points[i].X) * f;
                    var y = points[i].Y + (points[i + 1].Y - points[i].Y) * f;
                    Touch(TouchAction.Move, ScreenX(x), ScreenY(y), start + time + (int)(k * period));
                }

                if (points.Count > 1)
                {
                    Touch(TouchAction.Move, ScreenX(points[^1].X), ScreenY(points[^1].Y), start + time + duration);
                }

                time += duration;
                Touch(TouchAction.Up, 0, 0, start + time);
            }
        }

        private void Touch(TouchAction action, int x, int y, long atMs)
        {
            // The UI loop keeps running while the finger moves, as on the board.
            while (_clock.NowMs + 50 < atMs)
            {
                _clock.NowMs += 50;
                App.Tick();
            }

            _clock.NowMs = atMs;
            App.OnTouch(action, x, y, (int)atMs);
        }

        private void Wait(long ms)
        {
            var end = _clock.NowMs + ms;
            while (_clock.NowMs < end)
            {
                _clock.NowMs += 50;
                App.Tick();
            }
        }

        private static byte[] ShippedModel()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "nf-solution.sln")))
                {
                    return File.ReadAllBytes(Path.Combine(dir.FullName, "models", "default.tflite"));
                }
            }

            throw new InvalidOperationException("tests must run inside the DigitLock checkout");
        }
    }

    private sealed class Clock : IClock
    {
        public long NowMs { get; set; } = 1000;
    }

    private sealed class Panel(int width, int height) : IDisplay
    {
        public int Width { get; } = width;

        public int Height { get; } = height;

        public ushort[] Framebuffer { get; } = new ushort[width * height];

        public void Flush(int x, int y, int width, int height)
        {
        }
    }

    private sealed class LockRelay : ILockOutput
    {
        public bool IsUnlocked { get; private set; }

        public void SetUnlocked(bool unlocked) => IsUnlocked = unlocked;
    }
}
