// Reference-only declarations of nanoFramework.System.Math 1.5.116 (assembly System.Math).
// Declared from github.com/nanoframework/System.Math tag v1.5.116, files
// nanoFramework.System.Math/{Math.cs,Properties/AssemblyInfo.cs}.
// Note the gaps against .NET: Abs/Max/Min exist for int, double and float only (no long,
// short or byte overloads); Clamp has no int overload; Round has no digits/mode overloads.

[assembly: System.Reflection.AssemblyNativeVersion("100.0.5.5")]

namespace System
{
    public static class Math
    {
        public const double PI = 3.14159265358979323846;
        public const double E = 2.7182818284590452354;
        public static int Abs(int value) { throw null; }
        public static double Abs(double value) { throw null; }
        public static float Abs(float value) { throw null; }
        public static double Acos(double d) { throw null; }
        public static double Asin(double d) { throw null; }
        public static double Atan(double d) { throw null; }
        public static double Atan2(double y, double x) { throw null; }
        public static double Cbrt(double d) { throw null; }
        public static double Ceiling(double d) { throw null; }
        public static double Clamp(double value, double min, double max) { throw null; }
        public static long Clamp(long value, long min, long max) { throw null; }
        public static float Clamp(float value, float min, float max) { throw null; }
        public static ulong Clamp(ulong value, ulong min, ulong max) { throw null; }
        public static double Cos(double a) { throw null; }
        public static double Cosh(double value) { throw null; }
        public static double Exp(double d) { throw null; }
        public static double Floor(double d) { throw null; }
        public static double IEEERemainder(double x, double y) { throw null; }
        public static double Log(double d) { throw null; }
        public static double Log10(double d) { throw null; }
        public static int Max(int val1, int val2) { throw null; }
        public static double Max(double val1, double val2) { throw null; }
        public static float Max(float val1, float val2) { throw null; }
        public static int Min(int val1, int val2) { throw null; }
        public static double Min(double val1, double val2) { throw null; }
        public static float Min(float val1, float val2) { throw null; }
        public static double Pow(double x, double y) { throw null; }
        public static double Round(double a) { throw null; }
        public static int Sign(double value) { throw null; }
        public static int Sign(float value) { throw null; }
        public static double Sin(double a) { throw null; }
        public static double Sinh(double value) { throw null; }
        public static double Sqrt(double d) { throw null; }
        public static double Tan(double a) { throw null; }
        public static double Tanh(double value) { throw null; }
        public static double Truncate(double d) { throw null; }
    }
}
