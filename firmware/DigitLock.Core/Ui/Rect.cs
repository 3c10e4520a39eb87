namespace DigitLock.Core.Ui
{
    /// <summary>A screen rectangle in pixels; also the hit area of a button.</summary>
    public struct Rect
    {
        public readonly int X;
        public readonly int Y;
        public readonly int Width;
        public readonly int Height;

        public Rect(int x, int y, int width, int height)
        {
            X = x;
            Y = y;
            Width = width;
            Height = height;
        }

        public int Right
        {
            get { return X + Width; }
        }

        public int Bottom
        {
            get { return Y + Height; }
        }

        public bool IsEmpty
        {
            get { return Width <= 0 || Height <= 0; }
        }

        public bool Contains(int x, int y)
        {
            return x >= X && x < X + Width && y >= Y && y < Y + Height;
        }

        public Rect Inset(int by)
        {
            return new Rect(X + by, Y + by, Width - 2 * by, Height - 2 * by);
        }

        public override string ToString()
        {
            return "[" + X + "," + Y + " " + Width + "x" + Height + "]";
        }
    }
}
