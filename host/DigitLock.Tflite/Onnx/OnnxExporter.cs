using DigitLock.Tflite.Graph;
using DigitLock.Tflite.Quantization;
using DigitLock.Tflite.Schema;

namespace DigitLock.Tflite.Onnx;

/// <summary>
/// FloatGraph -> ONNX (opset 13), either float or QDQ int8. ONNX convolutions are NCHW, DigitLock's
/// activations NHWC: the input is declared NHWC (the same bytes as the .tflite input) and transposed once;
/// images stay NCHW inside and go back to NHWC before a reshape, so a flatten yields the same order as
/// in TFLite. The QDQ model reuses exactly the int8 weights, biases and activation parameters of the
/// .tflite export: QuantizeLinear/DequantizeLinear pairs around every activation, DequantizeLinear on
/// weights (per-channel, axis 0) and int32 biases; ONNX Runtime fuses them into QLinearConv/QGemm.
/// </summary>
public sealed class OnnxExporter
{
    private readonly OnnxGraph onnx = new();
    private readonly FloatGraph graph;
    private readonly QuantizedGraph? quantized;
    private readonly Dictionary<string, ModelTensor> tensors = [];

    private OnnxExporter(FloatGraph graph, QuantizedGraph? quantized)
    {
        this.graph = graph;
        this.quantized = quantized;
        if (quantized != null)
        {
            foreach (var t in quantized.Model.Tensors)
            {
                tensors[t.Name] = t;
            }
        }
    }

    /// <summary>The float graph as an ONNX float model: input "input" float NHWC, output "output".</summary>
    public static byte[] ExportFloat(FloatGraph graph, ModelDescription description)
    {
        Int8Quantizer.CheckSupported(graph);
        return new OnnxExporter(graph, null).Build(description);
    }

    /// <summary>
    /// The int8 model as QDQ ONNX: input "input" int8 NHWC (pixel - 128, as the .tflite), output "output"
    /// int8 with the .tflite output's parameters. <paramref name="quantized"/> comes from <see cref="Int8Quantizer"/>.
    /// </summary>
    public static byte[] ExportQdq(FloatGraph graph, QuantizedGraph quantized, ModelDescription description) =>
        new OnnxExporter(graph, quantized).Build(description);

    private bool Quantized => quantized != null;

    private byte[] Build(ModelDescription description)
    {
        var inputType = Quantized ? OnnxType.Int8 : OnnxType.Float;
        onnx.Input("input", inputType, graph.InputShape.WithBatch());
        var x = "input";
        var shape = graph.InputShape;
        if (shape.IsImage)
        {
            x = onnx.Node("Transpose", [x], onnx.Name("input_nchw"), ("perm", new long[] { 0, 3, 1, 2 }));
        }

        if (quantized != null)
        {
            x = Dequantize(x, quantized.Input, "input");
        }

        for (var i = 0; i < graph.Layers.Count; i++)
        {
            x = Layer(graph.Layers[i], x, shape, graph.Shapes[i]);
            shape = graph.Shapes[i];
        }

        if (quantized != null)
        {
            x = onnx.Node("QuantizeLinear", [x, Scale(quantized.Output.Scale), ZeroPoint(quantized.Output.ZeroPoint)], onnx.Name("output_q"));
        }

        var output = shape.IsImage
            ? onnx.Node("Transpose", [x], "output", ("perm", new long[] { 0, 2, 3, 1 }))
            : onnx.Node("Identity", [x], "output");
        onnx.Output(output, inputType, shape.WithBatch());

        // The QDQ model carries the .tflite's metadata entries as they are (same weights, same fingerprint).
        var metadata = quantized is { Model.Metadata.Count: > 0 }
            ? quantized.Model.Metadata.Select(m => KeyValuePair.Create(m.Key, System.Text.Encoding.UTF8.GetString(m.Value))).ToList()
            :
            [
                KeyValuePair.Create(MetadataNames.Name, description.Name),
                KeyValuePair.Create(MetadataNames.Version, description.Version),
                KeyValuePair.Create(MetadataNames.TrainingData, description.TrainingData),
                KeyValuePair.Create(MetadataNames.Input, Quantized
                    ? graph.Normalization.Describe()
                    : $"float NHWC; float = {graph.Normalization.Describe().Split("float = ")[1]}"),
                KeyValuePair.Create(MetadataNames.Preprocessing, description.Preprocessing),
            ];
        return onnx.ToModel(description.Name, metadata);
    }

