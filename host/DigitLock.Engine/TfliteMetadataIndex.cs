namespace DigitLock.Engine;

/// <summary>
/// Lists the names of a .tflite file's metadata entries. The C API looks entries up by name but cannot
/// enumerate them, so this reads just Model.metadata[i].name from the flatbuffer, every offset checked.
/// </summary>
public static class TfliteMetadataIndex
{
    private const int ModelMetadataField = 6;
    private const int MetadataNameField = 0;

    /// <summary>Entry names in file order; empty when the model has none or the table is unreadable.</summary>
    public static IReadOnlyList<string> Names(ReadOnlySpan<byte> model)
    {
        var names = new List<string>();
        if (!Flatbuffer.TryUOffset(model, 0, out var root) ||
            !Flatbuffer.TryVector(model, root, ModelMetadataField, out _, out var count))
        {
            return names;
        }

        for (var i = 0; i < count; i++)
        {
            if (Flatbuffer.TryVectorTable(model, root, ModelMetadataField, i, out var entry) &&
                Flatbuffer.TryString(model, entry, MetadataNameField, out var name))
            {
                names.Add(name);
            }
        }

        return names;
    }
}
