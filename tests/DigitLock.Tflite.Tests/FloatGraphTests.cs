using DigitLock.Tflite.Graph;

namespace DigitLock.Tflite.Tests;

/// <summary>The float reference forward pass, checked against hand-computed values and TFLite's padding rules.</summary>
public sealed class FloatGraphTests
{
    [Theory]
    [InlineData(28, 3, 1, 28, 1)]
    [InlineData(28, 3, 2, 14, 0)]  // total pad 1: nothing before, one after
    [InlineData(13, 3, 2, 7, 1)]
    [InlineData(12, 4, 2, 6, 1)]
    public void Same_padding_follows_tflite(int input, int kernel, int stride, int expectedOut, int expectedPadBefore)
    {
        Assert.Equal(expectedOut, PaddingMath.OutputSize(Padding.Same, input, kernel, stride));
        Assert.Equal(expectedPadBefore, PaddingMath.PadBefore(Padding.Same, input, kernel, stride));
        Assert.Equal((input - kernel) / stride + 1, PaddingMath.OutputSize(Padding.Valid, input, kernel, stride));
    }

    [Fact]
    public void Conv_uses_ohwi_weights_and_zero_border()
    {
        // 3x3 input, one channel; two filters: a centre tap (identity) and a 3x3 box sum, SAME padding.
        var x = Enumerable.Range(1, 9).Select(v => (float)v).ToArray();
        var identity = new float[9];
        identity[4] = 1;
        var box = Enumerable.Repeat(1f, 9).ToArray();
        var conv = new Conv2DLayer(2, 3, 3, [.. identity, .. box], [0f, 0.5f]);

        var y = conv.Forward(x, new TensorShape(3, 3, 1));

        Assert.Equal(new TensorShape(3, 3, 2), conv.OutputShape(new TensorShape(3, 3, 1)));
        Assert.Equal(x, Enumerable.Range(0, 9).Select(i => y[i * 2]));
        Assert.Equal(1 + 2 + 4 + 5 + 0.5f, y[0 * 2 + 1]);  // top-left corner sees 4 pixels
        Assert.Equal(45 + 0.5f, y[4 * 2 + 1]);             // centre sees all 9
    }

    [Fact]
    public void Depthwise_maps_input_channel_i_to_outputs_i_times_m_plus_k()
    {
        // 1x1 kernel, 2 input channels, multiplier 2: weights 1HWO with O = 4.
        var dw = new DepthwiseConv2DLayer(1, 1, 2, [1f, 10f, 100f, 1000f], [0f, 0f, 0f, 0f]);
        var y = dw.Forward([2f, 3f], new TensorShape(1, 1, 2));
        Assert.Equal(new[] { 2f, 20f, 300f, 3000f }, y);
    }

    [Fact]
    public void Average_pool_divides_by_valid_taps_only_and_max_pool_ignores_border()
    {
        var x = new[] { -1f, -2f, -3f, -4f };
        var shape = new TensorShape(2, 2, 1);
        var avg = new AveragePool2DLayer(3, 3, 1, 1, Padding.Same).Forward(x, shape);
        var max = new MaxPool2DLayer(3, 3, 1, 1, Padding.Same).Forward(x, shape);
        Assert.All(avg, v => Assert.Equal(-2.5f, v));   // all four pixels, never a padded zero
        Assert.All(max, v => Assert.Equal(-1f, v));     // a zero border would have won
    }

    [Fact]
    public void Dense_relu6_and_softmax()
    {
        var dense = new DenseLayer(2, [1f, 2f, -1f, -1f], [0f, 10f], FusedActivation.Relu6);
        Assert.Equal(new[] { 5f, 6f }, dense.Forward([1f, 2f], new TensorShape(2)));
        var softmax = new SoftmaxLayer().Forward([0f, MathF.Log(3)], new TensorShape(2));
        Assert.Equal(0.25f, softmax[0], 6);
        Assert.Equal(0.75f, softmax[1], 6);
    }

    [Fact]
    public void Graph_checks_shapes_as_layers_are_added()
    {
        var graph = new FloatGraph(new TensorShape(4, 4, 1));
        graph.Add(new MaxPool2DLayer(2, 2, 2, 2));
        var error = Assert.Throws<ArgumentException>(() => graph.Add(new DenseLayer(3, new float[12], new float[3], name: "fc")));
        Assert.Contains("'fc'", error.Message);
        Assert.Contains("Flatten", error.Message);
        graph.Add(ReshapeLayer.Flatten()).Add(new DenseLayer(3, new float[12], new float[3]));
        Assert.Equal(new TensorShape(3), graph.OutputShape);
        Assert.Equal(["maxpool2d_0", "flatten_1", "dense_2"], graph.Layers.Select(l => l.Name));
    }
}
