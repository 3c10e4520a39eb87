// Reference-only declarations of nanoFramework.CoreLibrary 1.17.11 (assembly mscorlib).
// Declared from github.com/nanoframework/CoreLibrary tag v1.17.11, files
// nanoFramework.CoreLibrary/System/{Boolean,Char,SByte,Byte,Int16,UInt16,Int32,UInt32,Int64,
// UInt64,Single,Double,Decimal,String,Array,DateTime,DayOfWeek,TimeSpan,Convert,BitConverter,
// Guid}.cs. Note what nanoFramework lacks compared with .NET: no Char.IsDigit/IsLetter, no
// Array.Sort/Reverse/Resize, no String.Join/Replace/Split(string)/Compare(ignoreCase),
// no Int32.ToString(IFormatProvider), no Math in mscorlib (it is in System.Math).

namespace System
{
    [Serializable]
    public struct Boolean
    {
        public static readonly string FalseString;
        public static readonly string TrueString;
        public override string ToString() { throw null; }
    }

    [Serializable]
    public struct Char
    {
        public const char MaxValue = (char)0xFFFF;
        public const char MinValue = (char)0x00;
        public override string ToString() { throw null; }
        public char ToLower() { throw null; }
        public char ToUpper() { throw null; }
    }

    [Serializable]
    public struct SByte
    {
        public const sbyte MaxValue = 0x7F;
        public const sbyte MinValue = unchecked((sbyte)0x80);
        public override string ToString() { throw null; }
        public string ToString(string format) { throw null; }
        public static sbyte Parse(string s) { throw null; }
        public static bool TryParse(string s, out sbyte result) { throw null; }
    }

    [Serializable]
    public struct Byte
    {
        public const byte MaxValue = 0xFF;
        public const byte MinValue = 0;
        public override string ToString() { throw null; }
        public string ToString(string format) { throw null; }
        public static byte Parse(string s) { throw null; }
        public static bool TryParse(string s, out byte result) { throw null; }
    }

    [Serializable]
    public struct Int16
    {
        public const short MaxValue = 0x7FFF;
        public const short MinValue = unchecked((short)0x8000);
        public override string ToString() { throw null; }
        public string ToString(string format) { throw null; }
        public static short Parse(string s) { throw null; }
        public static bool TryParse(string s, out short result) { throw null; }
    }

    [Serializable]
    public struct UInt16
    {
        public const ushort MaxValue = 0xFFFF;
        public const ushort MinValue = 0;
        public override string ToString() { throw null; }
        public string ToString(string format) { throw null; }
        public static ushort Parse(string s) { throw null; }
        public static bool TryParse(string s, out ushort result) { throw null; }
    }

    [Serializable]
    public struct Int32
    {
        public const int MaxValue = 0x7fffffff;
        public const int MinValue = unchecked((int)0x80000000);
        public override string ToString() { throw null; }
        public string ToString(string format) { throw null; }
        public static int Parse(string s) { throw null; }
        public static bool TryParse(string s, out int result) { throw null; }
    }

    [Serializable]
    public struct UInt32
    {
        public const uint MaxValue = 0xffffffff;
        public const uint MinValue = 0U;
        public override string ToString() { throw null; }
        public string ToString(string format) { throw null; }
        public static uint Parse(string s) { throw null; }
        public static bool TryParse(string s, out uint result) { throw null; }
    }

    [Serializable]
    public struct Int64
    {
        public const long MaxValue = 0x7fffffffffffffffL;
        public const long MinValue = unchecked((long)0x8000000000000000L);
        public override string ToString() { throw null; }
        public string ToString(string format) { throw null; }
        public static long Parse(string s) { throw null; }
        public static bool TryParse(string s, out long result) { throw null; }
    }

