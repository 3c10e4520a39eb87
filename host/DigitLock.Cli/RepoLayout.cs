namespace DigitLock.Cli;

/// <summary>
/// Where things are in a checkout. The ./digitlock script exports DIGITLOCK_ROOT; without it
/// (tests, `dotnet run`) the root is the nearest folder above the binary holding nf-solution.sln.
/// </summary>
public sealed class RepoLayout
{
    public RepoLayout(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    /// <summary>The beside-the-checkout folder of test data and third-party models, if present.</summary>
    public string SharedDir => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public string CacheDir => Path.Combine(Root, ".cache");

    public string NodeModulesDir => Path.Combine(CacheDir, "npm", "node_modules");

    public string RequirementsDir => Path.Combine(Root, "tests", "requirements");

    public string NativeBuildDir => Path.Combine(Root, "build", "native");

    public static RepoLayout Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("DIGITLOCK_ROOT");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return new RepoLayout(fromEnv);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "nf-solution.sln")))
            {
                return new RepoLayout(dir.FullName);
            }
        }

        throw new InvalidOperationException(
            "cannot find the DigitLock checkout: set DIGITLOCK_ROOT or run through ./digitlock");
    }
}
