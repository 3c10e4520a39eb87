using System.ComponentModel;
using System.Diagnostics;

namespace DigitLock.Cli.Flashing;

/// <summary>A program found on the search path, run with its output streamed line by line.</summary>
public sealed class ExternalTool
{
    private const int TextFileBusy = 26; // ETXTBSY: the file was still open for writing in another process

    private ExternalTool(string name, string path)
    {
        Name = name;
        Path = path;
    }

    public string Name { get; }

    public string Path { get; }

    /// <summary>The first executable file called <paramref name="name"/> in the ':'-separated <paramref name="searchPath"/>.</summary>
    public static ExternalTool? Find(string name, string searchPath)
    {
        foreach (var dir in searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(dir, name);
            if (File.Exists(candidate) && IsExecutable(candidate))
            {
                return new ExternalTool(name, candidate);
            }
        }

        return null;
    }

    /// <summary>
    /// Runs the tool, copying its stdout to <paramref name="output"/> and stderr to
    /// <paramref name="error"/> as lines arrive; returns its exit code. Past <paramref name="timeout"/>
    /// the tool is killed and an IOException says so.
    /// </summary>
    public int Run(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var gate = new object();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Forward(e.Data, output, gate);
        process.ErrorDataReceived += (_, e) => Forward(e.Data, error, gate);
        StartWithRetry(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new IOException($"{Name} did not finish within {timeout.TotalSeconds:0} s and was stopped (give a longer --timeout?)");
        }

        process.WaitForExit(); // drains the redirected streams
        return process.ExitCode;
    }

    private static void Forward(string? line, TextWriter to, object gate)
    {
        if (line == null)
        {
            return;
        }

        lock (gate)
        {
            to.WriteLine(line);
        }
    }

    /// <summary>
    /// Linux refuses to exec a file another process still holds open for writing; that happens
    /// for a moment when the tool was just written (an installer, a test's stand-in) while some
    /// other thread forked. It clears by itself, so try again briefly.
    /// </summary>
    private void StartWithRetry(Process process)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                process.Start();
                return;
            }
            catch (Win32Exception e) when (e.NativeErrorCode == TextFileBusy && attempt < 20)
            {
                Thread.Sleep(50);
            }
            catch (Win32Exception e)
            {
                throw new IOException($"{Path}: cannot run {Name}: {e.Message}");
            }
        }
    }

    private static bool IsExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
