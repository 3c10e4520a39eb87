namespace DigitLock.Core.Inference
{
    /// <summary>
    /// QUANTIZE between 8-bit types (TFLite Requantize: (x - in_zp) * in_scale/out_scale + out_zp,
    /// integer multiplier, clamped). uint8 values sit in the arena as their bit patterns.
    /// </summary>
    public sealed class RequantizeLayer : Layer
    {
        private readonly int _count;
        private readonly bool _inUnsigned;
        private readonly int _inZeroPoint, _outZeroPoint, _multiplier, _shift, _min, _max;

        public RequantizeLayer(int builtin, int input, int output, int count, bool inUnsigned, bool outUnsigned,
            int inZeroPoint, int outZeroPoint, int multiplier, int shift)
            : base(builtin, input, output)
        {
            _count = count;
            _inUnsigned = inUnsigned;
            _inZeroPoint = inZeroPoint;
            _outZeroPoint = outZeroPoint;
            _multiplier = multiplier;
            _shift = shift;
            _min = outUnsigned ? 0 : -128;
            _max = outUnsigned ? 255 : 127;
        }

        public override void Run(sbyte[] arena)
        {
            for (int i = 0; i < _count; ++i)
            {
                int x = _inUnsigned ? arena[InOffset + i] & 0xFF : arena[InOffset + i];
                int v = QuantMath.MultiplyByQuantizedMultiplier(x - _inZeroPoint, _multiplier, _shift) + _outZeroPoint;
                v = QuantMath.Clamp(v, _min, _max);
                arena[OutOffset + i] = (sbyte)v; // low 8 bits: the uint8 bit pattern when unsigned
            }
        }
    }
}
