// Reference-only declarations of nanoFramework.Graphics.Core 1.2.53.
// Declared from github.com/nanoframework/nanoFramework.Graphics tag v1.2.53, files
// nanoFramework.Graphics.Core/System/Drawing/{Color,ColorOrder,Point,Size,Rectangle}.cs and
// nanoFramework.Graphics.Core/nanoFramework/UI/DisplayOrientation.cs.
// Not declared: PointF/SizeF/RectangleF conversions, most of the 141 named colours (add them
// from Color.cs when needed), nanoFramework.UI.Point and IFont.
// Color.ToBgr565 puts blue in bits 15..11: that is the 16-bit layout
// DisplayControl.Write(ushort[]) and Bitmap expect.

namespace System.Drawing
{
    public struct Color
    {
        public byte A { get { throw null; } }
        public byte B { get { throw null; } }
        public byte R { get { throw null; } }
        public byte G { get { throw null; } }
        public static Color FromArgb(int r, int g, int b) { throw null; }
        public static Color FromArgb(int a, int r, int g, int b) { throw null; }
        public static Color FromArgb(int argb) { throw null; }
        public static Color FromArgb(int alpha, Color baseColor) { throw null; }
        public static bool operator ==(Color left, Color right) { throw null; }
        public static bool operator !=(Color left, Color right) { throw null; }
        public static Color FromHex(string hexString) { throw null; }
        public static Color GetFromString(string color) { throw null; }
        public static bool TryGetColor(string strColor, out Color color) { throw null; }
        public override bool Equals(object other) { throw null; }
        public float GetBrightness() { throw null; }
        public override int GetHashCode() { throw null; }
        public float GetHue() { throw null; }
        public float GetSaturation() { throw null; }
        public int ToArgb() { throw null; }
        public byte To1bpp() { throw null; }
        public byte To4bppGrayscale() { throw null; }
        public byte To8bppGrayscale() { throw null; }
        public byte To8bppRgb332() { throw null; }
        public ushort To12bppRgb444() { throw null; }
        public ushort ToBgr565() { throw null; }
        public uint ToRgbFormat(ColorOrder order, byte numR, byte numG, byte numB) { throw null; }
        public static Color FromName(string colorName) { throw null; }
        public override string ToString() { throw null; }
        public static Color Black { get { throw null; } }
        public static Color White { get { throw null; } }
        public static Color Red { get { throw null; } }
        public static Color Green { get { throw null; } }
        public static Color Blue { get { throw null; } }
        public static Color Yellow { get { throw null; } }
        public static Color Orange { get { throw null; } }
        public static Color Gray { get { throw null; } }
        public static Color DarkGray { get { throw null; } }
        public static Color LightGray { get { throw null; } }
        public static Color Transparent { get { throw null; } }
    }

    public enum ColorOrder
    {
        Rgb = 0,
        Bgr = 1,
        Brg = 2,
        Gbr = 3,
        Rbg = 4,
        Grb = 5,
    }

    public struct Size
    {
        public static readonly Size Empty;
        public Size(Point pt) { throw null; }
        public Size(int width, int height) { throw null; }
        public static Size operator +(Size sz1, Size sz2) { throw null; }
        public static Size operator -(Size sz1, Size sz2) { throw null; }
        public static bool operator ==(Size sz1, Size sz2) { throw null; }
        public static bool operator !=(Size sz1, Size sz2) { throw null; }
        public static explicit operator Point(Size size) { throw null; }
        public bool IsEmpty { get { throw null; } }
        public int Width { get { throw null; } set { } }
        public int Height { get { throw null; } set { } }
        public static Size Add(Size sz1, Size sz2) { throw null; }
        public static Size Subtract(Size sz1, Size sz2) { throw null; }
        public override bool Equals(object other) { throw null; }
        public bool Equals(Size other) { throw null; }
        public override int GetHashCode() { throw null; }
        public override string ToString() { throw null; }
    }

    public struct Point
    {
        public static readonly Point Empty;
        public Point(int x, int y) { throw null; }
        public Point(Size sz) { throw null; }
        public Point(int dw) { throw null; }
        public bool IsEmpty { get { throw null; } }
        public int X { get { throw null; } set { } }
        public int Y { get { throw null; } set { } }
        public static explicit operator Size(Point p) { throw null; }
        public static Point operator +(Point pt, Size sz) { throw null; }
        public static Point operator -(Point pt, Size sz) { throw null; }
        public static bool operator ==(Point left, Point right) { throw null; }
        public static bool operator !=(Point left, Point right) { throw null; }
        public static Point Add(Point pt, Size sz) { throw null; }
        public static Point Subtract(Point pt, Size sz) { throw null; }
        public override bool Equals(object other) { throw null; }
        public bool Equals(Point other) { throw null; }
        public override int GetHashCode() { throw null; }
        public void Offset(int dx, int dy) { }
        public void Offset(Point p) { }
        public override string ToString() { throw null; }
    }

    public struct Rectangle
    {
        public static readonly Rectangle Empty;
        public Rectangle(int x, int y, int width, int height) { throw null; }
        public Rectangle(Point location, Size size) { throw null; }
        public static Rectangle FromLTRB(int left, int top, int right, int bottom) { throw null; }
        public Point Location { get { throw null; } set { } }
        public Size Size { get { throw null; } set { } }
        public int X { get { throw null; } set { } }
        public int Y { get { throw null; } set { } }
        public int Width { get { throw null; } set { } }
        public int Height { get { throw null; } set { } }
        public int Left { get { throw null; } }
        public int Top { get { throw null; } }
        public int Right { get { throw null; } }
        public int Bottom { get { throw null; } }
        public bool IsEmpty { get { throw null; } }
        public override bool Equals(object other) { throw null; }
        public bool Equals(Rectangle other) { throw null; }
        public static bool operator ==(Rectangle left, Rectangle right) { throw null; }
        public static bool operator !=(Rectangle left, Rectangle right) { throw null; }
        public bool Contains(int x, int y) { throw null; }
        public bool Contains(Point pt) { throw null; }
        public bool Contains(Rectangle rect) { throw null; }
        public override int GetHashCode() { throw null; }
        public void Inflate(int width, int height) { }
        public void Inflate(Size size) { }
        public static Rectangle Inflate(Rectangle rect, int x, int y) { throw null; }
        public void Intersect(Rectangle rect) { }
        public static Rectangle Intersect(Rectangle a, Rectangle b) { throw null; }
        public bool IntersectsWith(Rectangle rect) { throw null; }
        public static Rectangle Union(Rectangle a, Rectangle b) { throw null; }
        public void Offset(Point pos) { }
        public void Offset(int x, int y) { }
        public override string ToString() { throw null; }
    }
}

namespace nanoFramework.UI
{
    public enum DisplayOrientation
    {
        Portrait,
        Portrait180,
        Landscape,
        Landscape180,
    }
}
