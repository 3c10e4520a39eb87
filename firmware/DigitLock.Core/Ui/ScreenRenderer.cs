using DigitLock.Core.Hardware;

namespace DigitLock.Core.Ui
{
    /// <summary>Draws a <see cref="ScreenView"/> into the framebuffer, whole or in parts.</summary>
    public sealed class ScreenRenderer
    {
        /// <summary>Pen radius for ink on screen, in pixels (a fingertip line, about 5 px wide).</summary>
        public const int InkRadius = 2;

        private readonly Canvas _canvas;
        private readonly ScreenLayout _layout;

        public ScreenRenderer(IDisplay display)
        {
            _canvas = new Canvas(display);
            _layout = new ScreenLayout(display.Width, display.Height);
        }

        public Canvas Canvas
        {
            get { return _canvas; }
        }

        public ScreenLayout Layout
        {
            get { return _layout; }
        }

        public void DrawAll(ScreenView view)
        {
            _canvas.Clear(Rgb565.Background);
            DrawTitle(view);
            for (int i = 0; i < view.LabelCount; i++)
            {
                DrawLabel(view.GetLabel(i));
            }

            DrawBar(view);
            for (int i = 0; i < view.Boxes.Length; i++)
            {
                DrawBox(view, i);
            }

            DrawStatus(view);
            DrawButtons(view);
            _canvas.Flush();
        }

        public void DrawTitle(ScreenView view)
        {
            Rect area = _layout.Title;
            _canvas.FillRect(area, Rgb565.Panel);
            _canvas.FillRect(area.X, area.Bottom - 2, area.Width, 2, view.TitleColor);
            int scale = Canvas.FitScale(view.Title, area.Width - 2 * _layout.Margin, _layout.TitleScale);
            _canvas.DrawTextCentered(view.Title, new Rect(area.X, area.Y, area.Width, area.Height - 2), scale, view.TitleColor);
        }

        public void DrawLabel(Label label)
        {
            if (label.Fill != 0)
            {
                _canvas.FillRect(label.Area, label.Fill);
            }

            int scale = Canvas.FitScale(label.Text, label.Area.Width, label.Scale);
            if (label.Centered)
            {
                _canvas.DrawTextCentered(label.Text, label.Area, scale, label.Color);
            }
            else
            {
                int y = label.Area.Y + (label.Area.Height - Font5x7.TextHeight(scale)) / 2;
                _canvas.DrawText(label.Text, label.Area.X, y, scale, label.Color);
            }
        }

        public void DrawBar(ScreenView view)
        {
            Rect bar = view.Bar;
            if (bar.IsEmpty)
            {
                return;
            }

            _canvas.FillRect(bar, Rgb565.Panel);
            int filled = (int)((long)bar.Width * view.BarPermille / 1000);
            _canvas.FillRect(bar.X, bar.Y, filled, bar.Height, view.BarColor);
        }

        /// <summary>Redraws one writing box (erasing any ink in it).</summary>
        public void DrawBox(ScreenView view, int index)
        {
            BoxView box = view.Boxes[index];
            Rect area = box.Area;
            bool rewrite = box.Mark == BoxMark.Rewrite;
            _canvas.FillRect(area, Rgb565.BoxFill);
            DrawBoxOutline(box);

            // A faint baseline helps people write at a consistent size.
            int baseline = area.Y + area.Height * 5 / 6;
            _canvas.FillRect(area.X + area.Width / 8, baseline, area.Width * 3 / 4, 1, Rgb565.From(210, 214, 220));

            int digitScale = area.Height * 2 / 3 / Font5x7.GlyphHeight;
            if (digitScale < 2)
            {
                digitScale = 2;
            }

            if (box.Mark == BoxMark.Shown)
            {
                _canvas.DrawTextCentered(box.Digit.ToString(), area, digitScale, Rgb565.Ink);
            }
            else if (box.Mark == BoxMark.Masked)
            {
                int radius = (area.Width < area.Height ? area.Width : area.Height) / 7;
                _canvas.FillDisc(area.X + area.Width / 2, area.Y + area.Height / 2, radius, Rgb565.Masked);
            }
            else if (rewrite)
            {
                _canvas.DrawTextCentered("?", area, digitScale, Rgb565.Bad);
            }
        }

        /// <summary>Redraws only the frame of a box (3 px, the same as the ink inset keeps free), leaving ink alone.</summary>
        public void DrawBoxOutline(BoxView box)
        {
            bool rewrite = box.Mark == BoxMark.Rewrite;
            ushort outline = rewrite ? Rgb565.Bad : box.Current ? Rgb565.Accent : Rgb565.BoxOutline;
            _canvas.DrawRect(box.Area, 3, Rgb565.BoxFill);
            _canvas.DrawRect(box.Area, box.Current || rewrite ? 3 : 2, outline);
        }

        public void DrawInk(int x0, int y0, int x1, int y1)
        {
            _canvas.DrawLine(x0, y0, x1, y1, InkRadius, Rgb565.Ink);
        }

        public void DrawStatus(ScreenView view)
        {
            Rect area = _layout.Status;
            _canvas.FillRect(area, Rgb565.Background);
            int scale = Canvas.FitScale(view.Status, area.Width, _layout.TextScale);
            _canvas.DrawTextCentered(view.Status, area, scale, view.StatusColor);
        }

        public void DrawButtons(ScreenView view)
        {
            for (int i = 0; i < view.ButtonCount; i++)
            {
                DrawButton(view.GetButton(i));
            }
        }

        public void DrawButton(Button button)
        {
            Rect area = button.Area;
            ushort fill = !button.Enabled ? Rgb565.Panel : button.Pressed ? Rgb565.ButtonPressed : button.Color;
            _canvas.FillRect(area, fill);
            _canvas.DrawRect(area, 1, button.Pressed ? Rgb565.Accent : Rgb565.BoxOutline);
            int scale = Canvas.FitScale(button.Label, area.Width - 4, _layout.TextScale + (area.Height >= 60 ? 1 : 0));
            _canvas.DrawTextCentered(button.Label, area, scale, button.Enabled ? Rgb565.Text : Rgb565.DimText);
        }

        public void Flush()
        {
            _canvas.Flush();
        }
    }
}
