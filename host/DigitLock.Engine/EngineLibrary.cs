using System.Reflection;
using System.Runtime.InteropServices;

namespace DigitLock.Engine;

/// <summary>
/// Finds libdl_engine for the P/Invoke calls: DIGITLOCK_NATIVE_DIR, then beside this program, then
/// the checkout's cmake output (build/native/...), found by walking up to nf-solution.sln. That last
/// place is where ./digitlock and `cmake --build build/native` put it, so tests and the CLI need no copy.
/// </summary>
public static class EngineLibrary
{
    public const string EnvironmentVariable = "DIGITLOCK_NATIVE_DIR";

    public const string NotFoundMessage =
        "the C engine library libdl_engine.so was not found; run ./digitlock once or cmake --build build/native";

    private static readonly object Gate = new();
    private static IntPtr handle;
    private static string? loadedPath;

    /// <summary>The platform file name, libdl_engine.so on Linux.</summary>
    public static string FileName =>
        OperatingSystem.IsWindows() ? "dl_engine.dll"
        : OperatingSystem.IsMacOS() ? "libdl_engine.dylib"
        : "libdl_engine.so";

    /// <summary>Where the library is looked for, in order.</summary>
    public static IEnumerable<string> CandidatePaths(string? nativeDir, string baseDirectory)
    {
        if (!string.IsNullOrEmpty(nativeDir))
        {
            yield return Path.Combine(nativeDir, FileName);
        }

        yield return Path.Combine(baseDirectory, FileName);
        for (var dir = new DirectoryInfo(baseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "nf-solution.sln")))
            {
                yield return Path.Combine(dir.FullName, "build", "native", "native-interop", "engine", FileName);
                yield break;
            }
        }
    }

    /// <summary>The first existing candidate, or null.</summary>
    public static string? Locate(string? nativeDir, string baseDirectory) =>
        CandidatePaths(nativeDir, baseDirectory).FirstOrDefault(File.Exists);

    /// <summary>
    /// Loads the library once and routes this assembly's P/Invoke calls to it; every entry into the
    /// engine calls this first. Throws <see cref="DllNotFoundException"/> saying how to build it when absent.
    /// </summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (handle != IntPtr.Zero)
            {
                return;
            }

            var path = Locate(Environment.GetEnvironmentVariable(EnvironmentVariable), AppContext.BaseDirectory)
                ?? throw new DllNotFoundException(NotFoundMessage);
            handle = NativeLibrary.Load(path);
            loadedPath = path;
            NativeLibrary.SetDllImportResolver(typeof(EngineLibrary).Assembly, Resolve);
        }
    }

    /// <summary>Full path of the loaded library, for diagnostics; loads it if needed.</summary>
    public static string LoadedPath()
    {
        EnsureLoaded();
        return loadedPath!;
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == DlNative.Library ? handle : IntPtr.Zero;
}