    private string Layer(FloatLayer layer, string x, TensorShape input, TensorShape output)
    {
        var y = layer switch
        {
            Conv2DLayer c => Activation(Conv(c, x, input), c.Activation, c.Name),
            DepthwiseConv2DLayer d => Activation(Depthwise(d, x, input), d.Activation, d.Name),
            DenseLayer f => Activation(Dense(f, x), f.Activation, f.Name),
            Pool2DLayer p => Activation(Pool(p, x, input), p.Activation, p.Name),
            ReshapeLayer r => Reshape(r, x, input, output),
            SoftmaxLayer s => Softmax(s, x, input),
            _ => throw new NotSupportedException($"layer '{layer.Name}' ({layer.Kind}) has no ONNX export"),
        };

        // QDQ: every activation is rounded to its int8 grid, exactly where the .tflite model rounds.
        if (quantized != null)
        {
            var p = tensors[layer.Name].Quantization!;
            y = Dequantize(onnx.Node("QuantizeLinear", [y, Scale(p.Scale), ZeroPoint((int)p.ZeroPoint)], onnx.Name($"{layer.Name}_q")),
                new AffineParams(p.Scale, (int)p.ZeroPoint), layer.Name);
        }

        return y;
    }

    private string Conv(Conv2DLayer c, string x, TensorShape input)
    {
        var (o, kh, kw, ci) = (c.OutputChannels, c.KernelHeight, c.KernelWidth, c.InputChannels);
        // OHWI -> OIHW
        int Source(int dst)
        {
            var kx = dst % kw;
            var ky = dst / kw % kh;
            var i = dst / (kw * kh) % ci;
            var oc = dst / (kw * kh * ci);
            return ((oc * kh + ky) * kw + kx) * ci + i;
        }

        var dims = new long[] { o, ci, kh, kw };
        var (w, b) = WeightsAndBias(c.Name, c.Weights, c.Bias, dims, Source);
        return onnx.Node("Conv", [x, w, b], onnx.Name(c.Name),
            ("kernel_shape", new long[] { kh, kw }), ("strides", new long[] { c.StrideHeight, c.StrideWidth }),
            ("pads", Pads(c.Padding, input, kh, kw, c.StrideHeight, c.StrideWidth)), ("group", 1L));
    }

    private string Depthwise(DepthwiseConv2DLayer d, string x, TensorShape input)
    {
        var (o, kh, kw) = (d.OutputChannels, d.KernelHeight, d.KernelWidth);
        // 1HWO -> [O, 1, kh, kw]; group = input channels maps input i to outputs i*m .. i*m+m-1, as TFLite.
        int Source(int dst)
        {
            var tap = dst % (kh * kw);
            var oc = dst / (kh * kw);
            return tap * o + oc;
        }

        var (w, b) = WeightsAndBias(d.Name, d.Weights, d.Bias, [o, 1, kh, kw], Source);
        return onnx.Node("Conv", [x, w, b], onnx.Name(d.Name),
            ("kernel_shape", new long[] { kh, kw }), ("strides", new long[] { d.StrideHeight, d.StrideWidth }),
            ("pads", Pads(d.Padding, input, kh, kw, d.StrideHeight, d.StrideWidth)), ("group", (long)d.InputChannels));
    }

    private string Dense(DenseLayer f, string x)
    {
        var (w, b) = WeightsAndBias(f.Name, f.Weights, f.Bias, [f.Outputs, f.Inputs], i => i);
        return onnx.Node("Gemm", [x, w, b], onnx.Name(f.Name), ("transB", 1L));
    }

    private string Pool(Pool2DLayer p, string x, TensorShape input)
    {
        var attributes = new List<(string, object)>
        {
            ("kernel_shape", new long[] { p.FilterHeight, p.FilterWidth }),
            ("strides", new long[] { p.StrideHeight, p.StrideWidth }),
            ("pads", Pads(p.Padding, input, p.FilterHeight, p.FilterWidth, p.StrideHeight, p.StrideWidth)),
        };
        if (p is AveragePool2DLayer)
        {
            attributes.Add(("count_include_pad", 0L));
        }

        return onnx.Node(p is MaxPool2DLayer ? "MaxPool" : "AveragePool", [x], onnx.Name(p.Name), [.. attributes]);
    }

    private string Reshape(ReshapeLayer r, string x, TensorShape input, TensorShape output)
    {
        if (input.IsImage)
        {
            x = onnx.Node("Transpose", [x], onnx.Name($"{r.Name}_nhwc"), ("perm", new long[] { 0, 2, 3, 1 }));
        }

        var shape = onnx.Int64s($"{r.Name}_shape", [output.Rank + 1], output.WithBatch().Select(d => (long)d).ToArray());
        x = onnx.Node("Reshape", [x, shape], onnx.Name(r.Name));
        return output.IsImage
            ? onnx.Node("Transpose", [x], onnx.Name($"{r.Name}_nchw"), ("perm", new long[] { 0, 3, 1, 2 }))
            : x;
    }

