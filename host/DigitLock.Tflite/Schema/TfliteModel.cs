using System.Security.Cryptography;
using DigitLock.Tflite.Graph;

namespace DigitLock.Tflite.Schema;

/// <summary>
/// Quantization of one tensor: real = scale * (q - zero_point). One entry per tensor, or one per slice
/// along <see cref="QuantizedDimension"/> (per-channel weights and their biases).
/// </summary>
public sealed record TensorQuantization(float[] Scales, long[] ZeroPoints, int QuantizedDimension = 0)
{
    public static TensorQuantization PerTensor(float scale, long zeroPoint) => new([scale], [zeroPoint]);

    public float Scale => Scales[0];

    public long ZeroPoint => ZeroPoints[0];

    public bool SameAs(TensorQuantization other) =>
        QuantizedDimension == other.QuantizedDimension && Scales.AsSpan().SequenceEqual(other.Scales) &&
        ZeroPoints.AsSpan().SequenceEqual(other.ZeroPoints);
}

/// <summary>A tensor of the model's one subgraph. <see cref="Data"/> is set for constants (weights, biases, shapes).</summary>
public sealed record ModelTensor(string Name, int[] Shape, TensorType Type, byte[]? Data, TensorQuantization? Quantization)
{
    public int ElementCount => Shape.Aggregate(1, (a, b) => a * b);
}

/// <summary>Builtin options of an operator (the schema's BuiltinOptions union members this writer knows).</summary>
public abstract record OperatorOptions;

public sealed record Conv2DOptions(Padding Padding, int StrideWidth, int StrideHeight, FusedActivation Activation) : OperatorOptions;

public sealed record DepthwiseConv2DOptions(
    Padding Padding, int StrideWidth, int StrideHeight, int DepthMultiplier, FusedActivation Activation) : OperatorOptions;

public sealed record Pool2DOptions(
    Padding Padding, int StrideWidth, int StrideHeight, int FilterWidth, int FilterHeight, FusedActivation Activation) : OperatorOptions;

public sealed record FullyConnectedOptions(FusedActivation Activation) : OperatorOptions;

public sealed record SoftmaxOptions(float Beta) : OperatorOptions;

public sealed record ReshapeOptions(int[] NewShape) : OperatorOptions;

/// <summary>One operator: which builtin (and its op version), tensor indices in and out, options.</summary>
public sealed record ModelOperator(BuiltinOperator Builtin, int Version, int[] Inputs, int[] Outputs, OperatorOptions? Options);

/// <summary>
/// Everything a single-subgraph .tflite file holds, in plain objects: what <see cref="TfliteWriter"/>
/// serialises. Metadata values are raw bytes (UTF-8 text for DigitLock's entries).
/// </summary>
public sealed class TfliteModel
{
    public string Description { get; set; } = "";

    public List<ModelTensor> Tensors { get; } = [];

    public List<ModelOperator> Operators { get; } = [];

    public List<int> Inputs { get; } = [];

    public List<int> Outputs { get; } = [];

    public List<KeyValuePair<string, byte[]>> Metadata { get; } = [];

    public int AddTensor(ModelTensor tensor)
    {
        if (tensor.Data != null && tensor.Data.Length != tensor.ElementCount * ElementSize(tensor.Type))
        {
            throw new ArgumentException(
                $"tensor '{tensor.Name}': {tensor.Data.Length} bytes of data for shape [{string.Join(",", tensor.Shape)}] {tensor.Type}");
        }

        Tensors.Add(tensor);
        return Tensors.Count - 1;
    }

    /// <summary>
    /// SHA-256 over the bytes of every constant tensor, in tensor order (which is the order of their
    /// buffers in the file): a fingerprint of the weights that ignores names and metadata.
    /// </summary>
    public string WeightsSha256()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var tensor in Tensors.Where(t => t.Data != null))
        {
            hash.AppendData(tensor.Data!);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static int ElementSize(TensorType type) => type switch
    {
        TensorType.Float32 or TensorType.Int32 => 4,
        _ => 1,
    };
}
