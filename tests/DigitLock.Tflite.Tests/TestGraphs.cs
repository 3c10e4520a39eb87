using DigitLock.Tflite.Graph;

namespace DigitLock.Tflite.Tests;

/// <summary>
/// Small float graphs with random (He-uniform) weights that together use every layer type and option
/// the exporter writes, and an MNIST-sized CNN. Seeded, so every run builds the same graphs.
/// </summary>
internal sealed class TestGraphs
{
    private readonly Random random;

    private TestGraphs(int seed)
    {
        random = new Random(seed);
    }

    /// <summary>Names of the cases <see cref="Build"/> knows, for theories.</summary>
    public static IEnumerable<object[]> Cases() => CaseNames.Select(n => new object[] { n });

    public static readonly string[] CaseNames =
    [
        "conv_same_relu_dense_softmax",
        "conv_valid_stride2_relu6_rect_kernel",
        "conv_stride_hw_none_avgpool_same_softmax_beta",
        "depthwise_m1_same_relu6_maxpool_valid",
        "depthwise_m2_valid_stride2_relu",
        "maxpool_same_3x3_s2_multichannel",
        "avgpool_valid_relu_reshape_conv",
        "dense_relu_dense_none_no_softmax",
        "mnist_cnn",
        "mobile_cnn",
    ];

    public static FloatGraph Build(string name, int seed = 1234)
    {
        var g = new TestGraphs(seed + name.Length * 7919);
        return name switch
        {
            "conv_same_relu_dense_softmax" => new FloatGraph(new TensorShape(10, 10, 1))
                .Add(g.Conv(1, 4, 3, 3, 1, 1, Padding.Same, FusedActivation.Relu))
                .Add(ReshapeLayer.Flatten())
                .Add(g.Dense(400, 10, FusedActivation.None))
                .Add(new SoftmaxLayer()),
            "conv_valid_stride2_relu6_rect_kernel" => new FloatGraph(new TensorShape(13, 11, 2))
                .Add(g.Conv(2, 5, 3, 2, 2, 2, Padding.Valid, FusedActivation.Relu6))
                .Add(g.Conv(5, 3, 1, 3, 1, 1, Padding.Same, FusedActivation.None))
                .Add(ReshapeLayer.Flatten())
                .Add(g.Dense(6 * 5 * 3, 7, FusedActivation.None))
                .Add(new SoftmaxLayer()),
            "conv_stride_hw_none_avgpool_same_softmax_beta" => new FloatGraph(new TensorShape(12, 9, 1))
                .Add(g.Conv(1, 6, 3, 3, 2, 1, Padding.Same, FusedActivation.None))
                .Add(new AveragePool2DLayer(3, 3, 2, 2, Padding.Same))
                .Add(ReshapeLayer.Flatten())
                .Add(g.Dense(3 * 5 * 6, 5, FusedActivation.None))
                .Add(new SoftmaxLayer(beta: 0.5f)),
            "depthwise_m1_same_relu6_maxpool_valid" => new FloatGraph(new TensorShape(11, 11, 3))
                .Add(g.Depthwise(3, 3, 3, 1, 1, 1, Padding.Same, FusedActivation.Relu6))
                .Add(new MaxPool2DLayer(2, 2, 2, 2, Padding.Valid))
                .Add(ReshapeLayer.Flatten())
                .Add(g.Dense(5 * 5 * 3, 10, FusedActivation.None))
                .Add(new SoftmaxLayer()),
            "depthwise_m2_valid_stride2_relu" => new FloatGraph(new TensorShape(12, 12, 2))
                .Add(g.Depthwise(2, 3, 3, 2, 2, 2, Padding.Valid, FusedActivation.Relu))
                .Add(g.Conv(4, 4, 1, 1, 1, 1, Padding.Valid, FusedActivation.Relu))
                .Add(ReshapeLayer.Flatten())
                .Add(g.Dense(5 * 5 * 4, 10, FusedActivation.None))
                .Add(new SoftmaxLayer()),
            "maxpool_same_3x3_s2_multichannel" => new FloatGraph(new TensorShape(9, 9, 1))
                .Add(g.Conv(1, 8, 3, 3, 1, 1, Padding.Same, FusedActivation.None))
                .Add(new MaxPool2DLayer(3, 3, 2, 2, Padding.Same))
                .Add(new MaxPool2DLayer(2, 1, 1, 1, Padding.Valid, FusedActivation.Relu))
                .Add(ReshapeLayer.Flatten())
                .Add(g.Dense(4 * 5 * 8, 10, FusedActivation.None))
                .Add(new SoftmaxLayer()),
            "avgpool_valid_relu_reshape_conv" => new FloatGraph(new TensorShape(8, 8, 1))
                .Add(g.Conv(1, 4, 3, 3, 1, 1, Padding.Same, FusedActivation.None))
                .Add(new AveragePool2DLayer(2, 2, 2, 2, Padding.Valid, FusedActivation.Relu))
                .Add(new ReshapeLayer(new TensorShape(8, 2, 4)))
                .Add(g.Conv(4, 3, 3, 2, 1, 1, Padding.Valid, FusedActivation.Relu))
                .Add(ReshapeLayer.Flatten())
                .Add(g.Dense(6 * 1 * 3, 4, FusedActivation.None))
                .Add(new SoftmaxLayer()),
            "dense_relu_dense_none_no_softmax" => new FloatGraph(new TensorShape(6, 6, 1))
                .Add(ReshapeLayer.Flatten())
                .Add(g.Dense(36, 20, FusedActivation.Relu))
                .Add(g.Dense(20, 10, FusedActivation.Relu6))
                .Add(g.Dense(10, 6, FusedActivation.None)),
            "mnist_cnn" => new FloatGraph(new TensorShape(28, 28, 1))
                .Add(g.Conv(1, 8, 3, 3, 1, 1, Padding.Same, FusedActivation.Relu, "conv1"))
                .Add(new MaxPool2DLayer(2, 2, 2, 2, Padding.Valid, name: "pool1"))
                .Add(g.Conv(8, 16, 3, 3, 1, 1, Padding.Same, FusedActivation.Relu, "conv2"))
                .Add(new MaxPool2DLayer(2, 2, 2, 2, Padding.Valid, name: "pool2"))
                .Add(ReshapeLayer.Flatten("flatten"))
                .Add(g.Dense(7 * 7 * 16, 64, FusedActivation.Relu, "fc1"))
                .Add(g.Dense(64, 10, FusedActivation.None, "logits"))
                .Add(new SoftmaxLayer(name: "probabilities")),
            "mobile_cnn" => new FloatGraph(new TensorShape(28, 28, 1))
                .Add(g.Conv(1, 8, 3, 3, 2, 2, Padding.Same, FusedActivation.Relu6, "stem"))
                .Add(g.Depthwise(8, 3, 3, 1, 1, 1, Padding.Same, FusedActivation.Relu6, "dw1"))
                .Add(g.Conv(8, 16, 1, 1, 1, 1, Padding.Same, FusedActivation.Relu6, "pw1"))
                .Add(g.Depthwise(16, 3, 3, 1, 2, 2, Padding.Same, FusedActivation.Relu6, "dw2"))
                .Add(g.Conv(16, 10, 1, 1, 1, 1, Padding.Same, FusedActivation.None, "pw2", gain: 4))
                .Add(new AveragePool2DLayer(7, 7, 7, 7, Padding.Valid, name: "gap"))
                .Add(new ReshapeLayer(new TensorShape(10), "squeeze"))
                .Add(new SoftmaxLayer(name: "probabilities")),
            _ => throw new ArgumentException($"no test graph '{name}'"),
        };
    }

