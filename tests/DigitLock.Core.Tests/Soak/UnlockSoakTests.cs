using DigitLock.Core.Tests.LockFakes;
using DigitLock.Core.Ui;
using Xunit.Abstractions;

namespace DigitLock.Core.Tests.Soak;

/// <summary>
/// 10,000 written PIN attempts through the whole firmware app (strokes, classifier, PBKDF2, lockout,
/// event log, screens) on fakes: the board has no swap and a fixed heap, so anything the app keeps per
/// attempt would eventually stop the lock. Prints the figures recorded in docs/benchmarks.md.
/// </summary>
public class UnlockSoakTests(ITestOutputHelper output)
{
    private const string Pin = "4711";
    private const int Attempts = 10_000;
    private const int Batch = 1_000;

    /// <summary>Retained growth allowed between the first and the last batch: noise from runtime caches, not per-attempt state.</summary>
    private const long GrowthBoundBytes = 64 * 1024;

    [Fact]
    public void Soak_10000_unlock_attempts_keep_memory_flat()
    {
        var rig = new AppRig();
        rig.SetUp(Pin);
        var random = new Random(8);
        int unlocks = 0, wrong = 0, lockouts = 0;
        var retained = new List<long>();
        var allocatedPerAttempt = new List<long>();

        long before = Retained();
        output.WriteLine($"after setup: retained {before} bytes");
        for (int batch = 0; batch < Attempts / Batch; batch++)
        {
            long allocatedStart = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Batch; i++)
            {
                ReadyForAttempt(rig, ref lockouts);
                if (random.Next(2) == 0)
                {
                    rig.WriteDigits(Pin);
                    Assert.Equal(AppMode.Unlocked, rig.App.Mode);
                    unlocks++;
                }
                else
                {
                    rig.WriteDigits(WrongPin(random));
                    Assert.True(rig.App.Mode is AppMode.Lock or AppMode.Lockout, $"a wrong PIN left the app in {rig.App.Mode}");
                    Assert.False(rig.Output.IsUnlocked);
                    wrong++;
                }
            }

            allocatedPerAttempt.Add((GC.GetAllocatedBytesForCurrentThread() - allocatedStart) / Batch);

            // The fake classifier records every distance it computes (40 ints an attempt) for other
            // tests' diagnostics; that is harness state, not the firmware's, so it is emptied (its
            // capacity, reached in the first batch, stays and counts in every figure alike).
            rig.Classifier.Distances.Clear();
            retained.Add(Retained());
            output.WriteLine($"after {(batch + 1) * Batch,6} attempts: retained {retained[^1],9} bytes, allocated {allocatedPerAttempt[^1],7} bytes/attempt");
        }

        long growth = retained[^1] - retained[0];
        output.WriteLine($"{unlocks} unlocks, {wrong} wrong PINs, {lockouts} lockouts; retained growth from attempt 1,000 to 10,000: {growth} bytes");
        Assert.Equal(Attempts, unlocks + wrong);
        Assert.True(lockouts > 10, $"the mix must reach lockouts, got {lockouts}");
        Assert.True(growth < GrowthBoundBytes, $"retained memory grew by {growth} bytes over 9,000 attempts");
    }

    /// <summary>Brings the app back to the lock screen: relock after an unlock, wait out a lockout.</summary>
    private static void ReadyForAttempt(AppRig rig, ref int lockouts)
    {
        if (rig.App.Mode == AppMode.Lockout)
        {
            lockouts++;
            rig.Clock.Advance(rig.App.DoorLock.LockoutRemainingMs + 50);
            rig.App.Tick();
        }

        for (int step = 0; rig.App.Mode == AppMode.Unlocked && step < 100; step++)
        {
            rig.Clock.Advance(500);
            rig.App.Tick();
        }

        Assert.Equal(AppMode.Lock, rig.App.Mode);
    }

    private static string WrongPin(Random random)
    {
        while (true)
        {
            string pin = random.Next(10_000).ToString("D4");
            if (pin != Pin)
            {
                return pin;
            }
        }
    }

    private static long Retained()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
