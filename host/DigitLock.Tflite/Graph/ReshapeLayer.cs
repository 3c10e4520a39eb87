namespace DigitLock.Tflite.Graph;

/// <summary>
/// Reinterprets the activation with another shape of the same size; values keep their NHWC order.
/// <see cref="Flatten"/> makes a [height x width x channels] image a flat vector for a Dense layer.
/// </summary>
public sealed class ReshapeLayer : FloatLayer
{
    public ReshapeLayer(TensorShape? target, string? name = null)
        : base(name)
    {
        Target = target;
    }

    /// <summary>The new shape, or null for "flatten to one dimension".</summary>
    public TensorShape? Target { get; }

    public override string Kind => Target == null ? "Flatten" : "Reshape";

    public static ReshapeLayer Flatten(string? name = null) => new(null, name);

    public override TensorShape OutputShape(TensorShape input)
    {
        var target = Target ?? new TensorShape(input.Size);
        if (target.Size != input.Size)
        {
            throw Misfit(input, $"{input.Size} values cannot become {target}");
        }

        return target;
    }

    public override float[] Forward(float[] x, TensorShape input)
    {
        OutputShape(input);
        return (float[])x.Clone();
    }
}
