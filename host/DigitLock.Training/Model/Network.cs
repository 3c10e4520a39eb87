using System.Runtime.CompilerServices;
using DigitLock.Training.Core;
using DigitLock.Training.Layers;

namespace DigitLock.Training.Model;

/// <summary>
/// A feed-forward stack of layers from a 28x28x1 image to class logits (softmax is applied by whoever
/// wants probabilities; the exported model ends in SOFTMAX).
/// </summary>
public sealed class Network
{
    public static readonly Shape3 ImageShape = new(28, 28, 1);

    public Network(string spec, Shape3? input = null)
    {
        Input = input ?? ImageShape;
        Layers = ArchitectureSpec.Parse(spec, Input);
    }

    public Shape3 Input { get; }

    public IReadOnlyList<Layer> Layers { get; }

    public string Spec => string.Join(" | ", Layers.Select(l => l.Spec));

    public int Classes => Layers[^1].Output.Size;

    public IEnumerable<Parameter> Parameters => Layers.SelectMany(l => l.Parameters);

    public long ParameterCount => Parameters.Sum(p => (long)p.Count);

    public long Macs => Layers.Sum(l => l.Macs);

    /// <summary>Bytes of an int8 export's constants: weights 1 byte each, biases int32.</summary>
    public long Int8ParameterBytes => Layers.Sum(l => l.Parameters.Sum(p => (long)p.Count * (p.Name == "bias" ? 4 : 1)));

    /// <summary>
    /// Largest int8 activation arena when only a layer's input and output are alive (TFLite-Micro's
    /// planner reaches this for a plain chain).
    /// </summary>
    public long Int8ArenaBytes => Layers.Max(l => (long)l.Input.Size + l.Output.Size);

    public void Initialize(Rng rng)
    {
        foreach (var layer in Layers)
        {
            layer.Initialize(rng);
        }
    }

    /// <summary>
    /// Logits for n images given as floats in [0, 1], NHWC. <paramref name="observe"/> sees each layer's
    /// output (layer index, values for all n samples): the quantizer's hook for activation ranges.
    /// </summary>
    public float[] Forward(ReadOnlySpan<float> images, int n, Action<int, ReadOnlySpan<float>>? observe = null)
    {
        // Chunks bound the im2col buffers; the hook is called once per chunk and layer.
        const int chunk = 128;
        var logits = new float[n * Classes];
        var pass = new Pass(this, Math.Min(n, chunk), withGradients: false);
        for (var start = 0; start < n; start += chunk)
        {
            var count = Math.Min(chunk, n - start);
            images.Slice(start * Input.Size, count * Input.Size).CopyTo(pass.Activations[0]);
            pass.Forward(count);
            if (observe != null)
            {
                for (var i = 0; i < Layers.Count; i++)
                {
                    observe(i, pass.Activations[i + 1].AsSpan(0, count * Layers[i].Output.Size));
                }
            }

            pass.Logits.AsSpan(0, count * Classes).CopyTo(logits.AsSpan(start * Classes));
        }

        return logits;
    }

    public string Describe()
    {
        var lines = new List<string> { $"input {Input}" };
        foreach (var layer in Layers)
        {
            lines.Add($"{layer.Spec,-34} -> {layer.Output,-9} params {layer.Parameters.Sum(p => p.Count),6}  MACs {layer.Macs,8}");
        }

        lines.Add($"total params {ParameterCount}, MACs {Macs}, int8 constants {Int8ParameterBytes} B, int8 arena {Int8ArenaBytes} B");
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>
/// Buffers for running a network on up to a fixed number of samples: every layer's output, the layers'
/// workspaces, and for training the activation gradients and one gradient buffer per parameter.
/// A trainer keeps one Pass per thread.
/// </summary>
public sealed class Pass
{
    private readonly Network _network;

    public Pass(Network network, int maxSamples, bool withGradients)
    {
        _network = network;
        MaxSamples = maxSamples;
        var layers = network.Layers;
        Activations = new float[layers.Count + 1][];
        Activations[0] = new float[maxSamples * network.Input.Size];
        for (var i = 0; i < layers.Count; i++)
        {
            Activations[i + 1] = new float[maxSamples * layers[i].Output.Size];
        }

        Workspaces = layers.Select(l => l.CreateWorkspace(maxSamples)).ToArray();
        if (withGradients)
        {
            ActivationGradients = Activations.Select(a => new float[a.Length]).ToArray();
            Gradients = layers.Select(l => l.Parameters.Select(p => new float[p.Count]).ToArray()).ToArray();
        }
    }

    public int MaxSamples { get; }

    /// <summary>[0] is the input batch, [i + 1] the output of layer i.</summary>
    public float[][] Activations { get; }

    public LayerWorkspace?[] Workspaces { get; }

    public float[][]? ActivationGradients { get; }

    /// <summary>[layer][parameter] gradient sums over the samples this pass ran.</summary>
    public float[][][]? Gradients { get; }

    public float[] Logits => Activations[^1];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(int n)
    {
        var layers = _network.Layers;
        for (var i = 0; i < layers.Count; i++)
        {
            layers[i].Forward(Activations[i], Activations[i + 1], n, Workspaces[i]);
        }
    }

    /// <summary>
    /// Back-propagates the logit gradient already in ActivationGradients[^1] down to the first layer that
    /// trains; frozen layers below it are skipped entirely.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward(int n)
    {
        var layers = _network.Layers;
        var dActs = ActivationGradients!;
        var firstTrainable = 0;
        while (firstTrainable < layers.Count && !(layers[firstTrainable].Trainable && layers[firstTrainable].Parameters.Count > 0))
        {
            firstTrainable++;
        }

        for (var i = layers.Count - 1; i >= firstTrainable; i--)
        {
            var layer = layers[i];
            var dx = i > firstTrainable ? dActs[i].AsSpan() : Span<float>.Empty;
            var grads = layer.Trainable && layer.Parameters.Count > 0 ? Gradients![i] : null;
            layer.Backward(Activations[i], Activations[i + 1], dActs[i + 1], dx, n, Workspaces[i], grads);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ClearGradients()
    {
        foreach (var layer in Gradients!)
        {
            foreach (var g in layer)
            {
                Array.Clear(g);
            }
        }
    }
}
