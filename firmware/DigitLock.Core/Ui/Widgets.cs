namespace DigitLock.Core.Ui
{
    /// <summary>A tappable button; <see cref="Id"/> says what it does.</summary>
    public sealed class Button
    {
        public Button(int id, string label, Rect area, ushort color)
        {
            Id = id;
            Label = label;
            Area = area;
            Color = color;
            Enabled = true;
        }

        public int Id { get; private set; }

        public string Label { get; set; }

        public Rect Area { get; private set; }

        public ushort Color { get; set; }

        public bool Enabled { get; set; }

        public bool Pressed { get; set; }
    }

    /// <summary>Text placed in an area, centred or left-aligned, vertically centred.</summary>
    public sealed class Label
    {
        public Label(string text, Rect area, int scale, ushort color, bool centered)
        {
            Text = text;
            Area = area;
            Scale = scale;
            Color = color;
            Centered = centered;
        }

        public string Text { get; set; }

        public Rect Area { get; private set; }

        public int Scale { get; set; }

        public ushort Color { get; set; }

        public bool Centered { get; private set; }

        /// <summary>Drawn as a filled panel behind the text when not zero.</summary>
        public ushort Fill { get; set; }
    }

    /// <summary>One writing box on the screen and what it currently shows.</summary>
    public sealed class BoxView
    {
        public BoxView(Rect area)
        {
            Area = area;
        }

        public Rect Area { get; private set; }

        public BoxMark Mark { get; set; }

        /// <summary>The digit for <see cref="BoxMark.Shown"/>.</summary>
        public int Digit { get; set; }

        /// <summary>The box the next digit goes in: outlined in the accent colour.</summary>
        public bool Current { get; set; }
    }
}
