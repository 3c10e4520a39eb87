using System;

namespace DigitLock.Core.Preprocessing
{
    /// <summary>
    /// Draws round-capped, anti-aliased pen segments into a square grey image, integers only.
    /// Each pixel gets the coverage of its distance to the segment (a ramp from full ink at
    /// radius - softness to none at radius + softness); overlapping segments keep the darker
    /// value, so joints of a polyline do not build up.
    /// </summary>
    internal sealed class PenRasterizer
    {
        private const int TableEntries = 2048;

        private readonly byte[] _coverage;
        private readonly int _tableShift;
        private readonly int _reachQ8;
        private readonly long _reachSquared;

        public PenRasterizer(int radiusQ8, int softnessQ8)
        {
            if (radiusQ8 < 1 || softnessQ8 < 0 || softnessQ8 > radiusQ8)
            {
                throw new ArgumentOutOfRangeException("radiusQ8");
            }

            _reachQ8 = radiusQ8 + softnessQ8;
            _reachSquared = (long)_reachQ8 * _reachQ8;
            int shift = 0;
            while ((_reachSquared >> shift) >= TableEntries)
            {
                shift++;
            }

            _tableShift = shift;
            int entries = (int)(_reachSquared >> shift) + 1;
            _coverage = new byte[entries];
            for (int i = 0; i < entries; i++)
            {
                // The distance at the middle of the entry's range of squared distances.
                long squared = ((long)i << shift) + ((1L << shift) >> 1);
                int distance = FixedPoint.Sqrt(squared);
                int value;
                if (softnessQ8 == 0)
                {
                    value = distance <= radiusQ8 ? 255 : 0;
                }
                else
                {
                    value = (int)FixedPoint.DivRound((long)(_reachQ8 - distance) * 255, 2 * softnessQ8);
                }

                _coverage[i] = (byte)(value < 0 ? 0 : value > 255 ? 255 : value);
            }
        }

        /// <summary>Draws from (ax,ay) to (bx,by), Q8 pixel coordinates (pixel i spans [256i, 256i+256)).</summary>
        public void DrawSegment(byte[] image, int size, int ax, int ay, int bx, int by)
        {
            int x0 = FixedPoint.Max(0, (FixedPoint.Min(ax, bx) - _reachQ8) >> 8);
            int x1 = FixedPoint.Min(size - 1, (FixedPoint.Max(ax, bx) + _reachQ8) >> 8);
            int y0 = FixedPoint.Max(0, (FixedPoint.Min(ay, by) - _reachQ8) >> 8);
            int y1 = FixedPoint.Min(size - 1, (FixedPoint.Max(ay, by) + _reachQ8) >> 8);
            long abx = bx - ax;
            long aby = by - ay;
            long lengthSquared = abx * abx + aby * aby;
            for (int y = y0; y <= y1; y++)
            {
                long apy = (y << 8) + 128 - ay;
                int row = y * size;
                for (int x = x0; x <= x1; x++)
                {
                    long apx = (x << 8) + 128 - ax;
                    long dot = apx * abx + apy * aby;
                    long squared;
                    if (lengthSquared == 0 || dot <= 0)
                    {
                        squared = apx * apx + apy * apy;
                    }
                    else if (dot >= lengthSquared)
                    {
                        long bpx = apx - abx;
                        long bpy = apy - aby;
                        squared = bpx * bpx + bpy * bpy;
                    }
                    else
                    {
                        long cross = apx * aby - apy * abx;
                        squared = cross * cross / lengthSquared;
                    }

                    if (squared >= _reachSquared)
                    {
                        continue;
                    }

                    byte value = _coverage[(int)(squared >> _tableShift)];
                    if (value > image[row + x])
                    {
                        image[row + x] = value;
                    }
                }
            }
        }
    }
}
