namespace DigitLock.Tflite.Graph;

/// <summary>
/// A trained float network as a plain chain of layers, independent of any trainer: what the quantizer
/// calibrates and exports. Conventions (the TFLite ones, so export needs no transposes):
/// <list type="bullet">
/// <item>activations are one sample, NHWC without the batch: index (y * width + x) * channels + c;</item>
/// <item>Conv2D weights OHWI, DepthwiseConv2D weights 1HWO (O = channels x multiplier), Dense weights [out, in];</item>
/// <item>the input is a height x width x channels image of board pixels mapped by <see cref="Normalization"/>.</item>
/// </list>
/// </summary>
public sealed class FloatGraph
{
    private readonly List<FloatLayer> layers = [];
    private readonly List<TensorShape> shapes = [];

    public FloatGraph(TensorShape inputShape, InputNormalization? normalization = null)
    {
        InputShape = inputShape;
        Normalization = normalization ?? InputNormalization.PixelOver255;
    }

    public TensorShape InputShape { get; }

    public InputNormalization Normalization { get; }

    public IReadOnlyList<FloatLayer> Layers => layers;

    /// <summary>Output shape of each layer, same order as <see cref="Layers"/>.</summary>
    public IReadOnlyList<TensorShape> Shapes => shapes;

    public TensorShape OutputShape => shapes.Count == 0 ? InputShape : shapes[^1];

    /// <summary>Appends a layer after checking it accepts the current output; unnamed layers become kind_index.</summary>
    public FloatGraph Add(FloatLayer layer)
    {
        layer.NameIfUnnamed($"{layer.Kind.ToLowerInvariant()}_{layers.Count}");
        if (layers.Any(l => l.Name == layer.Name))
        {
            throw new ArgumentException($"two layers are named '{layer.Name}'");
        }

        shapes.Add(layer.OutputShape(OutputShape));
        layers.Add(layer);
        return this;
    }

    /// <summary>The shape a layer receives.</summary>
    public TensorShape InputShapeOf(int layerIndex) => layerIndex == 0 ? InputShape : shapes[layerIndex - 1];

    /// <summary>Runs the graph on one image of board pixels.</summary>
    public float[] Forward(ReadOnlySpan<byte> pixels) => Forward(Normalization.Apply(CheckPixels(pixels)));

    public float[] Forward(float[] input) => ForwardAll(input)[^1];

    /// <summary>The input followed by every layer's output (index i + 1 is layer i's output).</summary>
    public float[][] ForwardAll(float[] input)
    {
        if (input.Length != InputShape.Size)
        {
            throw new ArgumentException($"input has {input.Length} values, the graph takes {InputShape} = {InputShape.Size}");
        }

        var outputs = new float[layers.Count + 1][];
        outputs[0] = input;
        for (var i = 0; i < layers.Count; i++)
        {
            outputs[i + 1] = layers[i].Forward(outputs[i], InputShapeOf(i));
        }

        return outputs;
    }

    private ReadOnlySpan<byte> CheckPixels(ReadOnlySpan<byte> pixels) => pixels.Length == InputShape.Size
        ? pixels
        : throw new ArgumentException($"image has {pixels.Length} pixels, the graph takes {InputShape} = {InputShape.Size}");
}
