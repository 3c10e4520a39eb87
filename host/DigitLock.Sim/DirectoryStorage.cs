using DigitLock.Core.Hardware;

namespace DigitLock.Sim;

/// <summary>IStorage over a host directory: the simulated internal flash or SD card. The card can be pulled.</summary>
public sealed class DirectoryStorage(string root) : IStorage
{
    public string Root { get; } = Path.GetFullPath(root);

    public bool IsPresent { get; set; } = true;

    public bool Exists(string path)
    {
        var full = Full(path);
        return File.Exists(full) || Directory.Exists(full);
    }

    public byte[] ReadAll(string path)
    {
        var full = Full(path);
        if (!File.Exists(full))
        {
            throw new StorageException(path + ": no such file");
        }

        return Wrap(path, () => File.ReadAllBytes(full));
    }

    public void WriteAtomic(string path, byte[] data)
    {
        var full = Full(path);
        Wrap(path, () =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var temp = full + ".tmp";
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                stream.Write(data);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
            return 0;
        });
    }

    public void Delete(string path)
    {
        var full = Full(path);
        Wrap(path, () =>
        {
            if (File.Exists(full))
            {
                File.Delete(full);
            }

            return 0;
        });
    }

    public void CreateDirectory(string path) => Wrap(path, () => Directory.CreateDirectory(Full(path)));

    public string[] ListFiles(string directory)
    {
        var full = Full(directory);
        if (!Directory.Exists(full))
        {
            return [];
        }

        return Directory.GetFiles(full).Select(Path.GetFileName).Where(n => !n!.EndsWith(".tmp", StringComparison.Ordinal))
            .Select(n => n!).OrderBy(n => n, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Every file below the root as a relative '/' path, for the page's card view.</summary>
    public IReadOnlyList<(string Path, long Bytes)> AllFiles()
    {
        if (!IsPresent || !Directory.Exists(Root))
        {
            return [];
        }

        return Directory.GetFiles(Root, "*", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(Root, f).Replace('\\', '/'), new FileInfo(f).Length))
            .OrderBy(f => f.Item1, StringComparer.Ordinal).ToList();
    }

    private string Full(string path)
    {
        if (!IsPresent)
        {
            throw new StorageException("card missing");
        }

        if (path.Contains("..", StringComparison.Ordinal) || path.StartsWith('/'))
        {
            throw new StorageException(path + ": path outside the storage");
        }

        return Path.Combine(Root, path);
    }

    private static T Wrap<T>(string path, Func<T> io)
    {
        try
        {
            return io();
        }
        catch (IOException e)
        {
            throw new StorageException(path + ": " + e.Message, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StorageException(path + ": " + e.Message, e);
        }
    }
}
