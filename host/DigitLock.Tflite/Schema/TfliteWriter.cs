using DigitLock.Tflite.FlatBuffers;

namespace DigitLock.Tflite.Schema;

/// <summary>
/// Serialises a <see cref="TfliteModel"/> as a TFLite flatbuffer (schema version 3, identifier "TFL3").
/// Field numbers below are the positions of the fields in TFLite's schema.fbs tables (a union field
/// takes two: its type tag, then the value).
/// </summary>
public static class TfliteWriter
{
    public const int SchemaVersion = 3;
    public const string FileIdentifier = "TFL3";

    // Buffer.data is declared force_align: 16 so weights can be read in place with wide loads.
    private const int BufferAlignment = 16;

    // Builtin codes at or above this only fit the newer 32-bit builtin_code field.
    private const int PlaceholderForGreaterOpCodes = 127;

    private static class ModelField
    {
        public const int Version = 0, OperatorCodes = 1, Subgraphs = 2, Description = 3, Buffers = 4, Metadata = 6, Count = 7;
    }

    private static class OperatorCodeField
    {
        public const int DeprecatedBuiltinCode = 0, Version = 2, BuiltinCode = 3, Count = 4;
    }

    private static class SubGraphField
    {
        public const int Tensors = 0, Inputs = 1, Outputs = 2, Operators = 3, Name = 4, Count = 5;
    }

    private static class TensorField
    {
        public const int Shape = 0, Type = 1, Buffer = 2, Name = 3, Quantization = 4, Count = 5;
    }

    private static class QuantizationField
    {
        public const int Scale = 2, ZeroPoint = 3, QuantizedDimension = 6, Count = 7;
    }

    private static class OperatorField
    {
        public const int OpcodeIndex = 0, Inputs = 1, Outputs = 2, BuiltinOptionsType = 3, BuiltinOptions = 4, Count = 5;
    }

    public static byte[] Write(TfliteModel model)
    {
        Validate(model);
        var fb = new FlatBufferBuilder(1 << 16);

        // Buffers: 0 is the empty sentinel, then one per constant tensor, then one per metadata entry.
        var bufferData = new List<byte[]?> { null };
        var tensorBuffer = new int[model.Tensors.Count];
        for (var t = 0; t < model.Tensors.Count; t++)
        {
            if (model.Tensors[t].Data is { } data)
            {
                tensorBuffer[t] = bufferData.Count;
                bufferData.Add(data);
            }
        }

        var metadataBuffer = new int[model.Metadata.Count];
        for (var m = 0; m < model.Metadata.Count; m++)
        {
            metadataBuffer[m] = bufferData.Count;
            bufferData.Add(model.Metadata[m].Value);
        }

        var buffers = new int[bufferData.Count];
        for (var b = 0; b < bufferData.Count; b++)
        {
            var data = bufferData[b] is { } bytes ? fb.CreateVector(bytes, BufferAlignment) : 0;
            fb.StartTable(1);
            if (data != 0)
            {
                fb.AddOffsetField(0, data);
            }

            buffers[b] = fb.EndTable();
        }

        var tensors = new int[model.Tensors.Count];
        for (var t = 0; t < tensors.Length; t++)
        {
            tensors[t] = WriteTensor(fb, model.Tensors[t], tensorBuffer[t]);
        }

        // Operator codes: one per distinct (builtin, version), in order of first use.
        var codes = model.Operators.Select(o => (o.Builtin, o.Version)).Distinct().ToList();
        var operators = model.Operators.Select(o => WriteOperator(fb, o, codes.IndexOf((o.Builtin, o.Version)))).ToArray();

        var tensorVector = fb.CreateOffsetVector(tensors);
        var inputs = fb.CreateVector(model.Inputs.ToArray());
        var outputs = fb.CreateVector(model.Outputs.ToArray());
        var operatorVector = fb.CreateOffsetVector(operators);
        var subgraphName = fb.CreateString("main");
        fb.StartTable(SubGraphField.Count);
        fb.AddOffsetField(SubGraphField.Tensors, tensorVector);
        fb.AddOffsetField(SubGraphField.Inputs, inputs);
        fb.AddOffsetField(SubGraphField.Outputs, outputs);
        fb.AddOffsetField(SubGraphField.Operators, operatorVector);
        fb.AddOffsetField(SubGraphField.Name, subgraphName);
        var subgraph = fb.EndTable();

        var codeTables = codes.Select(c => WriteOperatorCode(fb, c.Builtin, c.Version)).ToArray();

        var metadata = new int[model.Metadata.Count];
        for (var m = 0; m < metadata.Length; m++)
        {
            var name = fb.CreateString(model.Metadata[m].Key);
            fb.StartTable(2);
            fb.AddOffsetField(0, name);
            fb.AddField(1, (uint)metadataBuffer[m]);
            metadata[m] = fb.EndTable();
        }

        var codeVector = fb.CreateOffsetVector(codeTables);
        var subgraphVector = fb.CreateOffsetVector([subgraph]);
        var description = fb.CreateString(model.Description);
        var bufferVector = fb.CreateOffsetVector(buffers);
        var metadataVector = fb.CreateOffsetVector(metadata);
        fb.StartTable(ModelField.Count);
        fb.AddField(ModelField.Version, (uint)SchemaVersion);
        fb.AddOffsetField(ModelField.OperatorCodes, codeVector);
        fb.AddOffsetField(ModelField.Subgraphs, subgraphVector);
        fb.AddOffsetField(ModelField.Description, description);
        fb.AddOffsetField(ModelField.Buffers, bufferVector);
        fb.AddOffsetField(ModelField.Metadata, metadataVector);
        var root = fb.EndTable();
        return fb.Finish(root, FileIdentifier);
    }