    [Serializable]
    public struct UInt64
    {
        public const ulong MaxValue = 0xffffffffffffffffL;
        public const ulong MinValue = 0x0;
        public override string ToString() { throw null; }
        public string ToString(string format) { throw null; }
        public static ulong Parse(string s) { throw null; }
        public static bool TryParse(string s, out ulong result) { throw null; }
    }

    [Serializable]
    public struct Single
    {
        public const float MinValue = (float)-3.40282346638528859e+38;
        public const float Epsilon = (float)1.4e-45;
        public const float MaxValue = (float)3.40282346638528859e+38;
        public const float NegativeInfinity = -1.0f / 0.0f;
        public const float PositiveInfinity = 1.0f / 0.0f;
        public const float NaN = 0.0f / 0.0f;
        public static bool IsInfinity(float f) { throw null; }
        public static bool IsNaN(float f) { throw null; }
        public static bool IsNegativeInfinity(float f) { throw null; }
        public static bool IsPositiveInfinity(float f) { throw null; }
        public int CompareTo(float value) { throw null; }
        public static float Parse(string s) { throw null; }
        public override string ToString() { throw null; }
        public string ToString(string format) { throw null; }
        public static bool TryParse(string s, out float result) { throw null; }
    }

    [Serializable]
    public struct Double
    {
        public const double MinValue = -1.7976931348623157E+308;
        public const double MaxValue = 1.7976931348623157E+308;
        public const double Epsilon = 4.9406564584124650E-324;
        public const double NegativeInfinity = -1.0 / 0.0;
        public const double PositiveInfinity = 1.0 / 0.0;
        public const double NaN = 0.0 / 0.0;
        public int CompareTo(double value) { throw null; }
        public static bool IsInfinity(double d) { throw null; }
        public static bool IsNaN(double d) { throw null; }
        public static bool IsNegativeInfinity(double d) { throw null; }
        public static bool IsPositiveInfinity(double d) { throw null; }
        public static double Parse(string s) { throw null; }
        public override string ToString() { throw null; }
        public string ToString(string format) { throw null; }
        public static bool TryParse(string s, out double result) { throw null; }
    }

    // nanoFramework declares Decimal only so the type exists; it has no arithmetic.
    public struct Decimal
    {
        public Decimal(int value) { }
        public Decimal(uint value) { }
        public Decimal(long value) { }
        public Decimal(ulong value) { }
        public Decimal(float value) { }
        public Decimal(double value) { }
        public Decimal(int[] bits) { }
        public Decimal(int lo, int mid, int hi, bool isNegative, byte scale) { }
    }

