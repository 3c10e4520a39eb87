namespace DigitLock.Tflite.Graph;

/// <summary>
/// One step of a <see cref="FloatGraph"/>: a pure function from one sample's activation to the next,
/// computed with plain float loops. The exporter knows the sealed layer types of this namespace; any
/// other subclass (a trainer's experimental layer) still runs in the float graph but is refused at export
/// with its name in the message.
/// </summary>
public abstract class FloatLayer
{
    protected FloatLayer(string? name)
    {
        Name = name ?? "";
    }

    /// <summary>Name used in tensor names and error messages; the graph fills in kind_index when empty.</summary>
    public string Name { get; private set; }

    /// <summary>Human name of the layer type, e.g. "Conv2D".</summary>
    public abstract string Kind { get; }

    /// <summary>Output shape for the given input; throws <see cref="ArgumentException"/> when the input does not fit.</summary>
    public abstract TensorShape OutputShape(TensorShape input);

    /// <summary>Runs the layer on one sample (<paramref name="x"/> has <paramref name="input"/>.Size values).</summary>
    public abstract float[] Forward(float[] x, TensorShape input);

    public override string ToString() => $"{Kind} '{Name}'";

    internal void NameIfUnnamed(string name)
    {
        if (Name.Length == 0)
        {
            Name = name;
        }
    }

    protected ArgumentException Misfit(TensorShape input, string why) =>
        new($"{Kind} '{Name}' cannot take input {input}: {why}");
}