    private static int WriteTensor(FlatBufferBuilder fb, ModelTensor tensor, int buffer)
    {
        var shape = fb.CreateVector(tensor.Shape);
        var name = fb.CreateString(tensor.Name);
        var quantization = 0;
        if (tensor.Quantization is { } q)
        {
            var scales = fb.CreateVector(q.Scales);
            var zeroPoints = fb.CreateVector(q.ZeroPoints);
            fb.StartTable(QuantizationField.Count);
            fb.AddOffsetField(QuantizationField.Scale, scales);
            fb.AddOffsetField(QuantizationField.ZeroPoint, zeroPoints);
            fb.AddField(QuantizationField.QuantizedDimension, q.QuantizedDimension);
            quantization = fb.EndTable();
        }

        fb.StartTable(TensorField.Count);
        fb.AddOffsetField(TensorField.Shape, shape);
        fb.AddField(TensorField.Type, (byte)tensor.Type);
        fb.AddField(TensorField.Buffer, (uint)buffer);
        fb.AddOffsetField(TensorField.Name, name);
        if (quantization != 0)
        {
            fb.AddOffsetField(TensorField.Quantization, quantization);
        }

        return fb.EndTable();
    }

    private static int WriteOperatorCode(FlatBufferBuilder fb, BuiltinOperator builtin, int version)
    {
        var code = (int)builtin;
        fb.StartTable(OperatorCodeField.Count);
        // Readers older than schema 3a only know the byte field; newer ones take the larger of the two.
        fb.AddField(OperatorCodeField.DeprecatedBuiltinCode, (sbyte)Math.Min(code, PlaceholderForGreaterOpCodes));
        fb.AddField(OperatorCodeField.Version, version);
        fb.AddField(OperatorCodeField.BuiltinCode, code);
        return fb.EndTable();
    }

    private static int WriteOperator(FlatBufferBuilder fb, ModelOperator op, int opcodeIndex)
    {
        var (optionsType, options) = WriteOptions(fb, op.Options);
        var inputs = fb.CreateVector(op.Inputs);
        var outputs = fb.CreateVector(op.Outputs);
        fb.StartTable(OperatorField.Count);
        fb.AddField(OperatorField.OpcodeIndex, (uint)opcodeIndex);
        fb.AddOffsetField(OperatorField.Inputs, inputs);
        fb.AddOffsetField(OperatorField.Outputs, outputs);
        if (options != 0)
        {
            fb.AddField(OperatorField.BuiltinOptionsType, (byte)optionsType);
            fb.AddOffsetField(OperatorField.BuiltinOptions, options);
        }

        return fb.EndTable();
    }

