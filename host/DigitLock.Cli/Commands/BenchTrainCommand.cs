using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using DigitLock.Training.Core;
using DigitLock.Training.Data;
using DigitLock.Training.Model;
using DigitLock.Training.Train;

namespace DigitLock.Cli.Commands;

/// <summary>
/// `digitlock bench train`: one epoch of the default architecture on MNIST with the C# trainer and, when
/// Debian's python3-torch is installed, the same architecture, batch size, optimizer and thread count in
/// PyTorch (tests/bench/torch_train.py); prints both times and the speed ratio. No augmentation on either
/// side, so both do the same arithmetic. CPU seconds are printed too: on a shared machine they say more
/// than wall time.
/// </summary>
public static class BenchTrainCommand
{
    private const string Python = "/usr/bin/python3";

    public static Command Create()
    {
        var threads = new Option<int>("--threads") { Description = "Threads for both trainers", DefaultValueFactory = _ => 2 };
        var arch = new Option<string>("--arch") { Description = "Architecture (name or spec)", DefaultValueFactory = _ => "default" };
        var limit = new Option<int>("--limit") { Description = "Train on the first N MNIST samples instead of all 60,000" };
        var batch = new Option<int>("--batch") { Description = "Batch size", DefaultValueFactory = _ => 64 };
        var command = new Command("train", "Training speed: one MNIST epoch in the C# trainer vs PyTorch (python3-torch), same architecture and threads.");
        foreach (Option o in new Option[] { threads, arch, limit, batch })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            try
            {
                var layout = RepoLayout.Locate();
                var t = Math.Max(1, parse.GetValue(threads));
                var spec = Architectures.Resolve(parse.GetValue(arch)!);
                var mnistDir = TrainingConsole.MnistDir(layout);
                IDigitDataset data = DataSources.Mnist(mnistDir, test: false);
                if (parse.GetValue(limit) > 0)
                {
                    data = Subsets.Take(data, parse.GetValue(limit));
                }

                var network = new Network(spec);
                network.Initialize(new Rng(1));
                Console.WriteLine($"architecture: {network.Spec}");
                Console.WriteLine($"{network.ParameterCount} parameters, {network.Macs} MACs per image; 1 epoch of {data.Count} MNIST images, batch {parse.GetValue(batch)}, Adam, {t} thread(s), no augmentation");

                var options = new TrainingOptions { Epochs = 1, Threads = t, BatchSize = parse.GetValue(batch), Augment = null, Patience = 0 };
                var process = Process.GetCurrentProcess();
                var cpu0 = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var result = new Trainer(network, options).Fit(data, null);
                var wall = clock.Elapsed.TotalSeconds;
                process.Refresh();
                var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
                Console.WriteLine(FormattableString.Invariant(
                    $"C#      : {wall,7:0.00} s wall, {cpu,7:0.00} s CPU, {data.Count / wall,8:0} images/s, loss {result.Epochs[0].TrainLoss:0.0000}"));

                var torch = RunTorch(layout, spec, t, parse.GetValue(batch), parse.GetValue(limit));
                if (torch is null)
                {
                    return 0;
                }

                var torchWall = torch["seconds"]!.GetValue<double>();
                var torchCpu = torch["cpu_seconds"]!.GetValue<double>();
                Console.WriteLine(FormattableString.Invariant(
                    $"PyTorch : {torchWall,7:0.00} s wall, {torchCpu,7:0.00} s CPU, {data.Count / torchWall,8:0} images/s, loss {torch["loss"]!.GetValue<double>():0.0000} (torch {torch["torch"]})"));
                Console.WriteLine(FormattableString.Invariant(
                    $"speed-up C# over PyTorch: {torchWall / wall:0.00}x wall time, {torchCpu / cpu:0.00}x CPU time"));
                return 0;
            }
            catch (Exception e) when (TrainingConsole.IsUserError(e))
            {
                Console.Error.WriteLine($"bench train: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>The PyTorch figures, or null (with the reason printed) when python3-torch is not usable.</summary>
    private static JsonObject? RunTorch(RepoLayout layout, string spec, int threads, int batch, int limit)
    {
        var script = Path.Combine(layout.Root, "tests", "bench", "torch_train.py");
        if (!File.Exists(Python) || !File.Exists(script))
        {
            Console.WriteLine("PyTorch : skipped (needs /usr/bin/python3 and tests/bench/torch_train.py)");
            return null;
        }

        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { script, "--mnist", TrainingConsole.MnistDir(layout), "--arch", spec, "--threads", threads.ToString(), "--batch", batch.ToString(), "--limit", limit.ToString() })
        {
            info.ArgumentList.Add(a);
        }

        using var python = Process.Start(info) ?? throw new IOException("cannot start python3");
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEnd();
        python.WaitForExit();
        if (python.ExitCode != 0)
        {
            Console.WriteLine(stderr.Contains("No module named 'torch'")
                ? "PyTorch : skipped (python3-torch not installed: apt-get install -y python3-torch)"
                : $"PyTorch : failed (exit {python.ExitCode}): {stderr.Trim().Split('\n').LastOrDefault()}");
            return null;
        }

        var line = stdout.Result.Trim().Split('\n').LastOrDefault() ?? "";
        return JsonNode.Parse(line)?.AsObject() ?? throw new InvalidDataException("torch_train.py printed no result");
    }
}
