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
        private readonly int[] _biasZp;
        private readonly int _inOffset;

        public DepthwiseConvLayer(int builtin, int input, int output, ConvGeometry g, sbyte[] weights, int[] bias,
            int inputOffset, ChannelRequantizer requantizer)
            : base(builtin, input, output)
        {
            _g = g;
            _weights = weights;
            _bias = bias;
            _inOffset = inputOffset;
            // as ConvLayer: windows inside the input fold the input offset into the bias
            _biasZp = new int[g.OutC];
            for (int oc = 0; oc < g.OutC; ++oc)
            {
                int sum = 0;
                for (int i = 0; i < g.KH * g.KW; ++i)
                    sum += weights[i * g.OutC + oc];
                _biasZp[oc] = bias[oc] + inputOffset * sum;
            }

            Requantizer = requantizer;
            Macs = (long)g.Batches * g.OutH * g.OutW * g.OutC * g.KH * g.KW;
        }

        public ChannelRequantizer Requantizer { get; private set; }

        public override void Run(sbyte[] arena)
        {
            ConvGeometry g = _g;
            sbyte[] w = _weights;
            ChannelRequantizer rq = Requantizer;
            int m = g.DepthMultiplier;
            int inC = g.InC, inH = g.InH, inW = g.InW, kH = g.KH, kW = g.KW, outC = g.OutC;
            int dilH = g.DilationH, dilW = g.DilationW, inOffset = _inOffset;
            int o = OutOffset;
            for (int b = 0; b < g.Batches; ++b)
            {
                int inb = InOffset + b * inH * inW * inC;
                for (int oy = 0; oy < g.OutH; ++oy)
                {
                    int iy0 = oy * g.StrideH - g.PadH;
                    bool rowInside = iy0 >= 0 && iy0 + (kH - 1) * dilH < inH;
                    for (int ox = 0; ox < g.OutW; ++ox)
                    {
                        int ix0 = ox * g.StrideW - g.PadW;
                        bool inside = rowInside && ix0 >= 0 && ix0 + (kW - 1) * dilW < inW;
                        for (int ic = 0; ic < inC; ++ic)
                        {
                            for (int k = 0; k < m; ++k)
                            {
                                int oc = ic * m + k;
                                int acc;
                                if (inside)
                                {
                                    acc = _biasZp[oc];
                                    for (int ky = 0; ky < kH; ++ky)
                                    {
                                        int row = inb + ((iy0 + ky * dilH) * inW + ix0) * inC + ic;
                                        int wt = ky * kW * outC + oc;
                                        for (int kx = 0; kx < kW; ++kx)
                                            acc += w[wt + kx * outC] * arena[row + kx * dilW * inC];
                                    }
                                }
                                else
                                {
                                    acc = 0;
                                    for (int ky = 0; ky < kH; ++ky)
                                    {
                                        int iy = iy0 + ky * dilH;
                                        if (iy < 0 || iy >= inH)
                                            continue;
                                        for (int kx = 0; kx < kW; ++kx)
                                        {
                                            int ix = ix0 + kx * dilW;
                                            if (ix < 0 || ix >= inW)
                                                continue;
                                            int x = arena[inb + (iy * inW + ix) * inC + ic];
                                            acc += w[(ky * kW + kx) * outC + oc] * (x + inOffset);
                                        }
                                    }

                                    acc += _bias[oc];
                                }

                                arena[o + oc] = (sbyte)rq.Apply(acc, oc);
                            }
                        }

                        o += outC;
                    }
                }
            }
        }
    }
}
