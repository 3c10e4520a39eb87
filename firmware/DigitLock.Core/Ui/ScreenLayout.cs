using System;

namespace DigitLock.Core.Ui
{
    /// <summary>
    /// Where things go, computed from the panel size alone so one UI serves the 480x272 RT1060
    /// EVK and the 320x240 M5Stack Core2: a title band on top, a button bar at the bottom, a
    /// status line above it, and the content (writing boxes, menus) in between.
    /// </summary>
    public sealed class ScreenLayout
    {
        /// <summary>Narrower boxes are hard to write in with a finger; the row then wraps.</summary>
        public const int MinBoxWidth = 64;

        /// <summary>Digits are taller than wide; boxes may be up to this much taller than wide (x4).</summary>
        private const int MaxBoxAspectX4 = 5;

        public ScreenLayout(int width, int height)
        {
            if (width < 160 || height < 120)
            {
                throw new ArgumentOutOfRangeException("width");
            }

            Width = width;
            Height = height;
            Margin = width / 80 < 4 ? 4 : width / 80;
            Gap = Margin;
            TitleScale = width >= 400 ? 3 : 2;
            TextScale = 2;
            int titleHeight = Font5x7.TextHeight(TitleScale) + 2 * Margin + 4;
            int buttonHeight = height / 6 < 36 ? 36 : height / 6;
            int statusHeight = Font5x7.TextHeight(TextScale) + 8;
            Title = new Rect(0, 0, width, titleHeight);
            ButtonBar = new Rect(Margin, height - Margin - buttonHeight, width - 2 * Margin, buttonHeight);
            Status = new Rect(Margin, ButtonBar.Y - Gap - statusHeight, width - 2 * Margin, statusHeight);
            Content = new Rect(Margin, Title.Bottom + Gap, width - 2 * Margin, Status.Y - Gap - (Title.Bottom + Gap));
        }

        public int Width { get; private set; }

        public int Height { get; private set; }

        public int Margin { get; private set; }

        public int Gap { get; private set; }

        public int TitleScale { get; private set; }

        public int TextScale { get; private set; }

        public Rect Title { get; private set; }

        public Rect Content { get; private set; }

        public Rect Status { get; private set; }

        public Rect ButtonBar { get; private set; }

        /// <summary>
        /// <paramref name="count"/> writing boxes centred in <paramref name="area"/>: one row when
        /// each box can be at least <see cref="MinBoxWidth"/> wide, otherwise as few rows as needed.
        /// </summary>
        public Rect[] WritingBoxes(int count, Rect area)
        {
            if (count < 1)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            int perRow = count;
            while (perRow > 1 && ColumnWidth(area.Width, perRow) < MinBoxWidth)
            {
                perRow--;
            }

            int rows = (count + perRow - 1) / perRow;
            perRow = (count + rows - 1) / rows;
            int boxWidth = ColumnWidth(area.Width, perRow);
            int boxHeight = (area.Height - (rows - 1) * Gap) / rows;
            if (boxHeight < boxWidth)
            {
                boxWidth = boxHeight;
            }

            if (boxHeight * 4 > boxWidth * MaxBoxAspectX4)
            {
                boxHeight = boxWidth * MaxBoxAspectX4 / 4;
            }

            var boxes = new Rect[count];
            int top = area.Y + (area.Height - (rows * boxHeight + (rows - 1) * Gap)) / 2;
            for (int row = 0; row < rows; row++)
            {
                int inRow = row == rows - 1 ? count - row * perRow : perRow;
                int left = area.X + (area.Width - (inRow * boxWidth + (inRow - 1) * Gap)) / 2;
                for (int i = 0; i < inRow; i++)
                {
                    boxes[row * perRow + i] = new Rect(left + i * (boxWidth + Gap), top + row * (boxHeight + Gap), boxWidth, boxHeight);
                }
            }

            return boxes;
        }

        /// <summary>Splits <paramref name="area"/> into <paramref name="count"/> equal cells side by side.</summary>
        public Rect[] Row(Rect area, int count)
        {
            var cells = new Rect[count];
            int width = ColumnWidth(area.Width, count);
            for (int i = 0; i < count; i++)
            {
                int x = area.X + i * (width + Gap);
                int w = i == count - 1 ? area.Right - x : width;
                cells[i] = new Rect(x, area.Y, w, area.Height);
            }

            return cells;
        }

        /// <summary>Splits <paramref name="area"/> into <paramref name="count"/> equal rows.</summary>
        public Rect[] Column(Rect area, int count)
        {
            var cells = new Rect[count];
            int height = (area.Height - (count - 1) * Gap) / count;
            for (int i = 0; i < count; i++)
            {
                cells[i] = new Rect(area.X, area.Y + i * (height + Gap), area.Width, height);
            }

            return cells;
        }

        private int ColumnWidth(int total, int count)
        {
            return (total - (count - 1) * Gap) / count;
        }
    }
}
