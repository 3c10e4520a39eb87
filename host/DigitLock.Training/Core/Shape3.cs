namespace DigitLock.Training.Core;

/// <summary>Shape of one sample's activation, stored height-major then width then channel (NHWC, as TFLite).</summary>
public readonly record struct Shape3(int Height, int Width, int Channels)
{
    public int Size => Height * Width * Channels;

    public override string ToString() => $"{Height}x{Width}x{Channels}";
}
