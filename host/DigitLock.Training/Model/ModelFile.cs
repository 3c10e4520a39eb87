using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DigitLock.Training.Core;

namespace DigitLock.Training.Model;

/// <summary>
/// The float model file (.model). Layout, all little-endian:
///   bytes 0-3   magic "DLFM"
///   bytes 4-7   uint32 format version (1)
///   bytes 8-11  uint32 header length H
///   12 .. 12+H  UTF-8 JSON header: input shape, architecture spec, per-layer op/shapes/parameter table,
///               training metadata
///   then zero padding to a multiple of 4, then every parameter as float32, in the header's order
///   (offsets in the header count floats from the start of this block).
/// </summary>
public static class ModelFile
{
    public const int Version = 1;
    private static readonly byte[] Magic = "DLFM"u8.ToArray();

    public static void Save(string path, Network network, JsonObject metadata)
    {
        var layers = new JsonArray();
        long offset = 0;
        for (var i = 0; i < network.Layers.Count; i++)
        {
            var layer = network.Layers[i];
            var parameters = new JsonArray();
            foreach (var p in layer.Parameters)
            {
                parameters.Add(new JsonObject
                {
                    ["name"] = p.Name,
                    ["shape"] = new JsonArray(p.Shape.Select(d => (JsonNode)d).ToArray()),
                    ["offset"] = offset,
                    ["count"] = p.Count,
                });
                offset += p.Count;
            }

            layers.Add(new JsonObject
            {
                ["spec"] = layer.Spec,
                ["op"] = layer.TfliteOp,
                ["input"] = ShapeJson(layer.Input),
                ["output"] = ShapeJson(layer.Output),
                ["trainable"] = layer.Trainable,
                ["parameters"] = parameters,
            });
        }

        var header = new JsonObject
        {
            ["format"] = "digitlock-float-model",
            ["version"] = Version,
            ["input"] = ShapeJson(network.Input),
            ["input_scale"] = "pixel / 255, ink bright (MNIST polarity)",
            ["architecture"] = network.Spec,
            ["output"] = "logits (apply softmax)",
            ["parameter_count"] = network.ParameterCount,
            ["macs"] = network.Macs,
            ["layers"] = layers,
            ["metadata"] = metadata.DeepClone(),
        };

        var json = Encoding.UTF8.GetBytes(header.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var padding = (4 - (12 + json.Length) % 4) % 4;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory != null)
        {
            Directory.CreateDirectory(directory);
        }

        // Write to a temporary file first so a failure never leaves half a model under the real name.
        var temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        {
            Span<byte> word = stackalloc byte[4];
            file.Write(Magic);
            BinaryPrimitives.WriteUInt32LittleEndian(word, Version);
            file.Write(word);
            BinaryPrimitives.WriteUInt32LittleEndian(word, (uint)json.Length);
            file.Write(word);
            file.Write(json);
            file.Write(new byte[padding]);
            foreach (var p in network.Parameters)
            {
                foreach (var v in p.Value)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(word, v);
                    file.Write(word);
                }
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static (Network Network, JsonObject Metadata) Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"model file not found: {path}");
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || !bytes.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path}: not a DigitLock float model (no DLFM magic)");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        if (version != Version)
        {
            throw new InvalidDataException($"{path}: model format version {version}, this tool reads version {Version}");
        }

        var headerLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        if (headerLength > bytes.Length - 12)
        {
            throw new InvalidDataException($"{path}: header length {headerLength} runs past the end of the file");
        }

        JsonObject header;
        try
        {
            header = JsonNode.Parse(bytes.AsSpan(12, (int)headerLength))?.AsObject()
                     ?? throw new InvalidDataException($"{path}: empty header");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: header is not valid JSON ({e.Message})");
        }

        var input = header["input"]?.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        var spec = header["architecture"]?.GetValue<string>();
        if (input is not { Length: 3 } || spec is null)
        {
            throw new InvalidDataException($"{path}: header lacks input shape or architecture");
        }

        Network network;
        try
        {
            network = new Network(spec, new Shape3(input[0], input[1], input[2]));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: bad architecture: {e.Message}");
        }

        var dataStart = 12 + (int)headerLength;
        dataStart += (4 - dataStart % 4) % 4;
        var expected = network.ParameterCount * 4;
        if (bytes.Length - (long)dataStart != expected)
        {
            throw new InvalidDataException(
                $"{path}: {bytes.Length - dataStart} bytes of weights, architecture needs {expected}");
        }

        var offset = dataStart;
        foreach (var p in network.Parameters)
        {
            for (var i = 0; i < p.Count; i++, offset += 4)
            {
                p.Value[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset));
            }
        }

        var metadata = header["metadata"]?.DeepClone().AsObject() ?? new JsonObject();
        return (network, metadata);
    }

    private static JsonArray ShapeJson(Shape3 s) => new(s.Height, s.Width, s.Channels);
}
