using System;

namespace DigitLock.Core.Preprocessing
{
    /// <summary>
    /// The path for inputs that already are pictures (a 28x28 from another app, a scan): crop to
    /// the ink, scale to fit the same 20x20 square keeping the aspect ratio, centre by mass, so
    /// such images are framed like the device's own. Downscaling averages the covered area,
    /// upscaling interpolates bilinearly; integers only, no allocation after construction.
    /// </summary>
    public sealed class BitmapReframer
    {
        private const int Size = PreprocessParams.ImageSize;
        private const int Fit = PreprocessParams.FitSize;

        private readonly byte[] _canvas = new byte[Size * Size];
        private readonly long[] _edgesX = new long[Size + 1];
        private readonly long[] _edgesY = new long[Size + 1];

        /// <summary>
        /// Reframes a row-major grey image of <paramref name="width"/> x <paramref name="height"/>.
        /// </summary>
        /// <param name="darkInk">True for dark ink on a light background (it is inverted first).</param>
        public PreprocessResult Reframe(byte[] pixels, int width, int height, bool darkInk, byte[] image)
        {
            if (pixels == null)
            {
                throw new ArgumentNullException("pixels");
            }

            if (width < 1 || height < 1 || pixels.Length != width * height)
            {
                throw new ArgumentException("pixels must hold width x height bytes");
            }

            if (image == null || image.Length != Size * Size)
            {
                throw new ArgumentException("image must be 28x28 bytes");
            }

            Array.Clear(image, 0, image.Length);
            int minX = width;
            int maxX = -1;
            int minY = height;
            int maxY = -1;
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    if (Ink(pixels, y * width + x, darkInk) > PreprocessParams.BitmapInkThreshold)
                    {
                        minX = FixedPoint.Min(minX, x);
                        maxX = FixedPoint.Max(maxX, x);
                        minY = FixedPoint.Min(minY, y);
                        maxY = FixedPoint.Max(maxY, y);
                    }
                }
            }

            if (maxX < 0)
            {
                return PreprocessResult.NothingWritten;
            }

            int boxWidth = maxX - minX + 1;
            int boxHeight = maxY - minY + 1;
            int extent = FixedPoint.Max(boxWidth, boxHeight);
            if (extent < PreprocessParams.MinBitmapExtentPx)
            {
                return PreprocessResult.NothingWritten;
            }

            // Output pixel edge e (whole pixels) maps to source position Origin + (e * 256 - Offset) * extent / Fit
            // (Q8 on both sides): one scale for both axes, the ink's box centred, then moved by the
            // sub-pixel difference between its centre of mass and the frame's centre.
            long originX = ((long)minX << 8) + ((long)boxWidth << 8) / 2;
            long originY = ((long)minY << 8) + ((long)boxHeight << 8) / 2;
            const int centre = Size * 256 / 2;
            Draw(pixels, width, height, darkInk, extent, originX, originY, centre, centre, _canvas);
            int shiftX;
            int shiftY;
            if (!MassCentring.OffsetToCentre(_canvas, out shiftX, out shiftY))
            {
                return PreprocessResult.NothingWritten;
            }

            Draw(pixels, width, height, darkInk, extent, originX, originY, centre + shiftX, centre + shiftY, image);
            return PreprocessResult.Digit;
        }

        private void Draw(byte[] pixels, int width, int height, bool darkInk, int extent,
            long originX, long originY, int offsetXQ8, int offsetYQ8, byte[] target)
        {
            for (int e = 0; e <= Size; e++)
            {
                _edgesX[e] = originX + ((long)(e << 8) - offsetXQ8) * extent / Fit;
                _edgesY[e] = originY + ((long)(e << 8) - offsetYQ8) * extent / Fit;
            }

            bool averaging = extent >= Fit;
            for (int oy = 0; oy < Size; oy++)
            {
                long y0 = _edgesY[oy];
                long y1 = _edgesY[oy + 1];
                for (int ox = 0; ox < Size; ox++)
                {
                    long x0 = _edgesX[ox];
                    long x1 = _edgesX[ox + 1];
                    int value = averaging
                        ? AreaAverage(pixels, width, height, darkInk, x0, x1, y0, y1)
                        : Bilinear(pixels, width, height, darkInk, (x0 + x1) / 2, (y0 + y1) / 2);
                    target[oy * Size + ox] = (byte)value;
                }
            }
        }

        private static int AreaAverage(byte[] pixels, int width, int height, bool darkInk, long x0, long x1, long y0, long y1)
        {
            long sum = 0;
            for (long sy = y0 >> 8; (sy << 8) < y1; sy++)
            {
                long wy = FixedPoint.Min(y1, (sy + 1) << 8) - FixedPoint.Max(y0, sy << 8);
                for (long sx = x0 >> 8; (sx << 8) < x1; sx++)
                {
                    long wx = FixedPoint.Min(x1, (sx + 1) << 8) - FixedPoint.Max(x0, sx << 8);
                    sum += Sample(pixels, width, height, darkInk, sx, sy) * wx * wy;
                }
            }

            return (int)FixedPoint.DivRound(sum, (x1 - x0) * (y1 - y0));
        }

        /// <summary>Bilinear value at a Q8 position (pixel centres at 256i + 128).</summary>
        private static int Bilinear(byte[] pixels, int width, int height, bool darkInk, long x, long y)
        {
            long px = x - 128;
            long py = y - 128;
            long ix = px >> 8;
            long iy = py >> 8;
            long fx = px & 255;
            long fy = py & 255;
            long top = Sample(pixels, width, height, darkInk, ix, iy) * (256 - fx)
                + Sample(pixels, width, height, darkInk, ix + 1, iy) * fx;
            long bottom = Sample(pixels, width, height, darkInk, ix, iy + 1) * (256 - fx)
                + Sample(pixels, width, height, darkInk, ix + 1, iy + 1) * fx;
            return (int)FixedPoint.DivRound(top * (256 - fy) + bottom * fy, 65536);
        }

        private static int Sample(byte[] pixels, int width, int height, bool darkInk, long x, long y)
        {
            if (x < 0 || y < 0 || x >= width || y >= height)
            {
                return 0;
            }

            return Ink(pixels, (int)y * width + (int)x, darkInk);
        }

        private static int Ink(byte[] pixels, int index, bool darkInk)
        {
            return darkInk ? 255 - pixels[index] : pixels[index];
        }
    }
}
