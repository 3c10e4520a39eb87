using System.Buffers.Binary;

namespace DigitLock.Tflite.Onnx;

/// <summary>ONNX TensorProto.DataType values used here.</summary>
public enum OnnxType
{
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    Int32 = 6,
    Int64 = 7,
}

/// <summary>
/// An ONNX graph under construction (nodes in execution order, initializers, typed inputs/outputs) and
/// its serialisation as a ModelProto. Field numbers are those of onnx.proto (ModelProto, GraphProto,
/// NodeProto, AttributeProto, TensorProto, ValueInfoProto, TypeProto, TensorShapeProto).
/// </summary>
public sealed class OnnxGraph
{
    public const int IrVersion = 7;   // the IR that goes with opset 13
    public const int Opset = 13;      // per-axis QuantizeLinear/DequantizeLinear, Softmax along one axis

    private readonly List<ProtoWriter> nodes = [];
    private readonly List<ProtoWriter> initializers = [];
    private readonly List<ProtoWriter> inputs = [];
    private readonly List<ProtoWriter> outputs = [];
    private readonly HashSet<string> names = [];

    /// <summary>A fresh value name starting with <paramref name="stem"/>.</summary>
    public string Name(string stem)
    {
        var name = stem;
        for (var i = 1; !names.Add(name); i++)
        {
            name = $"{stem}_{i}";
        }

        return name;
    }

    public void Input(string name, OnnxType type, IReadOnlyList<int> shape) => inputs.Add(ValueInfo(name, type, shape));

    public void Output(string name, OnnxType type, IReadOnlyList<int> shape) => outputs.Add(ValueInfo(name, type, shape));

    /// <summary>Adds a node; attributes are (name, value) with value long, float, long[] or string.</summary>
    public string Node(string opType, string[] nodeInputs, string output, params (string Name, object Value)[] attributes)
    {
        var node = new ProtoWriter();
        foreach (var i in nodeInputs)
        {
            node.String(1, i);
        }

        node.String(2, output).String(3, Name($"{opType}_node")).String(4, opType);
        foreach (var (name, value) in attributes)
        {
            node.Message(5, Attribute(name, value));
        }

        nodes.Add(node);
        return output;
    }

    public string Constant(string stem, OnnxType type, long[] dims, byte[] raw)
    {
        var name = Name(stem);
        var tensor = new ProtoWriter().PackedVarints(1, dims).Varint(2, (long)type).String(8, name).Bytes(9, raw);
        initializers.Add(tensor);
        return name;
    }

    public string Floats(string stem, long[] dims, float[] values) => Constant(stem, OnnxType.Float, dims, Raw(values));

    public string Int8s(string stem, long[] dims, sbyte[] values) => Constant(stem, OnnxType.Int8, dims, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    public string Int32s(string stem, long[] dims, int[] values) =>
        Constant(stem, OnnxType.Int32, dims, values.SelectMany(BitConverter.GetBytes).ToArray());

    public string Int64s(string stem, long[] dims, long[] values) =>
        Constant(stem, OnnxType.Int64, dims, values.SelectMany(BitConverter.GetBytes).ToArray());

    public byte[] ToModel(string graphName, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var graph = new ProtoWriter();
        foreach (var n in nodes)
        {
            graph.Message(1, n);
        }

        graph.String(2, graphName);
        foreach (var t in initializers)
        {
            graph.Message(5, t);
        }

        foreach (var i in inputs)
        {
            graph.Message(11, i);
        }

        foreach (var o in outputs)
        {
            graph.Message(12, o);
        }

        var model = new ProtoWriter()
            .Varint(1, IrVersion)
            .String(2, "DigitLock")
            .String(3, typeof(OnnxGraph).Assembly.GetName().Version?.ToString() ?? "0")
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Varint(2, Opset));
        foreach (var (key, value) in metadata)
        {
            model.Message(14, new ProtoWriter().String(1, key).String(2, value));
        }

        return model.ToArray();
    }

    private static ProtoWriter ValueInfo(string name, OnnxType type, IReadOnlyList<int> shape)
    {
        var dims = new ProtoWriter();
        foreach (var d in shape)
        {
            dims.Message(1, new ProtoWriter().Varint(1, d));
        }

        var tensorType = new ProtoWriter().Varint(1, (long)type).Message(2, dims);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }

    // AttributeProto: name 1, f 2, i 3, s 4, ints 8, type 20 (FLOAT 1, INT 2, STRING 3, INTS 7).
    private static ProtoWriter Attribute(string name, object value)
    {
        var a = new ProtoWriter().String(1, name);
        return value switch
        {
            long i => a.Varint(3, i).Varint(20, 2),
            int i => a.Varint(3, i).Varint(20, 2),
            float f => a.Float(2, f).Varint(20, 1),
            long[] ints => a.PackedVarints(8, ints).Varint(20, 7),
            string s => a.String(4, s).Varint(20, 3),
            _ => throw new ArgumentException($"attribute {name}: unsupported value type {value.GetType().Name}"),
        };
    }

    private static byte[] Raw(float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }
}
