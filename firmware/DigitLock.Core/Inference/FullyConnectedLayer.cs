namespace DigitLock.Core.Inference
{
    /// <summary>FULLY_CONNECTED (weights [out][depth]), the C engine's dl_fc_s8_ref arithmetic.</summary>
    public sealed class FullyConnectedLayer : Layer
    {
        private readonly int _batches;
        private readonly int _depth;
        private readonly int _outputs;
        private readonly sbyte[] _weights;
        private readonly int[] _biasZp;

        public FullyConnectedLayer(int builtin, int input, int output, int batches, int depth, int outputs,
            sbyte[] weights, int[] bias, int inputOffset, ChannelRequantizer requantizer)
            : base(builtin, input, output)
        {
            _batches = batches;
            _depth = depth;
            _outputs = outputs;
            _weights = weights;
            // sum_d w*(x+off) + b == sum_d w*x + (b + off*sum_d w): the offset leaves the inner
            // loop. Exact in int32 (wrapping sums, final values checked at load not to overflow).
            _biasZp = new int[outputs];
            for (int c = 0; c < outputs; ++c)
            {
                int sum = 0;
                for (int d = 0; d < depth; ++d)
                    sum += weights[c * depth + d];
                _biasZp[c] = bias[c] + inputOffset * sum;
            }

            Requantizer = requantizer;
            Macs = (long)batches * outputs * depth;
        }

        public ChannelRequantizer Requantizer { get; private set; }

        public override void Run(sbyte[] arena)
        {
            sbyte[] w = _weights;
            int depth = _depth;
            int o = OutOffset;
            for (int b = 0; b < _batches; ++b)
            {
                int x = InOffset + b * depth;
                for (int c = 0; c < _outputs; ++c)
                {
                    int wc = c * depth;
                    int acc = _biasZp[c];
                    for (int d = 0; d < depth; ++d)
                        acc += w[wc + d] * arena[x + d];
                    arena[o++] = (sbyte)Requantizer.Apply(acc, c);
                }
            }
        }
    }
}
