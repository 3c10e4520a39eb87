namespace DigitLock.Core.Inference
{
    /// <summary>
    /// One prepared operator: parameters resolved at load, run over the activation arena with
    /// no checks and no allocation.
    /// </summary>
    public abstract class Layer
    {
        protected Layer(int builtin, int input, int output)
        {
            Builtin = builtin;
            Input = input;
            Output = output;
        }

        /// <summary>TFLite BuiltinOperator code.</summary>
        public int Builtin { get; private set; }

        /// <summary>Tensor index of the activation input.</summary>
        public int Input { get; private set; }

        /// <summary>Tensor index of the output.</summary>
        public int Output { get; private set; }

        /// <summary>Multiply-accumulates per run (0 for ops without).</summary>
        public long Macs { get; protected set; }

        /// <summary>Arena offsets of input and output, set by the planner.</summary>
        public int InOffset;
        public int OutOffset;

        public abstract void Run(sbyte[] arena);
    }
}
