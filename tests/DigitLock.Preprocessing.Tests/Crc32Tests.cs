using System.Text;
using DigitLock.Core.Dataset;

namespace DigitLock.Preprocessing.Tests;

public class Crc32Tests
{
    [Fact]
    public void Standard_check_value_of_123456789()
    {
        var data = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xCBF43926u, Crc32.Compute(data, 0, data.Length));
    }

    [Fact]
    public void Empty_input_gives_zero_and_updates_compose()
    {
        Assert.Equal(0u, Crc32.Compute([], 0, 0));
        var data = Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog");
        var running = Crc32.Update(Crc32.Start, data, 0, 10);
        running = Crc32.Update(running, data, 10, data.Length - 10);
        Assert.Equal(0x414FA339u, Crc32.Finish(running));
    }
}
