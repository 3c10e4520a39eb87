using System.Text;
using DigitLock.Engine;
using DigitLock.Tflite.Graph;
using DigitLock.Tflite.Quantization;
using DigitLock.Tflite.Schema;
using TensorType = DigitLock.Tflite.Schema.TensorType;

namespace DigitLock.Tflite.Tests;

/// <summary>The written file, field by field, read back by an independent reader; and what export refuses.</summary>
public sealed class ExportTests
{
    private static readonly ModelDescription Description = new(
        "digitlock-test", "1.2.3", "mnist train 60k + touch 3k", new DateTimeOffset(2026, 11, 22, 12, 30, 0, TimeSpan.Zero),
        "stroke: bbox 20x20 centred by mass in 28x28, width 2.5px");

    private static (byte[] Bytes, TfliteFile File, QuantizedGraph Quantized) Export(string graphName, QuantizationOptions? options = null)
    {
        var graph = TestGraphs.Build(graphName);
        var bytes = TfliteExporter.Export(graph, TestImages.Make(graph.InputShape, 16, 3), Description, options, out var q);
        return (bytes, new TfliteFile(bytes), q);
    }

    [Fact]
    public void Header_operator_codes_and_buffers_follow_the_schema()
    {
        var (bytes, file, _) = Export("mobile_cnn");

        Assert.Equal("TFL3", file.Identifier);
        Assert.Equal(3u, file.Version);
        Assert.Equal("digitlock-test", file.Description);
        Assert.Empty(file.Buffers[0]);
        Assert.All(file.OperatorCodes, c => Assert.Equal(c.BuiltinCode, c.DeprecatedBuiltinCode));
        Assert.Equal(
            new[] { (3, 3), (4, 3), (1, 2), (22, 1), (25, 2) },
            file.OperatorCodes.Select(c => (c.BuiltinCode, c.Version)));
        Assert.All(file.BufferDataOffsets(), offset => Assert.Equal(0, offset % 16));
        Assert.Equal(0, bytes.Length % 16);
    }

    [Fact]
    public void Tensors_carry_per_channel_quantization_and_int32_biases()
    {
        var (_, file, q) = Export("mobile_cnn");
        var byName = file.Tensors.ToDictionary(t => t.Name);

        var input = file.Tensors[file.Inputs.Single()];
        Assert.Equal(new[] { 1, 28, 28, 1 }, input.Shape);
        Assert.Equal((byte)TensorType.Int8, input.Type);
        Assert.Equal(1f / 255f, input.Quantization!.Scales.Single());
        Assert.Equal(-128, input.Quantization.ZeroPoints.Single());

        var stemWeights = byName["stem/weights"];
        Assert.Equal(new[] { 8, 3, 3, 1 }, stemWeights.Shape);
        Assert.Equal(8, stemWeights.Quantization!.Scales.Length);
        Assert.Equal(0, stemWeights.Quantization.QuantizedDimension);
        Assert.All(stemWeights.Quantization.ZeroPoints, zp => Assert.Equal(0, zp));
        Assert.Equal(127, file.Buffers[stemWeights.Buffer].Chunk(9).Select(c => c.Max(b => Math.Abs((int)(sbyte)b))).Min());

        var dwWeights = byName["dw1/weights"];
        Assert.Equal(new[] { 1, 3, 3, 8 }, dwWeights.Shape);
        Assert.Equal(3, dwWeights.Quantization!.QuantizedDimension);

        var bias = byName["stem/bias"];
        Assert.Equal((byte)TensorType.Int32, bias.Type);
        Assert.Equal(32, file.Buffers[bias.Buffer].Length);
        for (var c = 0; c < 8; c++)
        {
            Assert.Equal((double)input.Quantization.Scales[0] * stemWeights.Quantization.Scales[c], bias.Quantization!.Scales[c], 1e-12);
        }

        // Pool and reshape keep their input's parameters; softmax output is TFLite's fixed 1/256, -128.
        Assert.Equal(byName["pw2"].Quantization!.Scales, byName["gap"].Quantization!.Scales);
        Assert.Equal(byName["gap"].Quantization!.ZeroPoints, byName["squeeze"].Quantization!.ZeroPoints);
        var output = file.Tensors[file.Outputs.Single()];
        Assert.Equal(1f / 256f, output.Quantization!.Scales.Single());
        Assert.Equal(-128, output.Quantization.ZeroPoints.Single());
        Assert.Equal(q.Output.Scale, output.Quantization.Scales.Single());
    }

