using DigitLock.Training.Core;
using DigitLock.Training.Layers;
using DigitLock.Training.Model;

namespace DigitLock.Training.Train;

/// <summary>
/// Prepares a trained network for fine-tuning. AN12892's recipe is the default: freeze the convolutional
/// layers and re-initialize the last three layers (counted over the whole layer list, as Keras counts
/// them; for the default architecture that is flatten + the two dense layers, i.e. the classifier head).
/// </summary>
public static class TransferRecipe
{
    public static string Apply(Network network, string freeze, int resetHead, Rng rng)
    {
        if (freeze is not ("conv" or "none"))
        {
            throw new ArgumentException($"--freeze {freeze}: expected conv or none");
        }

        var count = network.Layers.Count;
        if (resetHead < 0 || resetHead > count)
        {
            throw new ArgumentException($"--reset-head {resetHead}: the model has {count} layers");
        }

        var firstReset = count - resetHead;
        for (var i = 0; i < count; i++)
        {
            var layer = network.Layers[i];
            if (i >= firstReset)
            {
                layer.Initialize(rng);
            }

            var convolutional = layer is Conv2D or DepthwiseConv2D;
            layer.Trainable = freeze == "none" || !convolutional || i >= firstReset;
        }

        var frozen = network.Layers.Where(l => !l.Trainable && l.Parameters.Count > 0).Sum(l => l.Parameters.Sum(p => p.Count));
        return $"re-initialized the last {resetHead} layer(s); frozen: {(freeze == "conv" ? "convolutional layers" : "nothing")} " +
               $"({frozen} of {network.ParameterCount} parameters fixed)";
    }
}
