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
        private readonly int[] _biasZp;
        private readonly int _inOffset;

        public ConvLayer(int builtin, int input, int output, ConvGeometry g, sbyte[] weights, int[] bias,
            int inputOffset, ChannelRequantizer requantizer)
            : base(builtin, input, output)
        {
            _g = g;
            _weights = weights;
            _bias = bias;
            _inOffset = inputOffset;
            // Windows entirely inside the input sum w*x on top of bias + off*sum(w) (the offset
            // leaves the inner loop); edge windows skip padded taps, so they keep the offset per tap.
            int tap = g.KH * g.KW * g.InC;
            _biasZp = new int[g.OutC];
            for (int oc = 0; oc < g.OutC; ++oc)
            {
                int sum = 0;
                for (int i = 0; i < tap; ++i)
                    sum += weights[oc * tap + i];
                _biasZp[oc] = bias[oc] + inputOffset * sum;
            }

            Requantizer = requantizer;
            Macs = (long)g.Batches * g.OutH * g.OutW * g.OutC * g.KH * g.KW * g.InC;
        }

        public ChannelRequantizer Requantizer { get; private set; }

        public override void Run(sbyte[] arena)
        {
            ConvGeometry g = _g;
            sbyte[] w = _weights;
            ChannelRequantizer rq = Requantizer;
            int inC = g.InC, inH = g.InH, inW = g.InW, kH = g.KH, kW = g.KW, outC = g.OutC;
            int dilH = g.DilationH, dilW = g.DilationW, inOffset = _inOffset;
            int tap = kH * kW * inC;
            int rowTaps = kW * inC;
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
                        for (int oc = 0; oc < outC; ++oc)
                        {
                            int wc = oc * tap;
                            int acc;
                            if (inside)
                            {
                                acc = _biasZp[oc];
                                for (int ky = 0; ky < kH; ++ky)
                                {
                                    int wk = wc + ky * rowTaps;
                                    int iy = iy0 + ky * dilH;
                                    if (dilW == 1)
                                    {
                                        // the kW*inC taps of a filter row are contiguous in the input row
                                        int x = inb + (iy * inW + ix0) * inC;
                                        for (int t = 0; t < rowTaps; ++t)
                                            acc += w[wk + t] * arena[x + t];
                                    }
                                    else
                                    {
                                        for (int kx = 0; kx < kW; ++kx)
                                        {
                                            int x = inb + (iy * inW + ix0 + kx * dilW) * inC;
                                            int wt = wk + kx * inC;
                                            for (int ic = 0; ic < inC; ++ic)
                                                acc += w[wt + ic] * arena[x + ic];
                                        }
                                    }
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
                                        int x = inb + (iy * inW + ix) * inC;
                                        int wk = wc + (ky * kW + kx) * inC;
                                        for (int ic = 0; ic < inC; ++ic)
                                            acc += w[wk + ic] * (arena[x + ic] + inOffset);
                                    }
                                }

                                acc += _bias[oc];
                            }

                            arena[o++] = (sbyte)rq.Apply(acc, oc);
                        }
                    }
                }
            }
        }
    }
}
