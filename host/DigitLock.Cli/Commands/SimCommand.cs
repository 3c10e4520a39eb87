using System.CommandLine;
using DigitLock.Sim;

namespace DigitLock.Cli.Commands;

/// <summary>`digitlock sim` and `digitlock demo`: the board simulator in the browser, on 127.0.0.1.</summary>
public static class SimCommand
{
    public const int DefaultPort = 8470;

    public static Command Create() => Build("sim",
        "Run the board simulator: the firmware core on a simulated RT1060 EVK or M5Stack Core2, served on 127.0.0.1.", demo: false);

    public static Command CreateDemo() => Build("demo",
        "Run the simulator with the shipped model (models/default.tflite) and print its URL.", demo: true);

    private static Command Build(string name, string description, bool demo)
    {
        var board = new Option<string>("--board")
        {
            Description = "Board to simulate: " + string.Join(", ", BoardProfile.All.Select(b => b.Name)),
            DefaultValueFactory = _ => BoardProfile.Rt1060Evk.Name,
        };
        board.AcceptOnlyFromAmong(BoardProfile.All.Select(b => b.Name).ToArray());
        var model = new Option<string>("--model", "-m")
        {
            Description = "Factory model installed when the flash holds none (\"default\" = models/default.tflite)",
            DefaultValueFactory = _ => ModelPath.DefaultName,
        };
        var port = new Option<int>("--port")
        {
            Description = "Web port on 127.0.0.1 (0: any free port)",
            DefaultValueFactory = _ => DefaultPort,
        };
        var sd = new Option<DirectoryInfo?>("--sd") { Description = "Directory holding the simulated SD card (default: a fresh temporary one)" };
        var flash = new Option<DirectoryInfo?>("--flash") { Description = "Directory holding the simulated internal flash (default: a fresh temporary one)" };
        var quiet = new Option<bool>("--quiet") { Description = "Do not echo the serial console to this terminal" };

        var command = new Command(name, description);
        command.Options.Add(board);
        if (!demo)
        {
            command.Options.Add(model);
        }

        command.Options.Add(port);
        command.Options.Add(sd);
        command.Options.Add(flash);
        command.Options.Add(quiet);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var profile = BoardProfile.Find(parse.GetValue(board)!)!;
                var modelValue = demo ? ModelPath.DefaultName : parse.GetValue(model)!;
                byte[]? factory = null;
                try
                {
                    factory = File.ReadAllBytes(ModelPath.Resolve(modelValue));
                }
                catch (FileNotFoundException) when (modelValue == ModelPath.DefaultName && !demo)
                {
                    error.WriteLine("warning: no shipped model (models/default.tflite); the board boots with no model until one is pushed");
                }

                var flashDir = Directory(parse.GetValue(flash), "flash");
                var cardDir = Directory(parse.GetValue(sd), "sd");
                var serial = new SerialConsole { Echo = parse.GetValue(quiet) ? null : output };
                using var simBoard = new SimBoard(profile, flashDir, cardDir, factory, serial);
                simBoard.Start(0);
                var server = new SimServer(simBoard, parse.GetValue(port));
                server.StartAsync().GetAwaiter().GetResult();
                output.WriteLine($"DigitLock simulator: {profile.Description} at {server.Url}");
                output.WriteLine($"  push with: ./digitlock push --model M.tflite --to sim://127.0.0.1:{new Uri(server.Url).Port}");
                output.WriteLine($"  flash: {flashDir}  sd: {cardDir}  (Ctrl+C stops)");
                WaitForStop();
                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
                return 0;
            }
            catch (Exception e) when (CommandFailure.IsUserFacing(e) || e is System.Net.Sockets.SocketException)
            {
                error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static string Directory(DirectoryInfo? given, string what)
    {
        var path = given?.FullName ?? Path.Combine(Path.GetTempPath(), $"digitlock-sim-{Environment.ProcessId}-{what}");
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    private static void WaitForStop()
    {
        using var stop = new ManualResetEventSlim();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Set();
        };
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
            {
                c.Cancel = true;
                stop.Set();
            });
        stop.Wait();
    }
}
