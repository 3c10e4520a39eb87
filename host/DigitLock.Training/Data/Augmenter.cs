using DigitLock.Training.Core;

namespace DigitLock.Training.Data;

/// <summary>
/// Random distortions that make MNIST look more like finger-written digits on a touch screen: a random
/// affine map (rotation, shear, scale, translation), stroke thickness change (3x3 dilate or erode) and
/// pixel noise. Each sample's distortion depends only on (seed, epoch, sample index), never on thread
/// scheduling, so a seeded run is reproducible.
/// </summary>
public sealed class Augmenter(AugmentOptions options)
{
    private const int Side = IDigitDataset.Side;

    public AugmentOptions Options { get; } = options;

    public void Apply(ReadOnlySpan<byte> source, Span<float> destination, Rng rng)
    {
        Span<float> image = stackalloc float[Side * Side];
        Affine(source, image, rng);
        var thickness = rng.NextFloat();
        if (thickness < Options.DilateProbability)
        {
            Morph(image, dilate: true);
        }
        else if (thickness < Options.DilateProbability + Options.ErodeProbability)
        {
            Morph(image, dilate: false);
        }

        var noisy = rng.NextFloat() < Options.NoiseProbability;
        for (var i = 0; i < image.Length; i++)
        {
            var v = image[i];
            if (noisy)
            {
                v += Options.NoiseAmplitude * rng.Gaussian();
            }

            destination[i] = Math.Clamp(v, 0f, 1f);
        }
    }

    /// <summary>Inverse-maps each output pixel through a random affine transform about the centre; bilinear.</summary>
    private void Affine(ReadOnlySpan<byte> source, Span<float> output, Rng rng)
    {
        var o = Options;
        var angle = rng.Uniform(-o.RotationDegrees, o.RotationDegrees) * MathF.PI / 180f;
        var shear = rng.Uniform(-o.Shear, o.Shear);
        var scaleX = rng.Uniform(1f - o.Scale, 1f + o.Scale);
        var scaleY = scaleX * rng.Uniform(1f - o.Scale / 2, 1f + o.Scale / 2);
        var shiftX = rng.Uniform(-o.Translate, o.Translate);
        var shiftY = rng.Uniform(-o.Translate, o.Translate);

        // Forward map: p' = R · Shear · S · (p - c) + c + t. Inverse it once, then sample.
        var (cos, sin) = (MathF.Cos(angle), MathF.Sin(angle));
        float a = cos * scaleX, b = (cos * shear - sin) * scaleY;
        float c = sin * scaleX, d = (sin * shear + cos) * scaleY;
        var det = a * d - b * c;
        float ia = d / det, ib = -b / det, ic = -c / det, id = a / det;
        const float centre = (Side - 1) / 2f;
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                var dx = x - centre - shiftX;
                var dy = y - centre - shiftY;
                var sx = ia * dx + ib * dy + centre;
                var sy = ic * dx + id * dy + centre;
                output[y * Side + x] = Bilinear(source, sx, sy);
            }
        }
    }

    private static float Bilinear(ReadOnlySpan<byte> image, float x, float y)
    {
        var x0 = (int)MathF.Floor(x);
        var y0 = (int)MathF.Floor(y);
        var fx = x - x0;
        var fy = y - y0;
        if (x0 >= 0 && y0 >= 0 && x0 + 1 < Side && y0 + 1 < Side)
        {
            // Inside the image (most samples): no per-pixel bounds tests. A dark 2x2 neighbourhood (most of
            // an MNIST digit's background) gives exactly +0 through the formula below, so return it directly.
            var at = y0 * Side + x0;
            int p00 = image[at], p10 = image[at + 1], p01 = image[at + Side], p11 = image[at + Side + 1];
            if ((p00 | p10 | p01 | p11) == 0)
            {
                return 0f;
            }

            const float scale = 1f / 255f;
            return (p00 * scale * (1 - fx) + p10 * scale * fx) * (1 - fy) +
                   (p01 * scale * (1 - fx) + p11 * scale * fx) * fy;
        }

        return (Pixel(image, x0, y0) * (1 - fx) + Pixel(image, x0 + 1, y0) * fx) * (1 - fy) +
               (Pixel(image, x0, y0 + 1) * (1 - fx) + Pixel(image, x0 + 1, y0 + 1) * fx) * fy;
    }

    private static float Pixel(ReadOnlySpan<byte> image, int x, int y) =>
        x < 0 || y < 0 || x >= Side || y >= Side ? 0f : image[y * Side + x] * (1f / 255f);

    /// <summary>Dilate: 3x3 maximum (thicker strokes). Erode: minimum over the plus-shaped neighbourhood.</summary>
    private static void Morph(Span<float> image, bool dilate)
    {
        Span<float> copy = stackalloc float[Side * Side];
        image.CopyTo(copy);
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                var v = copy[y * Side + x];
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        if ((!dilate && dx != 0 && dy != 0) || (dx == 0 && dy == 0))
                        {
                            continue;
                        }

                        int nx = x + dx, ny = y + dy;
                        var n = nx < 0 || ny < 0 || nx >= Side || ny >= Side ? 0f : copy[ny * Side + nx];
                        v = dilate ? MathF.Max(v, n) : MathF.Min(v, n);
                    }
                }

                image[y * Side + x] = v;
            }
        }
    }
}

/// <summary>Distortion ranges; uniform in ±range unless stated.</summary>
public sealed record AugmentOptions
{
    public float RotationDegrees { get; init; } = 8f;

    public float Shear { get; init; } = 0.1f;

    /// <summary>Relative scale change.</summary>
    public float Scale { get; init; } = 0.08f;

    /// <summary>Shift in pixels.</summary>
    public float Translate { get; init; } = 1.5f;

    public float DilateProbability { get; init; } = 0.1f;

    public float ErodeProbability { get; init; } = 0.05f;

    public float NoiseProbability { get; init; } = 0.1f;

    /// <summary>Standard deviation of the Gaussian pixel noise, in [0, 1] intensity units.</summary>
    public float NoiseAmplitude { get; init; } = 0.03f;
}
