namespace DigitLock.Core.Security
{
    /// <summary>
    /// HMAC-SHA256 done elsewhere, e.g. natively: nanoFramework's
    /// System.Security.Cryptography.HMACSHA256.HashData (mbedTLS, on firmware built with it) is
    /// far faster than managed SHA-256 under the interpreter. Null everywhere means the managed
    /// <see cref="HmacSha256"/>.
    /// </summary>
    public interface IHmacSha256
    {
        /// <summary>The 32-byte HMAC-SHA256 of <paramref name="message"/> under <paramref name="key"/>.</summary>
        byte[] Compute(byte[] key, byte[] message);
    }
}