    [Serializable]
    public sealed class String : IComparable, Collections.IEnumerable
    {
        public static readonly string Empty;
        public String(char[] value, int startIndex, int length) { }
        public String(char[] value) { }
        public String(char c, int count) { }
        public Collections.IEnumerator GetEnumerator() { throw null; }
        public override bool Equals(object obj) { throw null; }
        public static bool Equals(string a, string b) { throw null; }
        public static bool operator ==(string a, string b) { throw null; }
        public static bool operator !=(string a, string b) { throw null; }
        [System.Runtime.CompilerServices.IndexerName("Chars")]
        public char this[int index] { get { throw null; } }
        public char[] ToCharArray() { throw null; }
        public char[] ToCharArray(int startIndex, int length) { throw null; }
        public int Length { get { throw null; } }
        public string[] Split(params char[] separator) { throw null; }
        public string[] Split(char[] separator, int count) { throw null; }
        public string Substring(int startIndex) { throw null; }
        public string Substring(int startIndex, int length) { throw null; }
        public string Trim(params char[] trimChars) { throw null; }
        public string TrimStart(params char[] trimChars) { throw null; }
        public string TrimEnd(params char[] trimChars) { throw null; }
        public static int Compare(string strA, string strB) { throw null; }
        public int CompareTo(object value) { throw null; }
        public int CompareTo(string strB) { throw null; }
        public int IndexOf(char value) { throw null; }
        public int IndexOf(char value, int startIndex) { throw null; }
        public int IndexOf(char value, int startIndex, int count) { throw null; }
        public int IndexOfAny(char[] anyOf) { throw null; }
        public int IndexOfAny(char[] anyOf, int startIndex) { throw null; }
        public int IndexOfAny(char[] anyOf, int startIndex, int count) { throw null; }
        public int IndexOf(string value) { throw null; }
        public int IndexOf(string value, int startIndex) { throw null; }
        public int IndexOf(string value, int startIndex, int count) { throw null; }
        public int LastIndexOf(char value) { throw null; }
        public int LastIndexOf(char value, int startIndex) { throw null; }
        public int LastIndexOf(char value, int startIndex, int count) { throw null; }
        public int LastIndexOfAny(char[] anyOf) { throw null; }
        public int LastIndexOfAny(char[] anyOf, int startIndex) { throw null; }
        public int LastIndexOfAny(char[] anyOf, int startIndex, int count) { throw null; }
        public int LastIndexOf(string value) { throw null; }
        public int LastIndexOf(string value, int startIndex) { throw null; }
        public int LastIndexOf(string value, int startIndex, int count) { throw null; }
        public string ToLower() { throw null; }
        public string ToUpper() { throw null; }
        public override string ToString() { throw null; }
        public string Trim() { throw null; }
        public static string Concat(object arg0) { throw null; }
        public static string Concat(object arg0, object arg1) { throw null; }
        public static string Concat(object arg0, object arg1, object arg2) { throw null; }
        public static string Concat(params object[] args) { throw null; }
        public static string Concat(string str0, string str1) { throw null; }
        public static string Concat(string str0, string str1, string str2) { throw null; }
        public static string Concat(string str0, string str1, string str2, string str3) { throw null; }
        public static string Concat(params string[] values) { throw null; }
        public static string Intern(string str) { throw null; }
        public static string IsInterned(string str) { throw null; }
        public static string Format(string format, params object[] args) { throw null; }
        public string PadLeft(int totalWidth, char paddingChar = ' ') { throw null; }
        public string PadRight(int totalWidth, char paddingChar = ' ') { throw null; }
        public static bool IsNullOrEmpty(string value) { throw null; }
        public bool Contains(string value) { throw null; }
        public bool StartsWith(string value) { throw null; }
        public bool EndsWith(string value) { throw null; }
    }

    [Serializable]
    public abstract class Array : ICloneable, Collections.IList
    {
        public static Array CreateInstance(Type elementType, int length) { throw null; }
        public static void Copy(Array sourceArray, Array destinationArray, int length) { }
        public static void Copy(Array sourceArray, int sourceIndex, Array destinationArray, int destinationIndex, int length) { }
        public static void Clear(Array array, int index, int length) { }
        public object GetValue(int index) { throw null; }
        public int Length { get { throw null; } }
        int Collections.ICollection.Count { get { throw null; } }
        public object SyncRoot { get { throw null; } }
        public bool IsReadOnly { get { throw null; } }
        public bool IsFixedSize { get { throw null; } }
        public bool IsSynchronized { get { throw null; } }
        object Collections.IList.this[int index] { get { throw null; } set { } }
        int Collections.IList.Add(object value) { throw null; }
        bool Collections.IList.Contains(object value) { throw null; }
        void Collections.IList.Clear() { }
        int Collections.IList.IndexOf(object value) { throw null; }
        void Collections.IList.Insert(int index, object value) { }
        void Collections.IList.Remove(object value) { }
        void Collections.IList.RemoveAt(int index) { }
        public object Clone() { throw null; }
        public static int BinarySearch(Array array, object value, Collections.IComparer comparer) { throw null; }
        public static int BinarySearch(Array array, int index, int length, object value, Collections.IComparer comparer) { throw null; }
        public void CopyTo(Array array, int index) { }
        public Collections.IEnumerator GetEnumerator() { throw null; }
        public static int IndexOf(Array array, object value) { throw null; }
        public static int IndexOf(Array array, object value, int startIndex) { throw null; }
        public static int IndexOf(Array array, object value, int startIndex, int count) { throw null; }
    }

