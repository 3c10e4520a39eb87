using System.Text;
using DigitLock.Core.Hardware;

namespace DigitLock.Core.Tests.LockFakes;

/// <summary>
/// IStorage in memory. Survives "reboots" (a new app over the same instance), can be pulled
/// out (IsPresent false) or made to fail after a number of writes, like a card removed mid-write.
/// </summary>
public sealed class MemoryStorage : IStorage
{
    private readonly SortedDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal);

    public bool IsPresent { get; set; } = true;

    /// <summary>When non-negative, that many more writes succeed, then every write throws (card full/removed).</summary>
    public int WritesBeforeFailure { get; set; } = -1;

    public int WriteCount { get; private set; }

    public IReadOnlyDictionary<string, byte[]> Files => _files;

    public bool Exists(string path)
    {
        Check();
        // Like a file system, a folder holding files exists even if nobody created it here.
        return _files.ContainsKey(path) || _directories.Contains(path)
            || _files.Keys.Any(k => k.StartsWith(path + "/", StringComparison.Ordinal));
    }

    public byte[] ReadAll(string path)
    {
        Check();
        if (!_files.TryGetValue(path, out var data))
        {
            throw new StorageException(path + ": no such file");
        }

        return (byte[])data.Clone();
    }

    public void WriteAtomic(string path, byte[] data)
    {
        Check();
        if (WritesBeforeFailure == 0)
        {
            throw new StorageException(path + ": write failed (card full)");
        }

        if (WritesBeforeFailure > 0)
        {
            WritesBeforeFailure--;
        }

        WriteCount++;
        _files[path] = (byte[])data.Clone();
    }

    public void Delete(string path)
    {
        Check();
        _files.Remove(path);
    }

    public void CreateDirectory(string path)
    {
        Check();
        _directories.Add(path);
    }

    public string[] ListFiles(string directory)
    {
        Check();
        var prefix = directory.Length == 0 ? "" : directory.TrimEnd('/') + "/";
        return _files.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k.IndexOf('/', prefix.Length) < 0)
            .Select(k => k.Substring(prefix.Length))
            .OrderBy(k => k, StringComparer.Ordinal)
            .ToArray();
    }

    public string Describe()
    {
        var sb = new StringBuilder();
        foreach (var key in _files.Keys)
        {
            sb.AppendLine(key);
        }

        return sb.ToString();
    }

    private void Check()
    {
        if (!IsPresent)
        {
            throw new StorageException("card missing");
        }
    }
}
