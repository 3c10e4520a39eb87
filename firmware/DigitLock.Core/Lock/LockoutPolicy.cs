using System;

namespace DigitLock.Core.Lock
{
    /// <summary>
    /// How long wrong PINs lock the keypad: the first <see cref="FreeAttempts"/> failures are
    /// free, the one that reaches it locks for the base time, and every further failure doubles
    /// it up to the cap. With a one-hour cap, trying all 10,000 four-digit PINs takes over a year.
    /// </summary>
    public sealed class LockoutPolicy
    {
        public const int DefaultFreeAttempts = 3;
        public const long DefaultBaseMs = 30000;
        public const long DefaultCapMs = 3600000;

        public LockoutPolicy()
            : this(DefaultFreeAttempts, DefaultBaseMs, DefaultCapMs)
        {
        }

        public LockoutPolicy(int freeAttempts, long baseMs, long capMs)
        {
            if (freeAttempts < 1)
            {
                throw new ArgumentOutOfRangeException("freeAttempts");
            }

            if (baseMs < 1 || capMs < baseMs)
            {
                throw new ArgumentOutOfRangeException("capMs");
            }

            FreeAttempts = freeAttempts;
            BaseMs = baseMs;
            CapMs = capMs;
        }

        public int FreeAttempts { get; private set; }

        public long BaseMs { get; private set; }

        public long CapMs { get; private set; }

        /// <summary>The lockout that follows the given number of consecutive failures (0 = none).</summary>
        public long LockoutMsAfter(int failures)
        {
            if (failures < FreeAttempts)
            {
                return 0;
            }

            long lockout = BaseMs;
            for (int i = FreeAttempts; i < failures && lockout < CapMs; i++)
            {
                lockout *= 2;
            }

            return lockout < CapMs ? lockout : CapMs;
        }
    }
}