    public enum DateTimeKind
    {
        Utc = 1,
        [Obsolete("nanoFramework doesn't support local time", true)]
        Local = 2,
    }

    [Serializable]
    public enum DayOfWeek
    {
        Sunday = 0,
        Monday = 1,
        Tuesday = 2,
        Wednesday = 3,
        Thursday = 4,
        Friday = 5,
        Saturday = 6,
    }

    [Serializable]
    public struct DateTime
    {
        public static readonly DateTime MinValue;
        public static readonly DateTime MaxValue;
        public static readonly DateTime UnixEpoch;
        public DateTime(long ticks) { }
        public DateTime(long ticks, DateTimeKind kind) { }
        public DateTime(int year, int month, int day) { }
        public DateTime(int year, int month, int day, int hour, int minute, int second) { }
        public DateTime(int year, int month, int day, int hour, int minute, int second, int millisecond) { }
        public DateTime Add(TimeSpan val) { throw null; }
        public DateTime AddDays(double val) { throw null; }
        public DateTime AddHours(double val) { throw null; }
        public DateTime AddMilliseconds(double val) { throw null; }
        public DateTime AddMinutes(double val) { throw null; }
        public DateTime AddSeconds(double val) { throw null; }
        public DateTime AddTicks(long val) { throw null; }
        public static int Compare(DateTime t1, DateTime t2) { throw null; }
        public int CompareTo(object val) { throw null; }
        public static int DaysInMonth(int year, int month) { throw null; }
        public override bool Equals(object obj) { throw null; }
        public static bool Equals(DateTime t1, DateTime t2) { throw null; }
        public DateTime Date { get { throw null; } }
        public int Day { get { throw null; } }
        public DayOfWeek DayOfWeek { get { throw null; } }
        public int DayOfYear { get { throw null; } }
        public int Hour { get { throw null; } }
        public DateTimeKind Kind { get { throw null; } }
        public int Millisecond { get { throw null; } }
        public int Minute { get { throw null; } }
        public int Month { get { throw null; } }
        public static DateTime UtcNow { get { throw null; } }
        public int Second { get { throw null; } }
        public long Ticks { get { throw null; } }
        public TimeSpan TimeOfDay { get { throw null; } }
        public static DateTime Today { get { throw null; } }
        public int Year { get { throw null; } }
        public TimeSpan Subtract(DateTime val) { throw null; }
        public DateTime Subtract(TimeSpan val) { throw null; }
        public override string ToString() { throw null; }
        public string ToString(string format) { throw null; }
        public static DateTime operator +(DateTime d, TimeSpan t) { throw null; }
        public static DateTime operator -(DateTime d, TimeSpan t) { throw null; }
        public static TimeSpan operator -(DateTime d1, DateTime d2) { throw null; }
        public static bool operator ==(DateTime d1, DateTime d2) { throw null; }
        public static bool operator !=(DateTime t1, DateTime t2) { throw null; }
        public static bool operator <(DateTime t1, DateTime t2) { throw null; }
        public static bool operator <=(DateTime t1, DateTime t2) { throw null; }
        public static bool operator >(DateTime t1, DateTime t2) { throw null; }
        public static bool operator >=(DateTime t1, DateTime t2) { throw null; }
        public static DateTime FromUnixTimeSeconds(long seconds) { throw null; }
        public long ToUnixTimeSeconds() { throw null; }
        public override int GetHashCode() { throw null; }
        public static DateTime Parse(string s) { throw null; }
        public static bool TryParse(string s, out DateTime result) { throw null; }
    }

