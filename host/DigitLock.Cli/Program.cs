using System.CommandLine;
using DigitLock.Cli.Commands;

namespace DigitLock.Cli;

public static class Program
{
    public static int Main(string[] args) => BuildRoot().Parse(args).Invoke();

    /// <summary>Every command of the host CLI; each lives in its own file under Commands/.</summary>
    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "DigitLock host tools: train, quantize and inspect the digit model, run the board simulator, push models.");
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(InferCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        DatasetCommand.Register(root);
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(TransferCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(ExperimentCommand.Create());
        root.Subcommands.Add(QuantizeCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(BuildModelCommand.Create());
        root.Subcommands.Add(SimCommand.Create());
        root.Subcommands.Add(SimCommand.CreateDemo());
        root.Subcommands.Add(PushCommand.CreatePair());
        root.Subcommands.Add(PushCommand.CreatePush());
        root.Subcommands.Add(FlashCommand.Create());
        return root;
    }
}
