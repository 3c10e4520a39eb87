namespace DigitLock.Tflite.Graph;

/// <summary>Softmax over the last dimension: exp(beta * x) normalised to sum 1.</summary>
public sealed class SoftmaxLayer : FloatLayer
{
    public SoftmaxLayer(float beta = 1f, string? name = null)
        : base(name)
    {
        if (!(beta > 0f) || float.IsInfinity(beta))
        {
            throw new ArgumentException($"Softmax: beta {beta} must be positive and finite");
        }

        Beta = beta;
    }

    public float Beta { get; }

    public override string Kind => "Softmax";

    public override TensorShape OutputShape(TensorShape input) => input;

    public override float[] Forward(float[] x, TensorShape input)
    {
        var depth = input.Dims[^1];
        var y = new float[x.Length];
        for (var row = 0; row < x.Length; row += depth)
        {
            var max = float.NegativeInfinity;
            for (var i = 0; i < depth; i++)
            {
                max = Math.Max(max, x[row + i]);
            }

            // Shifting by the max keeps exp from overflowing; the ratio is unchanged.
            double sum = 0;
            for (var i = 0; i < depth; i++)
            {
                sum += Math.Exp(Beta * (x[row + i] - max));
            }

            for (var i = 0; i < depth; i++)
            {
                y[row + i] = (float)(Math.Exp(Beta * (x[row + i] - max)) / sum);
            }
        }

        return y;
    }
}
