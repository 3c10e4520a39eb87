namespace DigitLock.Tflite.Graph;

/// <summary>TFLite's two padding modes (numbered as the schema's Padding enum).</summary>
public enum Padding
{
    /// <summary>Output size ceil(in / stride); the zero border is split, the smaller half before.</summary>
    Same = 0,

    /// <summary>No border: output size ceil((in - kernel + 1) / stride).</summary>
    Valid = 1,
}

/// <summary>Output sizes and leading pad, computed exactly as TFLite does so both agree on every pixel.</summary>
public static class PaddingMath
{
    public static int OutputSize(Padding padding, int input, int kernel, int stride) => padding switch
    {
        Padding.Same => (input + stride - 1) / stride,
        _ => (input - kernel + stride) / stride,
    };

    public static int PadBefore(Padding padding, int input, int kernel, int stride)
    {
        if (padding == Padding.Valid)
        {
            return 0;
        }

        var output = OutputSize(padding, input, kernel, stride);
        var total = Math.Max((output - 1) * stride + kernel - input, 0);
        return total / 2;
    }
}
