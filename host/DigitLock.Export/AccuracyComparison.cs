using DigitLock.Training.Data;
using DigitLock.Training.Evaluation;
using DigitLock.Training.Model;

namespace DigitLock.Export;

/// <summary>Float and int8 accuracy of the same model on one labelled dataset.</summary>
public sealed record AccuracyComparison(string Data, int Count, double Float, double Int8, double Agreement)
{
    /// <summary>Float minus int8, in percentage points.</summary>
    public double DropPoints => (Float - Int8) * 100;

    public static AccuracyComparison Measure(Network network, byte[] tflite, IDigitDataset data, int threads)
    {
        var floatModel = new FloatDigitModel(network, "float", threads);
        var int8Model = new EngineDigitModel(tflite, "int8");
        var int8Probabilities = int8Model.Probabilities(data);
        var floatProbabilities = floatModel.Probabilities(data);
        var agree = 0;
        var correct = 0;
        var floatCorrect = 0;
        for (var i = 0; i < data.Count; i++)
        {
            var q = ArgMax(int8Probabilities.AsSpan(i * EvaluationReport.Classes, EvaluationReport.Classes));
            var f = ArgMax(floatProbabilities.AsSpan(i * EvaluationReport.Classes, EvaluationReport.Classes));
            agree += q == f ? 1 : 0;
            correct += q == data.Label(i) ? 1 : 0;
            floatCorrect += f == data.Label(i) ? 1 : 0;
        }

        var n = Math.Max(1, data.Count);
        return new AccuracyComparison(data.Name, data.Count, (double)floatCorrect / n, (double)correct / n, (double)agree / n);
    }

    public string Describe() => FormattableString.Invariant(
        $"{Data} ({Count} images): float {Float * 100:0.00}%, int8 {Int8 * 100:0.00}%, drop {DropPoints:0.00} points, top-1 agreement {Agreement * 100:0.00}%");

    /// <summary>First maximum wins, as <see cref="EvaluationReport"/> picks it.</summary>
    private static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var c = 1; c < row.Length; c++)
        {
            if (row[c] > row[best])
            {
                best = c;
            }
        }

        return best;
    }
}
