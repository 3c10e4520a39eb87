using System.Numerics.Tensors;

namespace DigitLock.Training.Layers;

/// <summary>Activations TFLite can fuse into CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED.</summary>
public enum Activation
{
    None,
    Relu,
    Relu6,
}

public static class ActivationMath
{
    public static void Apply(Activation activation, Span<float> values)
    {
        switch (activation)
        {
            case Activation.Relu:
                TensorPrimitives.Max(values, 0f, values);
                break;
            case Activation.Relu6:
                TensorPrimitives.Clamp(values, 0f, 6f, values);
                break;
        }
    }

    /// <summary>
    /// dY *= f'(pre-activation), computed from the output: ReLU passes where y &gt; 0, ReLU6 where 0 &lt; y &lt; 6.
    /// </summary>
    public static void Backward(Activation activation, ReadOnlySpan<float> y, Span<float> dy)
    {
        switch (activation)
        {
            case Activation.Relu:
                for (var i = 0; i < dy.Length; i++)
                {
                    if (y[i] <= 0f)
                    {
                        dy[i] = 0f;
                    }
                }

                break;
            case Activation.Relu6:
                for (var i = 0; i < dy.Length; i++)
                {
                    if (y[i] <= 0f || y[i] >= 6f)
                    {
                        dy[i] = 0f;
                    }
                }

                break;
        }
    }

    public static string Name(Activation activation) => activation switch
    {
        Activation.Relu => "relu",
        Activation.Relu6 => "relu6",
        _ => "linear",
    };
}
