using DigitLock.Core.Hardware;
using nanoFramework.UI;

namespace DigitLock.Board
{
    /// <summary>
    /// The core's RGB565 framebuffer pushed to the panel with nanoFramework.Graphics.
    /// DisplayControl.Initialize must have run (board-specific) before the first Flush.
    /// </summary>
    public sealed class FramebufferDisplay : IDisplay
    {
        private readonly int _width;
        private readonly int _height;
        private readonly ushort[] _framebuffer;

        // DisplayControl.Write takes a packed width*height block, so a dirty rectangle is copied
        // out band by band. A band of rows rather than a second full framebuffer: a 480x272
        // copy would cost another 255 KB of managed heap. Allocated once: the GC is slow.
        private const int BandRows = 16;
        private readonly ushort[] _band;

        public FramebufferDisplay(int width, int height)
        {
            _width = width;
            _height = height;
            _framebuffer = new ushort[width * height];
            _band = new ushort[width * BandRows];
        }

        public int Width
        {
            get { return _width; }
        }

        public int Height
        {
            get { return _height; }
        }

        public ushort[] Framebuffer
        {
            get { return _framebuffer; }
        }

        public void Flush(int x, int y, int width, int height)
        {
            if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > _width || y + height > _height)
            {
                throw new System.ArgumentOutOfRangeException("width");
            }

            for (int top = y; top < y + height; top += BandRows)
            {
                int rows = System.Math.Min(BandRows, y + height - top);
                int k = 0;
                for (int row = top; row < top + rows; row++)
                {
                    int i = row * _width + x;
                    for (int col = 0; col < width; col++)
                    {
                        _band[k++] = SwapRedBlue(_framebuffer[i++]);
                    }
                }

                DisplayControl.Write((ushort)x, (ushort)top, (ushort)width, (ushort)rows, _band);
            }
        }

        // nanoFramework's native 16-bit layout is Color.ToBgr565 (blue in bits 15..11);
        // the core draws red in bits 15..11.
        private static ushort SwapRedBlue(ushort rgb565)
        {
            return (ushort)(((rgb565 & 0x001F) << 11) | (rgb565 & 0x07E0) | (rgb565 >> 11));
        }
    }
}
