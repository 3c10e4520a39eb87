using DigitLock.Core.Hardware;

namespace DigitLock.Core.Tests.LockFakes;

public sealed class FakeClock : IClock
{
    public FakeClock(long startMs = 1000)
    {
        NowMs = startMs;
    }

    public long NowMs { get; set; }

    public void Advance(long ms) => NowMs += ms;
}
