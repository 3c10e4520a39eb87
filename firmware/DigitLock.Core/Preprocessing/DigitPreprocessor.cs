using System;
using DigitLock.Core.Strokes;

namespace DigitLock.Core.Preprocessing
{
    /// <summary>
    /// THE preprocessing: vector strokes in screen pixels to the 28x28 image the model sees, the
    /// same bytes on the board, in the simulator and in every host tool. MNIST-like: the centre
    /// line's bounding box is scaled (aspect kept, so a "1" stays thin) until the drawn ink
    /// fills a 20x20 square, drawn with an anti-aliased round pen, then drawn again moved (by
    /// a fraction of a pixel if need be) so the centre of mass is the frame's centre.
    /// Integer arithmetic only. After construction a digit allocates
    /// nothing (one instance per thread: it keeps scratch buffers).
    /// </summary>
    public sealed class DigitPreprocessor
    {
        private const int Size = PreprocessParams.ImageSize;

        /// <summary>Points closer than this (Q8) to the last drawn one are skipped: they add cost, not ink.</summary>
        private const int MergeQ8 = 64;

        private readonly PenRasterizer _pen;
        private readonly byte[] _canvas = new byte[Size * Size];
        private readonly InkBuffer _strokeInk = new InkBuffer(256, 8, true);

        public DigitPreprocessor()
        {
            _pen = new PenRasterizer(PreprocessParams.PenRadiusQ8, PreprocessParams.EdgeSoftnessQ8);
        }

        /// <summary>Strokes as stored in a <see cref="Sample"/> (host tools, re-rendering a data set).</summary>
        public PreprocessResult Process(Stroke[] strokes, byte[] image)
        {
            _strokeInk.CopyFrom(strokes);
            return Process(_strokeInk, image);
        }

        /// <summary>Fills <paramref name="image"/> (784 bytes, 0 = background, 255 = ink).</summary>
        public PreprocessResult Process(InkBuffer ink, byte[] image)
        {
            if (ink == null)
            {
                throw new ArgumentNullException("ink");
            }

            if (image == null || image.Length != Size * Size)
            {
                throw new ArgumentException("image must be 28x28 bytes");
            }

            Array.Clear(image, 0, image.Length);
            int count = ink.PointCount;
            if (count == 0)
            {
                return PreprocessResult.NothingWritten;
            }

            int minX = ink.X(0);
            int maxX = minX;
            int minY = ink.Y(0);
            int maxY = minY;
            for (int i = 1; i < count; i++)
            {
                int x = ink.X(i);
                int y = ink.Y(i);
                if (x < minX)
                {
                    minX = x;
                }

                if (x > maxX)
                {
                    maxX = x;
                }

                if (y < minY)
                {
                    minY = y;
                }

                if (y > maxY)
                {
                    maxY = y;
                }
            }

            int width = maxX - minX;
            int height = maxY - minY;
            int extent = FixedPoint.Max(width, height);
            if (extent < PreprocessParams.MinExtentPx)
            {
                return PreprocessResult.NothingWritten;
            }

            // Screen to Q8 output pixels: one scale for both axes, the centre line's box centred.
            long span = PreprocessParams.CentreLineFitQ8;
            int offsetX = (int)((Size * 256 - FixedPoint.DivRound(width * span, extent)) / 2);
            int offsetY = (int)((Size * 256 - FixedPoint.DivRound(height * span, extent)) / 2);

            Draw(ink, minX, minY, extent, offsetX, offsetY, _canvas);
            int shiftX;
            int shiftY;
            if (!MassCentring.OffsetToCentre(_canvas, out shiftX, out shiftY))
            {
                return PreprocessResult.NothingWritten;
            }

            Draw(ink, minX, minY, extent, offsetX + shiftX, offsetY + shiftY, image);
            return PreprocessResult.Digit;
        }

        /// <summary>Draws every stroke, mapped from screen to Q8 output pixels, into <paramref name="target"/>.</summary>
        private void Draw(InkBuffer ink, int minX, int minY, int extent, int offsetX, int offsetY, byte[] target)
        {
            long span = PreprocessParams.CentreLineFitQ8;
            Array.Clear(target, 0, target.Length);
            int strokes = ink.StrokeCount;
            for (int s = 0; s < strokes; s++)
            {
                int start = ink.StrokeStart(s);
                int end = ink.StrokeEnd(s);
                if (end <= start)
                {
                    continue;
                }

                int lastX = offsetX + (int)FixedPoint.DivRound((ink.X(start) - minX) * span, extent);
                int lastY = offsetY + (int)FixedPoint.DivRound((ink.Y(start) - minY) * span, extent);
                if (end - start == 1)
                {
                    _pen.DrawSegment(target, Size, lastX, lastY, lastX, lastY);
                    continue;
                }

                for (int i = start + 1; i < end; i++)
                {
                    int x = offsetX + (int)FixedPoint.DivRound((ink.X(i) - minX) * span, extent);
                    int y = offsetY + (int)FixedPoint.DivRound((ink.Y(i) - minY) * span, extent);
                    bool last = i == end - 1;
                    if (!last && FixedPoint.Abs(x - lastX) <= MergeQ8 && FixedPoint.Abs(y - lastY) <= MergeQ8)
                    {
                        continue;
                    }

                    _pen.DrawSegment(target, Size, lastX, lastY, x, y);
                    lastX = x;
                    lastY = y;
                }
            }
        }
    }
}