    [Serializable]
    public struct TimeSpan
    {
        public const long TicksPerMillisecond = 10000;
        public const long TicksPerSecond = TicksPerMillisecond * 1000;
        public const long TicksPerMinute = TicksPerSecond * 60;
        public const long TicksPerHour = TicksPerMinute * 60;
        public const long TicksPerDay = TicksPerHour * 24;
        public static readonly TimeSpan Zero;
        public static readonly TimeSpan MaxValue;
        public static readonly TimeSpan MinValue;
        public TimeSpan(long ticks) { }
        public TimeSpan(int hours, int minutes, int seconds) { }
        public TimeSpan(int days, int hours, int minutes, int seconds) { }
        public TimeSpan(int days, int hours, int minutes, int seconds, int milliseconds) { }
        public long Ticks { get { throw null; } }
        public int Days { get { throw null; } }
        public int Hours { get { throw null; } }
        public int Milliseconds { get { throw null; } }
        public int Minutes { get { throw null; } }
        public int Seconds { get { throw null; } }
        public double TotalDays { get { throw null; } }
        public double TotalHours { get { throw null; } }
        public double TotalMilliseconds { get { throw null; } }
        public double TotalMinutes { get { throw null; } }
        public double TotalSeconds { get { throw null; } }
        public TimeSpan Add(TimeSpan ts) { throw null; }
        public static int Compare(TimeSpan t1, TimeSpan t2) { throw null; }
        public int CompareTo(object value) { throw null; }
        public TimeSpan Duration() { throw null; }
        public override bool Equals(object value) { throw null; }
        public static bool Equals(TimeSpan t1, TimeSpan t2) { throw null; }
        public TimeSpan Negate() { throw null; }
        public TimeSpan Subtract(TimeSpan ts) { throw null; }
        public static TimeSpan FromTicks(long value) { throw null; }
        public static TimeSpan FromMilliseconds(long value) { throw null; }
        public static TimeSpan FromSeconds(long value) { throw null; }
        public static TimeSpan FromMinutes(long value) { throw null; }
        public static TimeSpan FromHours(long value) { throw null; }
        public static TimeSpan FromDays(long value) { throw null; }
        public override string ToString() { throw null; }
        public static TimeSpan operator -(TimeSpan t) { throw null; }
        public static TimeSpan operator -(TimeSpan t1, TimeSpan t2) { throw null; }
        public static TimeSpan operator +(TimeSpan t) { throw null; }
        public static TimeSpan operator +(TimeSpan t1, TimeSpan t2) { throw null; }
        public static bool operator ==(TimeSpan t1, TimeSpan t2) { throw null; }
        public static bool operator !=(TimeSpan t1, TimeSpan t2) { throw null; }
        public static bool operator <(TimeSpan t1, TimeSpan t2) { throw null; }
        public static bool operator <=(TimeSpan t1, TimeSpan t2) { throw null; }
        public static bool operator >(TimeSpan t1, TimeSpan t2) { throw null; }
        public static bool operator >=(TimeSpan t1, TimeSpan t2) { throw null; }
        public override int GetHashCode() { throw null; }
    }

    [Flags]
    public enum Base64FormattingOptions
    {
        None = 0,
        InsertLineBreaks = 1,
    }

    public static class Convert
    {
        public static bool ToBoolean(byte value) { throw null; }
        public static char ToChar(ushort value) { throw null; }
        public static sbyte ToSByte(string value, int fromBase = 10) { throw null; }
        public static byte ToByte(string value, int fromBase = 10) { throw null; }
        public static byte ToByte(bool value) { throw null; }
        public static DateTime ToDateTime(string value) { throw null; }
        public static short ToInt16(string value, int fromBase = 10) { throw null; }
        public static ushort ToUInt16(string value, int fromBase = 10) { throw null; }
        public static int ToInt32(string value, int fromBase = 10) { throw null; }
        public static uint ToUInt32(string value, int fromBase = 10) { throw null; }
        public static long ToInt64(string value, int fromBase = 10) { throw null; }
        public static ulong ToUInt64(string value, int fromBase = 10) { throw null; }
        public static double ToDouble(string value) { throw null; }
        public static float ToSingle(string value) { throw null; }
        public static string ToBase64String(byte[] inArray) { throw null; }
        public static string ToBase64String(byte[] inArray, Base64FormattingOptions options) { throw null; }
        public static string ToBase64String(byte[] inArray, int offset, int length) { throw null; }
        public static string ToBase64String(byte[] inArray, int offset, int length, Base64FormattingOptions options) { throw null; }
        public static byte[] FromBase64String(string inString) { throw null; }
        public static byte[] FromBase64CharArray(char[] inArray, int offset, int length) { throw null; }
    }

