namespace DigitLock.Core.Security
{
    /// <summary>Comparisons whose duration does not depend on where the inputs first differ.</summary>
    public static class ConstantTime
    {
        /// <summary>
        /// True when both arrays hold the same bytes. Lengths are not secret here (a hash has a
        /// fixed size), so differing lengths return at once; equal lengths always read every byte.
        /// </summary>
        public static bool Equals(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }

            int difference = 0;
            for (int i = 0; i < a.Length; i++)
            {
                difference |= a[i] ^ b[i];
            }

            return difference == 0;
        }
    }
}
