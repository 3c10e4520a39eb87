namespace DigitLock.Training.Layers;

/// <summary>TFLite's two padding modes; SAME pads (total / 2) before and the rest after, as TFLite does.</summary>
public enum Padding
{
    Valid,
    Same,
}

public static class PaddingMath
{
    public static int OutputSize(Padding padding, int input, int kernel, int stride) => padding == Padding.Same
        ? (input + stride - 1) / stride
        : (input - kernel) / stride + 1;

    public static int PadBefore(Padding padding, int input, int kernel, int stride)
    {
        if (padding == Padding.Valid)
        {
            return 0;
        }

        var output = OutputSize(padding, input, kernel, stride);
        return Math.Max((output - 1) * stride + kernel - input, 0) / 2;
    }
}
