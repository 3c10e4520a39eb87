namespace DigitLock.Cli.Flashing;

/// <summary>
/// A nanoFramework deployment image: the app's .pe assemblies and every .pe it references, each
/// zero-padded to a multiple of four bytes and concatenated (what Visual Studio's deploy and the
/// nanoFrameworkDeployer `--bin` option write; nanoFrameworkDeployer/Program.cs,
/// CreateBinDeploymentFile). The nanoCLR walks the deployment region assembly by assembly, each
/// starting with the "NFMRK" marker of its header (nf-interpreter: c_MARKER_ASSEMBLY_V2 "NFMRK2").
/// </summary>
public static class DeploymentImage
{
    public static readonly byte[] AssemblyMarker = "NFMRK"u8.ToArray();

    /// <summary>The .pe files of <paramref name="dir"/>, in ordinal name order so the image is the same every time.</summary>
    public static IReadOnlyList<string> PeFiles(string dir)
    {
        if (!Directory.Exists(dir))
        {
            throw new DirectoryNotFoundException($"{dir}: folder not found");
        }

        var files = Directory.GetFiles(dir, "*.pe").OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new InvalidDataException($"{dir}: no .pe files (build the nanoFramework app; its bin/Release folder holds the app's and its references' .pe files)");
        }

        return files;
    }

    /// <summary>The image bytes for <paramref name="peFiles"/>; refuses a file that is not a nanoFramework assembly.</summary>
    public static byte[] Build(IReadOnlyList<string> peFiles)
    {
        using var image = new MemoryStream();
        foreach (var file in peFiles)
        {
            var bytes = File.ReadAllBytes(file);
            RequireAssembly(bytes, Path.GetFileName(file));
            image.Write(bytes);
            int padding = (4 - bytes.Length % 4) % 4;
            image.Write(new byte[padding]);
        }

        return image.ToArray();
    }

    /// <summary>Checks that an image handed in whole (a .bin from Visual Studio, or one .pe) starts like one.</summary>
    public static void CheckImage(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: deployment image not found", path);
        }

        var head = new byte[AssemblyMarker.Length];
        int read;
        using (var file = File.OpenRead(path))
        {
            read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        RequireAssembly(head.AsSpan(0, read), path);
    }

    private static void RequireAssembly(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.Length == 0)
        {
            throw new InvalidDataException($"{name}: the file is empty");
        }

        if (bytes.Length < AssemblyMarker.Length || !bytes[..AssemblyMarker.Length].SequenceEqual(AssemblyMarker))
        {
            throw new InvalidDataException($"{name}: not a nanoFramework assembly (it does not start with the \"NFMRK\" marker of a .pe file)");
        }
    }
}
