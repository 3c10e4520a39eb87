using System.Collections;

namespace DigitLock.Core.Ui
{
    /// <summary>
    /// Everything one screen shows, as data: title, labels, writing boxes, status line and
    /// buttons. The app builds it, <see cref="ScreenRenderer"/> draws it, and touches are
    /// hit-tested against the same rectangles, so drawing and input cannot disagree.
    /// </summary>
    public sealed class ScreenView
    {
        private readonly ArrayList _labels = new ArrayList();
        private readonly ArrayList _buttons = new ArrayList();

        public ScreenView(string title, ushort titleColor)
        {
            Title = title;
            TitleColor = titleColor;
            Boxes = new BoxView[0];
            StatusColor = Rgb565.DimText;
            Status = "";
        }

        public string Title { get; set; }

        public ushort TitleColor { get; set; }

        public string Status { get; set; }

        public ushort StatusColor { get; set; }

        public BoxView[] Boxes { get; set; }

        /// <summary>A progress bar's area (empty for none) and how full it is, 0..1000.</summary>
        public Rect Bar { get; set; }

        public int BarPermille { get; set; }

        public ushort BarColor { get; set; }

        public int LabelCount
        {
            get { return _labels.Count; }
        }

        public int ButtonCount
        {
            get { return _buttons.Count; }
        }

        public Label GetLabel(int index)
        {
            return (Label)_labels[index];
        }

        public Button GetButton(int index)
        {
            return (Button)_buttons[index];
        }

        public Label AddLabel(string text, Rect area, int scale, ushort color, bool centered)
        {
            var label = new Label(text, area, scale, color, centered);
            _labels.Add(label);
            return label;
        }

        public Button AddButton(int id, string label, Rect area)
        {
            var button = new Button(id, label, area, Rgb565.Button);
            _buttons.Add(button);
            return button;
        }

        /// <summary>The enabled button under (x, y), or null.</summary>
        public Button ButtonAt(int x, int y)
        {
            for (int i = 0; i < _buttons.Count; i++)
            {
                var button = (Button)_buttons[i];
                if (button.Enabled && button.Area.Contains(x, y))
                {
                    return button;
                }
            }

            return null;
        }

        public Button FindButton(int id)
        {
            for (int i = 0; i < _buttons.Count; i++)
            {
                var button = (Button)_buttons[i];
                if (button.Id == id)
                {
                    return button;
                }
            }

            return null;
        }

        /// <summary>Index of the writing box containing (x, y), or -1.</summary>
        public int BoxAt(int x, int y)
        {
            for (int i = 0; i < Boxes.Length; i++)
            {
                if (Boxes[i].Area.Contains(x, y))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
