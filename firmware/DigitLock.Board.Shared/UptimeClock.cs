using System;
using DigitLock.Core.Hardware;

namespace DigitLock.Board
{
    /// <summary>
    /// Milliseconds since construction from DateTime.UtcNow (nanoFramework's mscorlib has no
    /// Environment.TickCount or Stopwatch). Not monotonic if the RTC is set while running.
    /// </summary>
    public sealed class UptimeClock : IClock
    {
        private readonly long _startTicks;

        public UptimeClock()
        {
            _startTicks = DateTime.UtcNow.Ticks;
        }

        public long NowMs
        {
            get { return (DateTime.UtcNow.Ticks - _startTicks) / TimeSpan.TicksPerMillisecond; }
        }
    }
}
