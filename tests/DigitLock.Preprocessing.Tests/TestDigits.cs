using DigitLock.Core.Strokes;

namespace DigitLock.Preprocessing.Tests;

/// <summary>Seeded, digit-sized scribbles in screen pixels: smooth curves like a finger makes.</summary>
internal static class TestDigits
{
    public static Stroke[] Random(int seed, int left = 20, int top = 136, int width = 100, int height = 120)
    {
        var random = new Random(seed);
        var strokeCount = 1 + random.Next(3);
        var strokes = new Stroke[strokeCount];
        var time = 0;
        for (var s = 0; s < strokeCount; s++)
        {
            var points = new List<TouchPoint>();
            var count = 15 + random.Next(60);
            double a1 = random.NextDouble() * 0.4, a2 = random.NextDouble() * 0.2, p1 = random.NextDouble() * 6, p2 = random.NextDouble() * 6;
            double f1 = 0.5 + random.NextDouble() * 2, f2 = 0.5 + random.NextDouble() * 2;
            for (var i = 0; i < count; i++)
            {
                var u = i / (double)(count - 1);
                var x = 0.5 + a1 * Math.Sin(2 * Math.PI * f1 * u + p1) + a2 * Math.Cos(2 * Math.PI * f2 * u);
                var y = 0.1 + 0.8 * u + 0.1 * Math.Sin(2 * Math.PI * f2 * u + p2);
                points.Add(new TouchPoint(left + (int)Math.Round(x * (width - 1)), top + (int)Math.Round(y * (height - 1)), time));
                time += 10;
            }

            strokes[s] = new Stroke(points.ToArray());
            time += 150;
        }

        return strokes;
    }

    public static Stroke[] Map(Stroke[] strokes, Func<TouchPoint, TouchPoint> map) =>
        strokes.Select(stroke => new Stroke(Enumerable.Range(0, stroke.Count).Select(i => map(stroke[i])).ToArray())).ToArray();

    public static Stroke Line(params (int X, int Y)[] points) =>
        new(points.Select((p, i) => new TouchPoint(p.X, p.Y, i * 10)).ToArray());

    /// <summary>Centre of mass of a 28x28 image in pixel-index coordinates.</summary>
    public static (double X, double Y) CentreOfMass(byte[] image)
    {
        double mass = 0, x = 0, y = 0;
        for (var i = 0; i < image.Length; i++)
        {
            mass += image[i];
            x += image[i] * (i % 28);
            y += image[i] * (i / 28);
        }

        return (x / mass, y / mass);
    }

    /// <summary>Bounding box of pixels above a level: (left, top, width, height).</summary>
    public static (int Left, int Top, int Width, int Height) InkBox(byte[] image, int level)
    {
        int minX = 28, minY = 28, maxX = -1, maxY = -1;
        for (var i = 0; i < image.Length; i++)
        {
            if (image[i] > level)
            {
                minX = Math.Min(minX, i % 28);
                maxX = Math.Max(maxX, i % 28);
                minY = Math.Min(minY, i / 28);
                maxY = Math.Max(maxY, i / 28);
            }
        }

        return (minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    public static double MeanAbsDiff(byte[] a, byte[] b) => a.Zip(b, (p, q) => Math.Abs(p - q)).Average();
}