    private string Softmax(SoftmaxLayer s, string x, TensorShape input)
    {
        if (s.Beta != 1f)
        {
            x = onnx.Node("Mul", [x, onnx.Floats($"{s.Name}_beta", [], [s.Beta])], onnx.Name($"{s.Name}_scaled"));
        }

        // The softmax runs over NHWC's last axis: channels, axis 1 while the image is NCHW.
        return onnx.Node("Softmax", [x], onnx.Name(s.Name), ("axis", input.IsImage ? 1L : (long)input.Rank));
    }

    private string Activation(string x, FusedActivation activation, string layer) => activation switch
    {
        FusedActivation.Relu => onnx.Node("Relu", [x], onnx.Name($"{layer}_relu")),
        FusedActivation.Relu6 => onnx.Node("Clip", [x, onnx.Floats($"{layer}_min", [], [0f]), onnx.Floats($"{layer}_max", [], [6f])],
            onnx.Name($"{layer}_relu6")),
        _ => x,
    };

    /// <summary>Weights (reordered by <paramref name="source"/>) and bias, as floats or as int8/int32 with DequantizeLinear.</summary>
    private (string Weights, string Bias) WeightsAndBias(string layer, float[] weights, float[] bias, long[] dims, Func<int, int> source)
    {
        if (!Quantized)
        {
            var reordered = new float[weights.Length];
            for (var i = 0; i < reordered.Length; i++)
            {
                reordered[i] = weights[source(i)];
            }

            return (onnx.Floats($"{layer}_weights", dims, reordered), onnx.Floats($"{layer}_bias", [bias.Length], bias));
        }

        var wt = tensors[$"{layer}/weights"];
        var bt = tensors[$"{layer}/bias"];
        var q = new sbyte[wt.Data!.Length];
        for (var i = 0; i < q.Length; i++)
        {
            q[i] = (sbyte)wt.Data[source(i)];
        }

        var wq = onnx.Int8s($"{layer}_weights_q", dims, q);
        var w = DequantizeAxis0(wq, wt.Quantization!.Scales, OnnxType.Int8, $"{layer}_weights");
        var bq = onnx.Constant($"{layer}_bias_q", OnnxType.Int32, [bias.Length], bt.Data!);
        var b = DequantizeAxis0(bq, bt.Quantization!.Scales, OnnxType.Int32, $"{layer}_bias");
        return (w, b);
    }

    private string DequantizeAxis0(string q, float[] scales, OnnxType type, string stem)
    {
        if (scales.Length == 1)
        {
            var zero = type == OnnxType.Int8 ? onnx.Int8s($"{stem}_zp", [], [0]) : onnx.Int32s($"{stem}_zp", [], [0]);
            return onnx.Node("DequantizeLinear", [q, onnx.Floats($"{stem}_scale", [], [scales[0]]), zero], onnx.Name(stem));
        }

        var zeros = type == OnnxType.Int8
            ? onnx.Int8s($"{stem}_zp", [scales.Length], new sbyte[scales.Length])
            : onnx.Int32s($"{stem}_zp", [scales.Length], new int[scales.Length]);
        return onnx.Node("DequantizeLinear", [q, onnx.Floats($"{stem}_scale", [scales.Length], scales), zeros], onnx.Name(stem), ("axis", 0L));
    }

    private string Dequantize(string q, AffineParams p, string stem) =>
        onnx.Node("DequantizeLinear", [q, Scale(p.Scale), ZeroPoint(p.ZeroPoint)], onnx.Name($"{stem}_dq"));

    private string Scale(float scale) => onnx.Floats("scale", [], [scale]);

    private string ZeroPoint(int zeroPoint) => onnx.Int8s("zero_point", [], [(sbyte)zeroPoint]);

    /// <summary>ONNX pads [top, left, bottom, right]: TFLite's SAME puts the odd pixel after.</summary>
    private static long[] Pads(Padding padding, TensorShape input, int kh, int kw, int sh, int sw)
    {
        long Total(int size, int k, int s) =>
            padding == Padding.Valid ? 0 : Math.Max((PaddingMath.OutputSize(padding, size, k, s) - 1) * s + k - size, 0);
        var th = Total(input.Height, kh, sh);
        var tw = Total(input.Width, kw, sw);
        return [th / 2, tw / 2, th - th / 2, tw - tw / 2];
    }
}
