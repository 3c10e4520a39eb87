using System;

namespace DigitLock.Core.Strokes
{
    /// <summary>
    /// The points of one digit as parallel integer arrays with stroke boundaries. Capture fills it
    /// and preprocessing reads it, so a digit costs no allocation once the buffer exists: the
    /// nanoFramework garbage collector is slow and a pause while writing would drop touch samples.
    /// </summary>
    public sealed class InkBuffer
    {
        private int[] _x;
        private int[] _y;
        private int[] _t;
        private int[] _strokeEnd;
        private readonly bool _growable;
        private int _count;
        private int _strokeCount;
        private bool _inStroke;
        private bool _overflowed;

        /// <param name="growable">
        /// True lets <see cref="CopyFrom"/> and <see cref="Add"/> enlarge the arrays (host tools);
        /// false drops what does not fit and sets <see cref="Overflowed"/> (the device).
        /// </param>
        public InkBuffer(int pointCapacity, int strokeCapacity, bool growable)
        {
            if (pointCapacity < 1 || strokeCapacity < 1)
            {
                throw new ArgumentOutOfRangeException("pointCapacity");
            }

            _x = new int[pointCapacity];
            _y = new int[pointCapacity];
            _t = new int[pointCapacity];
            _strokeEnd = new int[strokeCapacity];
            _growable = growable;
        }

        public int PointCount
        {
            get { return _count; }
        }

        /// <summary>Strokes holding at least one point (an open stroke counts once it has one).</summary>
        public int StrokeCount
        {
            get { return _inStroke && _count > StrokeStartOfOpen() ? _strokeCount + 1 : _strokeCount; }
        }

        public int PointCapacity
        {
            get { return _x.Length; }
        }

        /// <summary>True when points or strokes were dropped because the buffer was full.</summary>
        public bool Overflowed
        {
            get { return _overflowed; }
        }

        public int X(int index)
        {
            return _x[index];
        }

        public int Y(int index)
        {
            return _y[index];
        }

        public int TimeMs(int index)
        {
            return _t[index];
        }

        public int StrokeStart(int stroke)
        {
            return stroke == 0 ? 0 : _strokeEnd[stroke - 1];
        }

        /// <summary>One past the last point of the stroke.</summary>
        public int StrokeEnd(int stroke)
        {
            return stroke < _strokeCount ? _strokeEnd[stroke] : _count;
        }

        public void Clear()
        {
            _count = 0;
            _strokeCount = 0;
            _inStroke = false;
            _overflowed = false;
        }

        /// <summary>Starts a stroke; an unfinished one is ended first.</summary>
        public void BeginStroke()
        {
            EndStroke();
            if (_strokeCount >= _strokeEnd.Length && !_growable)
            {
                _overflowed = true;
                return;
            }

            _inStroke = true;
        }

        public bool IsInStroke
        {
            get { return _inStroke; }
        }

        /// <summary>Adds a point to the open stroke; false when there is none or the buffer is full.</summary>
        public bool Add(int x, int y, int timeMs)
        {
            if (!_inStroke)
            {
                return false;
            }

            if (_count == _x.Length)
            {
                if (!_growable)
                {
                    _overflowed = true;
                    return false;
                }

                GrowPoints(_x.Length * 2);
            }

            _x[_count] = x;
            _y[_count] = y;
            _t[_count] = timeMs;
            _count++;
            return true;
        }

        /// <summary>Closes the open stroke; a stroke without points leaves no trace.</summary>
        public void EndStroke()
        {
            if (!_inStroke)
            {
                return;
            }

            _inStroke = false;
            if (_count == StrokeStartOfOpen())
            {
                return;
            }

            if (_strokeCount == _strokeEnd.Length)
            {
                GrowStrokes(_strokeEnd.Length * 2);
            }

            _strokeEnd[_strokeCount] = _count;
            _strokeCount++;
        }

        public int LastX
        {
            get { return _x[_count - 1]; }
        }

        public int LastY
        {
            get { return _y[_count - 1]; }
        }

        public int LastTimeMs
        {
            get { return _t[_count - 1]; }
        }

        /// <summary>Points in the open stroke (0 when none is open).</summary>
        public int OpenStrokePointCount
        {
            get { return _inStroke ? _count - StrokeStartOfOpen() : 0; }
        }

        /// <summary>Replaces the content with <paramref name="strokes"/>; grows only if growable.</summary>
        public void CopyFrom(Stroke[] strokes)
        {
            if (strokes == null)
            {
                throw new ArgumentNullException("strokes");
            }

            Clear();
            for (int s = 0; s < strokes.Length; s++)
            {
                Stroke stroke = strokes[s];
                BeginStroke();
                for (int i = 0; i < stroke.Count; i++)
                {
                    TouchPoint p = stroke[i];
                    Add(p.X, p.Y, p.TimeMs);
                }

                EndStroke();
            }
        }

        /// <summary>Copies the closed strokes out as immutable <see cref="Stroke"/>s (allocates; for saving).</summary>
        public Stroke[] ToStrokes()
        {
            Stroke[] strokes = new Stroke[_strokeCount];
            for (int s = 0; s < _strokeCount; s++)
            {
                int start = StrokeStart(s);
                int end = StrokeEnd(s);
                TouchPoint[] points = new TouchPoint[end - start];
                for (int i = start; i < end; i++)
                {
                    points[i - start] = new TouchPoint(_x[i], _y[i], _t[i]);
                }

                strokes[s] = new Stroke(points);
            }

            return strokes;
        }

        private int StrokeStartOfOpen()
        {
            return _strokeCount == 0 ? 0 : _strokeEnd[_strokeCount - 1];
        }

        private void GrowPoints(int capacity)
        {
            _x = Grow(_x, capacity);
            _y = Grow(_y, capacity);
            _t = Grow(_t, capacity);
        }

        private void GrowStrokes(int capacity)
        {
            // Only reached when growable: BeginStroke refuses a stroke a fixed buffer cannot hold.
            _strokeEnd = Grow(_strokeEnd, capacity);
        }

        private static int[] Grow(int[] old, int capacity)
        {
            int[] bigger = new int[capacity];
            Array.Copy(old, bigger, old.Length);
            return bigger;
        }
    }
}
