using DigitLock.Core.Hardware;

namespace DigitLock.Core.Inference
{
    /// <summary>
    /// <see cref="IDigitClassifier"/> on the <see cref="ManagedEngine"/>, so the app runs on a
    /// stock nanoFramework image (M5Stack Core2). Feeds the board's input contract (int8 =
    /// pixel - 128, uint8 = pixel) and turns the 10 outputs into scores 0..255.
    /// </summary>
    public sealed class ManagedDigitClassifier : IDigitClassifier
    {
        public const int ImageBytes = 28 * 28;
        public const int Digits = 10;

        private ManagedEngine _engine;
        private bool _inputSigned;
        private bool _outputSigned;

        public ManagedDigitClassifier(byte[] model)
        {
            Load(model);
        }

        public ManagedEngine Engine
        {
            get { return _engine; }
        }

        /// <summary>
        /// Replaces the model. A file that is not a runnable digit model throws
        /// <see cref="ModelFormatException"/> and the previous model stays in use.
        /// </summary>
        public void Load(byte[] model)
        {
            ManagedEngine candidate = new ManagedEngine(model);
            if (candidate.InputCount != 1 || candidate.OutputCount != 1)
                throw new ModelFormatException(ModelFault.Shape, "a digit model has one input and one output, this one has " +
                    candidate.InputCount + " and " + candidate.OutputCount);
            TensorDesc input = candidate.InputTensor(0);
            TensorDesc output = candidate.OutputTensor(0);
            if (!IsByteType(input.Type) || input.Elements != ImageBytes)
                throw new ModelFormatException(ModelFault.Shape, "a digit model takes 784 8-bit pixels, this input has " +
                    input.Elements + " elements of type " + input.Type);
            if (!IsByteType(output.Type) || output.Elements != Digits)
                throw new ModelFormatException(ModelFault.Shape, "a digit model gives 10 8-bit scores, this output has " +
                    output.Elements + " elements of type " + output.Type);
            _inputSigned = input.Type == TensorDesc.TypeInt8;
            _outputSigned = output.Type == TensorDesc.TypeInt8;
            _engine = candidate;
        }

        private static bool IsByteType(int type)
        {
            return type == TensorDesc.TypeInt8 || type == TensorDesc.TypeUInt8;
        }

        public int Classify(byte[] image28x28, byte[] scores)
        {
            ManagedEngine engine = _engine;
            sbyte[] arena = engine.Arena;
            int inOff = engine.InputOffset(0);
            int bias = _inputSigned ? 128 : 0;
            for (int i = 0; i < ImageBytes; ++i)
                arena[inOff + i] = (sbyte)(image28x28[i] - bias);
            engine.Invoke();
            int outOff = engine.OutputOffset(0);
            int best = 0;
            int bestScore = -1;
            for (int d = 0; d < Digits; ++d)
            {
                int s = _outputSigned ? arena[outOff + d] + 128 : (byte)arena[outOff + d];
                scores[d] = (byte)s;
                if (s > bestScore)
                {
                    bestScore = s;
                    best = d;
                }
            }

            return best;
        }
    }
}
