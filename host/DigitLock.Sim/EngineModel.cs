using DigitLock.Core.ModelPush;
using DigitLock.Engine;

namespace DigitLock.Sim;

/// <summary>
/// A .tflite model on the C engine (P/Invoke), as the firmware's classifier: the 28x28 grey image
/// (0..255, ink bright) is quantized to the model's input tensor, the 10 outputs are dequantized
/// to probabilities and scaled to 0..255 scores.
/// </summary>
public sealed class EngineModel : ILoadedModel
{
    private readonly object _sync = new();
    private readonly NativeInterpreter _interpreter;
    private readonly TensorInfo _input;
    private readonly TensorInfo _output;

    private EngineModel(NativeInterpreter interpreter)
    {
        _interpreter = interpreter;
        _input = interpreter.Inputs[0];
        _output = interpreter.Outputs[0];
    }

    /// <summary>Prepares the model; null with a one-line reason when the engine or the tensor shapes do not fit.</summary>
    public static EngineModel? TryCreate(byte[] model, out string reason)
    {
        NativeInterpreter? interpreter = null;
        try
        {
            interpreter = new NativeInterpreter(model);
            if (interpreter.Inputs.Count != 1 || interpreter.Outputs.Count != 1)
            {
                throw new InvalidDataException("the model needs one input and one output tensor");
            }

            var input = interpreter.Inputs[0];
            var output = interpreter.Outputs[0];
            if (ElementCount(input) != 28 * 28 || !Supported(input.Type))
            {
                throw new InvalidDataException($"input tensor is {input.TypeName} {input.ShapeText}, not 28x28 int8/uint8/float32");
            }

            if (ElementCount(output) != 10 || !Supported(output.Type))
            {
                throw new InvalidDataException($"output tensor is {output.TypeName} {output.ShapeText}, not 10 scores");
            }

            reason = "";
            return new EngineModel(interpreter);
        }
        catch (Exception e) when (e is EngineException or InvalidDataException or DllNotFoundException)
        {
            interpreter?.Dispose();
            reason = e.Message;
            return null;
        }
    }

    public int Classify(byte[] image28x28, byte[] scores)
    {
        lock (_sync)
        {
            var input = _interpreter.Input(0);
            for (int i = 0; i < 28 * 28; i++)
            {
                Quantize(image28x28[i] / 255f, i, input);
            }

            _interpreter.Invoke();
            var output = _interpreter.Output(0);
            int best = 0;
            for (int d = 0; d < 10; d++)
            {
                float p = Dequantize(output, d);
                scores[d] = (byte)Math.Clamp((int)MathF.Round(p * 255f), 0, 255);
                if (scores[d] > scores[best])
                {
                    best = d;
                }
            }

            return best;
        }
    }

    public byte[]? Metadata(string name)
    {
        lock (_sync)
        {
            return _interpreter.Metadata(name);
        }
    }

    public void Release()
    {
        lock (_sync)
        {
            _interpreter.Dispose();
        }
    }

    private void Quantize(float real, int index, Span<byte> input)
    {
        switch (_input.Type)
        {
            case TensorType.Float32:
                BitConverter.TryWriteBytes(input.Slice(index * 4, 4), real);
                break;
            case TensorType.Int8:
                input[index] = (byte)(sbyte)Math.Clamp((int)MathF.Round(real / _input.Scale) + _input.ZeroPoint, -128, 127);
                break;
            default:
                input[index] = (byte)Math.Clamp((int)MathF.Round(real / _input.Scale) + _input.ZeroPoint, 0, 255);
                break;
        }
    }

    private float Dequantize(ReadOnlySpan<byte> output, int index) => _output.Type switch
    {
        TensorType.Float32 => BitConverter.ToSingle(output.Slice(index * 4, 4)),
        TensorType.Int8 => ((sbyte)output[index] - _output.ZeroPoint) * _output.Scale,
        _ => (output[index] - _output.ZeroPoint) * _output.Scale,
    };

    private static bool Supported(TensorType type) => type is TensorType.Float32 or TensorType.Int8 or TensorType.UInt8;

    private static int ElementCount(TensorInfo t) => t.Shape.Aggregate(1, (a, b) => a * b);
}

/// <summary>The C engine as the firmware's model engine (what native interop is on the board).</summary>
public sealed class NativeModelEngine : IModelEngine
{
    public ILoadedModel? Prepare(byte[] model, out string reason) => EngineModel.TryCreate(model, out reason);
}
