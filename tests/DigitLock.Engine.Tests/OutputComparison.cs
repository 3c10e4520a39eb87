namespace DigitLock.Engine.Tests;

/// <summary>Byte-for-byte agreement of two runs' outputs, with the worst difference when they disagree.</summary>
internal sealed record OutputComparison(int Total, int Identical, int MaxLsbDiff, int FirstDiffRecord, int FirstDiffByte,
    int Expected, int Actual)
{
    /// <param name="signed">Compare as int8 (true) or uint8 values when measuring the LSB difference.</param>
    public static OutputComparison Of(byte[] expected, byte[] actual, int recordBytes, bool signed = true)
    {
        Assert.True(expected.Length == actual.Length,
            $"output sizes differ: expected {expected.Length} bytes, got {actual.Length}");
        int identical = 0, maxDiff = 0, firstRecord = -1, firstByte = -1, e0 = 0, a0 = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] == actual[i])
            {
                identical++;
                continue;
            }

            int e = signed ? (sbyte)expected[i] : expected[i];
            int a = signed ? (sbyte)actual[i] : actual[i];
            if (firstRecord < 0)
            {
                (firstRecord, firstByte, e0, a0) = (i / recordBytes, i % recordBytes, e, a);
            }

            maxDiff = Math.Max(maxDiff, Math.Abs(e - a));
        }

        return new OutputComparison(expected.Length, identical, maxDiff, firstRecord, firstByte, e0, a0);
    }

    public bool AllIdentical => Identical == Total;

    public override string ToString() => AllIdentical
        ? $"{Identical} of {Total} bytes identical"
        : $"{Identical} of {Total} bytes identical; max difference {MaxLsbDiff} LSB; first at record {FirstDiffRecord} " +
          $"byte {FirstDiffByte}: expected {Expected}, got {Actual}";
}
