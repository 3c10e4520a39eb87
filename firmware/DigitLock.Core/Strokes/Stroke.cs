using System;

namespace DigitLock.Core.Strokes
{
    /// <summary>
    /// The points of one finger-down to finger-up movement, in capture order.
    /// Immutable once built so a stroke can be shared between preprocessing, storage and the UI.
    /// </summary>
    public sealed class Stroke
    {
        private readonly TouchPoint[] _points;

        public Stroke(TouchPoint[] points)
        {
            if (points == null)
            {
                throw new ArgumentNullException("points");
            }

            _points = new TouchPoint[points.Length];
            Array.Copy(points, _points, points.Length);
        }

        public int Count
        {
            get { return _points.Length; }
        }

        public TouchPoint this[int index]
        {
            get { return _points[index]; }
        }
    }
}
