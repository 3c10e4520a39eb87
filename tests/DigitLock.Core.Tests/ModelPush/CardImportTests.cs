using DigitLock.Core.ModelPush;
using DigitLock.Core.Tests.LockFakes;

namespace DigitLock.Core.Tests.ModelPush;

public class CardImportTests
{
    private readonly PushRig _rig = new();
    private readonly MemoryStorage _card = new();
    private byte[] _key = [];

    private string? Import()
    {
        var installer = new ModelInstaller(_rig.Slots, _rig.Engine, _rig.Active);
        return new CardImport(_card, _rig.Slots, _rig.Pairing, installer).Run("rig", 64 * 1024);
    }

    private void PutPackage(byte[] model, uint version, byte[]? key = null)
    {
        _card.WriteAtomic(CardImport.ModelPath, model);
        _card.WriteAtomic(CardImport.AuthPath, CardImport.EncodeAuth(key ?? _key, "rig", model, version));
    }

    private void Paired()
    {
        _key = _rig.PairHost();
        _rig.Client().Push(_key, FakeEngine.Model(1, 900), 1);
    }

    [Fact]
    public void Boot_writes_the_device_id_and_imports_nothing_without_a_package()
    {
        Assert.Null(Import());
        Assert.Equal("rig", System.Text.Encoding.ASCII.GetString(_card.ReadAll(CardImport.DeviceIdPath)));
    }

    [Fact]
    public void Authenticated_newer_package_is_installed_and_removed_from_the_card()
    {
        Paired();
        PutPackage(FakeEngine.Model(6, 5000, selfTestDigit: 6), 2);
        Assert.StartsWith("INSTALLED V2", Import());
        Assert.Equal(6, _rig.ActiveDigit);
        Assert.False(_card.Files.ContainsKey(CardImport.ModelPath));
        Assert.StartsWith("INSTALLED", System.Text.Encoding.ASCII.GetString(_card.ReadAll(CardImport.ResultPath)));
    }

    [Fact]
    public void Replayed_older_package_is_refused()
    {
        Paired();
        var v2 = FakeEngine.Model(6, 5000);
        PutPackage(v2, 2);
        Import();
        _rig.Client().Push(_key, FakeEngine.Model(3, 900), 3);
        PutPackage(v2, 2); // the old card package copied back
        Assert.Contains("not newer", Import());
        Assert.Equal(3, _rig.ActiveDigit);
    }

    [Fact]
    public void Package_with_another_key_or_tampered_bytes_is_refused()
    {
        Paired();
        PutPackage(FakeEngine.Model(6, 5000), 2, key: new byte[32]);
        Assert.Contains("not authenticated", Import());
        var model = FakeEngine.Model(6, 5000);
        PutPackage(model, 2);
        model[100] ^= 1;
        _card.WriteAtomic(CardImport.ModelPath, model);
        Assert.Contains("SHA-256", Import());
        Assert.Equal(1, _rig.ActiveDigit);
    }

    [Fact]
    public void Unpaired_board_refuses_a_card_package()
    {
        PutPackage(FakeEngine.Model(6, 5000), 2, key: new byte[32]);
        Assert.Contains("no host is paired", Import());
        Assert.Null(_rig.ActiveVersion);
    }
}
