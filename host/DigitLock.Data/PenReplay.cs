using DigitLock.Core.Hardware;
using DigitLock.Core.Preprocessing;
using DigitLock.Core.Strokes;

namespace DigitLock.Data;

/// <summary>A board's touch screen and writing box, as far as capture needs them.</summary>
/// <param name="TouchRateHz">How often the touch controller reports a position.</param>
public sealed record TouchScreen(int ScreenWidth, int ScreenHeight, int BoxLeft, int BoxTop, int BoxWidth, int BoxHeight,
    int TouchRateHz)
{
    /// <summary>
    /// i.MX RT1060 EVK: 480x272 LCD; the PIN screen's writing boxes are 100x120 px (four fit across
    /// with gaps); the first box's position is used. The FT5336 touch controller is taken to report at 100 Hz.
    /// </summary>
    public static TouchScreen Rt1060 { get; } = new(480, 272, 20, 136, 100, 120, 100);

    public WritingBox Box => new(BoxLeft, BoxTop, BoxWidth, BoxHeight);
}

/// <summary>
/// Replays a pen trajectory as a finger on a board would produce it: scaled into the writing
/// box, sampled at the touch controller's rate, rounded to whole pixels, and fed as touch
/// events through the firmware's own <see cref="StrokeCapture"/> and <see cref="DigitPreprocessor"/>.
/// </summary>
public sealed class PenReplay : IWritingListener
{
    /// <summary>The tablet's report interval assumed for UNIPEN points (pendigits states none; 100 Hz is
    /// typical of the Wacom tablets used and gives ~0.4 s for a median 39-point digit).</summary>
    public const int TabletIntervalMs = 10;

    /// <summary>Largest scale from tablet units to screen pixels (about the finger-written size:
    /// the median pendigits digit, 170 units tall, becomes 85 px in a 120 px box).</summary>
    public const double MaxPixelsPerUnit = 0.5;

    /// <summary>A digit is never scaled beyond this fraction of the box (taller ones shrink to fit).</summary>
    public const double MaxBoxFill = 0.9;

    private const int DonePauseMs = 500;

    private readonly TouchScreen _screen;
    private readonly StrokeCapture _capture;
    private readonly DigitPreprocessor _preprocessor = new();
    private Stroke[]? _strokes;
    private byte[]? _image;
    private PreprocessResult _result;

    public PenReplay(TouchScreen screen)
    {
        _screen = screen;
        _capture = new StrokeCapture([screen.Box], screen.TouchRateHz, DonePauseMs, this);
    }

    /// <summary>The strokes the capture produced and the image preprocessing made of them.</summary>
    public (Stroke[] Strokes, byte[] Image, PreprocessResult Result) Replay(IReadOnlyList<PenStroke> penStrokes)
    {
        ArgumentNullException.ThrowIfNull(penStrokes);
        _strokes = null;
        _image = null;
        var (minX, minY, maxX, maxY) = Bounds(penStrokes);
        var scale = Math.Min(MaxPixelsPerUnit, Math.Min(
            MaxBoxFill * _screen.BoxWidth / Math.Max(1, maxX - minX),
            MaxBoxFill * _screen.BoxHeight / Math.Max(1, maxY - minY)));
        var centreX = _screen.BoxLeft + (_screen.BoxWidth - 1) / 2.0;
        var centreY = _screen.BoxTop + (_screen.BoxHeight - 1) / 2.0;
        var midX = (minX + maxX) / 2.0;
        var midY = (minY + maxY) / 2.0;

        // Tablet y points up, screen y down.
        int ScreenX(double x) => (int)Math.Round(centreX + (x - midX) * scale, MidpointRounding.AwayFromZero);
        int ScreenY(double y) => (int)Math.Round(centreY - (y - midY) * scale, MidpointRounding.AwayFromZero);

        var period = 1000.0 / _screen.TouchRateHz;
        var time = 0;
        foreach (var stroke in penStrokes)
        {
            time += stroke.GapBeforeMs;
            var points = stroke.Points;
            var duration = (points.Count - 1) * TabletIntervalMs;
            _capture.OnTouch(TouchAction.Down, ScreenX(points[0].X), ScreenY(points[0].Y), time);
            for (var k = 1; k * period < duration; k++)
            {
                var (x, y) = At(points, k * period / TabletIntervalMs);
                _capture.OnTouch(TouchAction.Move, ScreenX(x), ScreenY(y), time + (int)(k * period));
            }

            if (points.Count > 1)
            {
                // The lift-off point: a controller's last report before release is within one period of it.
                _capture.OnTouch(TouchAction.Move, ScreenX(points[^1].X), ScreenY(points[^1].Y), time + duration);
            }

            time += duration;
            _capture.OnTouch(TouchAction.Up, 0, 0, time);
        }

        _capture.Poll(time + DonePauseMs);
        if (_strokes == null || _image == null)
        {
            return ([], new byte[PreprocessParams.ImageSize * PreprocessParams.ImageSize], PreprocessResult.NothingWritten);
        }

        return (_strokes, _image, _result);
    }

    void IWritingListener.OnInk(int box, int x0, int y0, int x1, int y1)
    {
    }

    void IWritingListener.OnDigitDone(int box, InkBuffer ink)
    {
        _image = new byte[PreprocessParams.ImageSize * PreprocessParams.ImageSize];
        _result = _preprocessor.Process(ink, _image);
        _strokes = ink.ToStrokes();
    }

    private static (double X, double Y) At(IReadOnlyList<(int X, int Y)> points, double position)
    {
        var i = Math.Min((int)position, points.Count - 2);
        var f = position - i;
        return (points[i].X + (points[i + 1].X - points[i].X) * f, points[i].Y + (points[i + 1].Y - points[i].Y) * f);
    }

    private static (int MinX, int MinY, int MaxX, int MaxY) Bounds(IReadOnlyList<PenStroke> strokes)
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

        return (minX, minY, maxX, maxY);
    }
}
