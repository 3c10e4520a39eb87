using DigitLock.Core.Hardware;
using DigitLock.Core.Inference;
using DigitLock.Core.ModelPush;
using DigitLock.Core.Security;
using DigitLock.Core.Tests.Inference;
using DigitLock.Core.Tests.LockFakes;
using DigitLock.Core.Ui;

namespace DigitLock.Core.Tests.Ui;

public class DeviceBootTests
{
    private static byte[] ShippedModel() =>
        File.ReadAllBytes(Path.Combine(InferenceFixtures.Root, "models", "default.tflite"));

    private static DigitLockParts Parts(MemoryStorage config) => new()
    {
        Display = new FakeDisplay(480, 272),
        Config = config,
        Card = new MemoryStorage(),
        Clock = new FakeClock(),
        LockOutput = new FakeLockOutput(),
        Entropy = new RandomEntropySource(5),
        Pbkdf2Iterations = 64,
    };

    private static void Install(ModelSlots slots, byte[] model, uint version) =>
        slots.Install(model, version, Sha256.Hash(model), "TEST");

    [Fact]
    public void GoodModelBootsWithTheManagedEngine()
    {
        var config = new MemoryStorage();
        var slots = new ModelSlots(config);
        slots.Boot();
        Install(slots, ShippedModel(), 3);

        var boot = new DeviceBoot();
        var parts = Parts(config);
        var app = boot.Start(parts, new ManagedClassifierFactory());

        Assert.True(boot.HasModel);
        Assert.IsType<ManagedDigitClassifier>(parts.Classifier);
        Assert.Equal(3u, boot.Slots.Active.Version);
        Assert.Contains("MODEL VERSION 3", parts.ModelInfo);
        Assert.Equal(AppMode.Setup, app.Mode);
        var scores = new byte[10];
        Assert.InRange(parts.Classifier.Classify(new byte[784], scores), 0, 9);
    }

    [Fact]
    public void CorruptActiveSlotFallsBackToThePreviousModel()
    {
        var config = new MemoryStorage();
        var slots = new ModelSlots(config);
        slots.Boot();
        var model = ShippedModel();
        Install(slots, model, 1);
        Install(slots, model, 2);
        var damaged = (byte[])model.Clone();
        damaged[damaged.Length / 2] ^= 0x40;
        config.WriteAtomic(ModelSlots.SlotPath(slots.ActiveSlot), damaged);

        var boot = new DeviceBoot();
        boot.LoadModel(config, new ManagedClassifierFactory());

        Assert.True(boot.HasModel);
        Assert.Equal(1u, boot.Slots.Active.Version);
        Assert.Contains(boot.Log, l => l.Contains("ACTIVE SLOT DAMAGED"));
        Assert.Contains("ACTIVE SLOT DAMAGED - RUNNING PREVIOUS MODEL", boot.ModelInfo);
    }

    [Fact]
    public void FileTheEngineRefusesIsRolledBackAndThePreviousSlotRuns()
    {
        var config = new MemoryStorage();
        var slots = new ModelSlots(config);
        slots.Boot();
        Install(slots, ShippedModel(), 1);
        // Hash matches (so the slot check passes) but it is no TFLite file.
        Install(slots, "not a tflite model at all"u8.ToArray(), 2);

        var boot = new DeviceBoot();
        boot.LoadModel(config, new ManagedClassifierFactory());

        Assert.True(boot.HasModel);
        Assert.Equal(1u, boot.Slots.Active.Version);
        Assert.Contains(boot.Log, l => l.Contains("refused by the engine"));
        Assert.Contains(boot.ModelInfo, l => l.Contains("REFUSED"));
        // The rollback is persistent: the next boot goes straight to the good model.
        var again = new DeviceBoot();
        again.LoadModel(config, new ManagedClassifierFactory());
        Assert.Equal(1u, again.Slots.Active.Version);
        Assert.DoesNotContain(again.Log, l => l.Contains("refused"));
    }

    [Fact]
    public void NoModelRunsTheAppAndRefusesToReadDigits()
    {
        var config = new MemoryStorage();
        var boot = new DeviceBoot();
        var parts = Parts(config);
        var app = boot.Start(parts, new ManagedClassifierFactory());

        Assert.False(boot.HasModel);
        Assert.Equal(-1, parts.Classifier.Classify(new byte[784], new byte[10]));
        Assert.Contains("NO MODEL INSTALLED", parts.ModelInfo);
        Assert.Contains(boot.Log, l => l.Contains("NONE"));

        var clock = (FakeClock)parts.Clock;
        var pen = new Pen(app, clock);
        pen.Write(1, app.View.Boxes[0].Area);
        for (var t = 0; t < 1000; t += 50)
        {
            clock.Advance(50);
            app.Tick();
        }

        Assert.Equal(AppMode.Setup, app.Mode);
        Assert.Contains("NO MODEL", app.View.Status);
    }

    [Fact]
    public void OnlyRefusedModelsLeaveNoModel()
    {
        var config = new MemoryStorage();
        var slots = new ModelSlots(config);
        slots.Boot();
        Install(slots, "junk one"u8.ToArray(), 1);
        Install(slots, "junk two"u8.ToArray(), 2);

        var boot = new DeviceBoot();
        boot.LoadModel(config, new ManagedClassifierFactory());

        Assert.False(boot.HasModel);
        Assert.Equal(-1, boot.Classifier.Classify(new byte[784], new byte[10]));
        Assert.Contains(boot.ModelInfo, l => l.Contains("REFUSED"));
    }
}
