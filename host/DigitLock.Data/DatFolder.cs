using DigitLock.Core.Dataset;

namespace DigitLock.Data;

/// <summary>
/// A folder laid out as the board writes its SD card: sub-folders <c>0</c>..<c>9</c> of DAT files.
/// Other folders (a quarantine, PNG exports) are not samples and are ignored.
/// </summary>
public sealed class DatFolder
{
    public DatFolder(string root)
    {
        Root = Path.GetFullPath(root);
        if (!Directory.Exists(Root))
        {
            throw new DirectoryNotFoundException($"sample folder not found: {root}");
        }
    }

    public string Root { get; }

    /// <summary>Sample paths relative to the root, '/'-separated ("3/w12-224.dat"), ordinally sorted.</summary>
    public IReadOnlyList<string> SamplePaths()
    {
        var paths = new List<string>();
        for (var digit = 0; digit <= 9; digit++)
        {
            var folder = Path.Combine(Root, digit.ToString());
            if (!Directory.Exists(folder))
            {
                continue;
            }

            paths.AddRange(Directory.GetFiles(folder, "*.dat")
                .Select(path => $"{digit}/{Path.GetFileName(path)}"));
        }

        paths.Sort(StringComparer.Ordinal);
        return paths;
    }

    public string FullPath(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Reads one sample; a damaged file throws <see cref="DatFormatException"/> naming it.</summary>
    public RecordedSample Read(string relative) => ReadFile(FullPath(relative));

    public static RecordedSample ReadFile(string path) => DatCodec.Decode(File.ReadAllBytes(path), path);

    /// <summary>The digit a sample's folder says it is (the folder is the truth cleaning edits).</summary>
    public static int FolderDigit(string relative) => relative[0] - '0';
}
