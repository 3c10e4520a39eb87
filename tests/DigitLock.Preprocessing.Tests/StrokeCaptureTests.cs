using DigitLock.Core.Hardware;
using DigitLock.Core.Strokes;

namespace DigitLock.Preprocessing.Tests;

public class StrokeCaptureTests
{
    private static readonly WritingBox[] Boxes = [new(0, 0, 100, 120), new(110, 0, 100, 120)];

    private sealed class Recorder : IWritingListener
    {
        public List<(int Box, Stroke[] Strokes)> Digits { get; } = [];

        public int InkCalls { get; private set; }

        public void OnInk(int box, int x0, int y0, int x1, int y1) => InkCalls++;

        public void OnDigitDone(int box, InkBuffer ink) => Digits.Add((box, ink.ToStrokes()));
    }

    private static (StrokeCapture Capture, Recorder Recorder) Make(int rateHz = 100, int pauseMs = 400)
    {
        var recorder = new Recorder();
        return (new StrokeCapture(Boxes, rateHz, pauseMs, recorder), recorder);
    }

    private static TouchPoint[] Points(Stroke stroke) => Enumerable.Range(0, stroke.Count).Select(i => stroke[i]).ToArray();

    [Fact]
    public void Repeated_points_are_dropped_and_the_digit_ends_after_the_pause()
    {
        var (capture, recorder) = Make();
        capture.OnTouch(TouchAction.Down, 10, 10, 0);
        capture.OnTouch(TouchAction.Move, 10, 10, 10);
        capture.OnTouch(TouchAction.Move, 11, 12, 20);
        capture.OnTouch(TouchAction.Move, 11, 12, 30);
        capture.OnTouch(TouchAction.Up, 11, 12, 40);

        capture.Poll(40 + 399);
        Assert.Empty(recorder.Digits);
        capture.Poll(40 + 400);

        var (box, strokes) = Assert.Single(recorder.Digits);
        Assert.Equal(0, box);
        Assert.Equal([new TouchPoint(10, 10, 0), new TouchPoint(11, 12, 20)], Points(Assert.Single(strokes)));
        Assert.Equal(-1, capture.ActiveBox);
    }

    [Fact]
    public void A_digit_is_not_finished_while_the_pen_is_down()
    {
        var (capture, recorder) = Make();
        capture.OnTouch(TouchAction.Down, 10, 10, 0);
        capture.OnTouch(TouchAction.Move, 20, 20, 10);
        capture.Poll(5000);
        Assert.Empty(recorder.Digits);
        capture.OnTouch(TouchAction.Up, 0, 0, 5000);
        capture.Poll(5400);
        Assert.Single(recorder.Digits);
    }

    [Fact]
    public void Strokes_with_a_short_pen_up_belong_to_one_digit()
    {
        var (capture, recorder) = Make();
        capture.OnTouch(TouchAction.Down, 10, 10, 0);
        capture.OnTouch(TouchAction.Move, 10, 50, 10);
        capture.OnTouch(TouchAction.Up, 0, 0, 20);
        capture.Poll(200);
        capture.OnTouch(TouchAction.Down, 30, 10, 300);
        capture.OnTouch(TouchAction.Move, 30, 50, 310);
        capture.OnTouch(TouchAction.Up, 0, 0, 320);
        capture.Poll(720);

        var (_, strokes) = Assert.Single(recorder.Digits);
        Assert.Equal(2, strokes.Length);
    }

    [Fact]
    public void Writing_in_the_next_box_finishes_the_previous_digit_at_once()
    {
        var (capture, recorder) = Make();
        capture.OnTouch(TouchAction.Down, 10, 10, 0);
        capture.OnTouch(TouchAction.Move, 10, 50, 10);
        capture.OnTouch(TouchAction.Up, 0, 0, 20);
        capture.OnTouch(TouchAction.Down, 150, 10, 50);

        var (box, _) = Assert.Single(recorder.Digits);
        Assert.Equal(0, box);
        Assert.Equal(1, capture.ActiveBox);
        capture.OnTouch(TouchAction.Move, 150, 60, 60);
        capture.OnTouch(TouchAction.Up, 0, 0, 70);
        capture.Finish();
        Assert.Equal(1, recorder.Digits[1].Box);
        Assert.Equal([new TouchPoint(150, 10, 50), new TouchPoint(150, 60, 60)], Points(recorder.Digits[1].Strokes[0]));
    }

    [Fact]
    public void Touches_outside_every_box_are_ignored()
    {
        var (capture, recorder) = Make();
        capture.OnTouch(TouchAction.Down, 105, 10, 0);
        capture.OnTouch(TouchAction.Move, 105, 50, 10);
        capture.OnTouch(TouchAction.Up, 0, 0, 20);
        capture.Poll(10_000);
        Assert.Empty(recorder.Digits);
        Assert.Equal(0, recorder.InkCalls);
    }

