// Reference-only declarations of nanoFramework.Graphics 1.2.53.
// Declared from github.com/nanoframework/nanoFramework.Graphics tag v1.2.53, files
// nanoFramework.Graphics/Primitive/{DisplayControl,Bitmap,Font,ScreenConfiguration,
// SpiConfiguration,I2cConfiguration,GraphicDriver,SetWindowType}.cs,
// nanoFramework.Graphics/Primitive/Touch/{Touch,TouchPanel,TouchScreen,TouchScreenEventArgs,
// TouchInput,TouchInputFlags,TouchMessages,TouchEvent,TouchGesture,TouchGestureEventArgs,
// TouchCollectorConfiguration,CollectionMethod,CollectionMode}.cs, Properties/AssemblyInfo.cs.
// Bitmap is declared with its commonly used members only (no ellipse/gradient/rotate/tile).

using System;
using System.Drawing;
using nanoFramework.Runtime.Events;

[assembly: System.Reflection.AssemblyNativeVersion("100.0.0.10")]

namespace nanoFramework.UI
{
    public struct SpiConfiguration
    {
        public SpiConfiguration(byte spiBus, int chipselect, int dataCommand, int reset, int backLight) { throw null; }
        public byte SpiBus { get { throw null; } set { } }
        public int ChipSelect { get { throw null; } set { } }
        public int DataCommand { get { throw null; } set { } }
        public int Reset { get { throw null; } set { } }
        public int BackLight { get { throw null; } set { } }
    }

    public struct I2cConfiguration
    {
        public I2cConfiguration(byte i2cBus, byte address, bool fastMode) { throw null; }
        public byte I2cBus { get { throw null; } set { } }
        public byte Address { get { throw null; } set { } }
        public bool FastMode { get { throw null; } set { } }
    }

    public struct ScreenConfiguration
    {
        public ScreenConfiguration(ushort x, ushort y, ushort width, ushort height, GraphicDriver graphicDriver = null) { throw null; }
        public ushort X { get { throw null; } set { } }
        public ushort Y { get { throw null; } set { } }
        public ushort Width { get { throw null; } set { } }
        public ushort Height { get { throw null; } set { } }
        public GraphicDriver GraphicDriver { get { throw null; } set { } }
    }

    public enum SetWindowType
    {
        NoWindowing = 0,
        X8bitsY1Bit = 1,
        X8bitsY8Bits = 2,
        X16bitsY16Bit = 3,
    }

    public class GraphicDriver
    {
        public uint Width { get { throw null; } set { } }
        public uint Height { get { throw null; } set { } }
        public byte BitsPerPixel { get { throw null; } set { } }
        public byte[] InitializationSequence { get { throw null; } set { } }
        public byte MemoryWrite { get { throw null; } set { } }
        public byte SetColumnAddress { get { throw null; } set { } }
        public byte SetRowAddress { get { throw null; } set { } }
        public byte[] PowerModeNormal { get { throw null; } set { } }
        public byte[] PowerModeSleep { get { throw null; } set { } }
        public byte[] OrientationPortrait { get { throw null; } set { } }
        public byte[] OrientationPortrait180 { get { throw null; } set { } }
        public byte[] OrientationLandscape { get { throw null; } set { } }
        public byte[] OrientationLandscape180 { get { throw null; } set { } }
        public byte[] Clear { get { throw null; } set { } }
        public byte Brightness { get { throw null; } set { } }
        public DisplayOrientation DefaultOrientation { get { throw null; } set { } }
        public SetWindowType SetWindowType { get { throw null; } set { } }
    }

