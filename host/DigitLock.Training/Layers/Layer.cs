using DigitLock.Training.Core;

namespace DigitLock.Training.Layers;

/// <summary>
/// One step of the network. A layer owns its parameters but no activations: the caller hands it input and
/// output buffers for n samples (NHWC, sample-major), so several threads can run the same layer at once,
/// each on its own slice of the batch with its own <see cref="LayerWorkspace"/> and gradient buffers.
/// </summary>
public abstract class Layer
{
    protected Layer(Shape3 input, Shape3 output)
    {
        Input = input;
        Output = output;
    }

    public Shape3 Input { get; }

    public Shape3 Output { get; }

    /// <summary>The TFLite builtin operator this layer becomes at export.</summary>
    public abstract string TfliteOp { get; }

    /// <summary>One-line description that <see cref="Model.ArchitectureSpec"/> parses back into this layer.</summary>
    public abstract string Spec { get; }

    public virtual IReadOnlyList<Parameter> Parameters => [];

    /// <summary>Multiply-accumulates for one sample's forward pass.</summary>
    public virtual long Macs => 0;

    /// <summary>False when training must leave the parameters as they are (transfer learning freezes layers).</summary>
    public bool Trainable { get; set; } = true;

    public virtual LayerWorkspace? CreateWorkspace(int maxSamples) => null;

    /// <summary>Fills every parameter with fresh initial values (He-uniform weights, zero bias).</summary>
    public virtual void Initialize(Rng rng)
    {
    }

    public abstract void Forward(ReadOnlySpan<float> x, Span<float> y, int n, LayerWorkspace? workspace);

    /// <summary>
    /// Given dL/dy (which the layer may overwrite), adds dL/dparameters into <paramref name="gradients"/>
    /// (null: do not compute them) and writes dL/dx into <paramref name="dx"/> (empty: not needed).
    /// </summary>
    public abstract void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, int n,
        LayerWorkspace? workspace, float[][]? gradients);

    protected static void HeUniform(Rng rng, float[] weights, int fanIn)
    {
        var limit = MathF.Sqrt(6f / fanIn);
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = rng.Uniform(-limit, limit);
        }
    }
}

/// <summary>Scratch memory a layer keeps between its forward and backward pass on one thread.</summary>
public abstract class LayerWorkspace
{
}
