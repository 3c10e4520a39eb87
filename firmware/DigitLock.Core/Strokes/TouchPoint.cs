namespace DigitLock.Core.Strokes
{
    /// <summary>
    /// One sample from the touch controller, in screen pixels, with the time it was taken.
    /// A struct so that capturing a stroke allocates only its point array, not one object per
    /// sample: the nanoFramework garbage collector is slow.
    /// </summary>
    public struct TouchPoint
    {
        public readonly int X;
        public readonly int Y;

        /// <summary>Milliseconds since an arbitrary start (the capture clock).</summary>
        public readonly int TimeMs;

        public TouchPoint(int x, int y, int timeMs)
        {
            X = x;
            Y = y;
            TimeMs = timeMs;
        }

        public override string ToString()
        {
            return "(" + X + "," + Y + "@" + TimeMs + ")";
        }
    }
}
