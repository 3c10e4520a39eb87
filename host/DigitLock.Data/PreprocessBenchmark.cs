using System.Diagnostics;
using DigitLock.Core.Hardware;
using DigitLock.Core.Preprocessing;
using DigitLock.Core.Strokes;

namespace DigitLock.Data;

/// <param name="CpuMicrosecondsPerDigit">Process CPU time: steadier than wall time on a loaded machine.</param>
public sealed record BenchFigure(string Stage, int Digits, double MicrosecondsPerDigit, double CpuMicrosecondsPerDigit,
    double AllocatedBytesPerDigit);

public sealed record PreprocessBenchResult(string Inputs, double MeanPoints, IReadOnlyList<BenchFigure> Figures);

/// <summary>
/// <c>bench preprocess</c>: host cost of the managed per-digit path after warm-up: time and GC
/// allocation per digit (GC.GetAllocatedBytesForCurrentThread) for capture + preprocessing as the
/// board runs it, preprocessing alone, and the bitmap reframe path.
/// </summary>
public static class PreprocessBenchmark
{
    public static PreprocessBenchResult Run(IReadOnlyList<Stroke[]> digits, string inputs, int rounds)
    {
        if (digits.Count == 0)
        {
            throw new DatasetException("no digits to benchmark");
        }

        var screen = TouchScreen.Rt1060;
        var inks = digits.Select(strokes =>
        {
            var ink = new InkBuffer(StrokeCapture.DefaultPointCapacity, StrokeCapture.DefaultStrokeCapacity, false);
            ink.CopyFrom(strokes);
            return ink;
        }).ToList();
        var images = new List<byte[]>();
        var preprocessor = new DigitPreprocessor();
        foreach (var ink in inks)
        {
            var image = new byte[784];
            preprocessor.Process(ink, image);
            images.Add(image);
        }

        var sink = new Sink(preprocessor);
        var capture = new StrokeCapture([screen.Box], screen.TouchRateHz, 300, sink);
        var reframer = new BitmapReframer();
        var output = new byte[784];

        var figures = new List<BenchFigure>
        {
            Measure("capture+preprocess (touch events -> image)", digits.Count, rounds, i =>
            {
                var time = Replay(capture, digits[i]);
                capture.Poll(time + 300);
            }),
            Measure("preprocess (InkBuffer -> image)", digits.Count, rounds, i => preprocessor.Process(inks[i], output)),
            Measure("preprocess (Stroke[] -> image)", digits.Count, rounds, i => preprocessor.Process(digits[i], output)),
            Measure("reframe (28x28 bitmap -> image)", digits.Count, rounds,
                i => reframer.Reframe(images[i], 28, 28, false, output)),
        };
        var meanPoints = inks.Average(ink => ink.PointCount);
        return new PreprocessBenchResult(inputs, meanPoints, figures);
    }

    private static int Replay(StrokeCapture capture, Stroke[] strokes)
    {
        var last = 0;
        foreach (var stroke in strokes)
        {
            for (var p = 0; p < stroke.Count; p++)
            {
                var point = stroke[p];
                capture.OnTouch(p == 0 ? TouchAction.Down : TouchAction.Move, point.X, point.Y, point.TimeMs);
                last = point.TimeMs;
            }

            capture.OnTouch(TouchAction.Up, 0, 0, last);
        }

        return last;
    }

    private static BenchFigure Measure(string stage, int count, int rounds, Action<int> digit)
    {
        for (var i = 0; i < count; i++)
        {
            digit(i);
        }

        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var r = 0; r < rounds; r++)
        {
            for (var i = 0; i < count; i++)
            {
                digit(i);
            }
        }

        watch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var digits = (double)count * rounds;
        return new BenchFigure(stage, count * rounds, watch.Elapsed.TotalMicroseconds / digits, cpu.TotalMicroseconds / digits,
            allocated / digits);
    }

    private sealed class Sink(DigitPreprocessor preprocessor) : IWritingListener
    {
        private readonly byte[] _image = new byte[784];

        public void OnInk(int box, int x0, int y0, int x1, int y1)
        {
        }

        public void OnDigitDone(int box, InkBuffer ink) => preprocessor.Process(ink, _image);
    }
}
