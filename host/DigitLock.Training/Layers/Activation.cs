using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Backward(Activation activation, ReadOnlySpan<float> y, Span<float> dy)
    {
        if (activation == Activation.None)
        {
            return;
        }

        // Lanes where the derivative is 0 get +0f, the others keep dy: the same values as a scalar loop.
        y = y[..dy.Length];
        var relu6 = activation == Activation.Relu6;
        fixed (float* py = y)
        fixed (float* pd = dy)
        {
            var i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                var zero = Vector256<float>.Zero;
                var six = Vector256.Create(6f);
                for (; i + 8 <= dy.Length; i += 8)
                {
                    var v = Vector256.Load(py + i);
                    var blocked = Vector256.LessThanOrEqual(v, zero);
                    if (relu6)
                    {
                        blocked |= Vector256.GreaterThanOrEqual(v, six);
                    }

                    Vector256.ConditionalSelect(blocked, zero, Vector256.Load(pd + i)).Store(pd + i);
                }
            }

            for (; i < dy.Length; i++)
            {
                if (py[i] <= 0f || (relu6 && py[i] >= 6f))
                {
                    pd[i] = 0f;
                }
            }
        }
    }

    public static string Name(Activation activation) => activation switch
    {
        Activation.Relu => "relu",
        Activation.Relu6 => "relu6",
        _ => "linear",
    };
}