    [Fact]
    public void Builtin_options_hold_strides_padding_activation_multiplier_and_shape()
    {
        var (_, file, _) = Export("mobile_cnn");
        TfliteFile.Op Op(string outputName) => file.Operators.Single(o => file.Tensors[o.Outputs[0]].Name == outputName);

        var stem = Op("stem");
        Assert.Equal(1, stem.OptionsType);
        Assert.Equal((byte)Padding.Same, file.OptionByte(stem, 0));
        Assert.Equal(2, file.OptionInt(stem, 1));
        Assert.Equal(2, file.OptionInt(stem, 2));
        Assert.Equal((byte)FusedActivation.Relu6, file.OptionByte(stem, 3));

        var dw2 = Op("dw2");
        Assert.Equal(2, dw2.OptionsType);
        Assert.Equal(1, file.OptionInt(dw2, 3)); // depth_multiplier
        Assert.Equal(2, file.OptionInt(dw2, 1));

        var gap = Op("gap");
        Assert.Equal(5, gap.OptionsType);
        Assert.Equal((byte)Padding.Valid, file.OptionByte(gap, 0));
        Assert.Equal(7, file.OptionInt(gap, 3));
        Assert.Equal(7, file.OptionInt(gap, 4));

        var squeeze = Op("squeeze");
        Assert.Equal(17, squeeze.OptionsType);
        Assert.Equal(new[] { 1, 10 }, file.OptionInts(squeeze, 0));

        var softmax = Op("probabilities");
        Assert.Equal(9, softmax.OptionsType);
        Assert.Equal(1f, file.OptionFloat(softmax, 0));

        var (_, dmFile, _) = Export("depthwise_m2_valid_stride2_relu");
        var dw = dmFile.Operators.First(o => o.OptionsType == 2);
        Assert.Equal(2, dmFile.OptionInt(dw, 3));
        Assert.Equal((byte)Padding.Valid, dmFile.OptionByte(dw, 0));
    }

    [Fact]
    public void Metadata_entries_describe_the_model_and_fingerprint_the_weights()
    {
        var (_, file, q) = Export("mnist_cnn");

        Assert.Equal("digitlock-test", file.MetadataText(MetadataNames.Name));
        Assert.Equal("1.2.3", file.MetadataText(MetadataNames.Version));
        Assert.Equal("mnist train 60k + touch 3k", file.MetadataText(MetadataNames.TrainingData));
        Assert.Equal("2026-11-22T12:30:00Z", file.MetadataText(MetadataNames.Date));
        Assert.Equal("int8 = uint8_pixel - 128; float = pixel/255", file.MetadataText(MetadataNames.Input));
        Assert.Equal(Description.Preprocessing, file.MetadataText(MetadataNames.Preprocessing));
        Assert.Contains("calibration minmax over 16 images", file.MetadataText(MetadataNames.Quantization));

        // The fingerprint is recomputable from the file alone: SHA-256 of the constant buffers in order.
        var constants = file.Tensors.Where(t => t.Buffer != 0).Select(t => file.Buffers[t.Buffer]).SelectMany(b => b).ToArray();
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(constants));
        Assert.Equal(expected, file.MetadataText(MetadataNames.WeightsSha256));
        Assert.Equal(expected, q.Model.WeightsSha256());
    }

    [RequiresFact(Needs.Engine)]
    public void Engine_reads_the_metadata_and_input_quantization()
    {
        var (bytes, _, _) = Export("mnist_cnn");
        using var engine = new NativeInterpreter(bytes);

        Assert.Equal("int8 = uint8_pixel - 128; float = pixel/255", Encoding.UTF8.GetString(engine.Metadata(MetadataNames.Input)!));
        Assert.Equal(1f / 255f, engine.Inputs[0].Scale);
        Assert.Equal(-128, engine.Inputs[0].ZeroPoint);
        Assert.Equal(8, engine.Tensors().Single(t => t.Name == "conv1/weights").ChannelScales);
    }

    [Fact]
    public void Unsupported_layer_fails_export_naming_the_layer()
    {
        var graph = new FloatGraph(new TensorShape(4, 4, 1))
            .Add(ReshapeLayer.Flatten())
            .Add(new SigmoidLayer("squash"))
            .Add(new SoftmaxLayer());

        Assert.Equal(16, graph.Forward(new byte[16]).Length); // it runs in float...
        var error = Assert.Throws<NotSupportedException>(     // ...but has no int8 TFLite operator
            () => TfliteExporter.Export(graph, [new byte[16]], Description));
        Assert.Contains("layer 1 'squash' (Sigmoid)", error.Message);
    }

    [Fact]
    public void Bad_calibration_input_is_refused_with_a_clear_message()
    {
        var graph = TestGraphs.Build("dense_relu_dense_none_no_softmax");
        Assert.Contains("at least one calibration image",
            Assert.Throws<ArgumentException>(() => TfliteExporter.Export(graph, [], Description)).Message);
        Assert.Contains("calibration image has 10 pixels",
            Assert.Throws<ArgumentException>(() => TfliteExporter.Export(graph, [new byte[10]], Description)).Message);
    }

    /// <summary>A layer the exporter has no operator for (TFLite has LOGISTIC, DigitLock's engine does not).</summary>
    private sealed class SigmoidLayer(string name) : FloatLayer(name)
    {
        public override string Kind => "Sigmoid";

        public override TensorShape OutputShape(TensorShape input) => input;

        public override float[] Forward(float[] x, TensorShape input) => x.Select(v => 1f / (1f + MathF.Exp(-v))).ToArray();
    }
}
