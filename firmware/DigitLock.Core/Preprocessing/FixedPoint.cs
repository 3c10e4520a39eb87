namespace DigitLock.Core.Preprocessing
{
    /// <summary>Integer helpers shared by the preprocessing stages; identical results on every CPU.</summary>
    internal static class FixedPoint
    {
        /// <summary>Division rounding half away from zero (denominator positive).</summary>
        public static long DivRound(long numerator, long denominator)
        {
            return numerator >= 0
                ? (numerator + denominator / 2) / denominator
                : -((-numerator + denominator / 2) / denominator);
        }

        // Own Min/Max/Abs: integer-only and independent of which System.Math overloads a
        // nanoFramework build carries.
        public static int Min(int a, int b)
        {
            return a < b ? a : b;
        }

        public static int Max(int a, int b)
        {
            return a > b ? a : b;
        }

        public static long Min(long a, long b)
        {
            return a < b ? a : b;
        }

        public static long Max(long a, long b)
        {
            return a > b ? a : b;
        }

        public static int Abs(int a)
        {
            return a < 0 ? -a : a;
        }

        /// <summary>Floor of the square root.</summary>
        public static int Sqrt(long value)
        {
            if (value <= 0)
            {
                return 0;
            }

            long result = 0;
            long bit = 1L << 62;
            while (bit > value)
            {
                bit >>= 2;
            }

            while (bit != 0)
            {
                if (value >= result + bit)
                {
                    value -= result + bit;
                    result = (result >> 1) + bit;
                }
                else
                {
                    result >>= 1;
                }

                bit >>= 2;
            }

            return (int)result;
        }
    }
}
