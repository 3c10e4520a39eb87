using System.Text;
using DigitLock.Cli.Flashing;

namespace DigitLock.Cli.Tests;

/// <summary>`flash app`: the deployment image and the nanoff call, with a stand-in nanoff on the tool path.</summary>
public class FlashAppTests
{
    [Fact]
    public void Pe_files_are_padded_to_four_bytes_and_concatenated_in_name_order()
    {
        using var scratch = new Scratch();
        var dir = scratch.Folder("pe");
        var app = Assembly("DigitLock.Board.Rt1060", 13);
        var core = Assembly("mscorlib", 16);
        var gfx = Assembly("nanoFramework.Graphics", 7);
        File.WriteAllBytes(Path.Combine(dir, "mscorlib.pe"), core);
        File.WriteAllBytes(Path.Combine(dir, "DigitLock.Board.Rt1060.pe"), app);
        File.WriteAllBytes(Path.Combine(dir, "nanoFramework.Graphics.pe"), gfx);
        File.WriteAllText(Path.Combine(dir, "DigitLock.Board.Rt1060.pdbx"), "not deployed");

        var files = DeploymentImage.PeFiles(dir);
        Assert.Equal(new[] { "DigitLock.Board.Rt1060.pe", "mscorlib.pe", "nanoFramework.Graphics.pe" }, files.Select(Path.GetFileName));

        var image = DeploymentImage.Build(files);
        var expected = app.Concat(new byte[3]).Concat(core).Concat(gfx).Concat(new byte[1]).ToArray();
        Assert.Equal(16 + 16 + 8, image.Length);
        Assert.Equal(expected, image);
    }

    [Fact]
    public void A_pe_file_without_the_assembly_marker_is_refused()
    {
        using var scratch = new Scratch();
        var dir = scratch.Folder("pe");
        File.WriteAllBytes(Path.Combine(dir, "a.pe"), Assembly("a", 12));
        File.WriteAllBytes(Path.Combine(dir, "b.pe"), "MZ, a Windows PE"u8.ToArray());
        var error = Assert.Throws<InvalidDataException>(() => DeploymentImage.Build(DeploymentImage.PeFiles(dir)));
        Assert.Equal("b.pe: not a nanoFramework assembly (it does not start with the \"NFMRK\" marker of a .pe file)", error.Message);
    }

    [Fact]
    public void Pe_dir_is_deployed_with_nanoff_and_the_exact_arguments()
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        var argv = FakeTool.Write(env.SearchPath, "nanoff", 0, copyArgumentAfter: "--image");
        var dir = scratch.Folder("pe");
        var app = Assembly("DigitLock.Board.Rt1060", 21);
        var core = Assembly("mscorlib", 8);
        File.WriteAllBytes(Path.Combine(dir, "DigitLock.Board.Rt1060.pe"), app);
        File.WriteAllBytes(Path.Combine(dir, "mscorlib.pe"), core);
        var port = Port(scratch);

        var run = FlashRun.Of(env, "app", "--pe-dir", dir, "--port", port);

