namespace DigitLock.Training.Layers;

/// <summary>A learned tensor of a layer: its values and the shape they have in the model file.</summary>
public sealed class Parameter
{
    public Parameter(string name, int[] shape)
    {
        Name = name;
        Shape = shape;
        Value = new float[shape.Aggregate(1, (a, b) => a * b)];
    }

    /// <summary>"weights" or "bias".</summary>
    public string Name { get; }

    public int[] Shape { get; }

    public float[] Value { get; }

    public int Count => Value.Length;
}
