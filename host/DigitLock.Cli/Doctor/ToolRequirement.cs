using System.Diagnostics;

namespace DigitLock.Cli.Doctor;

/// <summary>What a probe saw: found or not, and a version line or path when found.</summary>
public readonly record struct ProbeResult(bool Found, string Detail);

/// <summary>
/// One tool the project needs. The lists live in tests/requirements/{apt,npm}.txt so that
/// tests/setup (which installs) and doctor (which checks) can never disagree.
/// </summary>
public sealed class ToolRequirement
{
    private readonly Func<RepoLayout, ProbeResult> _probe;

    private ToolRequirement(string name, string installCommand, string purpose, Func<RepoLayout, ProbeResult> probe, bool optional = false)
    {
        Name = name;
        InstallCommand = installCommand;
        Purpose = purpose;
        _probe = probe;
        Optional = optional;
    }

    /// <summary>Only one command needs it (e.g. flashing a real board); tests/setup does not install it.</summary>
    public bool Optional { get; }

    public string Name { get; }

    public string InstallCommand { get; }

    public string Purpose { get; }

    public ProbeResult Probe(RepoLayout layout) => _probe(layout);

    public static IReadOnlyList<ToolRequirement> LoadAll(RepoLayout layout)
    {
        var all = new List<ToolRequirement>
        {
            new("dotnet", "see https://learn.microsoft.com/dotnet/core/install/linux-debian (.NET 10 SDK)",
                "host CLI, training, tests", _ => ProbeCommand("dotnet")),
        };
        all.AddRange(ParseApt(File.ReadAllLines(Path.Combine(layout.RequirementsDir, "apt.txt"))));
        all.AddRange(ParseNpm(File.ReadAllLines(Path.Combine(layout.RequirementsDir, "npm.txt"))));
        var optional = Path.Combine(layout.RequirementsDir, "optional.txt");
        if (File.Exists(optional))
        {
            all.AddRange(ParseOptional(File.ReadAllLines(optional)));
        }

        return all;
    }

    /// <summary>Lines "cmd:NAME|file:PATH  debian-package  purpose...".</summary>
    internal static IEnumerable<ToolRequirement> ParseApt(IEnumerable<string> lines)
    {
        foreach (var fields in Rows(lines))
        {
            var (kind, what) = SplitProbe(fields[0]);
            var package = fields[1];
            var purpose = string.Join(' ', fields.Skip(2));
            var install = $"sudo apt-get install -y {package}";
            yield return kind switch
            {
                "cmd" => new ToolRequirement(what, install, purpose, _ => ProbeCommand(what)),
                "file" => new ToolRequirement(package, install, purpose,
                    _ => File.Exists(what) ? new ProbeResult(true, what) : new ProbeResult(false, "")),
                _ => throw new FormatException($"apt.txt: unknown probe kind '{kind}' in '{fields[0]}'"),
            };
        }
    }

    /// <summary>Lines "package@version  flags|-  purpose...", installed under .cache/npm.</summary>
    internal static IEnumerable<ToolRequirement> ParseNpm(IEnumerable<string> lines)
    {
        foreach (var fields in Rows(lines))
        {
            var spec = fields[0];
            var at = spec.LastIndexOf('@');
            if (at <= 0)
            {
                throw new FormatException($"npm.txt: '{spec}' is not package@version");
            }

            var package = spec[..at];
            var version = spec[(at + 1)..];
            var flags = fields[1] == "-" ? "" : " " + fields[1];
            var purpose = string.Join(' ', fields.Skip(2));
            var install = $"npm install --prefix .cache/npm{flags} {spec}";
            yield return new ToolRequirement("npm:" + package, install, purpose,
                layout => ProbeNpmPackage(layout, package, version));
        }
    }

    /// <summary>Lines "cmd:NAME | install command | purpose": tools not every machine needs, each with its own installer.</summary>
    internal static IEnumerable<ToolRequirement> ParseOptional(IEnumerable<string> lines)
    {
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var fields = line.Split('|', StringSplitOptions.TrimEntries);
            if (fields.Length != 3 || fields.Any(f => f.Length == 0))
            {
                throw new FormatException($"optional.txt: expected 'cmd:NAME | install command | purpose' in '{line}'");
            }

            var (kind, what) = SplitProbe(fields[0]);
            if (kind != "cmd")
            {
                throw new FormatException($"optional.txt: unknown probe kind '{kind}' in '{fields[0]}'");
            }

            yield return new ToolRequirement(what, fields[1], fields[2], _ => ProbeCommand(what), optional: true);
        }
    }

    private static IEnumerable<string[]> Rows(IEnumerable<string> lines) =>
        lines.Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Select(f => f.Length >= 2 ? f : throw new FormatException($"requirements line has too few fields: '{string.Join(' ', f)}'"));

    private static (string Kind, string What) SplitProbe(string probe)
    {
        var colon = probe.IndexOf(':');
        return colon < 0 ? ("cmd", probe) : (probe[..colon], probe[(colon + 1)..]);
    }

    private static ProbeResult ProbeNpmPackage(RepoLayout layout, string package, string version)
    {
        var manifest = Path.Combine(layout.NodeModulesDir, package, "package.json");
        if (!File.Exists(manifest))
        {
            return new ProbeResult(false, "");
        }

        var text = File.ReadAllText(manifest);
        return text.Contains($"\"version\": \"{version}\"", StringComparison.Ordinal)
            ? new ProbeResult(true, $"{version} in .cache/npm")
            : new ProbeResult(false, $"wrong version (want {version})");
    }

    internal static ProbeResult ProbeCommand(string name)
    {
        var path = FindOnPath(name);
        if (path == null)
        {
            return new ProbeResult(false, "");
        }

        return new ProbeResult(true, $"{path}  {FirstVersionLine(path)}".TrimEnd());
    }

    internal static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0)
            {
                continue;
            }

            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string FirstVersionLine(string path)
    {
        try
        {
            var info = new ProcessStartInfo(path, "--version")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(info);
            if (process == null)
            {
                return "";
            }

            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(10_000))
            {
                process.Kill(entireProcessTree: true);
                return "";
            }

            var text = stdout.Result.Length > 0 ? stdout.Result : stderr.Result;
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }
}