    public static class DisplayControl
    {
        public static uint MaximumBufferSize { get { throw null; } }
        public static uint Initialize(SpiConfiguration spi, ScreenConfiguration screen, uint bufferSize = 20 * 1024) { throw null; }
        public static uint Initialize(I2cConfiguration i2c, ScreenConfiguration screen, uint bufferSize = 20 * 1024) { throw null; }
        public static Bitmap FullScreen { get { throw null; } }
        public static bool IsFullScreenBufferAvailable { get { throw null; } }
        public static int LongerSide { get { throw null; } }
        public static int ShorterSide { get { throw null; } }
        public static int ScreenWidth { get { throw null; } }
        public static int ScreenHeight { get { throw null; } }
        public static int BitsPerPixel { get { throw null; } }
        public static DisplayOrientation Orientation { get { throw null; } }
        public static bool ChangeOrientation(DisplayOrientation orientation) { throw null; }
        public static void WritePoint(ushort x, ushort y, ushort color) { }
        public static void WritePoint(ushort x, ushort y, Color color) { }
        public static void Clear() { }
        // colors: width * height pixels, row-major, in Color.ToBgr565 layout.
        public static void Write(ushort x, ushort y, ushort width, ushort height, ushort[] colors) { }
        public static void Write(ushort x, ushort y, ushort width, ushort height, Color[] colors) { }
        public static void Write(string text, ushort x, ushort y, ushort width, ushort height, Font font, Color foreground, Color background) { }
    }

    public sealed class Font : MarshalByRefObject
    {
        private Font() { }
        public const int DefaultKerning = 1024;
        public int CharWidth(char c) { throw null; }
        public int Height { get { throw null; } }
        public int AverageWidth { get { throw null; } }
        public int MaxWidth { get { throw null; } }
        public int Ascent { get { throw null; } }
        public int Descent { get { throw null; } }
        public int InternalLeading { get { throw null; } }
        public int ExternalLeading { get { throw null; } }
        public void ComputeExtent(string text, out int width, out int height) { throw null; }
        public void ComputeExtent(string text, out int width, out int height, int kerning) { throw null; }
        public void ComputeTextInRect(string text, out int renderWidth, out int renderHeight) { throw null; }
        public void ComputeTextInRect(string text, out int renderWidth, out int renderHeight, int availableWidth) { throw null; }
    }

    public sealed class Bitmap : MarshalByRefObject, IDisposable
    {
        public static readonly int MaxWidth;
        public static readonly int MaxHeight;
        public static readonly int CenterX;
        public static readonly int CenterY;
        public const ushort OpacityOpaque = 256;
        public const ushort OpacityTransparent = 0;

        public enum BitmapImageType : byte
        {
            NanoCLRBitmap = 0,
            Gif = 1,
            Jpeg = 2,
            Bmp = 3,
        }

        public Bitmap(int width, int height) { }
        public Bitmap(byte[] imageData, BitmapImageType type) { }
        public Bitmap(Size size) { }
        public void Flush() { }
        public void Flush(int x, int y, int width, int height) { }
        public void Flush(Rectangle rectangle) { }
        public void Flush(int srcX, int srcY, int width, int height, int screenX, int screenY) { }
        public void Clear() { }
        public void DrawTextInRect(string text, int x, int y, int width, int height, uint dtFlags, Color color, Font font) { }
        public void DrawChar(ushort c, int x, int y, Color color, Font font) { }
        public void SetClippingRectangle(int x, int y, int width, int height) { }
        public int Width { get { throw null; } }
        public int Height { get { throw null; } }
        public void DrawImage(int xDst, int yDst, Bitmap bitmap, int xSrc, int ySrc, int width, int height, ushort opacity = OpacityOpaque) { }
        public void MakeTransparent(Color color) { }
        public void StretchImage(int xDst, int yDst, Bitmap sourceBitmap, int width, int height, ushort opacity = OpacityOpaque) { }
        public void DrawLine(Color color, int thickness, int x0, int y0, int x1, int y1) { }
        public void DrawRectangle(int x, int y, int width, int height, int thickness, Color color) { }
        public void DrawRectangle(Rectangle rectangle, int thickness, Color color) { }
        public void FillRectangle(int x, int y, int width, int height, Color color, ushort opacity = OpacityOpaque) { }
        public void FillRectangle(Rectangle rectangle, Color color, ushort opacity = OpacityOpaque) { }
        public void DrawText(string text, Font font, Color color, int x, int y) { }
        public void SetPixel(int xPos, int yPos, Color color) { }
        public Color GetPixel(int xPos, int yPos) { throw null; }
        public byte[] GetBitmap() { throw null; }
        public void Dispose() { }
    }

    [Flags]
    public enum TouchInputFlags : uint
    {
        None = 0x00,
        Primary = 0x0010,
        Pen = 0x0040,
        Palm = 0x0080,
    }

    public class TouchInput
    {
        public int X;
        public int Y;
        public byte SourceID;
        public TouchInputFlags Flags;
        public uint ContactWidth;
        public uint ContactHeight;
    }

