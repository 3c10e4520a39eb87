using DigitLock.Core.Hardware;
using DigitLock.Core.Lock;
using DigitLock.Core.Security;
using DigitLock.Core.Tests.LockFakes;

namespace DigitLock.Core.Tests.Lock;

public class DoorLockTests
{
    private readonly MemoryStorage _storage = new();
    private readonly FakeClock _clock = new();
    private readonly FakeLockOutput _output = new();

    /// <summary>A new DoorLock over the same storage is a reboot: the clock starts again from an arbitrary value.</summary>
    private DoorLock Boot(long clockStartMs = 1000)
    {
        _clock.NowMs = clockStartMs;
        var log = new EventLog(_storage, _clock);
        return new DoorLock(_storage, _clock, _output, new RandomEntropySource(5), 8, new LockoutPolicy(), log);
    }

    private DoorLock BootWithPin(string pin)
    {
        var doorLock = Boot();
        doorLock.SetPin(pin);
        return doorLock;
    }

    [Fact]
    public void First_boot_needs_setup_and_refuses_to_unlock()
    {
        var doorLock = Boot();
        Assert.Equal(LockState.NeedsSetup, doorLock.State);
        Assert.True(doorLock.CanSetPin);
        Assert.Equal(UnlockResult.NotAvailable, doorLock.TryUnlock("1234"));
        Assert.False(_output.IsUnlocked);
    }

    [Fact]
    public void Pin_is_stored_only_as_a_hash()
    {
        BootWithPin("4711");
        foreach (var file in _storage.Files.Values)
        {
            Assert.DoesNotContain("4711", System.Text.Encoding.ASCII.GetString(file));
        }

        Assert.True(PinHash.FromBytes(_storage.Files[PinHashStore.Path]).Matches("4711"));
    }

    [Fact]
    public void Correct_pin_unlocks_for_the_configured_time_then_relocks()
    {
        var doorLock = BootWithPin("4711");
        doorLock.UnlockMs = 3000;

        Assert.Equal(UnlockResult.Opened, doorLock.TryUnlock("4711"));
        Assert.True(_output.IsUnlocked);
        Assert.Equal(LockState.Unlocked, doorLock.State);

        _clock.Advance(2999);
        doorLock.Tick();
        Assert.True(_output.IsUnlocked);

        _clock.Advance(1);
        doorLock.Tick();
        Assert.False(_output.IsUnlocked);
        Assert.Equal(LockState.Locked, doorLock.State);
    }

    [Fact]
    public void Setting_a_pin_outside_setup_or_admin_is_refused()
    {
        var doorLock = BootWithPin("4711");
        Assert.Throws<InvalidOperationException>(() => doorLock.SetPin("1111"));

        doorLock.TryUnlock("4711");
        doorLock.SetPin("123456");
        Assert.Equal(6, doorLock.PinLength);

        doorLock.EndAdminSession();
        Assert.Throws<InvalidOperationException>(() => doorLock.SetPin("2222"));
        _ = Boot();
        Assert.Equal(UnlockResult.Opened, Boot().TryUnlock("123456"));
    }

    [Fact]
    public void Admin_session_expires_when_idle()
    {
        var doorLock = BootWithPin("4711");
        doorLock.TryUnlock("4711");
        _clock.Advance(DoorLock.AdminIdleMs - 1);
        doorLock.KeepAdminSession();
        _clock.Advance(DoorLock.AdminIdleMs - 1);
        Assert.True(doorLock.IsAdminSessionOpen);
        _clock.Advance(1);
        Assert.False(doorLock.IsAdminSessionOpen);
        Assert.False(doorLock.CanSetPin);
    }

