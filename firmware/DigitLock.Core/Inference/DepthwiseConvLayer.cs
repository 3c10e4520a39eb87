namespace DigitLock.Core.Inference
{
    /// <summary>
    /// DEPTHWISE_CONV_2D (weights 1HW(C*M)): output channel ic*M+m reads input channel ic, as the
    /// C engine's dl_dwconv_s8_ref.
    /// </summary>
    public sealed class DepthwiseConvLayer : Layer
    {
        private readonly ConvGeometry _g;
        private readonly sbyte[] _weights;
        private readonly int[] _bias;
        private readonly int _inOffset;

        public DepthwiseConvLayer(int builtin, int input, int output, ConvGeometry g, sbyte[] weights, int[] bias,
            int inputOffset, ChannelRequantizer requantizer)
            : base(builtin, input, output)
        {
            _g = g;
            _weights = weights;
            _bias = bias;
            _inOffset = inputOffset;
            Requantizer = requantizer;
            Macs = (long)g.Batches * g.OutH * g.OutW * g.OutC * g.KH * g.KW;
        }

        public ChannelRequantizer Requantizer { get; private set; }

        public override void Run(sbyte[] arena)
        {
            ConvGeometry g = _g;
            sbyte[] w = _weights;
            int m = g.DepthMultiplier;
            int inC = g.InC;
            int outC = g.OutC;
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
                        for (int ic = 0; ic < inC; ++ic)
                        {
                            for (int k = 0; k < m; ++k)
                            {
                                int oc = ic * m + k;
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
                                        int x = arena[inb + (iy * g.InW + ix) * inC + ic];
                                        acc += w[(ky * g.KW + kx) * outC + oc] * (x + _inOffset);
                                    }
                                }

                                acc += _bias[oc];
                                arena[o + oc] = (sbyte)Requantizer.Apply(acc, oc);
                            }
                        }

                        o += outC;
                    }
                }
            }
        }
    }
}
