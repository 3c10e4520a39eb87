using DigitLock.Core.Dataset;

namespace DigitLock.Data;

/// <summary>One reviewed decision: drop a sample, or move it to another digit.</summary>
public sealed record CleaningEntry(int Line, string Path, int? NewLabel);

/// <summary>
/// <c>dataset clean</c>: applies a reviewed list to a sample folder. The list has one decision a line,
/// <c>remove 3/w12-224.dat</c> or <c>relabel 3/w12-224.dat 5</c>, '#' starts a comment. Nothing is
/// deleted: each affected file is moved to <c>quarantine/</c> under the folder (same relative path;
/// a relabel also writes the sample with its new label into the new digit's folder, under the same
/// name or, when that is taken, with "-from&lt;old digit&gt;" added). The whole list
/// is checked before anything moves, and a log of what was done is appended to quarantine/log.txt.
/// </summary>
public static class CleaningList
{
    public const string QuarantineFolder = "quarantine";

    public static IReadOnlyList<CleaningEntry> Parse(string listFile)
    {
        if (!File.Exists(listFile))
        {
            throw new DatasetException($"cleaning list not found: {listFile}");
        }

        var entries = new List<CleaningEntry>();
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(listFile))
        {
            lineNumber++;
            var hash = raw.IndexOf('#');
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            switch (words)
            {
                case ["remove", var path]:
                    entries.Add(new CleaningEntry(lineNumber, CheckPath(listFile, lineNumber, path), null));
                    break;
                case ["relabel", var path, var digit] when digit.Length == 1 && digit[0] is >= '0' and <= '9':
                    entries.Add(new CleaningEntry(lineNumber, CheckPath(listFile, lineNumber, path), digit[0] - '0'));
                    break;
                default:
                    throw new DatasetException(
                        $"{listFile}:{lineNumber}: expected \"remove <path>\" or \"relabel <path> <digit>\", got \"{line}\"");
            }
        }

        return entries;
    }

    /// <summary>Applies <paramref name="entries"/>; returns one line per action taken.</summary>
    public static IReadOnlyList<string> Apply(string dir, IReadOnlyList<CleaningEntry> entries, string listName)
    {
        var folder = new DatFolder(dir);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var plan = new List<(CleaningEntry Entry, RecordedSample? Relabelled, string? Target)>();
        foreach (var entry in entries)
        {
            var where = $"{listName}:{entry.Line}";
            if (!seen.Add(entry.Path))
            {
                throw new DatasetException($"{where}: {entry.Path} appears twice in the list");
            }

            if (!File.Exists(folder.FullPath(entry.Path)))
            {
                throw new DatasetException($"{where}: {entry.Path} is not in {dir}");
            }

            if (File.Exists(folder.FullPath($"{QuarantineFolder}/{entry.Path}")))
            {
                throw new DatasetException($"{where}: {QuarantineFolder}/{entry.Path} already exists");
            }

            if (entry.NewLabel is not { } label)
            {
                plan.Add((entry, null, null));
                continue;
            }

            if (label == DatFolder.FolderDigit(entry.Path))
            {
                throw new DatasetException($"{where}: {entry.Path} is already labelled {label}");
            }

            // Board file names number samples per digit, so the new folder may hold the same name.
            bool Taken(string candidate) => File.Exists(folder.FullPath(candidate)) || plan.Any(p => p.Target == candidate);
            var target = $"{label}/{Path.GetFileName(entry.Path)}";
            if (Taken(target))
            {
                target = $"{label}/{Path.GetFileNameWithoutExtension(entry.Path)}-from{DatFolder.FolderDigit(entry.Path)}.dat";
            }

            if (Taken(target))
            {
                throw new DatasetException($"{where}: cannot relabel, {target} already exists");
            }

            RecordedSample sample;
            try
            {
                sample = folder.Read(entry.Path);
            }
            catch (DatFormatException e)
            {
                throw new DatasetException($"{where}: {e.Message}");
            }

            plan.Add((entry, sample.WithLabel(label), target));
        }

        var done = new List<string>();
        var log = Path.Combine(folder.Root, QuarantineFolder, "log.txt");
        foreach (var (entry, relabelled, target) in plan)
        {
            if (relabelled != null && target != null)
            {
                AtomicFile.WriteAllBytes(folder.FullPath(target), DatCodec.Encode(relabelled));
            }

            var quarantined = folder.FullPath($"{QuarantineFolder}/{entry.Path}");
            Directory.CreateDirectory(Path.GetDirectoryName(quarantined)!);
            File.Move(folder.FullPath(entry.Path), quarantined);
            var action = target == null
                ? $"removed {entry.Path} (kept in {QuarantineFolder}/{entry.Path})"
                : $"relabelled {entry.Path} -> {target} (original kept in {QuarantineFolder}/{entry.Path})";
            File.AppendAllText(log, $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {listName}: {action}\n");
            done.Add(action);
        }

        return done;
    }

    private static string CheckPath(string listFile, int line, string path)
    {
        var parts = path.Split('/');
        if (parts.Length != 2 || parts[0].Length != 1 || parts[0][0] is < '0' or > '9'
            || !parts[1].EndsWith(".dat", StringComparison.Ordinal) || parts[1].Contains('\\'))
        {
            throw new DatasetException($"{listFile}:{line}: \"{path}\" is not a sample path like 3/name.dat");
        }

        return path;
    }
}
