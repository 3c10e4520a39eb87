using System.Buffers.Binary;
using DigitLock.Tflite.Graph;
using DigitLock.Tflite.Schema;

namespace DigitLock.Tflite.Quantization;

/// <summary>What the quantizer chose for one layer's output, for reports and docs.</summary>
/// <param name="CalibratedMin">Range calibration produced (before widening to include 0).</param>
/// <param name="WeightScaleMin">Smallest per-channel weight scale (0 for layers without weights).</param>
public sealed record LayerQuantization(
    string Layer, string Kind, string Operator, float Scale, int ZeroPoint,
    float CalibratedMin, float CalibratedMax, float WeightScaleMin, float WeightScaleMax);

/// <summary>The int8 model plus what was decided on the way.</summary>
public sealed record QuantizedGraph(TfliteModel Model, AffineParams Input, AffineParams Output, IReadOnlyList<LayerQuantization> Layers, int CalibrationImages);

/// <summary>
/// Post-training int8 quantization with TFLite's scheme: per-channel symmetric int8 weights, int32
/// biases at input scale x weight scale, asymmetric int8 activations from calibration ranges, int8 input
/// (exactly the board pixel - 128) and output. Pooling and reshape keep their input's parameters
/// (TFLite requires it); softmax outputs 1/256 with zero point -128 (TFLite requires it).
/// </summary>
public sealed class Int8Quantizer
{
    public static readonly AffineParams SoftmaxOutput = new(1f / 256f, -128);

    private readonly QuantizationOptions options;

    public Int8Quantizer(QuantizationOptions? options = null)
    {
        this.options = options ?? new QuantizationOptions();
    }

    /// <summary>Refuses, naming the layer, a graph with a layer the int8 exporter has no operator for.</summary>
    public static void CheckSupported(FloatGraph graph)
    {
        for (var i = 0; i < graph.Layers.Count; i++)
        {
            var layer = graph.Layers[i];
            if (layer is not (Conv2DLayer or DepthwiseConv2DLayer or DenseLayer or Pool2DLayer or ReshapeLayer or SoftmaxLayer))
            {
                throw new NotSupportedException(
                    $"layer {i} '{layer.Name}' ({layer.Kind}) cannot be exported to int8 TFLite: supported layers are " +
                    "Conv2D, DepthwiseConv2D, Dense, MaxPool2D, AveragePool2D, Flatten/Reshape and Softmax");
            }
        }

        if (graph.Layers.Count == 0)
        {
            throw new NotSupportedException("the graph has no layers to export");
        }
    }

    /// <summary>Runs the float graph on every calibration image and watches each layer's output.</summary>
    public RangeObserver[] Calibrate(FloatGraph graph, IEnumerable<byte[]> images, out int imageCount)
    {
        var capacity = options.Method == CalibrationMethod.Percentile ? options.SampleCapacity : 0;
        var observers = graph.Layers.Select((_, i) => new RangeObserver(capacity, options.Seed + i)).ToArray();
        imageCount = 0;
        foreach (var image in images)
        {
            var outputs = graph.ForwardAll(graph.Normalization.Apply(CheckImage(graph, image)));
            for (var i = 0; i < observers.Length; i++)
            {
                observers[i].Observe(outputs[i + 1]);
            }

            imageCount++;
        }

        if (imageCount == 0)
        {
            throw new ArgumentException("quantization needs at least one calibration image");
        }

        return observers;
    }

    public QuantizedGraph Quantize(FloatGraph graph, IEnumerable<byte[]> calibrationImages)
    {
        CheckSupported(graph);
        var observers = Calibrate(graph, calibrationImages, out var imageCount);
        var model = new TfliteModel();
        var report = new List<LayerQuantization>();

        var input = new AffineParams(graph.Normalization.Scale, graph.Normalization.Int8ZeroPoint());
        var current = model.AddTensor(Activation("input", graph.InputShape, input));
        model.Inputs.Add(current);
        var currentParams = input;

        for (var i = 0; i < graph.Layers.Count; i++)
        {
            var layer = graph.Layers[i];
            var shape = graph.Shapes[i];
            var (calMin, calMax) = observers[i].Range(options.Method, options.Percentile);
            var outParams = layer switch
            {
                Pool2DLayer or ReshapeLayer => currentParams,
                SoftmaxLayer => SoftmaxOutput,
                _ => QuantizationMath.ChooseAsymmetric(calMin, calMax),
            };

            var output = model.AddTensor(Activation(layer.Name, shape, outParams));
            var (op, weightScales) = layer switch
            {
                Conv2DLayer c => Conv(model, c, current, output, currentParams.Scale),
                DepthwiseConv2DLayer d => Depthwise(model, d, current, output, currentParams.Scale),
                DenseLayer f => Dense(model, f, current, output, currentParams.Scale),
                Pool2DLayer p => (Pool(p, current, output), []),
                ReshapeLayer => (Reshape(model, layer.Name, shape, current, output), []),
                SoftmaxLayer s => (new ModelOperator(BuiltinOperator.Softmax, 2, [current], [output], new SoftmaxOptions(s.Beta)), Array.Empty<float>()),
                _ => throw new NotSupportedException($"layer {i} '{layer.Name}' ({layer.Kind}) has no int8 operator"),
            };

            model.Operators.Add(op);
            report.Add(new LayerQuantization(
                layer.Name, layer.Kind, op.Builtin.ToString(), outParams.Scale, outParams.ZeroPoint, calMin, calMax,
                weightScales.Length == 0 ? 0f : weightScales.Min(), weightScales.Length == 0 ? 0f : weightScales.Max()));
            current = output;
            currentParams = outParams;
        }

        model.Outputs.Add(current);
        return new QuantizedGraph(model, input, currentParams, report, imageCount);
    }

