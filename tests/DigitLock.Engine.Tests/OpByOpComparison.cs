using System.Buffers.Binary;

namespace DigitLock.Engine.Tests;

/// <summary>
/// Compares the engine with the TFLite runtime op by op. Both run a copy of the model whose graph outputs are
/// every op's output tensor (runtimes keep graph outputs alive, so each intermediate value is readable), in one
/// run each. Checks intermediate values that final outputs may hide, and names the op to fix.
/// </summary>
internal static class OpByOpComparison
{
    private const int ModelSubgraphsField = 2;
    private const int SubgraphOutputsField = 2;

    /// <summary>Each op with the comparison of its output tensor over all records, in op order.</summary>
    public static IReadOnlyList<(OpInfo Op, OutputComparison Comparison)> Run(string modelPath, byte[] records,
        KernelVariant variant)
    {
        var original = File.ReadAllBytes(modelPath);
        IReadOnlyList<OpInfo> ops;
        int recordCount;
        using (var model = new NativeInterpreter(original))
        {
            ops = model.Ops;
            recordCount = records.Length / model.InputRecordBytes;
        }

        var dir = Directory.CreateTempSubdirectory("dl-opbyop").FullName;
        try
        {
            var patched = Path.Combine(dir, "every-op-output.tflite");
            File.WriteAllBytes(patched, WithOutputs(original, ops.Select(o => o.OutputTensor).ToArray()));
            using var cut = NativeInterpreter.FromFile(patched);
            cut.KernelVariant = variant;
            var engine = cut.RunAll(records);
            var reference = TfliteReference.Run(patched, records);
            Assert.True(reference.Length == engine.Length,
                $"output sizes differ: TFLite {reference.Length} bytes, engine {engine.Length}");

            var recordBytes = cut.OutputRecordBytes;
            var results = new List<(OpInfo, OutputComparison)>();
            var offset = 0;
            for (var i = 0; i < ops.Count; i++)
            {
                var size = cut.Outputs[i].Bytes;
                var expected = Gather(reference, recordCount, recordBytes, offset, size);
                var actual = Gather(engine, recordCount, recordBytes, offset, size);
                results.Add((ops[i], OutputComparison.Of(expected, actual, size)));
                offset += size;
            }

            return results;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>One line naming the first op whose own output differs, for a failure message.</summary>
    public static string FirstDifference(string modelPath, byte[] records, KernelVariant variant)
    {
        try
        {
            var first = Run(modelPath, records, variant).FirstOrDefault(r => !r.Comparison.AllIdentical);
            return first.Op == null
                ? "every op's own output agrees; only the final outputs differ"
                : $"first differing op: {first.Op.Index} {first.Op.Name} (output tensor {first.Op.OutputTensor}): {first.Comparison}";
        }
        catch (Exception e) when (e is EngineException or InvalidDataException or Xunit.Sdk.XunitException)
        {
            return $"could not locate the differing op: {e.Message}";
        }
    }

    /// <summary>
    /// A copy of <paramref name="model"/> whose graph outputs are <paramref name="tensors"/>. The new outputs
    /// vector is appended at the end of the file and the subgraph's field re-pointed at it: flatbuffer offsets
    /// only point forward, and nothing else in the file moves.
    /// </summary>
    public static byte[] WithOutputs(byte[] model, int[] tensors)
    {
        if (!Flatbuffer.TryUOffset(model, 0, out var root) ||
            !Flatbuffer.TryVectorTable(model, root, ModelSubgraphsField, 0, out var subgraph) ||
            !Flatbuffer.TryField(model, subgraph, SubgraphOutputsField, out var field))
        {
            throw new InvalidDataException("model has no readable subgraph outputs");
        }

        var vector = (model.Length + 3) & ~3;
        var copy = new byte[vector + 4 + 4 * tensors.Length];
        model.CopyTo(copy, 0);
        BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(vector), tensors.Length);
        for (var i = 0; i < tensors.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(vector + 4 + 4 * i), tensors[i]);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(field), (uint)(vector - field));
        return copy;
    }

    private static byte[] Gather(byte[] all, int records, int recordBytes, int offset, int size)
    {
        var part = new byte[records * size];
        for (var r = 0; r < records; r++)
        {
            Array.Copy(all, r * recordBytes + offset, part, r * size, size);
        }

        return part;
    }
}
