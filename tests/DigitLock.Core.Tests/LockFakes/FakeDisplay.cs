using DigitLock.Core.Hardware;

namespace DigitLock.Core.Tests.LockFakes;

public sealed class FakeDisplay : IDisplay
{
    public FakeDisplay(int width, int height)
    {
        Width = width;
        Height = height;
        Framebuffer = new ushort[width * height];
    }

    public int Width { get; }

    public int Height { get; }

    public ushort[] Framebuffer { get; }

    public int Flushes { get; private set; }

    public void Flush(int x, int y, int width, int height)
    {
        Assert.True(x >= 0 && y >= 0 && width > 0 && height > 0 && x + width <= Width && y + height <= Height,
            $"flush region {x},{y} {width}x{height} outside the panel");
        Flushes++;
    }
}
