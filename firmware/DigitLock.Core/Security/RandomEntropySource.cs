using System;

namespace DigitLock.Core.Security
{
    /// <summary>
    /// Salt bytes from System.Random. A salt only has to be unique per device, not secret, so
    /// this is acceptable where no hardware generator is bound; tests pass a seed to be repeatable.
    /// </summary>
    public sealed class RandomEntropySource : IEntropySource
    {
        private readonly Random _random;

        public RandomEntropySource()
        {
            _random = new Random();
        }

        public RandomEntropySource(int seed)
        {
            _random = new Random(seed);
        }

        public void Fill(byte[] buffer)
        {
            _random.NextBytes(buffer);
        }
    }
}
