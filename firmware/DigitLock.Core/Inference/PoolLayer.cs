namespace DigitLock.Core.Inference
{
    /// <summary>
    /// MAX_POOL_2D and AVERAGE_POOL_2D over the taps inside the input (TFLite semantics: padded
    /// taps are not counted; the average rounds half away from zero), as the C engine's pool_s8.c.
    /// </summary>
    public sealed class PoolLayer : Layer
    {
        private readonly bool _average;
        private readonly int _batches, _inH, _inW, _channels, _outH, _outW;
        private readonly int _fH, _fW, _strideH, _strideW, _padH, _padW;
        private readonly int _min, _max;

        public PoolLayer(int builtin, int input, int output, bool average, int batches, int inH, int inW,
            int channels, int outH, int outW, int fH, int fW, int strideH, int strideW, int padH, int padW,
            int min, int max)
            : base(builtin, input, output)
        {
            _average = average;
            _batches = batches;
            _inH = inH;
            _inW = inW;
            _channels = channels;
            _outH = outH;
            _outW = outW;
            _fH = fH;
            _fW = fW;
            _strideH = strideH;
            _strideW = strideW;
            _padH = padH;
            _padW = padW;
            _min = min;
            _max = max;
        }

        public override void Run(sbyte[] arena)
        {
            int c0 = _channels;
            int o = OutOffset;
            for (int b = 0; b < _batches; ++b)
            {
                int inb = InOffset + b * _inH * _inW * c0;
                for (int oy = 0; oy < _outH; ++oy)
                {
                    int iy = oy * _strideH - _padH;
                    int y0 = iy < 0 ? -iy : 0;
                    int y1 = _inH - iy < _fH ? _inH - iy : _fH;
                    for (int ox = 0; ox < _outW; ++ox)
                    {
                        int ix = ox * _strideW - _padW;
                        int x0 = ix < 0 ? -ix : 0;
                        int x1 = _inW - ix < _fW ? _inW - ix : _fW;
                        int count = (y1 - y0) * (x1 - x0);
                        for (int c = 0; c < c0; ++c)
                        {
                            int v;
                            if (_average)
                            {
                                int acc = 0;
                                for (int fy = y0; fy < y1; ++fy)
                                    for (int fx = x0; fx < x1; ++fx)
                                        acc += arena[inb + ((iy + fy) * _inW + (ix + fx)) * c0 + c];
                                if (count > 0)
                                    acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
                                v = acc;
                            }
                            else
                            {
                                v = -128;
                                for (int fy = y0; fy < y1; ++fy)
                                    for (int fx = x0; fx < x1; ++fx)
                                    {
                                        int t = arena[inb + ((iy + fy) * _inW + (ix + fx)) * c0 + c];
                                        if (t > v)
                                            v = t;
                                    }
                            }

                            arena[o++] = (sbyte)QuantMath.Clamp(v, _min, _max);
                        }
                    }
                }
            }
        }
    }
}
