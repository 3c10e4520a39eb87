using System.CommandLine;
using System.Globalization;
using DigitLock.Engine;

namespace DigitLock.Cli.Commands;

/// <summary>`digitlock inspect`: what the engine makes of a model - ops, tensors, cost, memory, metadata.</summary>
public static class InspectCommand
{
    public static Command Create()
    {
        var modelArgument = new Argument<string?>("model")
        {
            Description = "The .tflite model, or \"default\" for the shipped models/default.tflite",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var modelOption = new Option<string?>("--model", "-m")
        {
            Description = "The model, as an option (same values as the argument)",
        };
        var command = new Command("inspect",
            "Print a model's ops (shapes, quantization, MACs, weight bytes), tensors, totals, arena size and metadata.");
        command.Arguments.Add(modelArgument);
        command.Options.Add(modelOption);
        command.Validators.Add(result =>
        {
            var given = (result.GetValue(modelArgument) != null ? 1 : 0) + (result.GetValue(modelOption) != null ? 1 : 0);
            if (given != 1)
            {
                result.AddError("give the model once: `inspect M.tflite` or `inspect --model M.tflite`");
            }
        });
        command.SetAction(parse =>
        {
            try
            {
                var value = parse.GetValue(modelArgument) ?? parse.GetValue(modelOption)!;
                var file = ModelPath.Resolve(value);
                using var interpreter = NativeInterpreter.FromFile(file);
                Write(parse.InvocationConfiguration.Output, file, interpreter);
                return 0;
            }
            catch (Exception e) when (CommandFailure.IsUserFacing(e))
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    internal static void Write(TextWriter output, string file, NativeInterpreter model)
    {
        var tensors = model.Tensors();
        output.WriteLine($"model {file} ({Count(model.ModelBytes)} bytes)");
        output.WriteLine();

        output.WriteLine($"ops ({model.Ops.Count})");
        var ops = new TextTable("#", "op", "input", "output", "weights", ">MACs", ">weight bytes");
        foreach (var op in model.Ops)
        {
            ops.Add(op.Index.ToString(CultureInfo.InvariantCulture), op.Name,
                Describe(tensors, op.InputTensor), Describe(tensors, op.OutputTensor),
                Describe(tensors, op.WeightsTensor), Count(op.Macs), Count(op.WeightBytes));
        }

        ops.WriteTo(output);
        output.WriteLine();

        var constants = tensors.Where(t => t.IsConstant).ToList();
        var activations = tensors.Where(t => !t.IsConstant).ToList();
        output.WriteLine($"tensors ({tensors.Count}): {constants.Count} constant ({Count(constants.Sum(t => (long)t.Bytes))} bytes), " +
                         $"{activations.Count} activation ({Count(activations.Sum(t => (long)t.Bytes))} bytes before reuse)");
        var io = new TextTable("", "#", "name", "tensor");
        foreach (var (role, list) in new[] { ("input", model.Inputs), ("output", model.Outputs) })
        {
            for (var i = 0; i < list.Count; i++)
            {
                io.Add($"{role} {i}", list[i].Index.ToString(CultureInfo.InvariantCulture), list[i].Name, Describe(list[i]));
            }
        }

        io.WriteTo(output);
        output.WriteLine();

        output.WriteLine("totals");
        var totals = new TextTable("", ">");
        totals.Add("MACs", Count(model.Ops.Sum(o => o.Macs)));
        totals.Add("weight bytes", Count(model.Ops.Sum(o => (long)o.WeightBytes)));
        totals.Add("arena bytes", Count(model.ArenaBytes));
        totals.Add("activation bytes", Count(model.ActivationBytes));
        totals.WriteTo(output);
        output.WriteLine();

        if (model.MetadataNames.Count == 0)
        {
            output.WriteLine("metadata: none");
            return;
        }

        output.WriteLine($"metadata ({model.MetadataNames.Count})");
        var metadata = new TextTable("name", ">bytes");
        foreach (var name in model.MetadataNames)
        {
            var bytes = model.Metadata(name);
            metadata.Add(name, bytes == null ? "(not readable)" : Count(bytes.Length));
        }

        metadata.WriteTo(output);
    }

    private static string Describe(IReadOnlyList<TensorInfo> tensors, int index) =>
        index < 0 || index >= tensors.Count ? "-" : Describe(tensors[index]);

    /// <summary>"int8 1x28x28x1 s=0.0078125 zp=0", per-channel scales as "s[8]=0.0031,..."</summary>
    private static string Describe(TensorInfo t)
    {
        var text = $"{t.TypeName} {t.ShapeText}";
        if (t.ChannelScales > 1)
        {
            return text + $" s[{t.ChannelScales}]={Number(t.Scale)},.. zp={t.ZeroPoint}";
        }

        return t.ChannelScales == 1 ? text + $" s={Number(t.Scale)} zp={t.ZeroPoint}" : text;
    }

    private static string Number(float value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
