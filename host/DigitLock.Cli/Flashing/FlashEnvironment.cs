namespace DigitLock.Cli.Flashing;

/// <summary>
/// What the flash commands look at on this machine: the program search path (for pyocd and nanoff),
/// the folders removable drives are mounted under, and how often to look at a probe drive while
/// it remounts. Tests hand in their own.
/// </summary>
public sealed record FlashEnvironment(string SearchPath, IReadOnlyList<string> MountRoots, TimeSpan PollInterval)
{
    public static FlashEnvironment FromProcess()
    {
        var user = Environment.UserName;
        return new FlashEnvironment(
            Environment.GetEnvironmentVariable("PATH") ?? "",
            new[] { $"/media/{user}", $"/run/media/{user}", "/media", "/mnt", "/Volumes" },
            TimeSpan.FromMilliseconds(50));
    }
}