    private static byte[] CheckImage(FloatGraph graph, byte[] image) => image.Length == graph.InputShape.Size
        ? image
        : throw new ArgumentException($"calibration image has {image.Length} pixels, the graph takes {graph.InputShape.Size}");

    private static ModelTensor Activation(string name, TensorShape shape, AffineParams p) =>
        new(name, shape.WithBatch(), TensorType.Int8, null, TensorQuantization.PerTensor(p.Scale, p.ZeroPoint));

    private (ModelOperator, float[]) Conv(TfliteModel model, Conv2DLayer c, int input, int output, float inputScale)
    {
        var perChannel = c.KernelHeight * c.KernelWidth * c.InputChannels;
        var (q, scales) = QuantizationMath.SymmetricPerChannel(c.Weights, c.OutputChannels, i => i / perChannel);
        var weights = model.AddTensor(new ModelTensor(
            $"{c.Name}/weights", [c.OutputChannels, c.KernelHeight, c.KernelWidth, c.InputChannels], TensorType.Int8,
            Bytes(q), new TensorQuantization(scales, new long[scales.Length], 0)));
        var bias = model.AddTensor(Bias(c.Name, c.Bias, inputScale, scales));
        var op = new ModelOperator(BuiltinOperator.Conv2D, 3, [input, weights, bias], [output],
            new Conv2DOptions(c.Padding, c.StrideWidth, c.StrideHeight, c.Activation));
        return (op, scales);
    }

    private (ModelOperator, float[]) Depthwise(TfliteModel model, DepthwiseConv2DLayer d, int input, int output, float inputScale)
    {
        var channels = d.OutputChannels;
        var (q, scales) = QuantizationMath.SymmetricPerChannel(d.Weights, channels, i => i % channels);
        var weights = model.AddTensor(new ModelTensor(
            $"{d.Name}/weights", [1, d.KernelHeight, d.KernelWidth, channels], TensorType.Int8,
            Bytes(q), new TensorQuantization(scales, new long[scales.Length], 3)));
        var bias = model.AddTensor(Bias(d.Name, d.Bias, inputScale, scales));
        var op = new ModelOperator(BuiltinOperator.DepthwiseConv2D, 3, [input, weights, bias], [output],
            new DepthwiseConv2DOptions(d.Padding, d.StrideWidth, d.StrideHeight, d.DepthMultiplier, d.Activation));
        return (op, scales);
    }

    private (ModelOperator, float[]) Dense(TfliteModel model, DenseLayer f, int input, int output, float inputScale)
    {
        var (q, scales) = options.PerChannelDense
            ? QuantizationMath.SymmetricPerChannel(f.Weights, f.Outputs, i => i / f.Inputs)
            : QuantizationMath.SymmetricPerChannel(f.Weights, 1, _ => 0);
        var weights = model.AddTensor(new ModelTensor(
            $"{f.Name}/weights", [f.Outputs, f.Inputs], TensorType.Int8,
            Bytes(q), new TensorQuantization(scales, new long[scales.Length], 0)));
        var biasScales = scales.Length == 1 ? Enumerable.Repeat(scales[0], f.Outputs).ToArray() : scales;
        var bias = model.AddTensor(Bias(f.Name, f.Bias, inputScale, biasScales, perTensor: scales.Length == 1));
        var op = new ModelOperator(BuiltinOperator.FullyConnected, 4, [input, weights, bias], [output],
            new FullyConnectedOptions(f.Activation));
        return (op, scales);
    }

    private static ModelOperator Pool(Pool2DLayer p, int input, int output)
    {
        var builtin = p is MaxPool2DLayer ? BuiltinOperator.MaxPool2D : BuiltinOperator.AveragePool2D;
        return new ModelOperator(builtin, 2, [input], [output],
            new Pool2DOptions(p.Padding, p.StrideWidth, p.StrideHeight, p.FilterWidth, p.FilterHeight, p.Activation));
    }

    // The target shape goes both in the options and in a constant second input, as TensorFlow's
    // converter writes it: newer runtimes read the tensor, older ones and TFLite-Micro the options.
    private static ModelOperator Reshape(TfliteModel model, string name, TensorShape shape, int input, int output)
    {
        var dims = shape.WithBatch();
        var shapeTensor = model.AddTensor(new ModelTensor($"{name}/shape", [dims.Length], TensorType.Int32, Bytes(dims), null));
        return new ModelOperator(BuiltinOperator.Reshape, 1, [input, shapeTensor], [output], new ReshapeOptions(dims));
    }

    private static ModelTensor Bias(string layer, float[] bias, float inputScale, float[] weightScales, bool perTensor = false)
    {
        var biasScales = weightScales.Select(w => QuantizationMath.BiasScale(inputScale, w)).ToArray();
        var q = new int[bias.Length];
        for (var c = 0; c < bias.Length; c++)
        {
            q[c] = QuantizationMath.QuantizeBias(bias[c], biasScales[c]);
        }

        var quantization = perTensor
            ? TensorQuantization.PerTensor(biasScales[0], 0)
            : new TensorQuantization(biasScales, new long[biasScales.Length], 0);
        return new ModelTensor($"{layer}/bias", [bias.Length], TensorType.Int32, Bytes(q), quantization);
    }

    private static byte[] Bytes(sbyte[] values) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    private static byte[] Bytes(int[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }
}
