namespace DigitLock.Core.Inference
{
    /// <summary>
    /// CONV_2D with per-channel int8 weights (OHWI), the arithmetic of the C engine's
    /// dl_conv_s8_ref: padded taps are skipped, which equals feeding the input zero point.
    /// </summary>
    public sealed class ConvLayer : Layer
    {
        private readonly ConvGeometry _g;
        private readonly sbyte[] _weights;
        private readonly int[] _bias;
        private readonly int _inOffset;

        public ConvLayer(int builtin, int input, int output, ConvGeometry g, sbyte[] weights, int[] bias,
            int inputOffset, ChannelRequantizer requantizer)
            : base(builtin, input, output)
        {
            _g = g;
            _weights = weights;
            _bias = bias;
            _inOffset = inputOffset;
            Requantizer = requantizer;
            Macs = (long)g.Batches * g.OutH * g.OutW * g.OutC * g.KH * g.KW * g.InC;
        }

        public ChannelRequantizer Requantizer { get; private set; }

        public override void Run(sbyte[] arena)
        {
            ConvGeometry g = _g;
            sbyte[] w = _weights;
            int inC = g.InC;
            int tap = g.KH * g.KW * inC;
            int o = OutOffset;
            for (int b = 0; b < g.Batches; ++b)
            {
                int inb = InOffset + b * g.InH * g.InW * inC;
                for (int oy = 0; oy < g.OutH; ++oy)
                {
                    int iy0 = oy * g.StrideH - g.PadH;
                    for (int ox = 0; ox < g.OutW; ++ox)
                    {
                        int ix0 = ox * g.StrideW - g.PadW;
                        for (int oc = 0; oc < g.OutC; ++oc)
                        {
                            int wc = oc * tap;
                            int acc = 0;
                            for (int ky = 0; ky < g.KH; ++ky)
                            {
                                int iy = iy0 + ky * g.DilationH;
                                if (iy < 0 || iy >= g.InH)
                                    continue;
                                for (int kx = 0; kx < g.KW; ++kx)
                                {
                                    int ix = ix0 + kx * g.DilationW;
                                    if (ix < 0 || ix >= g.InW)
                                        continue;
                                    int x = inb + (iy * g.InW + ix) * inC;
                                    int wk = wc + (ky * g.KW + kx) * inC;
                                    for (int ic = 0; ic < inC; ++ic)
                                        acc += w[wk + ic] * (arena[x + ic] + _inOffset);
                                }
                            }

                            acc += _bias[oc];
                            arena[o++] = (sbyte)Requantizer.Apply(acc, oc);
                        }
                    }
                }
            }
        }
    }
}
