using System.CommandLine;
using DigitLock.Cli.Flashing;

namespace DigitLock.Cli.Commands;

/// <summary>
/// `digitlock flash firmware|app|model`: the three things that go onto a board, each through the
/// channel that carries it (docs/flashing.md): the nanoCLR through the EVK's debug probe, the
/// managed app through nanoff, the model through the authenticated serial push.
/// </summary>
public static class FlashCommand
{
    public static Command Create() => Create(FlashEnvironment.FromProcess());

    /// <param name="environment">Where to look for tools and probe drives (tests give their own).</param>
    public static Command Create(FlashEnvironment environment)
    {
        var flash = new Command("flash",
            "Put software on a board: the nanoCLR firmware through the EVK's debug probe, the managed app with nanoff, or a model over the serial push.");
        flash.Subcommands.Add(Firmware(environment));
        flash.Subcommands.Add(App(environment));
        flash.Subcommands.Add(Model());
        return flash;
    }

    private static Command Firmware(FlashEnvironment environment)
    {
        var image = new Option<string>("--image") { Description = "The nanoCLR image, .bin (written at 0x60000000) or .hex", Required = true };
        var probe = new Option<string>("--probe")
        {
            Description = "auto: a mounted DAPLink drive if there is one, else pyocd; daplink: drag-and-drop copy; pyocd: pyocd flash",
            DefaultValueFactory = _ => "auto",
        };
        probe.AcceptOnlyFromAmong("auto", "daplink", "pyocd");
        var volume = new Option<string>("--volume") { Description = "The probe's mounted drive (default: searched under /media/$USER, /run/media/$USER, /media, /mnt, /Volumes)" };
        var timeout = Timeout(120, "Seconds to wait for the probe to program the board and remount (or for pyocd to finish)");
        var command = new Command("firmware",
            "Flash the nanoCLR into the MIMXRT1060-EVK through its debug probe: DAPLink drag-and-drop (copy, sync, wait for the remount, read FAIL.TXT) or pyOCD.");
        command.Options.Add(image);
        command.Options.Add(probe);
        command.Options.Add(volume);
        command.Options.Add(timeout);
        command.SetAction(parse => Run(parse, () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var firmware = FirmwareImage.Load(parse.GetValue(image)!);
            output.WriteLine(firmware.Summary);
            var limit = Seconds(parse.GetValue(timeout));
            var volumeDir = parse.GetValue(volume);
            var how = parse.GetValue(probe)!;
            if (how == "pyocd" && volumeDir != null)
            {
                throw new InvalidDataException("--volume goes with --probe daplink or auto, not pyocd");
            }

            if (how == "pyocd")
            {
                PyOcdFlasher.Flash(PyOcdFlasher.Locate(environment.SearchPath), firmware, limit, output, parse.InvocationConfiguration.Error);
                return;
            }

            var drive = volumeDir != null ? NamedVolume(volumeDir) : DapLinkVolume.Choose(DapLinkVolume.FindAll(environment.MountRoots));
            if (drive == null && how == "auto")
            {
                var pyocd = ExternalTool.Find(PyOcdFlasher.ToolName, environment.SearchPath) ?? throw new FileNotFoundException(
                    $"neither a DAPLink drive ({Searched(environment)}) nor pyocd was found: connect the EVK's debug USB and let the " +
                    $"RT1060-EVK drive mount (or give --volume DIR), or {PyOcdFlasher.InstallHint}");
                output.WriteLine($"no DAPLink drive mounted; using {pyocd.Path}");
                PyOcdFlasher.Flash(pyocd, firmware, limit, output, parse.InvocationConfiguration.Error);
                return;
            }

            if (drive == null)
            {
                throw new FileNotFoundException(
                    $"no DAPLink drive found ({Searched(environment)}): connect the EVK's debug USB and let the RT1060-EVK drive mount, or give --volume DIR");
            }

            output.WriteLine($"probe drive: {drive.Description}");
            new DapLinkFlasher(environment.PollInterval).Flash(drive, firmware, limit, output);
        }));
        return command;
    }

    private static Command App(FlashEnvironment environment)
    {
        var peDir = new Option<string>("--pe-dir") { Description = "Folder with the app's .pe files and those of everything it references; they are concatenated into one deployment image" };
        var image = new Option<string>("--image") { Description = "A ready deployment image (the .bin Visual Studio writes, or a single .pe)" };
        var port = new Option<string>("--port") { Description = "The board's serial port, e.g. /dev/ttyACM0", Required = true };
        var timeout = Timeout(300, "Seconds to let nanoff run");
        var command = new Command("app",
            "Deploy the managed nanoFramework app with nanoff (nanoff --nanodevice --deploy --serialport PORT --image FILE).");
        command.Options.Add(peDir);
        command.Options.Add(image);
        command.Options.Add(port);
        command.Options.Add(timeout);
        command.SetAction(parse => Run(parse, () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var dir = parse.GetValue(peDir);
            var ready = parse.GetValue(image);
            if ((dir == null) == (ready == null))
            {
                throw new InvalidDataException("give either --pe-dir DIR or --image FILE");
            }

            var serial = parse.GetValue(port)!;
            var limit = Seconds(parse.GetValue(timeout));
            IReadOnlyList<string>? peFiles = null;
            byte[]? built = null;
            if (dir != null)
            {
                peFiles = DeploymentImage.PeFiles(dir);
                built = DeploymentImage.Build(peFiles);
            }
            else
            {
                DeploymentImage.CheckImage(ready!);
            }

            if (!File.Exists(serial))
            {
                throw new FileNotFoundException($"{serial}: no such serial port (is the board connected? see ls /dev/ttyACM* /dev/ttyUSB*)");
            }

            var nanoff = NanoffDeployer.Locate(environment.SearchPath);
            if (built == null)
            {
                NanoffDeployer.Deploy(nanoff, serial, Path.GetFullPath(ready!), limit, output, parse.InvocationConfiguration.Error);
                output.WriteLine($"deployed {Path.GetFileName(ready)} to {serial}");
                return;
            }

            var scratch = Directory.CreateTempSubdirectory("digitlock-deploy-").FullName;
            try
            {
                var file = Path.Combine(scratch, "deployment.bin");
                File.WriteAllBytes(file, built);
                output.WriteLine($"deployment image: {peFiles!.Count} assemblies ({string.Join(", ", peFiles.Select(Path.GetFileName))}), {built.Length} bytes");
                NanoffDeployer.Deploy(nanoff, serial, file, limit, output, parse.InvocationConfiguration.Error);
                output.WriteLine($"deployed {peFiles.Count} assemblies to {serial}");
            }
            finally
            {
                Directory.Delete(scratch, recursive: true);
            }
        }));
        return command;
    }

    private static Command Model()
    {
        var model = new Option<string>("--model", "-m") { Description = "The .tflite model to push (\"default\" = models/default.tflite)", Required = true };
        var port = new Option<string>("--port") { Description = "The board's serial port, /dev/ttyXXX[@BAUD] (default 115200 baud)", Required = true };
        var version = new Option<uint?>("--version") { Description = "Model version to record (default: the device's active version + 1)" };
        var command = new Command("model",
            "Push a model to a paired board over its serial port (the authenticated push of `digitlock push --to serial:PORT`).");
        command.Options.Add(model);
        command.Options.Add(port);
        command.Options.Add(version);
        command.SetAction(parse =>
        {
            var serial = parse.GetValue(port)!;
            var arguments = new List<string>
            {
                "--model", parse.GetValue(model)!,
                "--to", serial.StartsWith("serial:", StringComparison.Ordinal) ? serial : "serial:" + serial,
            };
            if (parse.GetValue(version) is uint v)
            {
                arguments.Add("--version");
                arguments.Add(v.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            // The push command is the one implementation of the protocol; this only spells its target.
            return PushCommand.CreatePush().Parse(arguments).Invoke(parse.InvocationConfiguration);
        });
        return command;
    }

    private static DapLinkVolume NamedVolume(string dir)
    {
        if (!Directory.Exists(dir))
        {
            throw new DirectoryNotFoundException($"{dir}: folder not found (is the probe drive mounted there?)");
        }

        var volume = DapLinkVolume.TryRead(dir) ?? throw new InvalidDataException(
            $"{dir}: not a DAPLink drive (no {DapLinkVolume.DetailsFile} naming DAPLink)");
        return DapLinkVolume.Choose(new[] { volume })!;
    }

    private static string Searched(FlashEnvironment environment) => "looked in " + string.Join(", ", environment.MountRoots);

    private static Option<int> Timeout(int seconds, string description) => new("--timeout")
    {
        Description = description,
        DefaultValueFactory = _ => seconds,
    };

    private static TimeSpan Seconds(int seconds) => seconds >= 1
        ? TimeSpan.FromSeconds(seconds)
        : throw new InvalidDataException($"--timeout {seconds}: give at least 1 second");

    private static int Run(ParseResult parse, Action body)
    {
        try
        {
            body();
            return 0;
        }
        catch (Exception e) when (CommandFailure.IsUserFacing(e))
        {
            parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