        Assert.True(run.ExitCode == 0, run.Error);
        var args = FakeTool.Arguments(argv);
        Assert.Equal(new[] { "--nanodevice", "--deploy", "--serialport", port, "--image" }, args[..5]);
        Assert.Equal(6, args.Length);
        Assert.EndsWith("deployment.bin", args[5]);
        Assert.Equal(app.Concat(new byte[3]).Concat(core).ToArray(), File.ReadAllBytes(argv + ".file"));
        Assert.False(File.Exists(args[5]), "the temporary deployment image is removed afterwards");
        Assert.Contains("deployment image: 2 assemblies (DigitLock.Board.Rt1060.pe, mscorlib.pe), 32 bytes", run.Output);
        Assert.Contains("nanoff (fake): working", run.Output);
        Assert.Contains($"deployed 2 assemblies to {port}", run.Output);
    }

    [Fact]
    public void A_ready_image_is_passed_as_it_is()
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        var argv = FakeTool.Write(env.SearchPath, "nanoff", 0);
        File.WriteAllBytes(scratch["DigitLock.bin"], Assembly("DigitLock", 40));
        var port = Port(scratch);

        var run = FlashRun.Of(env, "app", "--image", scratch["DigitLock.bin"], "--port", port);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(new[] { "--nanodevice", "--deploy", "--serialport", port, "--image", scratch["DigitLock.bin"] }, FakeTool.Arguments(argv));
    }

    [Fact]
    public void Nanoff_failure_becomes_a_clear_error_and_the_scratch_image_is_still_removed()
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        var argv = FakeTool.Write(env.SearchPath, "nanoff", 5);
        var dir = scratch.Folder("pe");
        File.WriteAllBytes(Path.Combine(dir, "app.pe"), Assembly("app", 12));
        var port = Port(scratch);

        var run = FlashRun.Of(env, "app", "--pe-dir", dir, "--port", port);

        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith($"error: nanoff deploy failed (exit code 5); its messages are above. Is the board running a nanoCLR on {port}?\n", run.Error);
        Assert.False(File.Exists(FakeTool.Arguments(argv)[5]));
    }

    [Fact]
    public void Missing_nanoff_points_to_the_install_step()
    {
        using var scratch = new Scratch();
        var dir = scratch.Folder("pe");
        File.WriteAllBytes(Path.Combine(dir, "app.pe"), Assembly("app", 12));

        var run = FlashRun.Of(scratch.Bare(), "app", "--pe-dir", dir, "--port", Port(scratch));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: nanoff not found on PATH; install it with `dotnet tool install -g nanoff` (and make sure ~/.dotnet/tools is on PATH)\n", run.Error);
    }

    [Theory]
    [InlineData(new string[0], "error: give either --pe-dir DIR or --image FILE")]
    [InlineData(new[] { "--pe-dir", "PE", "--image", "IMG" }, "error: give either --pe-dir DIR or --image FILE")]
    [InlineData(new[] { "--pe-dir", "EMPTY" }, "error: EMPTY: no .pe files")]
    [InlineData(new[] { "--pe-dir", "NONE" }, "error: NONE: folder not found")]
    [InlineData(new[] { "--image", "IMG" }, "error: IMG: not a nanoFramework assembly")]
    [InlineData(new[] { "--image", "NONE" }, "error: NONE: deployment image not found")]
    public void Bad_app_input_is_refused_before_nanoff_runs(string[] input, string expectedStart)
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        var argv = FakeTool.Write(env.SearchPath, "nanoff", 0);
        var pe = scratch.Folder("pe");
        File.WriteAllBytes(Path.Combine(pe, "app.pe"), Assembly("app", 12));
        File.WriteAllText(scratch["app.bin"], "plain text");
        var paths = new Dictionary<string, string>
        {
            ["PE"] = pe,
            ["EMPTY"] = scratch.Folder("empty"),
            ["NONE"] = scratch["none"],
            ["IMG"] = scratch["app.bin"],
        };
        var args = new[] { "app", "--port", Port(scratch) }.Concat(input.Select(a => paths.GetValueOrDefault(a, a))).ToArray();

        var run = FlashRun.Of(env, args);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(paths.Aggregate(expectedStart, (s, p) => s.Replace(p.Key, p.Value)), run.Error);
        Assert.False(File.Exists(argv), "nanoff must not run");
    }

    [Fact]
    public void A_missing_serial_port_is_named()
    {
        using var scratch = new Scratch();
        var env = scratch.Bare();
        var argv = FakeTool.Write(env.SearchPath, "nanoff", 0);
        File.WriteAllBytes(scratch["app.pe"], Assembly("app", 12));

        var run = FlashRun.Of(env, "app", "--image", scratch["app.pe"], "--port", "/dev/ttyDIGITLOCK-NONE");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: /dev/ttyDIGITLOCK-NONE: no such serial port", run.Error);
        Assert.False(File.Exists(argv));
    }

    /// <summary>Bytes shaped like a .pe file: the assembly marker, then the name, then filler.</summary>
    private static byte[] Assembly(string name, int length)
    {
        var bytes = new byte[length];
        var head = Encoding.ASCII.GetBytes("NFMRK2\0\0" + name);
        head.AsSpan(0, Math.Min(head.Length, length)).CopyTo(bytes);
        for (int i = head.Length; i < length; i++)
        {
            bytes[i] = (byte)(0xA0 + i);
        }

        return bytes;
    }

    /// <summary>Something at a path for --port: nanoff is a stand-in, so any existing file does.</summary>
    private static string Port(Scratch scratch)
    {
        var port = scratch["ttyACM-fake"];
        File.WriteAllText(port, "");
        return port;
    }
}
