using System.Runtime.CompilerServices;
using DigitLock.Training.Data;
using DigitLock.Training.Model;

namespace DigitLock.Training.Train;

/// <summary>Runs a network over a whole dataset on several threads (fixed chunks, so results are deterministic).</summary>
public static class Predictor
{
    private const int Chunk = 128;

    /// <summary>Logits, [sample, class].</summary>
    public static float[] Logits(Network network, IDigitDataset data, int threads)
    {
        var classes = network.Classes;
        var logits = new float[data.Count * classes];
        var chunks = (data.Count + Chunk - 1) / Chunk;
        threads = Math.Max(1, Math.Min(threads, chunks));
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var pass = new Pass(network, Chunk, withGradients: false);
            for (var chunk = t; chunk < chunks; chunk += threads)
            {
                var start = chunk * Chunk;
                var n = Math.Min(Chunk, data.Count - start);
                for (var i = 0; i < n; i++)
                {
                    Images.ToFloats(data.Image(start + i), pass.Activations[0].AsSpan(i * IDigitDataset.Pixels, IDigitDataset.Pixels));
                }

                pass.Forward(n);
                pass.Logits.AsSpan(0, n * classes).CopyTo(logits.AsSpan(start * classes));
            }
        });
        return logits;
    }

    /// <summary>Mean cross-entropy and accuracy of logits against the dataset's labels.</summary>
    public static (double Loss, double Accuracy) Score(float[] logits, IDigitDataset data, int classes)
    {
        double loss = 0;
        var correct = 0;
        Span<float> p = stackalloc float[classes];
        for (var i = 0; i < data.Count; i++)
        {
            var row = logits.AsSpan(i * classes, classes);
            SoftmaxCrossEntropy.Softmax(row, p);
            loss -= Math.Log(Math.Max(p[data.Label(i)], 1e-12f));
            if (SoftmaxCrossEntropy.ArgMax(row) == data.Label(i))
            {
                correct++;
            }
        }

        return data.Count == 0 ? (0, 0) : (loss / data.Count, (double)correct / data.Count);
    }
}

public static class Images
{
    /// <summary>Bytes 0..255 to floats 0..1, the network's input scale (int8 export: scale 1/255, zero point -128).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToFloats(ReadOnlySpan<byte> pixels, Span<float> destination)
    {
        for (var i = 0; i < pixels.Length; i++)
        {
            destination[i] = pixels[i] * (1f / 255f);
        }
    }
}
