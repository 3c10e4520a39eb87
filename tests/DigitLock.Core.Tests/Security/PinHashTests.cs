using DigitLock.Core.Hardware;
using DigitLock.Core.Security;
using DigitLock.Core.Tests.LockFakes;

namespace DigitLock.Core.Tests.Security;

public class PinHashTests
{
    [Fact]
    public void Matches_only_the_pin_it_was_made_from()
    {
        var hash = PinHash.Create("4711", new RandomEntropySource(1), 50);
        Assert.True(hash.Matches("4711"));
        Assert.False(hash.Matches("4712"));
        Assert.False(hash.Matches("47110"));
        Assert.False(hash.Matches(""));
    }

    [Fact]
    public void Record_holds_salt_and_hash_but_not_the_pin()
    {
        var salt = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        var bytes = PinHash.Create("13572468", salt, 10).ToBytes();

        Assert.Equal(12 + 16 + 32, bytes.Length);
        Assert.Equal("DLPH"u8.ToArray(), bytes[..4]);
        Assert.Equal(8, bytes[7]); // PIN length
        Assert.Equal(10, BitConverter.ToInt32(bytes, 8));
        Assert.Equal(salt, bytes[12..28]);
        Assert.Equal(Pbkdf2Sha256.Derive("13572468"u8.ToArray(), salt, 10, 32), bytes[28..]);
        Assert.DoesNotContain("13572468", System.Text.Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void Same_pin_gets_a_different_salt_each_time()
    {
        var entropy = new RandomEntropySource(3);
        var a = PinHash.Create("1234", entropy, 5).ToBytes();
        var b = PinHash.Create("1234", entropy, 5).ToBytes();
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Round_trips_through_storage()
    {
        var storage = new MemoryStorage();
        var store = new PinHashStore(storage);
        Assert.Null(store.Load());

        store.Save(PinHash.Create("2580", new RandomEntropySource(2), 20));
        var loaded = new PinHashStore(storage).Load();

        Assert.NotNull(loaded);
        Assert.Equal(20, loaded!.Iterations);
        Assert.True(loaded.Matches("2580"));
        Assert.False(loaded.Matches("2581"));
    }

    [Theory]
    [InlineData(0, 0x00)] // signature
    [InlineData(4, 0x02)] // version
    [InlineData(6, 31)] // hash length
    [InlineData(7, 0)] // PIN length 0
    [InlineData(8, 0)] // iterations become 0 (with 9..11 zeroed below)
    public void Damaged_record_is_reported_not_treated_as_no_pin(int offset, byte value)
    {
        var storage = new MemoryStorage();
        var store = new PinHashStore(storage);
        store.Save(PinHash.Create("2580", new RandomEntropySource(2), 20));
        var bytes = storage.ReadAll(PinHashStore.Path);
        bytes[offset] = value;
        if (offset == 8)
        {
            bytes[9] = bytes[10] = bytes[11] = 0;
        }

        storage.WriteAtomic(PinHashStore.Path, bytes);
        var error = Assert.Throws<StorageException>(() => store.Load());
        Assert.Contains("lock/pin.bin", error.Message);
    }

    [Fact]
    public void Truncated_record_is_reported()
    {
        var good = PinHash.Create("2580", new RandomEntropySource(2), 20).ToBytes();
        for (int length = 0; length < good.Length; length += 7)
        {
            Assert.Throws<FormatException>(() => PinHash.FromBytes(good[..length]));
        }
    }
}
