using System.Text;
using DigitLock.Core.Security;
using static DigitLock.Core.Tests.Security.Sha256Tests;

namespace DigitLock.Core.Tests.Security;

public class HmacPbkdf2Tests
{
    private static byte[] Fill(byte value, int count) => Enumerable.Repeat(value, count).ToArray();

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    public static TheoryData<byte[], byte[], string> Rfc4231 => new()
    {
        { Fill(0x0b, 20), Ascii("Hi There"), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
        { Ascii("Jefe"), Ascii("what do ya want for nothing?"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
        { Fill(0xaa, 20), Fill(0xdd, 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
        { Fill(0xaa, 131), Ascii("Test Using Larger Than Block-Size Key - Hash Key First"), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
        {
            Fill(0xaa, 131),
            Ascii("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
        },
    };

    [Theory]
    [MemberData(nameof(Rfc4231))]
    public void Hmac_rfc4231_vectors(byte[] key, byte[] data, string expected)
    {
        Assert.Equal(expected, Hex(HmacSha256.Compute(key, data)));
    }

    [Fact]
    public void Hmac_instance_can_be_reused_for_many_messages()
    {
        var mac = new HmacSha256(Ascii("Jefe"));
        var output = new byte[32];
        for (int i = 0; i < 3; i++)
        {
            var data = Ascii("what do ya want for nothing?");
            mac.Update(data, 0, data.Length);
            mac.Final(output, 0);
            Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Hex(output));
        }
    }

    [Fact]
    public void Pbkdf2_rfc7914_vector_1()
    {
        var dk = Pbkdf2Sha256.Derive(Ascii("passwd"), Ascii("salt"), 1, 64);
        Assert.Equal(
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783",
            Hex(dk));
    }

    [Fact]
    public void Pbkdf2_rfc7914_vector_2_80000_iterations()
    {
        var dk = Pbkdf2Sha256.Derive(Ascii("Password"), Ascii("NaCl"), 80000, 64);
        Assert.Equal(
            "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d",
            Hex(dk));
    }

    [Theory]
    [InlineData(2, 20)]
    [InlineData(7, 33)]
    [InlineData(100, 32)]
    public void Pbkdf2_agrees_with_the_platform(int iterations, int length)
    {
        var password = Ascii("4711");
        var salt = Fill(0x5a, 16);
        var expected = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2(
            password, salt, iterations, System.Security.Cryptography.HashAlgorithmName.SHA256, length);
        Assert.Equal(expected, Pbkdf2Sha256.Derive(password, salt, iterations, length));
    }

    [Fact]
    public void Constant_time_equals()
    {
        Assert.True(ConstantTime.Equals(new byte[] { 1, 2, 3 }, new byte[] { 1, 2, 3 }));
        Assert.False(ConstantTime.Equals(new byte[] { 1, 2, 3 }, new byte[] { 1, 2, 4 }));
        Assert.False(ConstantTime.Equals(new byte[] { 0, 2, 3 }, new byte[] { 1, 2, 3 }));
        Assert.False(ConstantTime.Equals(new byte[] { 1, 2 }, new byte[] { 1, 2, 3 }));
        Assert.False(ConstantTime.Equals(null!, new byte[] { 1 }));
    }
}

public class ExternalHmacTests
{
    /// <summary>Plays a native HMAC (nanoFramework's HMACSHA256.HashData on the board).</summary>
    private sealed class PlatformHmac : IHmacSha256
    {
        public int Calls { get; private set; }

        public byte[] Compute(byte[] key, byte[] message)
        {
            Calls++;
            return System.Security.Cryptography.HMACSHA256.HashData(key, message);
        }
    }

    [Theory]
    [InlineData(1, 32)]
    [InlineData(50, 32)]
    [InlineData(3, 70)]
    public void External_hmac_derives_the_same_bytes(int iterations, int length)
    {
        var hmac = new PlatformHmac();
        var password = System.Text.Encoding.ASCII.GetBytes("86420");
        var salt = new byte[] { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6 };
        Assert.Equal(Pbkdf2Sha256.Derive(password, salt, iterations, length),
            Pbkdf2Sha256.Derive(hmac, password, salt, iterations, length));
        Assert.Equal(iterations * ((length + 31) / 32), hmac.Calls);
    }

    [Fact]
    public void Pin_hashed_natively_verifies_with_the_managed_code_and_back()
    {
        var hmac = new PlatformHmac();
        var native = PinHash.Create("2580", new RandomEntropySource(4), 30, hmac);
        Assert.True(native.Matches("2580"));
        var managed = PinHash.Create("2580", new RandomEntropySource(4), 30);
        Assert.True(managed.Matches("2580", hmac));
        Assert.False(managed.Matches("2581", hmac));
    }
}
