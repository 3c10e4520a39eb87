namespace DigitLock.Core.Hardware
{
    /// <summary>Monotonic milliseconds, injectable so lockout timing and stroke pauses can be tested.</summary>
    public interface IClock
    {
        long NowMs { get; }
    }
}
