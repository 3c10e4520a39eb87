using System.Runtime.CompilerServices;

namespace DigitLock.Training.Train;

/// <summary>Mean cross-entropy of softmax(logits) against integer labels, and its gradient.</summary>
public static class SoftmaxCrossEntropy
{
    /// <summary>Softmax of one row of logits, written to probabilities.</summary>
    public static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        var max = float.NegativeInfinity;
        foreach (var v in logits)
        {
            max = MathF.Max(max, v);
        }

        var sum = 0f;
        for (var i = 0; i < logits.Length; i++)
        {
            probabilities[i] = MathF.Exp(logits[i] - max);
            sum += probabilities[i];
        }

        for (var i = 0; i < logits.Length; i++)
        {
            probabilities[i] /= sum;
        }
    }

    /// <summary>
    /// For n rows: writes dLoss/dLogits scaled by 1/<paramref name="batchSize"/> (the whole batch across threads,
    /// so per-thread gradients add up to the batch mean), returns the summed loss and counts correct argmaxes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double LossAndGradient(
        ReadOnlySpan<float> logits, ReadOnlySpan<byte> labels, Span<float> gradient, int n, int classes,
        int batchSize, out int correct)
    {
        double loss = 0;
        correct = 0;
        for (var s = 0; s < n; s++)
        {
            var row = logits.Slice(s * classes, classes);
            var grad = gradient.Slice(s * classes, classes);
            Softmax(row, grad);
            var label = labels[s];
            if (ArgMax(row) == label)
            {
                correct++;
            }

            loss -= Math.Log(Math.Max(grad[label], 1e-12f));
            grad[label] -= 1f;
            for (var c = 0; c < classes; c++)
            {
                grad[c] /= batchSize;
            }
        }

        return loss;
    }

    public static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var i = 1; i < row.Length; i++)
        {
            if (row[i] > row[best])
            {
                best = i;
            }
        }

        return best;
    }
}
