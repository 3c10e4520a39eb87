namespace DigitLock.Core.Lock
{
    /// <summary>Which PINs may be chosen: 4 to 8 decimal digits.</summary>
    public static class PinPolicy
    {
        public const int MinLength = 4;
        public const int MaxLength = 8;

        public static bool IsValidLength(int length)
        {
            return length >= MinLength && length <= MaxLength;
        }

        public static bool IsValid(string pin)
        {
            if (pin == null || !IsValidLength(pin.Length))
            {
                return false;
            }

            for (int i = 0; i < pin.Length; i++)
            {
                if (pin[i] < '0' || pin[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