    private static (BuiltinOptionsType Type, int Table) WriteOptions(FlatBufferBuilder fb, OperatorOptions? options)
    {
        switch (options)
        {
            case Conv2DOptions c:
                // padding, stride_w, stride_h, fused_activation_function, dilation_w_factor, dilation_h_factor
                fb.StartTable(6);
                fb.AddField(0, (byte)c.Padding);
                fb.AddField(1, c.StrideWidth);
                fb.AddField(2, c.StrideHeight);
                fb.AddField(3, (byte)c.Activation);
                fb.AddField(4, 1);
                fb.AddField(5, 1);
                return (BuiltinOptionsType.Conv2DOptions, fb.EndTable());
            case DepthwiseConv2DOptions d:
                // padding, stride_w, stride_h, depth_multiplier, fused_activation_function, dilation_w, dilation_h
                fb.StartTable(7);
                fb.AddField(0, (byte)d.Padding);
                fb.AddField(1, d.StrideWidth);
                fb.AddField(2, d.StrideHeight);
                fb.AddField(3, d.DepthMultiplier);
                fb.AddField(4, (byte)d.Activation);
                fb.AddField(5, 1);
                fb.AddField(6, 1);
                return (BuiltinOptionsType.DepthwiseConv2DOptions, fb.EndTable());
            case Pool2DOptions p:
                // padding, stride_w, stride_h, filter_width, filter_height, fused_activation_function
                fb.StartTable(6);
                fb.AddField(0, (byte)p.Padding);
                fb.AddField(1, p.StrideWidth);
                fb.AddField(2, p.StrideHeight);
                fb.AddField(3, p.FilterWidth);
                fb.AddField(4, p.FilterHeight);
                fb.AddField(5, (byte)p.Activation);
                return (BuiltinOptionsType.Pool2DOptions, fb.EndTable());
            case FullyConnectedOptions f:
                // fused_activation_function, weights_format (DEFAULT), keep_num_dims (false)
                fb.StartTable(3);
                fb.AddField(0, (byte)f.Activation);
                fb.AddField(1, (byte)0);
                fb.AddField(2, false);
                return (BuiltinOptionsType.FullyConnectedOptions, fb.EndTable());
            case SoftmaxOptions s:
                fb.StartTable(1);
                fb.AddField(0, s.Beta);
                return (BuiltinOptionsType.SoftmaxOptions, fb.EndTable());
            case ReshapeOptions r:
                var newShape = fb.CreateVector(r.NewShape);
                fb.StartTable(1);
                fb.AddOffsetField(0, newShape);
                return (BuiltinOptionsType.ReshapeOptions, fb.EndTable());
            case null:
                return (BuiltinOptionsType.None, 0);
            default:
                throw new NotSupportedException($"operator options {options.GetType().Name} have no writer");
        }
    }

    /// <summary>Refuses models a TFLite reader would reject, naming the first problem.</summary>
    private static void Validate(TfliteModel model)
    {
        var count = model.Tensors.Count;
        bool Valid(int t) => t >= 0 && t < count;
        foreach (var t in model.Inputs.Concat(model.Outputs))
        {
            if (!Valid(t))
            {
                throw new ArgumentException($"subgraph input/output {t} is not a tensor index (0..{count - 1})");
            }
        }

        for (var i = 0; i < model.Operators.Count; i++)
        {
            var op = model.Operators[i];
            if (op.Inputs.Concat(op.Outputs).FirstOrDefault(t => !Valid(t), -2) is var bad && bad != -2)
            {
                throw new ArgumentException($"operator {i} {op.Builtin}: tensor {bad} is not a tensor index (0..{count - 1})");
            }
        }

        foreach (var tensor in model.Tensors)
        {
            if (tensor.Quantization is { } q &&
                (q.Scales.Length == 0 || q.Scales.Length != q.ZeroPoints.Length || q.Scales.Any(s => !(s > 0f) || float.IsInfinity(s))))
            {
                throw new ArgumentException($"tensor '{tensor.Name}': quantization needs as many positive finite scales as zero points");
            }
        }

        if (model.Metadata.Select(m => m.Key).Distinct().Count() != model.Metadata.Count)
        {
            throw new ArgumentException("metadata names must be unique");
        }

    }
}
