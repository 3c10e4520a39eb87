using DigitLock.Core.Hardware;
using DigitLock.Core.Preprocessing;
using DigitLock.Core.Strokes;

namespace DigitLock.Core.Tests.LockFakes;

/// <summary>
/// Stands in for the CNN in scenario tests: nearest neighbour against the Pen's digit shapes
/// (drawn in a 3:4 box, like the screens' boxes) pushed through the real preprocessing, with
/// scores that fall with image distance. A test can
/// queue exact scores to play an unsure model.
/// </summary>
public sealed class TemplateClassifier : IDigitClassifier
{
    private readonly byte[][] _templates = new byte[10][];
    private readonly Queue<byte[]> _forced = new();

    public TemplateClassifier()
    {
        var preprocessor = new DigitPreprocessor();
        for (int d = 0; d < 10; d++)
        {
            var strokes = Pen.Digits[d]
                .Select(poly => new Stroke(Enumerable.Range(0, poly.Length / 2)
                    .Select(i => new TouchPoint(poly[2 * i] * 3, poly[2 * i + 1] * 4, i * 16)).ToArray()))
                .ToArray();
            _templates[d] = new byte[784];
            Assert.Equal(PreprocessResult.Digit, preprocessor.Process(strokes, _templates[d]));
        }
    }

    public int Calls { get; private set; }

    public List<int> Distances { get; } = new();

    /// <summary>The next Classify returns these scores instead of matching.</summary>
    public void Force(byte[] scores) => _forced.Enqueue(scores);

    public int Classify(byte[] image28x28, byte[] scores)
    {
        Calls++;
        if (_forced.Count > 0)
        {
            var forced = _forced.Dequeue();
            Array.Copy(forced, scores, 10);
        }
        else
        {
            var distances = new int[10];
            for (int d = 0; d < 10; d++)
            {
                long sum = 0;
                for (int i = 0; i < 784; i++)
                {
                    int diff = image28x28[i] - _templates[d][i];
                    sum += diff * diff;
                }

                distances[d] = (int)Math.Sqrt(sum / 784.0);
                Distances.Add(distances[d]);
            }

            // Like a softmax: the nearest template's score falls with its distance, the others
            // fall off exponentially with how much further away they are.
            int nearest = distances.Min();
            int top = Math.Clamp(255 - nearest, 0, 255);
            for (int d = 0; d < 10; d++)
            {
                scores[d] = (byte)(top * Math.Exp(-(distances[d] - nearest) / 10.0));
            }
        }

        int best = 0;
        for (int d = 1; d < 10; d++)
        {
            if (scores[d] > scores[best])
            {
                best = d;
            }
        }

        return best;
    }
}
