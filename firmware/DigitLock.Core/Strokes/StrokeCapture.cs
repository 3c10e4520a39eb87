using System;
using DigitLock.Core.Hardware;
using DigitLock.Core.Preprocessing;

namespace DigitLock.Core.Strokes
{
    /// <summary>
    /// Turns touch events into the strokes of one digit per writing box. It drops repeated and
    /// out-of-box points, ends a stroke where a finger slides out of its box (and starts a new
    /// one where it slides back in), fills samples the controller missed with points on a line,
    /// and declares a digit done after pen-up plus a pause or when writing starts in another box.
    /// The same class runs on the board, in the simulator and in the host importers, so all of
    /// them produce the same points from the same finger movement.
    /// </summary>
    public sealed class StrokeCapture : ITouchSink
    {
        public const int DefaultPointCapacity = 1024;
        public const int DefaultStrokeCapacity = 16;

        /// <summary>At most this many points are invented for one gap: a longer gap is a lost
        /// touch, and the straight segment the renderer draws is as good a guess.</summary>
        public const int MaxFilledSamples = 16;

        private const int Q16 = 65536;

        private readonly WritingBox[] _boxes;
        private readonly int _periodMs;
        private readonly int _donePauseMs;
        private readonly IWritingListener _listener;
        private readonly InkBuffer _ink;
        private readonly object _sync = new object();

        private int _box = -1;
        private bool _penDown;
        private int _lastUpMs;
        private int _rawX;
        private int _rawY;
        private int _rawT;

        /// <param name="boxes">The writing boxes on the screen, in the order the UI numbers them.</param>
        /// <param name="sampleRateHz">The touch controller's report rate, to recognise missed samples.</param>
        /// <param name="donePauseMs">How long after pen-up a digit counts as finished.</param>
        public StrokeCapture(WritingBox[] boxes, int sampleRateHz, int donePauseMs, IWritingListener listener)
            : this(boxes, sampleRateHz, donePauseMs, listener, new InkBuffer(DefaultPointCapacity, DefaultStrokeCapacity, false))
        {
        }

        public StrokeCapture(WritingBox[] boxes, int sampleRateHz, int donePauseMs, IWritingListener listener, InkBuffer ink)
        {
            if (boxes == null || boxes.Length == 0)
            {
                throw new ArgumentException("at least one writing box is needed");
            }

            if (sampleRateHz < 1 || sampleRateHz > 1000)
            {
                throw new ArgumentOutOfRangeException("sampleRateHz");
            }

            if (donePauseMs < 0)
            {
                throw new ArgumentOutOfRangeException("donePauseMs");
            }

            if (listener == null)
            {
                throw new ArgumentNullException("listener");
            }

            if (ink == null)
            {
                throw new ArgumentNullException("ink");
            }

            _boxes = boxes;
            _periodMs = 1000 / sampleRateHz;
            _donePauseMs = donePauseMs;
            _listener = listener;
            _ink = ink;
        }

        /// <summary>The box holding the digit being written, or -1.</summary>
        public int ActiveBox
        {
            get { return _box; }
        }

        public bool IsPenDown
        {
            get { return _penDown; }
        }

        public void OnTouch(TouchAction action, int x, int y, int timeMs)
        {
            lock (_sync)
            {
                if (action == TouchAction.Down)
                {
                    Down(x, y, timeMs);
                }
                else if (action == TouchAction.Move)
                {
                    Move(x, y, timeMs);
                }
                else
                {
                    Up(timeMs);
                }
            }
        }

        /// <summary>
        /// Call regularly (UI loop) with the capture clock's time: finishes the digit once the pen
        /// has been up for the configured pause.
        /// </summary>
        public void Poll(int nowMs)
        {
            lock (_sync)
            {
                if (_box >= 0 && !_penDown && nowMs - _lastUpMs >= _donePauseMs)
                {
                    FinishDigit();
                }
            }
        }

        /// <summary>Finishes the digit now (an OK button); nothing happens when none is in progress.</summary>
        public void Finish()
        {
            lock (_sync)
            {
                if (_box >= 0)
                {
                    FinishDigit();
                }
            }
        }

        /// <summary>Forgets the digit in progress without reporting it.</summary>
        public void Cancel()
        {
            lock (_sync)
            {
                _box = -1;
                _ink.Clear();
            }
        }

        private void Down(int x, int y, int t)
        {
            _penDown = true;
            RememberRaw(x, y, t);
            int box = BoxAt(x, y);
            if (box < 0)
            {
                return;
            }

            if (_box >= 0 && box != _box)
            {
                FinishDigit();
            }

            if (_box < 0)
            {
                _box = box;
                _ink.Clear();
            }

            _ink.BeginStroke();
            Append(x, y, t);
        }

