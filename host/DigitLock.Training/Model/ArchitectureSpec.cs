using System.Globalization;
using DigitLock.Training.Core;
using DigitLock.Training.Layers;

namespace DigitLock.Training.Model;

/// <summary>
/// The text form of an architecture: layers separated by '|', each as its <see cref="Layer.Spec"/> prints it,
/// e.g. "conv 8 3x3 s1 same relu | maxpool 2x2 s2 | flatten | dense 10 linear". Omitted options take
/// defaults (stride 1, valid padding, linear activation, pool stride = pool size).
/// </summary>
public static class ArchitectureSpec
{
    public static IReadOnlyList<Layer> Parse(string spec, Shape3 input)
    {
        var layers = new List<Layer>();
        var shape = input;
        foreach (var raw in spec.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var layer = ParseLayer(raw, shape);
            layers.Add(layer);
            shape = layer.Output;
        }

        if (layers.Count == 0)
        {
            throw new FormatException("architecture has no layers");
        }

        return layers;
    }

    private static Layer ParseLayer(string text, Shape3 input)
    {
        var words = text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var numbers = new List<int>();
        int? kernel = null;
        int? stride = null;
        var padding = Padding.Valid;
        var activation = Activation.None;
        foreach (var word in words.Skip(1))
        {
            if (word.Contains('x'))
            {
                var parts = word.Split('x');
                if (parts.Length != 2 || parts[0] != parts[1])
                {
                    throw new FormatException($"layer '{text}': only square kernels, like 3x3");
                }

                kernel = ParseInt(parts[0], text);
            }
            else if (word.StartsWith('s') && word.Length > 1 && char.IsDigit(word[1]))
            {
                stride = ParseInt(word[1..], text);
            }
            else if (word is "same" or "valid")
            {
                padding = word == "same" ? Padding.Same : Padding.Valid;
            }
            else if (word is "relu" or "relu6" or "linear")
            {
                activation = word switch { "relu" => Activation.Relu, "relu6" => Activation.Relu6, _ => Activation.None };
            }
            else
            {
                numbers.Add(ParseInt(word, text));
            }
        }

        return words[0] switch
        {
            "conv" => new Conv2D(input, Single(numbers, text), kernel ?? 3, stride ?? 1, padding, activation),
            "dwconv" => new DepthwiseConv2D(input, kernel ?? 3, stride ?? 1, padding, activation),
            "maxpool" or "avgpool" => MakePool(words[0] == "maxpool", input, kernel ?? Single(numbers, text), stride),
            "flatten" => new Flatten(input),
            "dense" => new Dense(input, Single(numbers, text), activation),
            _ => throw new FormatException($"unknown layer type '{words[0]}' (conv, dwconv, maxpool, avgpool, flatten, dense)"),
        };
    }

    private static Pool2D MakePool(bool max, Shape3 input, int size, int? stride) => new(input, max, size, stride ?? size);

    private static int Single(List<int> numbers, string text) => numbers.Count == 1
        ? numbers[0]
        : throw new FormatException($"layer '{text}': expected one count (filters/units/pool size)");

    private static int ParseInt(string word, string text) =>
        int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new FormatException($"layer '{text}': '{word}' is not a positive number");
}
