using System;
using DigitLock.Core.Hardware;

namespace DigitLock.Core.Ui
{
    /// <summary>
    /// Drawing into the display's RGB565 framebuffer: filled rectangles, outlines, thick pen
    /// lines, discs and 5x7 text. Rows are filled by writing one span and copying it with
    /// Array.Copy, because per-pixel loops are slow in the nanoFramework interpreter and
    /// Array.Copy runs natively. Tracks the changed region so <see cref="Flush"/> pushes only that.
    /// </summary>
    public sealed class Canvas
    {
        private readonly IDisplay _display;
        private readonly ushort[] _pixels;
        private readonly int _width;
        private readonly int _height;
        private readonly ushort[] _span;

        private int _dirtyLeft;
        private int _dirtyTop;
        private int _dirtyRight;
        private int _dirtyBottom;

        public Canvas(IDisplay display)
        {
            if (display == null)
            {
                throw new ArgumentNullException("display");
            }

            _display = display;
            _pixels = display.Framebuffer;
            _width = display.Width;
            _height = display.Height;
            if (_pixels == null || _pixels.Length < _width * _height)
            {
                throw new ArgumentException("framebuffer smaller than Width x Height");
            }

            _span = new ushort[_width];
            ResetDirty();
        }

        public int Width
        {
            get { return _width; }
        }

        public int Height
        {
            get { return _height; }
        }

        public ushort GetPixel(int x, int y)
        {
            return _pixels[y * _width + x];
        }

        public void Clear(ushort color)
        {
            FillRect(0, 0, _width, _height, color);
        }

        public void FillRect(Rect r, ushort color)
        {
            FillRect(r.X, r.Y, r.Width, r.Height, color);
        }

        public void FillRect(int x, int y, int width, int height, ushort color)
        {
            int x0 = x < 0 ? 0 : x;
            int y0 = y < 0 ? 0 : y;
            int x1 = x + width > _width ? _width : x + width;
            int y1 = y + height > _height ? _height : y + height;
            if (x1 <= x0 || y1 <= y0)
            {
                return;
            }

            int count = x1 - x0;
            for (int i = 0; i < count; i++)
            {
                _span[i] = color;
            }

            for (int row = y0; row < y1; row++)
            {
                Array.Copy(_span, 0, _pixels, row * _width + x0, count);
            }

            MarkDirty(x0, y0, x1, y1);
        }

        /// <summary>An outline <paramref name="thickness"/> pixels wide, inside the rectangle.</summary>
        public void DrawRect(Rect r, int thickness, ushort color)
        {
            FillRect(r.X, r.Y, r.Width, thickness, color);
            FillRect(r.X, r.Bottom - thickness, r.Width, thickness, color);
            FillRect(r.X, r.Y, thickness, r.Height, color);
            FillRect(r.Right - thickness, r.Y, thickness, r.Height, color);
        }

        /// <summary>A filled disc; radius 0 is one pixel.</summary>
        public void FillDisc(int cx, int cy, int radius, ushort color)
        {
            for (int dy = -radius; dy <= radius; dy++)
            {
                int dx = 0;
                while ((dx + 1) * (dx + 1) + dy * dy <= radius * radius)
                {
                    dx++;
                }

                FillRect(cx - dx, cy + dy, 2 * dx + 1, 1, color);
            }
        }

        /// <summary>A pen line: a disc of <paramref name="radius"/> stamped at every Bresenham step.</summary>
        public void DrawLine(int x0, int y0, int x1, int y1, int radius, ushort color)
        {
            int dx = x1 > x0 ? x1 - x0 : x0 - x1;
            int dy = y1 > y0 ? y1 - y0 : y0 - y1;
            int sx = x0 < x1 ? 1 : -1;
            int sy = y0 < y1 ? 1 : -1;
            int err = dx - dy;
            while (true)
            {
                if (radius <= 1)
                {
                    FillRect(x0 - radius, y0 - radius, 2 * radius + 1, 2 * radius + 1, color);
                }
                else
                {
                    FillDisc(x0, y0, radius, color);
                }

                if (x0 == x1 && y0 == y1)
                {
                    return;
                }

                int e2 = 2 * err;
                if (e2 > -dy)
                {
                    err -= dy;
                    x0 += sx;
                }

                if (e2 < dx)
                {
                    err += dx;
                    y0 += sy;
                }
            }
        }

        /// <summary>Draws text with its top-left corner at (x, y).</summary>
        public void DrawText(string text, int x, int y, int scale, ushort color)
        {
            if (text == null)
            {
                return;
            }

            for (int i = 0; i < text.Length; i++)
            {
                int glyph = Font5x7.GlyphIndex(text[i]);
                if (glyph >= 0)
                {
                    DrawGlyph(glyph, x + i * Font5x7.Advance * scale, y, scale, color);
                }
            }
        }

        /// <summary>Draws text centred in <paramref name="area"/>.</summary>
        public void DrawTextCentered(string text, Rect area, int scale, ushort color)
        {
            int x = area.X + (area.Width - Font5x7.TextWidth(text, scale)) / 2;
            int y = area.Y + (area.Height - Font5x7.TextHeight(scale)) / 2;
            DrawText(text, x, y, scale, color);
        }

        /// <summary>The largest scale (up to <paramref name="maxScale"/>, at least 1) at which the text fits the width.</summary>
        public static int FitScale(string text, int width, int maxScale)
        {
            int scale = maxScale;
            while (scale > 1 && Font5x7.TextWidth(text, scale) > width)
            {
                scale--;
            }

            return scale;
        }

        /// <summary>Pushes everything drawn since the last flush to the panel.</summary>
        public void Flush()
        {
            if (_dirtyRight <= _dirtyLeft || _dirtyBottom <= _dirtyTop)
            {
                return;
            }

            _display.Flush(_dirtyLeft, _dirtyTop, _dirtyRight - _dirtyLeft, _dirtyBottom - _dirtyTop);
            ResetDirty();
        }

        private void DrawGlyph(int glyph, int x, int y, int scale, ushort color)
        {
            for (int row = 0; row < Font5x7.GlyphHeight; row++)
            {
                int bits = Font5x7.RowBits(glyph, row);
                int col = 0;
                while (col < Font5x7.GlyphWidth)
                {
                    // Runs of set bits become one rectangle: fewer calls for the interpreter.
                    if ((bits & (0x10 >> col)) == 0)
                    {
                        col++;
                        continue;
                    }

                    int start = col;
                    while (col < Font5x7.GlyphWidth && (bits & (0x10 >> col)) != 0)
                    {
                        col++;
                    }

                    FillRect(x + start * scale, y + row * scale, (col - start) * scale, scale, color);
                }
            }
        }

        private void MarkDirty(int x0, int y0, int x1, int y1)
        {
            if (x0 < _dirtyLeft)
            {
                _dirtyLeft = x0;
            }

            if (y0 < _dirtyTop)
            {
                _dirtyTop = y0;
            }

            if (x1 > _dirtyRight)
            {
                _dirtyRight = x1;
            }

            if (y1 > _dirtyBottom)
            {
                _dirtyBottom = y1;
            }
        }

        private void ResetDirty()
        {
            _dirtyLeft = _width;
            _dirtyTop = _height;
            _dirtyRight = 0;
            _dirtyBottom = 0;
        }
    }
}
