namespace DigitLock.Cli.Flashing;

/// <summary>
/// A mounted DAPLink drag-and-drop drive. DAPLink's virtual FAT drive always carries DETAILS.TXT
/// ("# DAPLink Firmware - see ...", "Unique ID: ..." whose first four digits are the board ID,
/// "Daplink Mode: Interface|Bootloader", "Remount count: N"); after a copy it ejects itself and
/// comes back, with FAIL.TXT ("error: ...", "type: ...") when programming failed
/// (DAPLink source/daplink/drag-n-drop/vfs_user.c). On the MIMXRT1060-EVK the drive is labelled
/// "RT1060-EVK" and the board ID is 0229 (source/board/mimxrt1060_evk.c).
/// </summary>
public sealed class DapLinkVolume
{
    public const string DetailsFile = "DETAILS.TXT";
    public const string FailFile = "FAIL.TXT";
    public const string Rt1060EvkBoardId = "0229";

    private DapLinkVolume(string path, string details)
    {
        Path = path;
        Label = System.IO.Path.GetFileName(path.TrimEnd('/'));
        UniqueId = Field(details, "Unique ID");
        Mode = Field(details, "Daplink Mode");
        RemountCount = Field(details, "Remount count");
    }

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>The mount point's name, which desktop automounters take from the volume label.</summary>
    public string Label { get; }

    public string? UniqueId { get; }

    public string? Mode { get; }

    public string? RemountCount { get; }

    public string? BoardId => UniqueId is { Length: >= 4 } id ? id[..4] : null;

    /// <summary>In bootloader (MAINTENANCE) mode a copied file replaces the probe's own firmware, not the board's.</summary>
    public bool IsBootloader => Mode?.Contains("Bootloader", StringComparison.OrdinalIgnoreCase) == true
        || Label.Equals("MAINTENANCE", StringComparison.OrdinalIgnoreCase);

    public bool IsRt1060Evk => BoardId == Rt1060EvkBoardId
        || Label.Contains("RT1060", StringComparison.OrdinalIgnoreCase);

    public string Description => $"{Label} at {Path}" + (BoardId == null ? "" : $" (board ID {BoardId})");

    /// <summary>The volume at <paramref name="dir"/>, or null when no DAPLink DETAILS.TXT is there.</summary>
    public static DapLinkVolume? TryRead(string dir)
    {
        string details;
        try
        {
            details = File.ReadAllText(System.IO.Path.Combine(dir, DetailsFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return details.Contains("DAPLink", StringComparison.OrdinalIgnoreCase) || Field(details, "Unique ID") != null
            ? new DapLinkVolume(System.IO.Path.GetFullPath(dir), details)
            : null;
    }

    /// <summary>Every DAPLink volume mounted at one of <paramref name="roots"/> or directly below it.</summary>
    public static IReadOnlyList<DapLinkVolume> FindAll(IEnumerable<string> roots)
    {
        var found = new Dictionary<string, DapLinkVolume>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            foreach (var dir in Candidates(root))
            {
                var volume = TryRead(dir);
                if (volume != null)
                {
                    found.TryAdd(volume.Path, volume);
                }
            }
        }

        return found.Values.OrderBy(v => v.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The volume to program among <paramref name="found"/>: the only usable one, or the only
    /// RT1060-EVK among several; null when there is none; an error naming them when it is ambiguous.
    /// </summary>
    public static DapLinkVolume? Choose(IReadOnlyList<DapLinkVolume> found)
    {
        var usable = found.Where(v => !v.IsBootloader).ToList();
        if (usable.Count == 0)
        {
            if (found.Count > 0)
            {
                throw new InvalidDataException(
                    $"{found[0].Description}: the probe is in bootloader (MAINTENANCE) mode, where a copied file replaces the probe's own " +
                    "firmware; replug the debug USB without holding reset, then run this again");
            }

            return null;
        }

        if (usable.Count == 1)
        {
            return usable[0];
        }

        var evks = usable.Where(v => v.IsRt1060Evk).ToList();
        if (evks.Count == 1)
        {
            return evks[0];
        }

        throw new InvalidDataException(
            $"several DAPLink volumes are mounted ({string.Join(", ", usable.Select(v => v.Description))}); pick one with --volume DIR");
    }

    /// <summary>The value of a "Name: value" line of DETAILS.TXT, or null.</summary>
    public static string? Field(string details, string name)
    {
        foreach (var line in details.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            {
                var value = trimmed[(name.Length + 1)..].Trim();
                return value.Length == 0 ? null : value;
            }
        }

        return null;
    }

    private static IEnumerable<string> Candidates(string root)
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }

        yield return root;
        string[] children;
        try
        {
            children = Directory.GetDirectories(root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var child in children)
        {
            yield return child;
        }
    }
}
