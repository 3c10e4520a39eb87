using DigitLock.Core.Dataset;
using DigitLock.Core.Strokes;

namespace DigitLock.Data;

public static class SampleExtensions
{
    public static Stroke[] StrokeArray(this Sample sample)
    {
        var strokes = new Stroke[sample.StrokeCount];
        for (var s = 0; s < strokes.Length; s++)
        {
            strokes[s] = sample.GetStroke(s);
        }

        return strokes;
    }

    /// <summary>The same sample with another label (cleaning); everything else is kept.</summary>
    public static RecordedSample WithLabel(this RecordedSample recorded, int label) =>
        new(new Sample(label, recorded.Sample.StrokeArray(), recorded.Sample.Image), recorded.Source,
            recorded.CapturedAtUnixMs, recorded.Preprocessing);
}