    [Fact]
    public void Three_wrong_pins_lock_out_for_30_seconds_then_doubling()
    {
        var doorLock = BootWithPin("4711");
        Assert.Equal(UnlockResult.WrongPin, doorLock.TryUnlock("0000"));
        Assert.Equal(UnlockResult.WrongPin, doorLock.TryUnlock("0001"));
        Assert.Equal(UnlockResult.WrongPinLockedOut, doorLock.TryUnlock("0002"));
        Assert.Equal(LockState.LockedOut, doorLock.State);
        Assert.Equal(30_000, doorLock.LockoutRemainingMs);

        // During a lockout even the right PIN is refused without being checked.
        Assert.Equal(UnlockResult.LockedOut, doorLock.TryUnlock("4711"));
        Assert.False(_output.IsUnlocked);

        _clock.Advance(30_000);
        doorLock.Tick();
        Assert.Equal(LockState.Locked, doorLock.State);
        Assert.Equal(UnlockResult.WrongPinLockedOut, doorLock.TryUnlock("0003"));
        Assert.Equal(60_000, doorLock.LockoutRemainingMs);

        _clock.Advance(60_000);
        Assert.Equal(UnlockResult.Opened, doorLock.TryUnlock("4711"));
        Assert.Equal(0, doorLock.FailedAttempts);
        Assert.Equal(UnlockResult.WrongPin, doorLock.TryUnlock("9999"));
    }

    [Fact]
    public void Lockout_survives_a_power_cycle()
    {
        var doorLock = BootWithPin("4711");
        doorLock.TryUnlock("0000");
        doorLock.TryUnlock("0000");
        doorLock.TryUnlock("0000");
        _clock.Advance(12_500);
        doorLock.Tick();

        // Power cycle: the monotonic clock restarts near zero.
        var rebooted = Boot(clockStartMs: 7);
        Assert.Equal(LockState.LockedOut, rebooted.State);
        Assert.Equal(3, rebooted.FailedAttempts);
        // Saved at most MinCheckpointMs ago (a 30 s lockout is checkpointed every 5 s), never less than what is left.
        Assert.InRange(rebooted.LockoutRemainingMs, 30_000 - 12_500, 30_000 - 12_500 + DoorLock.MinCheckpointMs);
        Assert.Equal(UnlockResult.LockedOut, rebooted.TryUnlock("4711"));

        _clock.Advance(rebooted.LockoutRemainingMs);
        rebooted.Tick();
        Assert.Equal(UnlockResult.WrongPinLockedOut, rebooted.TryUnlock("1111"));
        Assert.Equal(60_000, rebooted.LockoutRemainingMs);
    }

    [Fact]
    public void Long_lockouts_are_checkpointed_at_most_eight_times()
    {
        var doorLock = BootWithPin("4711");
        for (int i = 0; i < 3; i++)
        {
            doorLock.TryUnlock("0000");
            _clock.Advance(doorLock.LockoutRemainingMs);
            doorLock.Tick();
        }

        // Failure 4 ... 8: lockouts of 1, 2, 4, 8, 16 minutes.
        for (int failure = 4; failure <= 8; failure++)
        {
            doorLock.TryUnlock("0000");
            long total = doorLock.LockoutRemainingMs;
            int writesBefore = _storage.WriteCount;
            while (doorLock.State == LockState.LockedOut)
            {
                _clock.Advance(1000);
                doorLock.Tick();
            }

            int checkpoints = _storage.WriteCount - writesBefore - 1; // the last write ends the lockout
            Assert.InRange(checkpoints, 1, 8);
            Assert.Equal(30_000L << (failure - 3), total);
        }
    }

    [Fact]
    public void Failure_count_survives_a_power_cycle_before_lockout()
    {
        var doorLock = BootWithPin("4711");
        doorLock.TryUnlock("0000");
        doorLock.TryUnlock("0000");
        var rebooted = Boot();
        Assert.Equal(2, rebooted.FailedAttempts);
        Assert.Equal(UnlockResult.WrongPinLockedOut, rebooted.TryUnlock("0000"));
    }