    [Fact]
    public void A_finger_sliding_out_ends_the_stroke_on_the_edge_and_sliding_back_starts_a_new_one()
    {
        var (capture, recorder) = Make();
        capture.OnTouch(TouchAction.Down, 80, 40, 0);
        capture.OnTouch(TouchAction.Move, 90, 40, 10);
        capture.OnTouch(TouchAction.Move, 109, 60, 20); // out of box 0 (x > 99), not yet in box 1
        capture.OnTouch(TouchAction.Move, 130, 60, 30); // in box 1 while still down: not a new digit
        capture.OnTouch(TouchAction.Move, 109, 80, 40);
        capture.OnTouch(TouchAction.Move, 89, 80, 50);  // back into box 0
        capture.OnTouch(TouchAction.Move, 80, 80, 60);
        capture.OnTouch(TouchAction.Up, 0, 0, 70);
        capture.Finish();

        var (box, strokes) = Assert.Single(recorder.Digits);
        Assert.Equal(0, box);
        Assert.Equal(2, strokes.Length);
        var first = Points(strokes[0]);
        var exit = first[^1];
        Assert.Equal(99, exit.X);
        Assert.InRange(exit.Y, 49, 50); // on the line from (90,40) to (109,60) where x = 99: y = 49.5
        Assert.InRange(exit.TimeMs, 14, 15);
        var second = Points(strokes[1]);
        Assert.Equal(99, second[0].X);
        Assert.Equal(80, second[0].Y);
        Assert.Equal(new TouchPoint(80, 80, 60), second[^1]);
        Assert.All(first.Concat(second), p => Assert.True(Boxes[0].Contains(p.X, p.Y)));
    }

    [Fact]
    public void A_stroke_begun_outside_the_box_starts_where_it_enters()
    {
        var (capture, recorder) = Make();
        capture.OnTouch(TouchAction.Down, 50, 130, 0); // below box 0
        capture.OnTouch(TouchAction.Move, 50, 110, 10);
        capture.OnTouch(TouchAction.Move, 50, 100, 20);
        capture.OnTouch(TouchAction.Up, 0, 0, 30);
        capture.Finish();

        var points = Points(Assert.Single(Assert.Single(recorder.Digits).Strokes));
        Assert.Equal((50, 119), (points[0].X, points[0].Y));
        Assert.InRange(points[0].TimeMs, 5, 6); // crossed y = 119 halfway between the reports at 0 and 10 ms
        Assert.Equal(new TouchPoint(50, 100, 20), points[^1]);
    }

    [Fact]
    public void Missed_samples_are_filled_on_the_line_at_the_controller_rate()
    {
        var (capture, recorder) = Make(rateHz: 100);
        capture.OnTouch(TouchAction.Down, 10, 10, 0);
        capture.OnTouch(TouchAction.Move, 50, 90, 40); // three 10 ms reports were lost
        capture.OnTouch(TouchAction.Up, 0, 0, 50);
        capture.Finish();

        var points = Points(Assert.Single(Assert.Single(recorder.Digits).Strokes));
        Assert.Equal(
            [new TouchPoint(10, 10, 0), new TouchPoint(20, 30, 10), new TouchPoint(30, 50, 20), new TouchPoint(40, 70, 30),
             new TouchPoint(50, 90, 40)],
            points);
    }

    [Fact]
    public void Regular_reports_get_no_invented_points()
    {
        var (capture, recorder) = Make(rateHz: 100);
        capture.OnTouch(TouchAction.Down, 10, 10, 0);
        capture.OnTouch(TouchAction.Move, 30, 10, 10);
        capture.OnTouch(TouchAction.Move, 50, 10, 21);
        capture.OnTouch(TouchAction.Up, 0, 0, 30);
        capture.Finish();
        Assert.Equal(3, Assert.Single(Assert.Single(recorder.Digits).Strokes).Count);
    }

    [Fact]
    public void A_move_without_a_down_starts_a_stroke_and_the_release_position_is_ignored()
    {
        var (capture, recorder) = Make();
        capture.OnTouch(TouchAction.Move, 10, 10, 0);
        capture.OnTouch(TouchAction.Move, 20, 10, 10);
        capture.OnTouch(TouchAction.Up, 500, 500, 20);
        capture.Finish();
        Assert.Equal([new TouchPoint(10, 10, 0), new TouchPoint(20, 10, 10)],
            Points(Assert.Single(Assert.Single(recorder.Digits).Strokes)));
    }

    [Fact]
    public void A_full_buffer_drops_points_instead_of_failing()
    {
        var recorder = new Recorder();
        var capture = new StrokeCapture(Boxes, 100, 400, recorder, new InkBuffer(8, 2, false));
        capture.OnTouch(TouchAction.Down, 0, 0, 0);
        for (var i = 1; i < 20; i++)
        {
            capture.OnTouch(TouchAction.Move, i, i, i * 10);
        }

        capture.OnTouch(TouchAction.Up, 0, 0, 300);
        for (var s = 0; s < 3; s++)
        {
            capture.OnTouch(TouchAction.Down, 50, 50 + s, 400 + s * 100);
            capture.OnTouch(TouchAction.Up, 0, 0, 410 + s * 100);
        }

        capture.Finish();
        var strokes = Assert.Single(recorder.Digits).Strokes;
        Assert.Single(strokes);
        Assert.Equal(8, strokes[0].Count);
    }

    [Fact]
    public void Cancel_forgets_the_digit()
    {
        var (capture, recorder) = Make();
        capture.OnTouch(TouchAction.Down, 10, 10, 0);
        capture.OnTouch(TouchAction.Up, 0, 0, 10);
        capture.Cancel();
        capture.Poll(10_000);
        Assert.Empty(recorder.Digits);
    }
}
