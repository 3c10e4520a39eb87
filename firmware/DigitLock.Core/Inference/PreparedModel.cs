namespace DigitLock.Core.Inference
{
    /// <summary>Everything one validated model needs to run: its layers, tensors and the arena plan.</summary>
    public sealed class PreparedModel
    {
        public TensorDesc[] Tensors;
        public Layer[] Layers;
        public int[] Inputs;
        public int[] Outputs;
        /// <summary>Bytes of activation arena after lifetime-based reuse.</summary>
        public int ArenaBytes;
        /// <summary>Bytes of weights, biases and per-channel tables the layers hold.</summary>
        public int ParameterBytes;
    }
}
