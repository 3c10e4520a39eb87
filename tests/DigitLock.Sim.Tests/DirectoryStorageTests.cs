using DigitLock.Core.Hardware;

namespace DigitLock.Sim.Tests;

public sealed class DirectoryStorageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("digitlock-storage-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Atomic_write_replaces_the_file_and_leaves_no_temporary()
    {
        var storage = new DirectoryStorage(_dir);
        storage.WriteAtomic("model/slot0.tfl", [1, 2, 3]);
        storage.WriteAtomic("model/slot0.tfl", [4, 5]);
        Assert.Equal(new byte[] { 4, 5 }, storage.ReadAll("model/slot0.tfl"));
        Assert.Equal(["slot0.tfl"], storage.ListFiles("model"));
        Assert.Equal(["slot0.tfl"], Directory.GetFiles(Path.Combine(_dir, "model")).Select(Path.GetFileName));
    }

    [Fact]
    public void Pulled_card_and_escaping_paths_are_storage_errors()
    {
        var storage = new DirectoryStorage(_dir);
        Assert.Throws<StorageException>(() => storage.ReadAll("missing"));
        Assert.Throws<StorageException>(() => storage.WriteAtomic("../outside", [1]));
        storage.IsPresent = false;
        Assert.Throws<StorageException>(() => storage.Exists("anything"));
        Assert.Empty(storage.AllFiles());
    }
}
