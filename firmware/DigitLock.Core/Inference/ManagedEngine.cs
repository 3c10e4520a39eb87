namespace DigitLock.Core.Inference
{
    /// <summary>
    /// The int8 engine in managed code, for firmware without the native interop module (stock
    /// nanoFramework images): the same model checks and the same arithmetic as the C engine, so
    /// both give identical output bytes. Construction validates and prepares the model (and
    /// throws <see cref="ModelFormatException"/>); <see cref="Invoke"/> allocates nothing.
    /// </summary>
    public sealed class ManagedEngine
    {
        private readonly PreparedModel _model;
        private readonly sbyte[] _arena;
        private bool _floatRequantization = true;

        public ManagedEngine(byte[] model)
        {
            _model = ModelLoader.Load(model);
            _arena = new sbyte[_model.ArenaBytes > 0 ? _model.ArenaBytes : 1];
        }

        /// <summary>The activation arena; inputs and outputs live in it at <see cref="InputOffset"/>/<see cref="OutputOffset"/>.</summary>
        public sbyte[] Arena
        {
            get { return _arena; }
        }

        public int ArenaBytes
        {
            get { return _model.ArenaBytes; }
        }

        /// <summary>Bytes of weights, biases and per-channel tables held by the layers.</summary>
        public int ParameterBytes
        {
            get { return _model.ParameterBytes; }
        }

        public int InputCount
        {
            get { return _model.Inputs.Length; }
        }

        public int OutputCount
        {
            get { return _model.Outputs.Length; }
        }

        public int LayerCount
        {
            get { return _model.Layers.Length; }
        }

        public Layer Layer(int index)
        {
            return _model.Layers[index];
        }

        public int TensorCount
        {
            get { return _model.Tensors.Length; }
        }

        public TensorDesc Tensor(int index)
        {
            return _model.Tensors[index];
        }

        public TensorDesc InputTensor(int index)
        {
            return _model.Tensors[_model.Inputs[index]];
        }

        public TensorDesc OutputTensor(int index)
        {
            return _model.Tensors[_model.Outputs[index]];
        }

        public int InputOffset(int index)
        {
            return InputTensor(index).ArenaOffset;
        }

        public int OutputOffset(int index)
        {
            return OutputTensor(index).ArenaOffset;
        }

        /// <summary>Multiply-accumulates per invocation.</summary>
        public long Macs
        {
            get
            {
                long sum = 0;
                for (int i = 0; i < _model.Layers.Length; ++i)
                    sum += _model.Layers[i].Macs;
                return sum;
            }
        }

        /// <summary>
        /// true (default): XNNPACK's float requantization, what the TFLite runtime computes;
        /// false: TFLite's integer multipliers (TFLite Micro, CMSIS-NN). As dl_set_requantization.
        /// </summary>
        public bool FloatRequantization
        {
            get { return _floatRequantization; }
            set
            {
                _floatRequantization = value;
                for (int i = 0; i < _model.Layers.Length; ++i)
                {
                    ChannelRequantizer rq = RequantizerOf(_model.Layers[i]);
                    if (rq != null)
                        rq.UseFloat = value;
                }
            }
        }

        private static ChannelRequantizer RequantizerOf(Layer layer)
        {
            ConvLayer conv = layer as ConvLayer;
            if (conv != null)
                return conv.Requantizer;
            DepthwiseConvLayer dw = layer as DepthwiseConvLayer;
            if (dw != null)
                return dw.Requantizer;
            FullyConnectedLayer fc = layer as FullyConnectedLayer;
            return fc != null ? fc.Requantizer : null;
        }

        /// <summary>Copies bytes (int8 values as their bit patterns) into input <paramref name="index"/>.</summary>
        public void WriteInput(int index, byte[] source)
        {
            TensorDesc t = InputTensor(index);
            if (source == null || source.Length != t.Bytes)
                throw new System.ArgumentException("input " + index + " takes " + t.Bytes + " bytes");
            int off = t.ArenaOffset;
            for (int i = 0; i < source.Length; ++i)
                _arena[off + i] = (sbyte)source[i];
        }

        /// <summary>Copies output <paramref name="index"/> out as bytes (int8 values as their bit patterns).</summary>
        public void ReadOutput(int index, byte[] destination)
        {
            TensorDesc t = OutputTensor(index);
            if (destination == null || destination.Length != t.Bytes)
                throw new System.ArgumentException("output " + index + " has " + t.Bytes + " bytes");
            int off = t.ArenaOffset;
            for (int i = 0; i < destination.Length; ++i)
                destination[i] = (byte)_arena[off + i];
        }

        /// <summary>Runs every layer once on the current inputs. No checks, no allocation.</summary>
        public void Invoke()
        {
            Layer[] layers = _model.Layers;
            sbyte[] arena = _arena;
            for (int i = 0; i < layers.Length; ++i)
                layers[i].Run(arena);
        }
    }
}
