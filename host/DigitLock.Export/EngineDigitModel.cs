using DigitLock.Engine;
using DigitLock.Training.Data;
using DigitLock.Training.Evaluation;

namespace DigitLock.Export;

/// <summary>
/// An int8 .tflite run by the C engine exactly as the board runs it: each 28x28 byte image is fed as
/// int8 through the input tensor's scale and zero point (for our models that is pixel - 128), and the
/// int8 softmax output is dequantized.
/// </summary>
public sealed class EngineDigitModel(byte[] tflite, string name) : IDigitModel
{
    public string Name { get; } = name;

    public static EngineDigitModel FromFile(string path) => new(File.ReadAllBytes(path), Path.GetFileName(path));

    public float[] Probabilities(IDigitDataset data)
    {
        using var engine = new NativeInterpreter(tflite);
        var input = engine.Inputs.Count == 1 ? engine.Inputs[0] : throw Shape("one input");
        var output = engine.Outputs.Count == 1 ? engine.Outputs[0] : throw Shape("one output");
        if (input.Type != TensorType.Int8 || output.Type != TensorType.Int8)
        {
            throw new InvalidDataException($"{Name}: input {input.TypeName}, output {output.TypeName}; expected an int8 model");
        }

        if (input.Bytes != IDigitDataset.Pixels || output.Bytes != EvaluationReport.Classes)
        {
            throw Shape($"a 28x28 input and {EvaluationReport.Classes} outputs");
        }

        var probabilities = new float[data.Count * EvaluationReport.Classes];
        for (var i = 0; i < data.Count; i++)
        {
            var image = data.Image(i);
            var destination = engine.Input(0);
            for (var p = 0; p < image.Length; p++)
            {
                var q = (int)MathF.Round(image[p] / 255f / input.Scale) + input.ZeroPoint;
                destination[p] = (byte)(sbyte)Math.Clamp(q, -128, 127);
            }

            engine.Invoke();
            var raw = engine.Output(0);
            for (var c = 0; c < EvaluationReport.Classes; c++)
            {
                probabilities[i * EvaluationReport.Classes + c] = ((sbyte)raw[c] - output.ZeroPoint) * output.Scale;
            }
        }

        return probabilities;
    }

    private InvalidDataException Shape(string what) => new($"{Name}: expected {what}");
}
