using DigitLock.Core.Hardware;
using DigitLock.Core.ModelPush;
using Xunit.Abstractions;

namespace DigitLock.Core.Tests.ModelPush;

/// <summary>
/// Cuts the power after every single flash write of a push (and of a rollback) in turn, reboots,
/// and checks the board runs a valid model, the old or the new one, and that a retried push then
/// completes.
/// </summary>
public class PowerLossTests(ITestOutputHelper output)
{
    private static readonly byte[] OldModel = FakeEngine.Model(1, 3 * ModelUpload.ChunkSize + 50, selfTestDigit: 1);
    private static readonly byte[] NewModel = FakeEngine.Model(2, 4 * ModelUpload.ChunkSize + 7, selfTestDigit: 2);

    [Fact]
    public void Every_cut_point_of_a_push_boots_the_old_or_the_new_model()
    {
        int cuts = RunEveryCut("push", (rig, key) => rig.Client().Push(key, NewModel, 2), 2u);
        // A push writes at least the upload head, five chunks, the slot and the slot record.
        Assert.True(cuts >= 8, $"only {cuts} cut points");
    }

    [Fact]
    public void Every_cut_point_of_a_push_over_a_previous_model_keeps_a_valid_model()
    {
        // Third push: the inactive slot holds the rollback model that is about to be overwritten.
        var third = FakeEngine.Model(3, 2 * ModelUpload.ChunkSize, selfTestDigit: 3);
        int cuts = RunEveryCut("push over previous", (rig, key) =>
        {
            if (rig.ActiveVersion == 1)
            {
                rig.Client().Push(key, NewModel, 2);
            }

            rig.Client().Push(key, third, 3);
        }, 3u);
        Assert.True(cuts >= 4);
    }

    [Fact]
    public void Every_cut_point_of_a_rollback_keeps_a_valid_model()
    {
        int cuts = RunEveryCut("rollback", (rig, key) =>
        {
            if (rig.ActiveVersion == 1)
            {
                rig.Client().Push(key, NewModel, 2);
            }

            rig.Client().Rollback(key);
        }, 1u);
        Assert.True(cuts >= 1);
    }

    /// <summary>Returns how many cut points were tried before an uncut run finished.</summary>
    private int RunEveryCut(string what, Action<PushRig, byte[]> action, uint finalVersion)
    {
        int cut = 0;
        while (true)
        {
            var rig = new PushRig();
            byte[] key = rig.PairHost();
            rig.Client().Push(key, OldModel, 1);
            rig.Storage.WritesLeft = cut;
            bool finished;
            try
            {
                action(rig, key);
                finished = !rig.Storage.PowerLost;
            }
            catch (PushProtocolException)
            {
                finished = false;
            }

            if (finished)
            {
                Assert.Equal(finalVersion, rig.ActiveVersion);
                output.WriteLine($"{what}: {cut} cut points (one after each flash write), every reboot ran a valid model");
                return cut;
            }

            Assert.True(rig.Storage.PowerLost, $"cut {cut}: the action failed without a power cut");
            rig.Boot();
            Assert.True(rig.BootedModel != null, $"{what}, cut after {cut} writes: no valid model at boot");
            Assert.Contains(rig.ActiveVersion!.Value, new uint[] { 1, 2, 3 });
            Assert.InRange(rig.ActiveDigit, 1, 3);

            // The board is not wedged: the same action completes after the reboot.
            action(rig, key);
            Assert.Equal(finalVersion, rig.ActiveVersion);
            rig.Boot();
            Assert.Equal(finalVersion, rig.ActiveVersion);
            cut++;
        }
    }
}
