using DigitLock.Training.Core;
using DigitLock.Training.Layers;
using DigitLock.Training.Model;
using DigitLock.Training.Train;

namespace DigitLock.Training.Tests;

/// <summary>
/// Every layer's backward pass against central finite differences of the scalar L = Σ y·r (r random),
/// for both the input gradient and every parameter gradient. Computed in float32, so the tolerance is loose
/// but far below what a wrong index or a missing term produces.
/// </summary>
public class GradientCheckTests
{
    public static TheoryData<string, int, int, int> Layers => new()
    {
        { "conv 3 3x3 s1 valid relu", 6, 6, 2 },
        { "conv 4 3x3 s2 same linear", 7, 7, 3 },
        { "conv 2 5x5 s1 same relu6", 6, 5, 1 },
        { "dwconv 3x3 s1 same relu", 5, 5, 3 },
        { "dwconv 3x3 s2 valid linear", 7, 7, 2 },
        { "maxpool 2x2 s2", 6, 6, 3 },
        { "maxpool 3x3 s2", 7, 7, 2 },
        { "avgpool 2x2 s2", 4, 6, 2 },
        { "flatten", 3, 3, 2 },
        { "dense 5 relu", 2, 2, 3 },
        { "dense 4 relu6", 1, 1, 6 },
        { "dense 3 linear", 1, 1, 7 },
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void BackwardMatchesFiniteDifferences(string spec, int height, int width, int channels)
    {
        const int n = 2;
        var rng = new Rng(42);
        var layer = ArchitectureSpec.Parse(spec, new Shape3(height, width, channels))[0];
        layer.Initialize(rng);
        foreach (var p in layer.Parameters)
        {
            for (var i = 0; i < p.Count; i++)
            {
                // Nonzero biases so ReLU6's upper kink and the bias path are exercised.
                p.Value[i] = p.Name == "bias" ? rng.Uniform(-0.5f, 0.5f) : p.Value[i] * 2f;
            }
        }

        var x = RandomArray(rng, n * layer.Input.Size, 1.5f);
        var r = RandomArray(rng, n * layer.Output.Size, 1f);
        var workspace = layer.CreateWorkspace(n);

        var y = new float[n * layer.Output.Size];
        layer.Forward(x, y, n, workspace);
        var dy = (float[])r.Clone();
        var dx = new float[x.Length];
        var grads = layer.Parameters.Select(p => new float[p.Count]).ToArray();
        layer.Backward(x, y, dy, dx, n, workspace, grads);

        double Loss()
        {
            var output = new float[n * layer.Output.Size];
            layer.Forward(x, output, n, layer.CreateWorkspace(n));
            double sum = 0;
            for (var i = 0; i < output.Length; i++)
            {
                sum += (double)output[i] * r[i];
            }

            return sum;
        }

        AssertGradient(x, dx, Loss, $"{spec} input");
        for (var p = 0; p < layer.Parameters.Count; p++)
        {
            AssertGradient(layer.Parameters[p].Value, grads[p], Loss, $"{spec} {layer.Parameters[p].Name}");
        }
    }

    [Fact]
    public void SoftmaxCrossEntropyGradientMatchesFiniteDifferences()
    {
        var rng = new Rng(7);
        var logits = RandomArray(rng, 3 * 5, 3f);
        byte[] labels = [1, 4, 0];
        var gradient = new float[logits.Length];
        SoftmaxCrossEntropy.LossAndGradient(logits, labels, gradient, 3, 5, batchSize: 3, out _);

        double Loss() => SoftmaxCrossEntropy.LossAndGradient(logits, labels, new float[logits.Length], 3, 5, 3, out _) / 3;
        AssertGradient(logits, gradient, Loss, "softmax cross-entropy");
    }

    [Fact]
    public void WholeNetworkBackwardMatchesFiniteDifferences()
    {
        var network = new Network("conv 4 3x3 s1 same relu | maxpool 2x2 s2 | dwconv 3x3 s1 same relu6 | avgpool 2x2 s2 | flatten | dense 6 relu | dense 3 linear",
            new Shape3(8, 8, 1));
        var rng = new Rng(3);
        network.Initialize(rng);
        const int n = 2;
        var pass = new Pass(network, n, withGradients: true);
        var input = RandomArray(rng, n * 64, 1f);
        byte[] labels = [2, 0];
        input.CopyTo(pass.Activations[0], 0);
        pass.Forward(n);
        SoftmaxCrossEntropy.LossAndGradient(pass.Logits, labels, pass.ActivationGradients![^1], n, 3, n, out _);
        pass.ClearGradients();
        pass.Backward(n);

        double Loss()
        {
            var logits = network.Forward(input, n);
            return SoftmaxCrossEntropy.LossAndGradient(logits, labels, new float[logits.Length], n, 3, n, out _) / n;
        }

        for (var l = 0; l < network.Layers.Count; l++)
        {
            for (var p = 0; p < network.Layers[l].Parameters.Count; p++)
            {
                AssertGradient(network.Layers[l].Parameters[p].Value, pass.Gradients![l][p], Loss, $"layer {l} parameter {p}");
            }
        }
    }

    internal static float[] RandomArray(Rng rng, int length, float range)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = rng.Uniform(-range, range);
        }

        return values;
    }

    private static void AssertGradient(float[] values, float[] analytic, Func<double> loss, string what)
    {
        const float eps = 1e-2f;
        var worst = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            var saved = values[i];
            values[i] = saved + eps;
            var plus = loss();
            values[i] = saved - eps;
            var minus = loss();
            values[i] = saved;
            var numeric = (plus - minus) / (2 * eps);
            var error = Math.Abs(numeric - analytic[i]) / Math.Max(1.0, Math.Abs(numeric) + Math.Abs(analytic[i]));
            worst = Math.Max(worst, error);
        }

        Assert.True(worst < 2e-2, $"{what}: worst relative gradient error {worst:g3}");
    }
}
