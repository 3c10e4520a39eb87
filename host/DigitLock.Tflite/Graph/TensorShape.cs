namespace DigitLock.Tflite.Graph;

/// <summary>
/// Shape of one sample's activation, without the batch dimension: [height, width, channels] for images
/// (NHWC order in memory: channel fastest, then width, then height) or [features] after a flatten.
/// TFLite tensors get a leading batch dimension of 1.
/// </summary>
public sealed class TensorShape : IEquatable<TensorShape>
{
    private readonly int[] dims;

    public TensorShape(params int[] dims)
    {
        if (dims.Length == 0 || dims.Any(d => d <= 0))
        {
            throw new ArgumentException($"shape [{string.Join(",", dims)}] must have at least one dimension, all positive");
        }

        this.dims = (int[])dims.Clone();
    }

    public IReadOnlyList<int> Dims => dims;

    public int Rank => dims.Length;

    public int Size => dims.Aggregate(1, (a, b) => checked(a * b));

    public bool IsImage => dims.Length == 3;

    public int Height => Image(0);

    public int Width => Image(1);

    public int Channels => Image(2);

    /// <summary>The TFLite tensor shape: this shape behind a batch dimension of 1.</summary>
    public int[] WithBatch() => [1, .. dims];

    public bool Equals(TensorShape? other) => other != null && dims.AsSpan().SequenceEqual(other.dims);

    public override bool Equals(object? obj) => Equals(obj as TensorShape);

    public override int GetHashCode() => dims.Aggregate(17, (h, d) => h * 31 + d);

    public override string ToString() => string.Join("x", dims);

    private int Image(int axis) => IsImage
        ? dims[axis]
        : throw new InvalidOperationException($"shape {this} is not height x width x channels");
}
