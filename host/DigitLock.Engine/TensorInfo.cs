namespace DigitLock.Engine;

/// <summary>One tensor of the model's subgraph as the engine planned it.</summary>
/// <param name="Index">Index into the subgraph's tensor table.</param>
/// <param name="TypeCode">The raw TFLite type number, kept for types <see cref="TensorType"/> does not name.</param>
/// <param name="Scale">First (or only) quantization scale; 0 when not quantized.</param>
/// <param name="ChannelScales">Number of per-channel scales: 1 per-tensor, 0 none.</param>
public sealed record TensorInfo(
    int Index,
    string Name,
    int TypeCode,
    IReadOnlyList<int> Shape,
    int Bytes,
    float Scale,
    int ZeroPoint,
    int ChannelScales,
    bool IsConstant)
{
    public TensorType Type => (TensorType)TypeCode;

    public string TypeName => Enum.IsDefined(typeof(TensorType), TypeCode)
        ? ((TensorType)TypeCode).ToString().ToLowerInvariant()
        : $"type{TypeCode}";

    /// <summary>Shape as "1x28x28x1" ("scalar" for rank 0).</summary>
    public string ShapeText => Shape.Count == 0 ? "scalar" : string.Join("x", Shape);
}
