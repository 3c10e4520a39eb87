using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using DigitLock.Training.Layers;

namespace DigitLock.Training.Optim;

/// <summary>Updates parameters from their batch-mean gradients.</summary>
public abstract class Optimizer
{
    public abstract string Name { get; }

    public abstract void Step(Parameter parameter, float[] gradient, float learningRate);

    /// <summary>Called once per batch before the parameter steps (Adam counts steps for bias correction).</summary>
    public virtual void BeginStep()
    {
    }

    public static Optimizer Create(string name) => name.ToLowerInvariant() switch
    {
        "adam" => new Adam(),
        "sgd" => new SgdMomentum(0.9f),
        _ => throw new ArgumentException($"unknown optimizer '{name}' (adam, sgd)"),
    };
}

/// <summary>Adam (Kingma &amp; Ba) with bias correction.</summary>
public sealed class Adam(float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f) : Optimizer
{
    private readonly Dictionary<Parameter, (float[] M, float[] V)> _moments = new();
    private int _step;

    public override string Name => "adam";

    public override void BeginStep() => _step++;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Step(Parameter parameter, float[] gradient, float learningRate)
    {
        if (!_moments.TryGetValue(parameter, out var state))
        {
            state = (new float[parameter.Count], new float[parameter.Count]);
            _moments[parameter] = state;
        }

        var correction1 = 1f - MathF.Pow(beta1, _step);
        var correction2 = 1f - MathF.Pow(beta2, _step);
        var stepSize = learningRate * MathF.Sqrt(correction2) / correction1;
        var (m, v) = state;
        var w = parameter.Value;
        for (var i = 0; i < w.Length; i++)
        {
            var g = gradient[i];
            m[i] = beta1 * m[i] + (1f - beta1) * g;
            v[i] = beta2 * v[i] + (1f - beta2) * g * g;
            w[i] -= stepSize * m[i] / (MathF.Sqrt(v[i]) + epsilon);
        }
    }
}

/// <summary>SGD with classical momentum: v = μv + g; w -= lr·v.</summary>
public sealed class SgdMomentum(float momentum) : Optimizer
{
    private readonly Dictionary<Parameter, float[]> _velocity = new();

    public override string Name => "sgd";

    public override void Step(Parameter parameter, float[] gradient, float learningRate)
    {
        if (!_velocity.TryGetValue(parameter, out var v))
        {
            v = new float[parameter.Count];
            _velocity[parameter] = v;
        }

        TensorPrimitives.MultiplyAdd(v, momentum, gradient, v);
        TensorPrimitives.MultiplyAdd(v, -learningRate, parameter.Value, parameter.Value);
    }
}
