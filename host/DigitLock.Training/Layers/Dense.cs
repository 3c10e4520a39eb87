using System.Runtime.CompilerServices;
using DigitLock.Training.Core;

namespace DigitLock.Training.Layers;

/// <summary>
/// Fully connected: y = x · W + b with W [inputs, units] (TFLite's FULLY_CONNECTED stores [units, inputs];
/// the exporter transposes). Activation is fused.
/// </summary>
public sealed class Dense : Layer
{
    public Dense(Shape3 input, int units, Activation activation)
        : base(input, new Shape3(1, 1, units))
    {
        Units = units;
        Activation = activation;
        Weights = new Parameter("weights", [input.Size, units]);
        Bias = new Parameter("bias", [units]);
    }

    public int Units { get; }

    public Activation Activation { get; }

    public Parameter Weights { get; }

    public Parameter Bias { get; }

    public override string TfliteOp => "FULLY_CONNECTED";

    public override string Spec => $"dense {Units} {ActivationMath.Name(Activation)}";

    public override IReadOnlyList<Parameter> Parameters => [Weights, Bias];

    public override long Macs => (long)Input.Size * Units;

    public override void Initialize(Rng rng)
    {
        HeUniform(rng, Weights.Value, Input.Size);
        Array.Clear(Bias.Value);
    }

    public override LayerWorkspace CreateWorkspace(int maxSamples) => new DenseWorkspace(Input.Size * Units);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Forward(ReadOnlySpan<float> x, Span<float> y, int n, LayerWorkspace? workspace)
    {
        var output = y[..(n * Units)];
        Rows.Broadcast(Bias.Value, output, n);

        Gemm.Multiply(x, Input.Size, 1, Weights.Value, output, n, Input.Size, Units, accumulate: true);
        ActivationMath.Apply(Activation, output);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, int n,
        LayerWorkspace? workspace, float[][]? gradients)
    {
        dy = dy[..(n * Units)];
        ActivationMath.Backward(Activation, y, dy);
        if (gradients != null)
        {
            Gemm.Multiply(x, 1, Input.Size, dy, gradients[0], Input.Size, n, Units, accumulate: true);
            Rows.SumInto(dy, n, gradients[1]);
        }

        if (dx.IsEmpty)
        {
            return;
        }

        var weightsT = ((DenseWorkspace)workspace!).WeightsT;
        for (var i = 0; i < Input.Size; i++)
        {
            for (var u = 0; u < Units; u++)
            {
                weightsT[u * Input.Size + i] = Weights.Value[i * Units + u];
            }
        }

        Gemm.Multiply(dy, Units, 1, weightsT, dx, n, Units, Input.Size, accumulate: false);
    }

    private sealed class DenseWorkspace(int weightCount) : LayerWorkspace
    {
        public float[] WeightsT { get; } = new float[weightCount];
    }
}
