using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DigitLock.Cli.Doctor;

namespace DigitLock.Cli.Commands;

/// <summary>
/// `digitlock bench m7 --model M.tflite [--kernels ref|opt]`: builds the Cortex-M7 harness image
/// with the model embedded, runs it under QEMU (mps2-an500) with the project's instruction-count
/// plugin and prints exact instructions per layer, per inference and per MAC, plus flash and arena.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks that print cost figures (recorded in docs/benchmarks.md).");
        bench.Subcommands.Add(CreateM7());
        bench.Subcommands.Add(BenchTrainCommand.Create());
        bench.Subcommands.Add(BenchFallbackCommand.Create());
        return bench;
    }

    private static Command CreateM7()
    {
        var model = new Option<string>("--model")
        {
            Description = "The .tflite model to benchmark, or 'default' for the shipped model",
            Required = true,
        };
        var kernels = new Option<string>("--kernels")
        {
            Description = "Kernel variant: opt (DSP kernels, default) or ref (plain reference loops)",
            DefaultValueFactory = _ => "opt",
        };
        kernels.AcceptOnlyFromAmong("opt", "ref");

        var command = new Command("m7",
            "Exact instruction counts of one inference on a Cortex-M7 (QEMU mps2-an500 + TCG plugin), " +
            "per layer and per MAC, with flash and arena sizes.");
        command.Options.Add(model);
        command.Options.Add(kernels);
        command.SetAction(parse =>
        {
            try
            {
                var layout = RepoLayout.Locate();
                var modelPath = M7BenchInputs.ResolveModel(layout, parse.GetValue(model)!);
                M7BenchInputs.RequireTools();
                var run = new M7Bench(layout, modelPath, parse.GetValue(kernels)!).Run();
                Console.Write(M7BenchReport.Format(run));
                return 0;
            }
            catch (BenchException e)
            {
                Console.Error.WriteLine($"bench m7: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}

/// <summary>A failure the user can act on; the message is the one line printed.</summary>
public sealed class BenchException(string message) : Exception(message);

/// <summary>Checks on what the benchmark needs before anything is built.</summary>
internal static class M7BenchInputs
{
    /// <summary>Tools the benchmark drives as processes (gcc builds the QEMU plugin).</summary>
    internal static readonly string[] Tools =
        ["cmake", "gcc", "arm-none-eabi-gcc", "arm-none-eabi-nm", "arm-none-eabi-size", "qemu-system-arm"];

    internal const string DefaultModel = "models/default.tflite";

    public static string ResolveModel(RepoLayout layout, string model)
    {
        if (model == "default")
        {
            var shipped = Path.Combine(layout.Root, DefaultModel);
            return File.Exists(shipped)
                ? shipped
                : throw new BenchException($"no shipped model yet: {DefaultModel} is missing");
        }

        var path = Path.GetFullPath(model);
        return File.Exists(path) ? path : throw new BenchException($"model file not found: {model}");
    }

    public static void RequireTools()
    {
        foreach (var tool in Tools)
        {
            if (ToolRequirement.FindOnPath(tool) == null)
            {
                throw new BenchException($"{tool} not found; install it with ./tests/setup");
            }
        }
    }
}

/// <summary>One op's figures: the engine's MAC count and the instructions QEMU executed for it.</summary>
public sealed record M7OpCost(int Index, string Name, long Macs, long Instructions);

/// <summary>Everything one benchmark run measured.</summary>
public sealed record M7BenchRun(
    string ModelName,
    long ModelBytes,
    string Kernels,
    IReadOnlyList<M7OpCost> Ops,
    long InferenceInstructions,
    long FlashBytes,
    long EngineCodeBytes,
    long ArenaBytes,
    long ActivationBytes);

/// <summary>Builds the M7 image for one model, runs it under QEMU with the plugin and collects the figures.</summary>
internal sealed class M7Bench(RepoLayout layout, string modelPath, string kernels)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan QemuTimeout = TimeSpan.FromMinutes(10);

    private string M7Dir => Path.Combine(layout.Root, "native-interop", "m7");

    public M7BenchRun Run()
    {
        var buildDir = Path.Combine(layout.Root, "build", "m7", BuildFolderName());
        var pluginDir = Path.Combine(layout.Root, "build", "m7", "plugin");
        var log = Path.Combine(layout.Root, "build", "m7", "bench.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        File.WriteAllText(log, "");

        Step(log, "configuring the M7 image", "cmake", "-S", M7Dir, "-B", buildDir, "-DCMAKE_BUILD_TYPE=Release",
            $"-DCMAKE_TOOLCHAIN_FILE={Path.Combine(M7Dir, "cmake", "arm-none-eabi.cmake")}",
            $"-DDL_M7_MODEL={modelPath}", "-DDL_M7_INPUTS=", "-DDL_M7_BENCH_MARKERS=ON");
        Step(log, "building the M7 image", "cmake", "--build", buildDir, "-j2");
        Step(log, "configuring the QEMU plugin", "cmake", "-S", Path.Combine(M7Dir, "qemu-plugin"), "-B", pluginDir);
        Step(log, "building the QEMU plugin", "cmake", "--build", pluginDir);

        var elf = Path.Combine(buildDir, "harness.elf");
        var symbols = ReadSymbols(elf);
        var counts = Path.Combine(buildDir, $"counts-{kernels}.txt");
        var plugin = string.Join(',',
            Path.Combine(pluginDir, "libinsn_count.so"),
            $"ibegin={symbols.Address("dl_m7_inference_begin")}",
            $"iend={symbols.Address("dl_m7_inference_end")}",
            $"begin={symbols.Address("dl_bench_mark_begin")}",
            $"end={symbols.Address("dl_bench_mark_end")}",
            $"out={counts}");
        File.Delete(counts);
        var qemu = ProcessRun.Start("qemu-system-arm", QemuTimeout,
            "-M", "mps2-an500", "-nographic", "-monitor", "none", "-serial", "none",
            "-semihosting-config", $"enable=on,target=native,arg=harness,arg={kernels}",
            "-kernel", elf, "-plugin", plugin);
        File.AppendAllText(log, qemu.Transcript);
        if (qemu.ExitCode != 0)
        {
            throw new BenchException(
                $"the M7 image failed under QEMU (exit {qemu.ExitCode}): {FirstLine(qemu.Stderr)} (log: {log})");
        }

        var harness = HarnessOutput.Parse(qemu.Stdout);
        var plugged = PluginCounts.Parse(File.Exists(counts) ? File.ReadAllLines(counts) : []);
        if (plugged.OpInstructions.Count != harness.Ops.Count)
        {
            throw new BenchException(
                $"the engine has {harness.Ops.Count} ops but its markers fired {plugged.OpInstructions.Count} times " +
                "(is dl_invoke calling dl_bench_mark_begin/end under DL_BENCH_MARKERS?)");
        }

        var ops = harness.Ops
            .Select((op, i) => new M7OpCost(i, op.Name, op.Macs, plugged.OpInstructions[i]))
            .ToList();
        var size = ReadSize(elf);
        var engineBytes = EngineFootprint.FromLinkMap(File.ReadLines(Path.Combine(buildDir, "harness.map")));
        return new M7BenchRun(Path.GetFileName(modelPath), harness.ModelBytes, kernels, ops,
            plugged.InferenceInstructions, size, engineBytes, harness.ArenaRequired, harness.ActivationBytes);
    }

    /// <summary>One build folder per model path, so switching models does not rebuild from scratch.</summary>
    private string BuildFolderName()
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(modelPath)))[..8].ToLowerInvariant();
        var stem = new string(Path.GetFileNameWithoutExtension(modelPath)
            .Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
        return $"bench-{stem}-{hash}";
    }

    private static void Step(string log, string what, string tool, params string[] args)
    {
        var result = ProcessRun.Start(tool, BuildTimeout, args);
        File.AppendAllText(log, result.Transcript);
        if (result.ExitCode != 0)
        {
            var tail = (result.Stdout + result.Stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(15);
            Console.Error.WriteLine(string.Join('\n', tail));
            throw new BenchException($"{what} failed (exit {result.ExitCode}; log: {log})");
        }
    }

    private static SymbolTable ReadSymbols(string elf)
    {
        var nm = ProcessRun.Start("arm-none-eabi-nm", BuildTimeout, elf);
        return nm.ExitCode == 0
            ? SymbolTable.Parse(nm.Stdout)
            : throw new BenchException($"arm-none-eabi-nm failed on {elf}: {FirstLine(nm.Stderr)}");
    }

    /// <summary>Flash = text + data (code, read-only data including the model, and .data's load image).</summary>
    private static long ReadSize(string elf)
    {
        var size = ProcessRun.Start("arm-none-eabi-size", BuildTimeout, "-B", elf);
        var row = size.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault();
        var fields = row?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (size.ExitCode != 0 || fields == null || fields.Length < 2 ||
            !long.TryParse(fields[0], CultureInfo.InvariantCulture, out var text) ||
            !long.TryParse(fields[1], CultureInfo.InvariantCulture, out var data))
        {
            throw new BenchException($"cannot read section sizes of {elf} with arm-none-eabi-size");
        }

        return text + data;
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";
}

/// <summary>
/// Flash bytes the engine itself occupies in the image: the .text/.rodata/.data input sections
/// from engine objects that the linker kept (after --gc-sections), read from the GNU ld map.
/// </summary>
internal static class EngineFootprint
{
    private const string EngineObjects = "native-interop/engine/src/";

    public static long FromLinkMap(IEnumerable<string> mapLines)
    {
        long total = 0;
        var inMap = false;
        string? section = null;
        foreach (var raw in mapLines)
        {
            if (!inMap)
            {
                inMap = raw.StartsWith("Linker script and memory map", StringComparison.Ordinal);
                continue;
            }

            // An input section is " .name 0xADDR 0xSIZE object", or " .name" alone when the
            // name is long, followed by "   0xADDR 0xSIZE object" on the next line.
            var f = raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (raw.StartsWith(" .", StringComparison.Ordinal))
            {
                section = f[0];
                f = f[1..];
            }
            else if (!raw.StartsWith("    ", StringComparison.Ordinal))
            {
                section = null;
                continue;
            }

            if (section == null || f.Length != 3 || !f[0].StartsWith("0x", StringComparison.Ordinal) ||
                !f[1].StartsWith("0x", StringComparison.Ordinal))
            {
                continue;
            }

            var inFlash = section.StartsWith(".text", StringComparison.Ordinal) ||
                          section.StartsWith(".rodata", StringComparison.Ordinal) ||
                          section.StartsWith(".data", StringComparison.Ordinal);
            if (inFlash && f[2].Replace('\\', '/').Contains(EngineObjects, StringComparison.Ordinal))
            {
                total += long.Parse(f[1].AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }

            section = null;
        }

        return inMap ? total : throw new BenchException("the linker map of the M7 image has no memory map section");
    }
}

/// <summary>Addresses of the marker functions, from arm-none-eabi-nm.</summary>
internal sealed class SymbolTable(Dictionary<string, string> addresses)
{
    public static SymbolTable Parse(string nmOutput)
    {
        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in nmOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 3 && (f[1] == "T" || f[1] == "t"))
            {
                addresses.TryAdd(f[2], "0x" + f[0]);
            }
        }

        return new SymbolTable(addresses);
    }

    public string Address(string symbol) =>
        addresses.TryGetValue(symbol, out var a)
            ? a
            : throw new BenchException($"marker function {symbol} is missing from the M7 image");
}

/// <summary>What the harness printed over semihosting (see native-interop/m7/harness/harness.c).</summary>
internal sealed record HarnessOutput(long ModelBytes, long ArenaRequired, long ActivationBytes,
    IReadOnlyList<(string Name, long Macs)> Ops)
{
    public static HarnessOutput Parse(string stdout)
    {
        long model = -1, arena = -1, activations = -1;
        var ops = new List<(string, long)>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Trim().Split(' ');
            switch (f[0])
            {
                case "model_bytes" when f.Length == 2:
                    model = Number(f[1]);
                    break;
                case "arena_required" when f.Length == 2:
                    arena = Number(f[1]);
                    break;
                case "activation_bytes" when f.Length == 2:
                    activations = Number(f[1]);
                    break;
                case "op" when f.Length >= 5 && f[3] == "macs":
                    if (Number(f[1]) != ops.Count)
                    {
                        throw new BenchException($"harness printed op lines out of order: '{line.Trim()}'");
                    }

                    ops.Add((f[2], Number(f[4])));
                    break;
            }
        }

        if (model < 0 || arena < 0 || activations < 0)
        {
            throw new BenchException("the harness output lacks model_bytes/arena_required/activation_bytes");
        }

        return new HarnessOutput(model, arena, activations, ops);
    }

    private static long Number(string s) =>
        long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new BenchException($"the harness printed '{s}' where a number belongs");
}

/// <summary>What the QEMU plugin wrote for the first inference (see qemu-plugin/insn_count.c).</summary>
internal sealed record PluginCounts(IReadOnlyList<long> OpInstructions, long InferenceInstructions)
{
    public static PluginCounts Parse(IEnumerable<string> lines)
    {
        var ops = new List<long>();
        long inference = -1;
        foreach (var line in lines)
        {
            var f = line.Trim().Split(' ');
            if (f.Length == 4 && f[0] == "op" && f[1] == "0")
            {
                ops.Add(long.Parse(f[3], CultureInfo.InvariantCulture));
            }
            else if (f.Length >= 3 && f[0] == "inference" && f[1] == "0")
            {
                inference = long.Parse(f[2], CultureInfo.InvariantCulture);
            }
        }

        return inference < 0
            ? throw new BenchException("the QEMU plugin saw no complete inference (marker addresses wrong?)")
            : new PluginCounts(ops, inference);
    }
}

/// <summary>The printed table. The last line is `instructions/MAC: X.XXX` over the MAC-heavy layers.</summary>
internal static class M7BenchReport
{
    /// <summary>Layers whose cost is dominated by multiply-accumulates.</summary>
    private static readonly HashSet<string> MacLayers =
        new(StringComparer.Ordinal) { "CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED" };

    public static string Format(M7BenchRun run)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"M7 benchmark: {run.ModelName}, {run.Kernels} kernels, Cortex-M7 (QEMU mps2-an500), " +
                           $"exact executed instructions, 1 inference");
        sb.AppendLine(inv, $"{"#",3}  {"op",-20} {"MACs",12} {"instructions",14} {"instr/MAC",10}");
        foreach (var op in run.Ops)
        {
            var perMac = op.Macs > 0 ? ((double)op.Instructions / op.Macs).ToString("0.00", inv) : "-";
            sb.AppendLine(inv, $"{op.Index,3}  {op.Name,-20} {op.Macs,12} {op.Instructions,14} {perMac,10}");
        }

        var inOps = run.Ops.Sum(o => o.Instructions);
        sb.AppendLine(inv, $"total instructions per inference: {run.InferenceInstructions} " +
                           $"(in ops {inOps}, dispatch and markers {run.InferenceInstructions - inOps})");
        sb.AppendLine(inv, $"total MACs per inference: {run.Ops.Sum(o => o.Macs)}");
        sb.AppendLine(inv, $"flash: {run.FlashBytes} bytes (text+data of the image: model {run.ModelBytes}, " +
                           $"engine code and constants {run.EngineCodeBytes}, harness + newlib + startup " +
                           $"{run.FlashBytes - run.ModelBytes - run.EngineCodeBytes})");
        sb.AppendLine(inv, $"arena: {run.ArenaBytes} bytes (dl_arena_required; activations {run.ActivationBytes} bytes)");
        var mac = run.Ops.Where(o => MacLayers.Contains(o.Name)).ToList();
        var macs = mac.Sum(o => o.Macs);
        sb.AppendLine(macs > 0
            ? "instructions/MAC: " + ((double)mac.Sum(o => o.Instructions) / macs).ToString("0.000", inv)
            : "instructions/MAC: n/a (no CONV_2D, DEPTHWISE_CONV_2D or FULLY_CONNECTED layers)");
        return sb.ToString();
    }
}

/// <summary>A finished child process: exit code and captured output.</summary>
internal sealed record ProcessRun(int ExitCode, string Stdout, string Stderr, string Transcript)
{
    public static ProcessRun Start(string tool, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        var commandLine = $"$ {tool} {string.Join(' ', args)}\n";
        try
        {
            using var process = Process.Start(info) ?? throw new BenchException($"cannot start {tool}");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new BenchException($"{tool} did not finish within {timeout.TotalMinutes:0} minutes");
            }

            process.WaitForExit();
            return new ProcessRun(process.ExitCode, stdout.Result, stderr.Result,
                commandLine + stdout.Result + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new BenchException($"{tool} not found; install it with ./tests/setup");
        }
    }
}
