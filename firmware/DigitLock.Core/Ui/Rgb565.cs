namespace DigitLock.Core.Ui
{
    /// <summary>The palette as RGB565, the panels' native format (sRGB source in comments).</summary>
    public static class Rgb565
    {
        public const ushort Black = 0x0000;
        public const ushort White = 0xFFFF;
        public const ushort Background = 0x10C3;     // #14181E
        public const ushort Panel = 0x2967;          // #2A2F38
        public const ushort BoxFill = 0xF7BE;        // #F4F4F0 paper
        public const ushort BoxOutline = 0x8C93;     // #8A9099
        public const ushort Accent = 0x3C5F;         // #3D8BFF
        public const ushort Ink = 0x1082;            // #101010
        public const ushort Text = 0xFFFF;
        public const ushort DimText = 0xA556;        // #A0A8B0
        public const ushort Good = 0x2DCB;           // #2EB85C
        public const ushort Bad = 0xE247;            // #E5483A
        public const ushort Warn = 0xF524;           // #F5A623
        public const ushort Button = 0x3A0A;         // #3A4250
        public const ushort ButtonPressed = 0x5B30;  // #5A6680
        public const ushort Masked = 0x31C8;         // #303846

        public static ushort From(int r, int g, int b)
        {
            return (ushort)(((r & 0xF8) << 8) | ((g & 0xFC) << 3) | (b >> 3));
        }
    }
}
