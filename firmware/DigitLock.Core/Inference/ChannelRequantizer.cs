namespace DigitLock.Core.Inference
{
    /// <summary>
    /// Per-output-channel requantization of a conv/depthwise/fully-connected layer: both the float
    /// scales (XNNPACK, the TFLite runtime's default) and the integer multipliers (TFLite
    /// reference, TFLite Micro, CMSIS-NN), like the C engine keeps both and switches between them.
    /// </summary>
    public sealed class ChannelRequantizer
    {
        public readonly float[] Scale;
        public readonly int[] Multiplier;
        public readonly int[] Shift;
        public readonly int ZeroPoint;
        public readonly int Min;
        public readonly int Max;
        public bool UseFloat = true;

        public ChannelRequantizer(int channels, int zeroPoint, int min, int max)
        {
            Scale = new float[channels];
            Multiplier = new int[channels];
            Shift = new int[channels];
            ZeroPoint = zeroPoint;
            Min = min;
            Max = max;
        }

        public int Apply(int acc, int channel)
        {
            if (UseFloat)
                return QuantMath.RequantizeFloat(acc, Scale[channel], ZeroPoint, Min, Max);
            return QuantMath.RequantizeInteger(acc, Multiplier[channel], Shift[channel], ZeroPoint, Min, Max);
        }
    }
}
