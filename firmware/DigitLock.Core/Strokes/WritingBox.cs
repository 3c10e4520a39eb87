using System;

namespace DigitLock.Core.Strokes
{
    /// <summary>A rectangle on the screen where one digit is written, in screen pixels.</summary>
    public sealed class WritingBox
    {
        public WritingBox(int left, int top, int width, int height)
        {
            if (width < 1 || height < 1)
            {
                throw new ArgumentOutOfRangeException("width");
            }

            Left = left;
            Top = top;
            Width = width;
            Height = height;
        }

        public int Left { get; private set; }

        public int Top { get; private set; }

        public int Width { get; private set; }

        public int Height { get; private set; }

        /// <summary>Last column inside the box.</summary>
        public int Right
        {
            get { return Left + Width - 1; }
        }

        /// <summary>Last row inside the box.</summary>
        public int Bottom
        {
            get { return Top + Height - 1; }
        }

        public bool Contains(int x, int y)
        {
            return x >= Left && x <= Right && y >= Top && y <= Bottom;
        }
    }
}
