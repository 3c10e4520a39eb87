namespace DigitLock.Engine.Tests;

/// <summary>
/// A fact on the third-party fixtures in ../shared: skipped, with the reason shown, only when that folder
/// is absent (a checkout without the data); whenever it is present the test runs.
/// </summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        Skip = SharedData.SkipReason;
    }
}

/// <summary>The theory form of <see cref="SharedFactAttribute"/>.</summary>
public sealed class SharedTheoryAttribute : TheoryAttribute
{
    public SharedTheoryAttribute()
    {
        Skip = SharedData.SkipReason;
    }
}

internal static class SharedData
{
    /// <summary>Null when ../shared exists; otherwise why the test cannot run.</summary>
    public static string? SkipReason =>
        Directory.Exists(TestRepo.SharedDir)
            ? null
            : $"needs the shared test data folder {TestRepo.SharedDir}, which is absent in this checkout";
}
