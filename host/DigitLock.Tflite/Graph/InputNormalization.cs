namespace DigitLock.Tflite.Graph;

/// <summary>
/// How the float model sees a board pixel: float = pixel * Scale + Offset, pixel the 0..255 byte of the
/// 28x28 image (0 background, 255 ink). The int8 model's input is always pixel - 128, so the quantized
/// input tensor gets scale = Scale and zero point = -128 - Offset / Scale, which must be an integer.
/// </summary>
public sealed record InputNormalization(float Scale, float Offset)
{
    /// <summary>float = pixel / 255, the usual [0, 1] input; int8 zero point -128.</summary>
    public static InputNormalization PixelOver255 { get; } = new(1f / 255f, 0f);

    public float Apply(byte pixel) => pixel * Scale + Offset;

    public float[] Apply(ReadOnlySpan<byte> pixels)
    {
        var x = new float[pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            x[i] = Apply(pixels[i]);
        }

        return x;
    }

    /// <summary>Zero point of the int8 input tensor that makes int8 = pixel - 128 an exact mapping.</summary>
    public int Int8ZeroPoint()
    {
        if (!(Scale > 0f) || float.IsInfinity(Scale) || float.IsNaN(Offset))
        {
            throw new ArgumentException($"input normalization scale {Scale} must be positive and finite");
        }

        var shift = (double)Offset / Scale;
        var rounded = Math.Round(shift);
        var zeroPoint = -128 - rounded;
        if (Math.Abs(shift - rounded) > 1e-3 || zeroPoint < -128 || zeroPoint > 127)
        {
            throw new ArgumentException(
                $"input normalization pixel * {Scale} + {Offset} cannot be fed as int8 = pixel - 128: " +
                "Offset / Scale must be an integer in [-255, 0]");
        }

        return (int)zeroPoint;
    }

    /// <summary>The mapping in words, stored in the model's metadata.</summary>
    public string Describe()
    {
        var text = Offset == 0f && Scale == 1f / 255f ? "pixel/255" : $"pixel*{Fmt(Scale)}{(Offset < 0 ? "-" : "+")}{Fmt(Math.Abs(Offset))}";
        return $"int8 = uint8_pixel - 128; float = {text}";
    }

    private static string Fmt(float v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
