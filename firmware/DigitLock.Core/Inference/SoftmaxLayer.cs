using System;

namespace DigitLock.Core.Inference
{
    /// <summary>
    /// SOFTMAX int8 -> int8 (output scale 1/256, zero point -128), TFLite's table-based kernel as
    /// the C engine's softmax_s8.c: a float table of exp(-input_scale*beta*d) for each distance d
    /// to the row maximum, a float sum in input order, then round-half-away of p/output_scale.
    /// </summary>
    public sealed class SoftmaxLayer : Layer
    {
        private readonly int _rows;
        private readonly int _depth;
        private readonly int _outZeroPoint;
        private readonly float _outScale;
        private readonly float[] _table = new float[256];

        public SoftmaxLayer(int builtin, int input, int output, int rows, int depth, float inputScale, float beta,
            int outZeroPoint, float outScale)
            : base(builtin, input, output)
        {
            _rows = rows;
            _depth = depth;
            _outZeroPoint = outZeroPoint;
            _outScale = outScale;
            float scale = (float)(-inputScale * beta);
            for (int d = 0; d <= 255; ++d)
            {
                float arg = (float)(scale * d);
                // expf(arg) of the C library: Math.Exp is double, its result rounded once to float.
                _table[255 - d] = (float)Math.Exp(arg);
            }
        }

        /// <summary>Entry 255-d is exp(-input_scale*beta*d); exposed so tests can compare it with the C library's expf.</summary>
        public float TableEntry(int index)
        {
            return _table[index];
        }

        public override void Run(sbyte[] arena)
        {
            float[] table = _table;
            int inPos = InOffset;
            int outPos = OutOffset;
            for (int r = 0; r < _rows; ++r)
            {
                int maxVal = -128;
                for (int j = 0; j < _depth; ++j)
                    if (arena[inPos + j] > maxVal)
                        maxVal = arena[inPos + j];

                // table index of x is 255 - (max - x)
                int bias = 255 - maxVal;
                float sum = 0.0f;
                for (int j = 0; j < _depth; ++j)
                    sum = (float)(sum + table[bias + arena[inPos + j]]);
                float inv = (float)(1.0f / (float)(sum * _outScale));
                for (int j = 0; j < _depth; ++j)
                {
                    float prob = (float)(table[bias + arena[inPos + j]] * inv);
                    int q = QuantMath.RoundHalfAwayFromZero(prob) + _outZeroPoint;
                    arena[outPos + j] = (sbyte)QuantMath.Clamp(q, -128, 127);
                }

                inPos += _depth;
                outPos += _depth;
            }
        }
    }
}
