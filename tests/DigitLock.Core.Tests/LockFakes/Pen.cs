using DigitLock.Core.Hardware;
using DigitLock.Core.Ui;

namespace DigitLock.Core.Tests.LockFakes;

/// <summary>
/// A finger writing digits: each digit is one or more polylines in a 0..100 box, replayed as
/// touch events at the controller's sample rate into whatever box rectangle it is given.
/// </summary>
public sealed class Pen(ITouchSink sink, FakeClock clock, int sampleRateHz = 60)
{
    public static readonly int[][][] Digits =
    [
        [[50, 8, 72, 14, 84, 35, 84, 65, 72, 86, 50, 92, 28, 86, 16, 65, 16, 35, 28, 14, 50, 8]],
        [[35, 25, 52, 8, 52, 92]],
        [[20, 30, 30, 14, 50, 8, 70, 14, 80, 30, 75, 45, 20, 90, 85, 90]],
        [[20, 15, 75, 15, 45, 45, 75, 60, 78, 78, 58, 92, 20, 85]],
        [[60, 8, 15, 65, 85, 65], [62, 35, 62, 92]],
        [[80, 10, 28, 10, 24, 45, 55, 40, 78, 55, 75, 80, 50, 92, 20, 85]],
        [[70, 8, 38, 32, 22, 62, 32, 88, 62, 90, 76, 70, 62, 52, 30, 58]],
        [[15, 10, 85, 10, 40, 92]],
        [[50, 50, 74, 32, 50, 10, 26, 30, 50, 50, 78, 72, 50, 92, 22, 72, 50, 50]],
        [[76, 35, 50, 52, 24, 35, 50, 10, 76, 30, 70, 92]],
    ];

    private int PeriodMs => 1000 / sampleRateHz;

    public void Write(int digit, Rect box) => WritePolylines(Digits[digit], box);

    /// <summary>A touch that leaves no line: "nothing written".</summary>
    public void Tap(Rect box)
    {
        int x = box.X + box.Width / 2, y = box.Y + box.Height / 2;
        sink.OnTouch(TouchAction.Down, x, y, (int)clock.NowMs);
        clock.Advance(PeriodMs);
        sink.OnTouch(TouchAction.Up, x, y, (int)clock.NowMs);
    }

    public void WritePolylines(int[][] strokes, Rect box)
    {
        foreach (var stroke in strokes)
        {
            var (x, y) = Map(box, stroke[0], stroke[1]);
            sink.OnTouch(TouchAction.Down, x, y, (int)clock.NowMs);
            for (int i = 2; i < stroke.Length; i += 2)
            {
                var (x0, y0) = Map(box, stroke[i - 2], stroke[i - 1]);
                var (x1, y1) = Map(box, stroke[i], stroke[i + 1]);
                int steps = Math.Max(1, (int)(Math.Sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0)) / 4));
                for (int s = 1; s <= steps; s++)
                {
                    clock.Advance(PeriodMs);
                    sink.OnTouch(TouchAction.Move, x0 + (x1 - x0) * s / steps, y0 + (y1 - y0) * s / steps, (int)clock.NowMs);
                }
            }

            clock.Advance(PeriodMs);
            sink.OnTouch(TouchAction.Up, 0, 0, (int)clock.NowMs);
            clock.Advance(120);
        }
    }

    /// <summary>Puts the finger down in a box and moves a little, without lifting (a screenshot mid-stroke).</summary>
    public void OnlyDown(Rect box)
    {
        var (x, y) = Map(box, 30, 20);
        sink.OnTouch(TouchAction.Down, x, y, (int)clock.NowMs);
        for (int i = 1; i <= 10; i++)
        {
            clock.Advance(PeriodMs);
            sink.OnTouch(TouchAction.Move, x + i * box.Width / 30, y + i * box.Height / 40, (int)clock.NowMs);
        }
    }

    public void Lift()
    {
        clock.Advance(PeriodMs);
        sink.OnTouch(TouchAction.Up, 0, 0, (int)clock.NowMs);
    }

    public void Tap(int x, int y)
    {
        sink.OnTouch(TouchAction.Down, x, y, (int)clock.NowMs);
        clock.Advance(PeriodMs);
        sink.OnTouch(TouchAction.Up, x, y, (int)clock.NowMs);
        clock.Advance(PeriodMs);
    }

    private static (int, int) Map(Rect box, int u, int v)
    {
        // Digits fill the middle 70% of the box, as people write.
        int x = box.X + box.Width * 15 / 100 + (box.Width * 70 / 100) * u / 100;
        int y = box.Y + box.Height * 15 / 100 + (box.Height * 70 / 100) * v / 100;
        return (x, y);
    }
}