    // gain > 1 makes a logits layer as confident as a trained one; He-uniform alone gives near-uniform softmax.
    private Conv2DLayer Conv(int inC, int outC, int kh, int kw, int sh, int sw, Padding p, FusedActivation a, string? name = null, float gain = 1) =>
        new(outC, kh, kw, Uniform(outC * kh * kw * inC, kh * kw * inC).Select(w => w * gain).ToArray(), Bias(outC), sh, sw, p, a, name);

    private DepthwiseConv2DLayer Depthwise(int inC, int kh, int kw, int mult, int sh, int sw, Padding p, FusedActivation a, string? name = null) =>
        new(kh, kw, mult, Uniform(kh * kw * inC * mult, kh * kw), Bias(inC * mult), sh, sw, p, a, name);

    private DenseLayer Dense(int inputs, int outputs, FusedActivation a, string? name = null) =>
        new(outputs, Uniform(outputs * inputs, inputs), Bias(outputs), a, name);

    private float[] Uniform(int count, int fanIn)
    {
        var limit = Math.Sqrt(6.0 / fanIn);
        return Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2 - 1) * limit)).ToArray();
    }

    private float[] Bias(int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 0.2 - 0.1)).ToArray();
}

/// <summary>Random-ish input images: pen strokes like a finger-written digit, plus noise and extremes.</summary>
internal static class TestImages
{
    public static List<byte[]> Make(TensorShape shape, int count, int seed)
    {
        var random = new Random(seed);
        var images = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            images.Add((i % 10) switch
            {
                8 => Noise(shape, random),
                9 => Extreme(shape, i / 10 % 3),
                _ => Strokes(shape, random),
            });
        }

        return images;
    }

    public static byte[] Concat(IEnumerable<byte[]> images) => images.SelectMany(i => i).ToArray();

    private static byte[] Strokes(TensorShape shape, Random random)
    {
        var (h, w, c) = (shape.Height, shape.Width, shape.Channels);
        var ink = new float[h * w];
        var strokes = random.Next(1, 4);
        var thickness = 0.6 + random.NextDouble() * 1.2;
        for (var s = 0; s < strokes; s++)
        {
            double x = random.NextDouble() * w, y = random.NextDouble() * h;
            var angle = random.NextDouble() * Math.PI * 2;
            var steps = random.Next(8, 30);
            for (var k = 0; k < steps; k++)
            {
                angle += (random.NextDouble() - 0.5) * 0.8;
                x = Math.Clamp(x + Math.Cos(angle) * 0.7, 0, w - 1);
                y = Math.Clamp(y + Math.Sin(angle) * 0.7, 0, h - 1);
                for (var py = 0; py < h; py++)
                {
                    for (var px = 0; px < w; px++)
                    {
                        var d = Math.Sqrt((px - x) * (px - x) + (py - y) * (py - y));
                        ink[py * w + px] = Math.Max(ink[py * w + px], (float)Math.Clamp(1.5 - d / thickness, 0, 1));
                    }
                }
            }
        }

        var image = new byte[shape.Size];
        for (var p = 0; p < h * w; p++)
        {
            for (var ch = 0; ch < c; ch++)
            {
                image[p * c + ch] = (byte)Math.Round(255 * ink[p] * (ch == 0 ? 1 : 0.5 + 0.5 * random.NextDouble()));
            }
        }

        return image;
    }

    private static byte[] Noise(TensorShape shape, Random random)
    {
        var image = new byte[shape.Size];
        random.NextBytes(image);
        return image;
    }

    private static byte[] Extreme(TensorShape shape, int kind) =>
        Enumerable.Range(0, shape.Size).Select(i => kind switch
        {
            0 => (byte)0,
            1 => (byte)255,
            _ => (byte)(i % 2 == 0 ? 255 : 0),
        }).ToArray();
}