        private void Move(int x, int y, int t)
        {
            if (!_penDown)
            {
                // Some controllers lose the touch-down report; the first move stands in for it.
                Down(x, y, t);
                return;
            }

            if (_ink.IsInStroke)
            {
                WritingBox box = _boxes[_box];
                if (box.Contains(x, y))
                {
                    Append(x, y, t);
                }
                else
                {
                    // Slid out: the stroke ends on the edge, where the finger crossed it.
                    AppendEdgeCrossing(box, _ink.LastX, _ink.LastY, _ink.LastTimeMs, x, y, t);
                    _ink.EndStroke();
                }
            }
            else
            {
                int entered = BoxAt(x, y);
                if (entered >= 0 && (_box < 0 || entered == _box))
                {
                    if (_box < 0)
                    {
                        _box = entered;
                        _ink.Clear();
                    }

                    // Slid in: a new stroke starts on the edge, where the finger crossed it.
                    _ink.BeginStroke();
                    AppendEdgeCrossing(_boxes[entered], x, y, t, _rawX, _rawY, _rawT);
                    Append(x, y, t);
                }
            }

            RememberRaw(x, y, t);
        }

        private void Up(int t)
        {
            // The position reported with a release is ignored: several touch drivers send 0,0 or
            // a stale point with it. The moves before it carry the trajectory.
            if (!_penDown)
            {
                return;
            }

            _penDown = false;
            _ink.EndStroke();
            _lastUpMs = t;
        }

        private void FinishDigit()
        {
            _ink.EndStroke();
            int box = _box;
            _box = -1;
            if (_ink.PointCount > 0)
            {
                _listener.OnDigitDone(box, _ink);
            }
        }

        /// <summary>Adds a point, dropping repeats and filling the samples missed before it.</summary>
        private void Append(int x, int y, int t)
        {
            if (_ink.OpenStrokePointCount == 0)
            {
                if (_ink.Add(x, y, t))
                {
                    _listener.OnInk(_box, x, y, x, y);
                }

                return;
            }

            int lastX = _ink.LastX;
            int lastY = _ink.LastY;
            int lastT = _ink.LastTimeMs;
            if (x == lastX && y == lastY)
            {
                return;
            }

            // Missed reports are counted from the previous report (kept or a dropped repeat), so a
            // finger resting still does not look like a gap.
            int reportT = _rawT > lastT ? _rawT : lastT;
            int dt = t - reportT;
            int missing = dt > 0 ? (dt + _periodMs / 2) / _periodMs - 1 : 0;
            if (missing > MaxFilledSamples)
            {
                missing = MaxFilledSamples;
            }

            for (int i = 1; i <= missing; i++)
            {
                int ix = lastX + (int)FixedPoint.DivRound((x - lastX) * i, missing + 1);
                int iy = lastY + (int)FixedPoint.DivRound((y - lastY) * i, missing + 1);
                int it = reportT + (int)FixedPoint.DivRound(dt * i, missing + 1);
                AddSegment(ix, iy, it);
            }

            AddSegment(x, y, t);
        }

        private void AddSegment(int x, int y, int t)
        {
            int fromX = _ink.LastX;
            int fromY = _ink.LastY;
            if (x == fromX && y == fromY)
            {
                return;
            }

            if (_ink.Add(x, y, t))
            {
                _listener.OnInk(_box, fromX, fromY, x, y);
            }
        }

        /// <summary>
        /// Appends the point where the segment from the inside point (ix,iy) to the outside point
        /// (ox,oy) crosses the edge of <paramref name="box"/>, its time interpolated.
        /// </summary>
        private void AppendEdgeCrossing(WritingBox box, int ix, int iy, int it, int ox, int oy, int ot)
        {
            int f = Q16;
            f = FixedPoint.Min(f, FractionTo(ix, ox, box.Left, box.Right));
            f = FixedPoint.Min(f, FractionTo(iy, oy, box.Top, box.Bottom));
            int cx = Clamp(ix + (int)FixedPoint.DivRound((long)(ox - ix) * f, Q16), box.Left, box.Right);
            int cy = Clamp(iy + (int)FixedPoint.DivRound((long)(oy - iy) * f, Q16), box.Top, box.Bottom);
            int ct = it + (int)FixedPoint.DivRound((long)(ot - it) * f, Q16);
            if (_ink.OpenStrokePointCount == 0)
            {
                if (_ink.Add(cx, cy, ct))
                {
                    _listener.OnInk(_box, cx, cy, cx, cy);
                }
            }
            else
            {
                AddSegment(cx, cy, ct);
            }
        }

        /// <summary>Fraction (Q16) of the way from inside to outside where [low, high] is left.</summary>
        private static int FractionTo(int inside, int outside, int low, int high)
        {
            if (outside > high)
            {
                return (int)(((long)(high - inside) * Q16) / (outside - inside));
            }

            if (outside < low)
            {
                return (int)(((long)(inside - low) * Q16) / (inside - outside));
            }

            return Q16;
        }

        private int BoxAt(int x, int y)
        {
            for (int i = 0; i < _boxes.Length; i++)
            {
                if (_boxes[i].Contains(x, y))
                {
                    return i;
                }
            }

            return -1;
        }

        private void RememberRaw(int x, int y, int t)
        {
            _rawX = x;
            _rawY = y;
            _rawT = t;
        }

        private static int Clamp(int value, int low, int high)
        {
            return value < low ? low : value > high ? high : value;
        }
    }
}
