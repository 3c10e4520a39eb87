using DigitLock.Core.Lock;
using DigitLock.Core.Settings;
using DigitLock.Core.Tests.LockFakes;

namespace DigitLock.Core.Tests.Lock;

public class PoliciesTests
{
    [Theory]
    [InlineData("1234", true)]
    [InlineData("12345678", true)]
    [InlineData("123", false)]
    [InlineData("123456789", false)]
    [InlineData("12a4", false)]
    [InlineData("", false)]
    public void Pin_policy_allows_4_to_8_digits(string pin, bool valid)
    {
        Assert.Equal(valid, PinPolicy.IsValid(pin));
    }

    private static byte[] Scores(params (int digit, int score)[] entries)
    {
        var scores = new byte[10];
        foreach (var (digit, score) in entries)
        {
            scores[digit] = (byte)score;
        }

        return scores;
    }

    [Fact]
    public void Confident_clear_winner_is_accepted()
    {
        var policy = new ConfidencePolicy(150, 40);
        Assert.Equal(7, policy.Accept(Scores((7, 200), (1, 50))));
    }

    [Fact]
    public void Top_score_below_threshold_asks_for_a_rewrite()
    {
        var policy = new ConfidencePolicy(150, 40);
        Assert.Equal(ConfidencePolicy.Rewrite, policy.Accept(Scores((7, 149), (1, 10))));
        Assert.Equal(7, policy.Accept(Scores((7, 150), (1, 10))));
    }

    [Fact]
    public void Runner_up_too_close_asks_for_a_rewrite()
    {
        var policy = new ConfidencePolicy(150, 40);
        Assert.Equal(ConfidencePolicy.Rewrite, policy.Accept(Scores((1, 200), (7, 161))));
        Assert.Equal(1, policy.Accept(Scores((1, 200), (7, 160))));
    }

    [Fact]
    public void Lockout_starts_at_the_third_failure_doubles_and_caps()
    {
        var policy = new LockoutPolicy(3, 30_000, 240_000);
        Assert.Equal(0, policy.LockoutMsAfter(2));
        Assert.Equal(30_000, policy.LockoutMsAfter(3));
        Assert.Equal(60_000, policy.LockoutMsAfter(4));
        Assert.Equal(120_000, policy.LockoutMsAfter(5));
        Assert.Equal(240_000, policy.LockoutMsAfter(6));
        Assert.Equal(240_000, policy.LockoutMsAfter(60_000));
    }

    [Fact]
    public void Settings_round_trip_and_fall_back_to_defaults_when_damaged()
    {
        var storage = new MemoryStorage();
        var store = new SettingsStore(storage);
        Assert.Equal(LockSettings.DefaultConfidenceThreshold, store.Load().ConfidenceThreshold);

        var settings = store.Load();
        settings.ConfidenceThreshold = 99;
        settings.ConfidenceMargin = 12;
        settings.UnlockSeconds = 9;
        settings.NewPinLength = 6;
        store.Save(settings);

        var loaded = new SettingsStore(storage).Load();
        Assert.Equal((99, 12, 9, 6), (loaded.ConfidenceThreshold, loaded.ConfidenceMargin, loaded.UnlockSeconds, loaded.NewPinLength));

        var bytes = storage.ReadAll(SettingsStore.Path);
        bytes[8] = 9; // PIN length 9 is out of policy
        storage.WriteAtomic(SettingsStore.Path, bytes);
        Assert.Equal(LockSettings.DefaultNewPinLength, store.Load().NewPinLength);
    }

    [Fact]
    public void Settings_reject_out_of_range_values()
    {
        var settings = new LockSettings();
        Assert.Throws<ArgumentOutOfRangeException>(() => settings.NewPinLength = 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => settings.ConfidenceThreshold = 256);
        Assert.Throws<ArgumentOutOfRangeException>(() => settings.UnlockSeconds = 0);
    }
}
