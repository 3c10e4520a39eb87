namespace DigitLock.Core.Hardware
{
    /// <summary>
    /// The LCD as the portable UI sees it: a 16-bit RGB565 framebuffer that is pushed to the
    /// panel on <see cref="Flush"/>. The board binds it to nanoFramework.Graphics; the simulator
    /// to a browser canvas. RGB565 because both boards' panels take it natively.
    /// </summary>
    public interface IDisplay
    {
        int Width { get; }

        int Height { get; }

        /// <summary>Row-major RGB565 pixels, Width * Height entries, owned by the display.</summary>
        ushort[] Framebuffer { get; }

        /// <summary>Copies the framebuffer region to the panel.</summary>
        void Flush(int x, int y, int width, int height);
    }
}
