using DigitLock.Core.Hardware;

namespace DigitLock.Data;

/// <summary>
/// The firmware's <see cref="IStorage"/> over a host folder, so host tools save samples through
/// the same <c>SampleStore</c> code (same layout, same names) as the board.
/// </summary>
public sealed class FileSystemStorage(string root) : IStorage
{
    public string Root { get; } = Path.GetFullPath(root);

    public bool IsPresent => true;

    public bool Exists(string path) => File.Exists(Full(path)) || Directory.Exists(Full(path));

    public byte[] ReadAll(string path)
    {
        try
        {
            return File.ReadAllBytes(Full(path));
        }
        catch (IOException e)
        {
            throw new StorageException($"cannot read {path}: {e.Message}", e);
        }
    }

    public void WriteAtomic(string path, byte[] data)
    {
        try
        {
            AtomicFile.WriteAllBytes(Full(path), data);
        }
        catch (IOException e)
        {
            throw new StorageException($"cannot write {path}: {e.Message}", e);
        }
    }

    public void Delete(string path) => File.Delete(Full(path));

    public void CreateDirectory(string path) => Directory.CreateDirectory(Full(path));

    public string[] ListFiles(string directory)
    {
        var full = Full(directory);
        if (!Directory.Exists(full))
        {
            return [];
        }

        var names = Directory.GetFiles(full).Select(Path.GetFileName).OfType<string>().ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }

    private string Full(string path)
    {
        if (path.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(path))
        {
            throw new StorageException($"storage paths are relative and stay inside the root: {path}");
        }

        return Path.Combine(Root, path.Replace('/', Path.DirectorySeparatorChar));
    }
}