    public enum TouchMessages : byte
    {
        Down = 1,
        Up = 2,
        Move = 3,
    }

    public class TouchEvent : BaseEvent
    {
        public DateTime Time;
        public TouchInput[] Touches;
    }

    public enum TouchGesture : uint
    {
        NoGesture = 0,
        Begin = 1,
        End = 2,
        Right = 3,
        UpRight = 4,
        Up = 5,
        UpLeft = 6,
        Left = 7,
        DownLeft = 8,
        Down = 9,
        DownRight = 10,
        Tap = 11,
        DoubleTap = 12,
        Zoom = 114,
        Pan = 115,
        Rotate = 116,
        TwoFingerTap = 117,
        Rollover = 118,
        UserDefined = 200,
    }

    public delegate void TouchGestureEventHandler(object sender, TouchGestureEventArgs e);

    public class TouchGestureEventArgs : EventArgs
    {
        public readonly DateTime Timestamp;
        public TouchGesture Gesture;
        public int X;
        public int Y;
        public ushort Arguments;
        public double Angle { get { throw null; } }
    }

    public delegate void TouchScreenEventHandler(object sender, TouchScreenEventArgs e);

    public class TouchScreenEventArgs : EventArgs
    {
        public TouchInput[] Touches;
        public DateTime TimeStamp;
        public object Target;
        public TouchScreenEventArgs(DateTime timestamp, TouchInput[] touches, object target) { }
        public void GetPosition(int touchIndex, out int x, out int y) { throw null; }
    }

    // Receives the native touch driver's events once registered with Touch.Initialize.
    public class TouchScreen : IEventListener
    {
        public class ActiveRectangle
        {
            public ActiveRectangle(int x, int y, int width, int height, object target) { }
            public bool Contains(TouchInput input) { throw null; }
            public readonly int X;
            public readonly int Y;
            public readonly int Width;
            public readonly int Height;
            public readonly object Target;
        }

        public TouchScreen(ActiveRectangle[] activeRectangles) { }
        public event TouchScreenEventHandler OnTouchDown;
        public event TouchScreenEventHandler OnTouchMove;
        public event TouchScreenEventHandler OnTouchUp;
        public event TouchGestureEventHandler OnGestureStarted;
        public event TouchGestureEventHandler OnGestureChanged;
        public event TouchGestureEventHandler OnGestureEnded;
        public ActiveRectangle[] ActiveRegions { get { throw null; } set { } }
        void IEventListener.InitializeForEventSource() { }
        bool IEventListener.OnEvent(BaseEvent ev) { throw null; }
    }

    public class TouchPanel
    {
        public void SetCalibration(int cCalibrationPoints, short[] screenXBuffer, short[] screenYBuffer, short[] uncalXBuffer, short[] uncalYBuffer) { }
        public void GetCalibrationPointCount(ref int count) { }
        public void StartCalibration() { }
        public void GetCalibrationPoint(int index, ref int x, ref int y) { }
    }

    public static class Touch
    {
        public static void Initialize(IEventListener touchEventListener) { }
        public static TouchPanel ActiveTouchPanel { get { throw null; } }
    }

    [Flags]
    public enum CollectionMethod : int
    {
        Managed = 0,
        Native = 1,
    }

    [Flags]
    public enum CollectionMode : int
    {
        InkOnly = 2,
        GestureOnly = 4,
        InkAndGesture = InkOnly | GestureOnly,
    }

    public static class TouchCollectorConfiguration
    {
        public static CollectionMode CollectionMode { get { throw null; } set { } }
        public static CollectionMethod CollectionMethod { get { throw null; } set { } }
        public static int SamplingFrequency { get { throw null; } set { } }
        public static void GetLastTouchPoint(ref int x, ref int y) { }
        public static int TouchMoveFrequency { get { throw null; } set { } }

        [Flags]
        public enum TouchInput
        {
            LastTouchPoint = 0x2,
            SamplingDistance = 0x4,
            TouchMoveFrequency = 0x8,
        }

        public static void GetTouchInput(TouchInput flag, ref int param1, ref int param2, ref int param3) { }
        public static void SetTouchInput(TouchInput flag, int param1, int param2, int param3) { }
    }
}
