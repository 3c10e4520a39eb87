using DigitLock.Tflite.Graph;
using DigitLock.Training.Core;
using DigitLock.Training.Layers;
using DigitLock.Training.Model;
using GraphPadding = DigitLock.Tflite.Graph.Padding;
using TrainerPadding = DigitLock.Training.Layers.Padding;

namespace DigitLock.Export;

/// <summary>A trainer layer the int8 exporter has no operator for; the message names it.</summary>
public sealed class UnsupportedLayerException(string message) : NotSupportedException(message);

/// <summary>
/// The trainer's <see cref="Network"/> as the exporter's <see cref="FloatGraph"/>. The trainer keeps the
/// layouts its GEMM wants; the graph keeps TFLite's, so weights are reordered here:
/// conv HWIO -> OHWI, dense [in, units] -> [units, in], depthwise [k, k, C] is already 1HWO.
/// The trainer ends in logits, the board wants probabilities: a Softmax is appended.
/// </summary>
public static class NetworkGraph
{
    public const string SupportedLayers = "conv, dwconv, maxpool, avgpool, flatten, dense";

    public static FloatGraph FromNetwork(Network network) => FromLayers(network.Input, network.Layers);

    public static FloatGraph FromLayers(Shape3 input, IReadOnlyList<Layer> layers)
    {
        // Refuse before converting anything, so the message names the first offending layer only.
        for (var i = 0; i < layers.Count; i++)
        {
            if (layers[i] is not (Conv2D or DepthwiseConv2D or Pool2D or Flatten or Dense))
            {
                throw new UnsupportedLayerException(
                    $"layer {i} '{layers[i].Spec}' ({layers[i].GetType().Name}) cannot be exported to int8 TFLite: " +
                    $"supported layers are {SupportedLayers}");
            }
        }

        var graph = new FloatGraph(new TensorShape(input.Height, input.Width, input.Channels), InputNormalization.PixelOver255);
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var name = $"{layer.TfliteOp.ToLowerInvariant()}_{i}";
            switch (layer)
            {
                case Conv2D conv:
                    EnsureImage(graph, conv.Input, i);
                    graph.Add(new Conv2DLayer(
                        conv.Filters, conv.Kernel, conv.Kernel, HwioToOhwi(conv), (float[])conv.Bias.Value.Clone(),
                        conv.Stride, conv.Stride, Map(conv.Padding), Map(conv.Activation), name));
                    break;
                case DepthwiseConv2D dw:
                    EnsureImage(graph, dw.Input, i);
                    graph.Add(new DepthwiseConv2DLayer(
                        dw.Kernel, dw.Kernel, 1, (float[])dw.Weights.Value.Clone(), (float[])dw.Bias.Value.Clone(),
                        dw.Stride, dw.Stride, Map(dw.Padding), Map(dw.Activation), name));
                    break;
                case Pool2D pool:
                    EnsureImage(graph, pool.Input, i);
                    graph.Add(pool.IsMax
                        ? new MaxPool2DLayer(pool.Size, pool.Size, pool.Stride, pool.Stride, GraphPadding.Valid, name: name)
                        : new AveragePool2DLayer(pool.Size, pool.Size, pool.Stride, pool.Stride, GraphPadding.Valid, name: name));
                    break;
                case Flatten:
                    if (graph.OutputShape.Rank != 1)
                    {
                        graph.Add(ReshapeLayer.Flatten(name));
                    }

                    break;
                case Dense dense:
                    // The trainer's dense reads any shape as a flat vector; TFLite's FULLY_CONNECTED wants it flat.
                    if (graph.OutputShape.Rank != 1)
                    {
                        graph.Add(ReshapeLayer.Flatten($"reshape_{i}_flatten"));
                    }

                    graph.Add(new DenseLayer(dense.Units, Transpose(dense.Weights.Value, dense.Input.Size, dense.Units),
                        (float[])dense.Bias.Value.Clone(), Map(dense.Activation), name));
                    break;
            }
        }

        graph.Add(new SoftmaxLayer(name: "softmax"));
        return graph;
    }

    /// <summary>After a flatten or dense the trainer still says 1x1xN; a convolution there needs that image shape back.</summary>
    private static void EnsureImage(FloatGraph graph, Shape3 expected, int index)
    {
        if (graph.OutputShape.Rank == 1)
        {
            graph.Add(new ReshapeLayer(new TensorShape(expected.Height, expected.Width, expected.Channels), $"reshape_{index}_image"));
        }
    }

    private static float[] HwioToOhwi(Conv2D conv)
    {
        var (k, inC, outC) = (conv.Kernel, conv.Input.Channels, conv.Filters);
        var hwio = conv.Weights.Value;
        var ohwi = new float[hwio.Length];
        for (var ky = 0; ky < k; ky++)
        {
            for (var kx = 0; kx < k; kx++)
            {
                for (var i = 0; i < inC; i++)
                {
                    for (var o = 0; o < outC; o++)
                    {
                        ohwi[((o * k + ky) * k + kx) * inC + i] = hwio[((ky * k + kx) * inC + i) * outC + o];
                    }
                }
            }
        }

        return ohwi;
    }

    private static float[] Transpose(float[] inByOut, int inputs, int outputs)
    {
        var outByIn = new float[inByOut.Length];
        for (var i = 0; i < inputs; i++)
        {
            for (var o = 0; o < outputs; o++)
            {
                outByIn[o * inputs + i] = inByOut[i * outputs + o];
            }
        }

        return outByIn;
    }

    private static GraphPadding Map(TrainerPadding padding) => padding == TrainerPadding.Same ? GraphPadding.Same : GraphPadding.Valid;

    private static FusedActivation Map(Activation activation) => activation switch
    {
        Activation.Relu => FusedActivation.Relu,
        Activation.Relu6 => FusedActivation.Relu6,
        _ => FusedActivation.None,
    };
}