    public static class BitConverter
    {
        public static bool IsLittleEndian { get { throw null; } }
        public static long DoubleToInt64Bits(double value) { throw null; }
        public static byte[] GetBytes(bool value) { throw null; }
        public static byte[] GetBytes(char value) { throw null; }
        public static byte[] GetBytes(double value) { throw null; }
        public static byte[] GetBytes(float value) { throw null; }
        public static byte[] GetBytes(int value) { throw null; }
        public static byte[] GetBytes(long value) { throw null; }
        public static byte[] GetBytes(short value) { throw null; }
        public static byte[] GetBytes(uint value) { throw null; }
        public static byte[] GetBytes(ulong value) { throw null; }
        public static byte[] GetBytes(ushort value) { throw null; }
        public static double Int64BitsToDouble(long value) { throw null; }
        public static bool ToBoolean(byte[] value, int startIndex) { throw null; }
        public static char ToChar(byte[] value, int startIndex) { throw null; }
        public static double ToDouble(byte[] value, int startIndex) { throw null; }
        public static short ToInt16(byte[] value, int startIndex) { throw null; }
        public static int ToInt32(byte[] value, int startIndex) { throw null; }
        public static long ToInt64(byte[] value, int startIndex) { throw null; }
        public static float ToSingle(byte[] value, int startIndex) { throw null; }
        public static string ToString(byte[] value) { throw null; }
        public static string ToString(byte[] value, int startIndex) { throw null; }
        public static string ToString(byte[] value, int startIndex, int length) { throw null; }
        public static ushort ToUInt16(byte[] value, int startIndex) { throw null; }
        public static uint ToUInt32(byte[] value, int startIndex) { throw null; }
        public static ulong ToUInt64(byte[] value, int startIndex) { throw null; }
    }

    [Serializable]
    public struct Guid
    {
        public static readonly Guid Empty;
        public Guid(int a, short b, short c, byte d, byte e, byte f, byte g, byte h, byte i, byte j, byte k) { }
        public Guid(uint a, ushort b, ushort c, byte d, byte e, byte f, byte g, byte h, byte i, byte j, byte k) { }
        public Guid(byte[] b) { }
        public Guid(string g) { }
        public int CompareTo(object value) { throw null; }
        public byte[] ToByteArray() { throw null; }
        public override string ToString() { throw null; }
        public override bool Equals(object o) { throw null; }
        public override int GetHashCode() { throw null; }
        public static Guid NewGuid() { throw null; }
    }
}

namespace System
{
    // nanoFramework's only span type (System/SpanByte.cs): a byte-only ref struct, not Span<T>.
    [Serializable]
    public readonly ref struct SpanByte
    {
        public SpanByte(byte[] array) { throw null; }
        public SpanByte(byte[] array, int start, int length) { throw null; }
        public byte this[int index] { get { throw null; } set { } }
        public static SpanByte Empty { get { throw null; } }
        public int Length { get { throw null; } }
        public bool IsEmpty { get { throw null; } }
        public void CopyTo(SpanByte destination) { }
        public SpanByte Slice(int start) { throw null; }
        public SpanByte Slice(int start, int length) { throw null; }
        public byte[] ToArray() { throw null; }
        public static implicit operator SpanByte(byte[] array) { throw null; }
    }
}
