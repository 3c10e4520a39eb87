using DigitLock.Training.Data;
using DigitLock.Training.Model;
using DigitLock.Training.Train;

namespace DigitLock.Training.Evaluation;

/// <summary>Anything that classifies digit images: the float model here, the int8 .tflite through the engine.</summary>
public interface IDigitModel
{
    string Name { get; }

    /// <summary>Class probabilities, [sample, 10].</summary>
    float[] Probabilities(IDigitDataset data);
}

/// <summary>A float network from a .model file.</summary>
public sealed class FloatDigitModel(Network network, string name, int threads) : IDigitModel
{
    public string Name { get; } = name;

    public Network Network { get; } = network;

    public float[] Probabilities(IDigitDataset data)
    {
        var classes = Network.Classes;
        var logits = Predictor.Logits(Network, data, threads);
        for (var i = 0; i < data.Count; i++)
        {
            var row = logits.AsSpan(i * classes, classes);
            SoftmaxCrossEntropy.Softmax(row, row);
        }

        return logits;
    }
}
