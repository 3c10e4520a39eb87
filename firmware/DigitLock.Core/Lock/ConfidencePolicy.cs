using System;

namespace DigitLock.Core.Lock
{
    /// <summary>
    /// Decides whether a classifier's scores are trusted enough to count as a digit. A wrong
    /// digit costs the user a failed attempt (and eventually a lockout), so an unsure box is
    /// better asked again: the top score must reach the threshold AND lead the runner-up by the margin.
    /// </summary>
    public sealed class ConfidencePolicy
    {
        /// <summary>Returned by <see cref="Accept"/> when the box should be written again.</summary>
        public const int Rewrite = -1;

        public ConfidencePolicy(int threshold, int margin)
        {
            if (threshold < 0 || threshold > 255)
            {
                throw new ArgumentOutOfRangeException("threshold");
            }

            if (margin < 0 || margin > 255)
            {
                throw new ArgumentOutOfRangeException("margin");
            }

            Threshold = threshold;
            Margin = margin;
        }

        public int Threshold { get; private set; }

        public int Margin { get; private set; }

        /// <summary>The accepted digit, or <see cref="Rewrite"/>.</summary>
        public int Accept(byte[] scores)
        {
            if (scores == null || scores.Length != 10)
            {
                throw new ArgumentException("scores must have 10 entries");
            }

            int best = 0;
            for (int i = 1; i < 10; i++)
            {
                if (scores[i] > scores[best])
                {
                    best = i;
                }
            }

            int second = -1;
            for (int i = 0; i < 10; i++)
            {
                if (i != best && (second < 0 || scores[i] > scores[second]))
                {
                    second = i;
                }
            }

            if (scores[best] < Threshold || scores[best] - scores[second] < Margin)
            {
                return Rewrite;
            }

            return best;
        }
    }
}
