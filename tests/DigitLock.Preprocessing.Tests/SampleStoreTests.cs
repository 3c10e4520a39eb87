using DigitLock.Core.Dataset;
using DigitLock.Core.Hardware;

namespace DigitLock.Preprocessing.Tests;

public class SampleStoreTests
{
    /// <summary>An SD card in memory that records the calls the store makes.</summary>
    private sealed class MemoryCard : IStorage
    {
        public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Folders { get; } = new(StringComparer.Ordinal);

        public int AtomicWrites { get; private set; }

        public bool IsPresent => true;

        public bool Exists(string path) => Files.ContainsKey(path) || Folders.Contains(path);

        public byte[] ReadAll(string path) => Files[path];

        public void WriteAtomic(string path, byte[] data)
        {
            var folder = path[..path.LastIndexOf('/')];
            if (!Folders.Contains(folder))
            {
                throw new StorageException($"no folder {folder}");
            }

            AtomicWrites++;
            Files[path] = data;
        }

        public void Delete(string path) => Files.Remove(path);

        public void CreateDirectory(string path) => Folders.Add(path);

        public string[] ListFiles(string directory) =>
            Files.Keys.Where(k => k.StartsWith(directory + "/", StringComparison.Ordinal))
                .Select(k => k[(directory.Length + 1)..]).Order(StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public void Digit_folders_are_created_on_first_use_and_files_numbered_per_board()
    {
        var card = new MemoryCard();
        var store = new SampleStore(card, "samples", "rt1060");
        Assert.Equal("samples/7/rt1060-000000.dat", store.Save(DatCodecTests.Example(7)));
        Assert.Equal("samples/7/rt1060-000001.dat", store.Save(DatCodecTests.Example(7)));
        Assert.Equal("samples/3/rt1060-000000.dat", store.Save(DatCodecTests.Example(3)));
        Assert.Equal(["samples/3", "samples/7"], card.Folders.Order(StringComparer.Ordinal));
        Assert.Equal(3, card.AtomicWrites);
        Assert.Equal(7, DatCodec.Decode(card.Files["samples/7/rt1060-000001.dat"], "f").Sample.Label);
    }

    [Fact]
    public void Numbering_continues_after_files_already_on_the_card()
    {
        var card = new MemoryCard();
        card.Folders.Add("5");
        card.Files["5/rt1060-000041.dat"] = [];
        card.Files["5/m5core2-000900.dat"] = [];
        card.Files["5/notes.txt"] = [];
        var store = new SampleStore(card, "", "rt1060");
        Assert.Equal("5/rt1060-000042.dat", store.Save(DatCodecTests.Example(5)));
    }

    [Fact]
    public void Unlabelled_samples_and_bad_names_are_refused()
    {
        var store = new SampleStore(new MemoryCard(), "", "b");
        var unlabelled = DatCodecTests.Example();
        unlabelled = new RecordedSample(new DigitLock.Core.Strokes.Sample(-1, [], new byte[784]), unlabelled.Source, 0, "");
        Assert.Throws<ArgumentException>(() => store.Save(unlabelled));
        Assert.Throws<ArgumentException>(() => store.SaveAs(DatCodecTests.Example(), "../x.dat"));
        Assert.Throws<ArgumentException>(() => new SampleStore(new MemoryCard(), "", "a/b"));
    }
}