    [Fact]
    public void Attempt_is_counted_before_the_pin_is_checked()
    {
        var doorLock = BootWithPin("4711");
        doorLock.TryUnlock("0000");
        // Simulate a power cut during the check: the record already holds the next failure.
        var counting = new CountingStorage(_storage);
        var log = new EventLog(counting, _clock);
        var probe = new DoorLock(counting, _clock, _output, new RandomEntropySource(1), 8, new LockoutPolicy(), log);
        probe.TryUnlock("4711");
        Assert.Equal(2, counting.FailuresSeenInFirstAttemptWrite);
    }

    [Fact]
    public void Damaged_attempt_record_means_lockout_not_a_fresh_start()
    {
        BootWithPin("4711");
        _storage.WriteAtomic(AttemptRecord.Path, new byte[] { 1, 2, 3 });
        var rebooted = Boot();
        Assert.Equal(LockState.LockedOut, rebooted.State);
    }

    [Fact]
    public void Damaged_pin_record_faults_instead_of_offering_setup()
    {
        BootWithPin("4711");
        var bytes = _storage.ReadAll(PinHashStore.Path);
        bytes[0] = (byte)'X';
        _storage.WriteAtomic(PinHashStore.Path, bytes);

        var rebooted = Boot();
        Assert.Equal(LockState.Faulted, rebooted.State);
        Assert.False(rebooted.CanSetPin);
        Assert.Equal(UnlockResult.NotAvailable, rebooted.TryUnlock("4711"));
    }

    [Fact]
    public void Boot_always_starts_locked()
    {
        var doorLock = BootWithPin("4711");
        doorLock.TryUnlock("4711");
        Assert.True(_output.IsUnlocked);
        Boot();
        Assert.False(_output.IsUnlocked);
    }

    [Fact]
    public void Events_are_logged_without_pins_and_survive_reboot()
    {
        var doorLock = BootWithPin("4711");
        doorLock.TryUnlock("0000");
        doorLock.TryUnlock("4711");
        var rebooted = Boot();
        var log = rebooted.Log;
        Assert.Equal(2, log.BootNumber);
        var kinds = Enumerable.Range(0, log.Count).Select(i => log.GetRecent(i).Kind).ToArray();
        Assert.Equal(
            new[] { LockEventKind.Boot, LockEventKind.Unlocked, LockEventKind.WrongPin, LockEventKind.PinSet, LockEventKind.Boot },
            kinds);
    }

    [Fact]
    public void Event_log_keeps_only_the_most_recent()
    {
        var log = new EventLog(_storage, _clock);
        for (int i = 0; i < EventLog.Capacity + 5; i++)
        {
            _clock.Advance(1000);
            log.Add(LockEventKind.WrongPin);
        }

        var reloaded = new EventLog(_storage, _clock);
        Assert.Equal(EventLog.Capacity, reloaded.Count);
        Assert.Equal(LockEventKind.Boot, reloaded.GetRecent(0).Kind);
        Assert.Equal(EventLog.Capacity + 5, reloaded.GetRecent(1).SecondsSinceBoot);
    }

    /// <summary>Records the failure count of the first attempts write, then behaves normally.</summary>
    private sealed class CountingStorage(IStorage inner) : IStorage
    {
        public int FailuresSeenInFirstAttemptWrite { get; private set; } = -1;

        public bool IsPresent => inner.IsPresent;

        public bool Exists(string path) => inner.Exists(path);

        public byte[] ReadAll(string path) => inner.ReadAll(path);

        public void WriteAtomic(string path, byte[] data)
        {
            if (path == AttemptRecord.Path && FailuresSeenInFirstAttemptWrite < 0)
            {
                FailuresSeenInFirstAttemptWrite = data[6];
            }

            inner.WriteAtomic(path, data);
        }

        public void Delete(string path) => inner.Delete(path);

        public void CreateDirectory(string path) => inner.CreateDirectory(path);

        public string[] ListFiles(string directory) => inner.ListFiles(directory);
    }
}
