namespace DigitLock.Tflite.Graph;

/// <summary>
/// Fully connected layer on a flat input. Weights are [out, in] (row o holds output o's weights), the
/// layout of TFLite's FULLY_CONNECTED. Put a <see cref="ReshapeLayer.Flatten"/> before it after convolutions.
/// </summary>
public sealed class DenseLayer : FloatLayer
{
    public DenseLayer(int outputs, float[] weights, float[] bias, FusedActivation activation = FusedActivation.None, string? name = null)
        : base(name)
    {
        if (outputs <= 0 || weights.Length == 0 || weights.Length % outputs != 0)
        {
            throw new ArgumentException($"Dense: {weights.Length} weights is not {outputs} x inputs ([out, in])");
        }

        if (bias.Length != outputs)
        {
            throw new ArgumentException($"Dense: {bias.Length} biases for {outputs} outputs");
        }

        Outputs = outputs;
        Inputs = weights.Length / outputs;
        Weights = weights;
        Bias = bias;
        Activation = activation;
    }

    public int Outputs { get; }

    public int Inputs { get; }

    public float[] Weights { get; }

    public float[] Bias { get; }

    public FusedActivation Activation { get; }

    public override string Kind => "Dense";

    public override TensorShape OutputShape(TensorShape input)
    {
        if (input.Rank != 1 || input.Size != Inputs)
        {
            throw Misfit(input, $"needs a flat input of {Inputs} values (add a Flatten before it)");
        }

        return new TensorShape(Outputs);
    }

    public override float[] Forward(float[] x, TensorShape input)
    {
        OutputShape(input);
        var y = new float[Outputs];
        for (var o = 0; o < Outputs; o++)
        {
            var sum = Bias[o];
            var row = Weights.AsSpan(o * Inputs, Inputs);
            for (var i = 0; i < row.Length; i++)
            {
                sum += row[i] * x[i];
            }

            y[o] = FusedActivationMath.Apply(Activation, sum);
        }

        return y;
    }
}
