using DigitLock.Engine;

namespace DigitLock.Cli.Commands;

/// <summary>Failures caused by the user's files or setup: printed as one "error:" line, exit code 1.</summary>
internal static class CommandFailure
{
    public static bool IsUserFacing(Exception e) =>
        e is EngineException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException
            or DllNotFoundException or UnauthorizedAccessException or IOException;
}
