using System.Text;
using DigitLock.Core.Security;

namespace DigitLock.Core.Tests.Security;

public class Sha256Tests
{
    internal static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    [Theory]
    // FIPS 180-2 appendix B / NIST CSRC examples.
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Standard_vectors(string message, string expected)
    {
        Assert.Equal(expected, Hex(Sha256.Hash(Encoding.ASCII.GetBytes(message))));
    }

    [Fact]
    public void One_million_a_fed_in_uneven_chunks()
    {
        var sha = new Sha256();
        var chunk = Enumerable.Repeat((byte)'a', 997).ToArray();
        int left = 1_000_000;
        while (left > 0)
        {
            int n = Math.Min(left, chunk.Length);
            sha.Update(chunk, 0, n);
            left -= n;
        }

        var digest = new byte[32];
        sha.Final(digest, 0);
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Hex(digest));
    }

    [Fact]
    public void Agrees_with_the_platform_at_every_padding_boundary()
    {
        var rng = new Random(7);
        for (int length = 0; length <= 200; length++)
        {
            var message = new byte[length];
            rng.NextBytes(message);
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(message), Sha256.Hash(message));
        }
    }

    [Fact]
    public void Final_resets_for_the_next_message()
    {
        var sha = new Sha256();
        var abc = Encoding.ASCII.GetBytes("abc");
        var first = new byte[32];
        var second = new byte[32];
        sha.Update(abc, 0, 3);
        sha.Final(first, 0);
        sha.Update(abc, 0, 3);
        sha.Final(second, 0);
        Assert.Equal(first, second);
    }
}
