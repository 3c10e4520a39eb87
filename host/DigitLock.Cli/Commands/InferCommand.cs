using System.CommandLine;
using DigitLock.Engine;

namespace DigitLock.Cli.Commands;

/// <summary>Which implementation runs a model; only the C engine for now.</summary>
public enum InferenceEngine
{
    Native,
}

/// <summary>`digitlock infer`: run a model on raw input records and write the raw output records.</summary>
public static class InferCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model", "-m")
        {
            Description = "The .tflite model, or \"default\" for the shipped models/default.tflite",
            Required = true,
        };
        var input = new Option<FileInfo>("--input", "-i")
        {
            Description = "Raw input: N records, each every input tensor's bytes back to back",
            Required = true,
        };
        var output = new Option<FileInfo>("--output", "-o")
        {
            Description = "Raw output written here: N records, each every output tensor's bytes back to back",
            Required = true,
        };
        var engine = new Option<string>("--engine")
        {
            Description = "Inference engine: native = the C engine (libdl_engine)",
            DefaultValueFactory = _ => EngineName(InferenceEngine.Native),
        };
        engine.AcceptOnlyFromAmong(Enum.GetValues<InferenceEngine>().Select(EngineName).ToArray());

        var command = new Command("infer",
            "Run a model on raw input tensors (N records back to back) and write the raw output tensors.");
        command.Options.Add(model);
        command.Options.Add(input);
        command.Options.Add(output);
        command.Options.Add(engine);
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var modelFile = ModelPath.Resolve(parse.GetValue(model)!);
                var inputFile = parse.GetValue(input)!;
                var outputFile = parse.GetValue(output)!;
                var kind = Enum.Parse<InferenceEngine>(parse.GetValue(engine)!, ignoreCase: true);
                var records = Run(kind, modelFile, inputFile.FullName, outputFile.FullName);
                parse.InvocationConfiguration.Output.WriteLine(
                    $"{records} record(s) -> {outputFile.FullName}");
                return 0;
            }
            catch (Exception e) when (CommandFailure.IsUserFacing(e))
            {
                error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Runs every record of <paramref name="inputFile"/>; returns how many.</summary>
    internal static int Run(InferenceEngine kind, string modelFile, string inputFile, string outputFile)
    {
        if (!File.Exists(inputFile))
        {
            throw new FileNotFoundException($"{inputFile}: input file not found", inputFile);
        }

        var outputDir = Path.GetDirectoryName(Path.GetFullPath(outputFile))!;
        if (!Directory.Exists(outputDir))
        {
            throw new DirectoryNotFoundException($"{outputDir}: output directory does not exist");
        }

        using var interpreter = kind switch
        {
            InferenceEngine.Native => NativeInterpreter.FromFile(modelFile),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such inference engine"),
        };
        var recordBytes = interpreter.InputRecordBytes;
        var data = File.ReadAllBytes(inputFile);
        if (recordBytes == 0 || data.Length == 0 || data.Length % recordBytes != 0)
        {
            throw new InvalidDataException(
                $"{inputFile}: {data.Length} bytes is not a whole number of records " +
                $"(one record = {recordBytes} bytes: {Describe(interpreter.Inputs)})");
        }

        var results = interpreter.RunAll(data);
        // Written beside the target and moved, so a failure never leaves a half-written output.
        var temp = outputFile + ".tmp";
        try
        {
            File.WriteAllBytes(temp, results);
            File.Move(temp, outputFile, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        return data.Length / recordBytes;
    }

    private static string EngineName(InferenceEngine engine) => engine.ToString().ToLowerInvariant();

    private static string Describe(IReadOnlyList<TensorInfo> tensors) =>
        string.Join(", ", tensors.Select(t => $"{t.TypeName} {t.ShapeText}"));
}
