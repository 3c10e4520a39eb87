using DigitLock.Tflite.Graph;
using DigitLock.Training.Core;
using DigitLock.Training.Layers;
using DigitLock.Training.Model;

namespace DigitLock.Export.Tests;

public sealed class NetworkGraphTests
{
    public static TheoryData<string, int, int, int> Architectures => new()
    {
        // every layer kind, SAME and VALID, strides 1 and 2, each activation, non-square multi-channel input
        { "conv 4 3x3 s1 same relu | dwconv 3x3 s2 same relu6 | conv 6 5x5 s1 valid linear | maxpool 2x2 s2 | avgpool 2x2 s1 | flatten | dense 12 relu6 | dense 10 linear", 28, 28, 1 },
        { "conv 5 3x3 s2 same relu6 | maxpool 2x2 s1 | dwconv 3x3 s1 valid relu | avgpool 3x3 s2 | conv 7 1x1 s1 valid relu | flatten | dense 10 linear", 17, 15, 3 },
        // dense straight after a convolution (the trainer flattens implicitly) and a convolution after a dense
        { "conv 3 3x3 s2 valid relu | dense 16 relu | conv 4 1x1 s1 valid relu | flatten | dense 10 linear", 12, 10, 2 },
        { "dense 10 linear", 28, 28, 1 },
        { Training.Model.Architectures.Named["tiny"], 28, 28, 1 },
        { Training.Model.Architectures.Default, 28, 28, 1 },
        { Training.Model.Architectures.Named["wide"], 28, 28, 1 },
    };

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Graph_forward_pass_equals_the_trainers(string spec, int height, int width, int channels)
    {
        var network = new Network(spec, new Shape3(height, width, channels));
        Randomize(network, seed: 7);
        var graph = NetworkGraph.FromNetwork(network);

        var rng = new Random(11);
        const int samples = 6;
        var inputs = new float[samples * network.Input.Size];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)rng.NextDouble();
        }

        var logits = network.Forward(inputs, samples);
        for (var s = 0; s < samples; s++)
        {
            var outputs = graph.ForwardAll(inputs.AsSpan(s * network.Input.Size, network.Input.Size).ToArray());
            var graphLogits = outputs[^2];
            var expected = logits.AsSpan(s * network.Classes, network.Classes).ToArray();
            Assert.Equal(expected.Length, graphLogits.Length);
            for (var c = 0; c < expected.Length; c++)
            {
                Assert.True(Math.Abs(expected[c] - graphLogits[c]) <= 1e-4f * Math.Max(1f, Math.Abs(expected[c])),
                    $"sample {s} class {c}: trainer {expected[c]}, graph {graphLogits[c]}");
            }

            var probabilities = outputs[^1];
            Assert.Equal(1.0, probabilities.Sum(), 4);
            Assert.Equal(Array.IndexOf(expected, expected.Max()), Array.IndexOf(probabilities, probabilities.Max()));
        }
    }

    [Fact]
    public void Graph_uses_tflite_layouts_and_ends_in_softmax()
    {
        var network = new Network("conv 2 3x3 s1 valid relu | flatten | dense 3 linear", new Shape3(5, 5, 2));
        var conv = (Conv2D)network.Layers[0];
        var dense = (Dense)network.Layers[2];
        for (var i = 0; i < conv.Weights.Value.Length; i++)
        {
            conv.Weights.Value[i] = i;
        }

        for (var i = 0; i < dense.Weights.Value.Length; i++)
        {
            dense.Weights.Value[i] = i;
        }

        var graph = NetworkGraph.FromNetwork(network);

        var gConv = Assert.IsType<Conv2DLayer>(graph.Layers[0]);
        // OHWI [o=1][ky=2][kx=0][i=1] must be HWIO [ky=2][kx=0][i=1][o=1].
        Assert.Equal(conv.Weights.Value[((2 * 3 + 0) * 2 + 1) * 2 + 1], gConv.Weights[((1 * 3 + 2) * 3 + 0) * 2 + 1]);
        Assert.Equal(DigitLock.Tflite.Graph.Padding.Valid, gConv.Padding);
        Assert.Equal(FusedActivation.Relu, gConv.Activation);
        Assert.Equal("Flatten", graph.Layers[1].Kind);
        var gDense = Assert.IsType<DenseLayer>(graph.Layers[2]);
        // [out=2][in=5] must be [in=5][out=2].
        Assert.Equal(dense.Weights.Value[5 * 3 + 2], gDense.Weights[2 * gDense.Inputs + 5]);
        Assert.IsType<SoftmaxLayer>(graph.Layers[^1]);
        Assert.Equal(InputNormalization.PixelOver255, graph.Normalization);
    }

    [Fact]
    public void Unsupported_layer_is_refused_naming_it()
    {
        var input = new Shape3(8, 8, 1);
        var conv = new Conv2D(input, 2, 3, 1, Training.Layers.Padding.Valid, Activation.Relu);
        var layers = new Layer[] { conv, new Squash(conv.Output), new Flatten(conv.Output) };

        var error = Assert.Throws<UnsupportedLayerException>(() => NetworkGraph.FromLayers(input, layers));

        Assert.Contains("layer 1 'squash' (Squash)", error.Message);
        Assert.Contains(NetworkGraph.SupportedLayers, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static void Randomize(Network network, int seed)
    {
        network.Initialize(new Rng((ulong)seed));
        var rng = new Random(seed);
        foreach (var p in network.Parameters.Where(p => p.Name == "bias"))
        {
            for (var i = 0; i < p.Value.Length; i++)
            {
                p.Value[i] = (float)(rng.NextDouble() - 0.5);
            }
        }
    }

    /// <summary>A layer the trainer could grow one day but TFLite int8 export has no operator for.</summary>
    private sealed class Squash(Shape3 shape) : Layer(shape, shape)
    {
        public override string TfliteOp => "LOGISTIC";

        public override string Spec => "squash";

        public override void Forward(ReadOnlySpan<float> x, Span<float> y, int n, LayerWorkspace? workspace)
        {
            for (var i = 0; i < n * Input.Size; i++)
            {
                y[i] = 1f / (1f + MathF.Exp(-x[i]));
            }
        }

        public override void Backward(
            ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, int n,
            LayerWorkspace? workspace, float[][]? gradients) => throw new NotSupportedException();
    }
}
