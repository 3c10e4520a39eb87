using System.CommandLine;
using DigitLock.Training.Data;
using DigitLock.Training.Train;

namespace DigitLock.Cli.Commands;

/// <summary>
/// `digitlock experiment transfer-table`: AN12892's Table 1 (transfer learning vs training from scratch).
/// `digitlock experiment leave-one-writer-out`: the same recipes with the most data a writer-independent figure can have.
/// </summary>
public static class ExperimentCommand
{
    public static Command Create()
    {
        var experiment = new Command("experiment", "Experiments that print tables for docs/benchmarks.md.");
        experiment.Subcommands.Add(CreateTransferTable());
        experiment.Subcommands.Add(CreateLeaveOneWriterOut());
        return experiment;
    }

    private static Command CreateTransferTable()
    {
        var baseModel = new Option<string>("--base") { Description = "The MNIST-trained float .model", Required = true };
        var data = new Option<string>("--data") { Description = "Touch/pen digits with writer ids (a DAT folder, e.g. from dataset import-unipen)", Required = true };
        var sizes = new Option<string>("--sizes") { Description = "Examples per digit, comma-separated ('all' = every training writer's sample)", DefaultValueFactory = _ => "10,30,100,300,all" };
        var seeds = new Option<int>("--seeds") { Description = "Repetitions, each with its own held-out writers", DefaultValueFactory = _ => 3 };
        var threads = new Option<int>("--threads") { Description = "Threads", DefaultValueFactory = _ => 2 };
        var json = new Option<string>("--json") { Description = "Also write the figures as JSON" };
        var doc = new Option<string>("--doc") { Description = "Markdown file whose transfer-table section is replaced with the result (\"none\" = print only)", DefaultValueFactory = _ => "docs/benchmarks.md" };
        var command = new Command("transfer-table",
            "Accuracy on held-out writers after training on K examples per digit, with and without transfer learning from the base model (AN12892 Table 1).");
        foreach (Option o in new Option[] { baseModel, data, sizes, seeds, threads, json, doc })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            try
            {
                var layout = RepoLayout.Locate();
                var dataset = DataSources.Open(parse.GetValue(data)!, TrainingConsole.MnistDir(layout));
                var sizeList = parse.GetValue(sizes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (sizeList.Length == 0 || sizeList.Any(s => s != "all" && !(int.TryParse(s, out var k) && k > 0)))
                {
                    throw new ArgumentException($"--sizes {parse.GetValue(sizes)}: expected positive counts or 'all', comma-separated");
                }

                var seedCount = Math.Max(1, parse.GetValue(seeds));
                var options = new TrainingOptions { Threads = Math.Max(1, parse.GetValue(threads)), LearningRate = 1e-3f, FinalLearningRate = 1e-5f };
                var table = new TransferTable(parse.GetValue(baseModel)!, dataset, options) { Progress = Console.WriteLine };
                var cells = table.Run(sizeList, seedCount);
                Console.WriteLine();
                var markdown = TransferTable.Markdown(cells, seedCount, dataset.Name);
                Console.Write(markdown);
                if (parse.GetValue(json) is { } path)
                {
                    File.WriteAllText(path, TransferTable.Json(cells));
                }

                if (parse.GetValue(doc) is { } docPath && docPath != "none")
                {
                    var target = Path.IsPathRooted(docPath) ? docPath : Path.Combine(layout.Root, docPath);
                    var command = $"./digitlock experiment transfer-table --base {Path.GetFileName(parse.GetValue(baseModel))} --data {Path.GetFileName(Path.TrimEndingDirectorySeparator(parse.GetValue(data)!))} --sizes {string.Join(',', sizeList)} --seeds {seedCount}";
                    DocSection.Replace(target, "transfer-table", $"Command: `{command}`, base `{Path.GetFileName(parse.GetValue(baseModel))}`.\n\n{markdown}");
                    Console.WriteLine($"wrote the table into {target}");
                }

                return 0;
            }
            catch (Exception e) when (TrainingConsole.IsUserError(e))
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command CreateLeaveOneWriterOut()
    {
        var baseModel = new Option<string>("--base") { Description = "The MNIST-trained float .model", Required = true };
        var data = new Option<string>("--data") { Description = "Touch/pen digits with writer ids (a DAT folder, e.g. from dataset import-unipen)", Required = true };
        var method = new Option<string>("--method") { Description = "ours (fine-tune all), an12892 (frozen convolutions, new head) or scratch", DefaultValueFactory = _ => "ours" };
        method.AcceptOnlyFromAmong("ours", "an12892", "scratch");
        var seed = new Option<ulong>("--seed") { Description = "Seed for initialization, shuffling and augmentation", DefaultValueFactory = _ => 1UL };
        var threads = new Option<int>("--threads") { Description = "Threads", DefaultValueFactory = _ => 2 };
        var json = new Option<string>("--json") { Description = "Also write the figures as JSON" };
        var doc = new Option<string>("--doc") { Description = "Markdown file whose leave-one-writer-out section is replaced with the result (\"none\" = print only)", DefaultValueFactory = _ => "docs/benchmarks.md" };
        var command = new Command("leave-one-writer-out",
            "Hold out each writer in turn and train on all the others: the writer-independent ceiling of the transfer table, writer by writer.");
        foreach (Option o in new Option[] { baseModel, data, method, seed, threads, json, doc })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            try
            {
                var layout = RepoLayout.Locate();
                var dataset = DataSources.Open(parse.GetValue(data)!, TrainingConsole.MnistDir(layout));
                var chosen = parse.GetValue(method) switch
                {
                    "an12892" => TransferMethod.An12892,
                    "scratch" => TransferMethod.Scratch,
                    _ => TransferMethod.FineTune,
                };
                var threadCount = Math.Max(1, parse.GetValue(threads));
                var options = new TrainingOptions { Threads = threadCount, LearningRate = 1e-3f, FinalLearningRate = 1e-5f };
                var recipes = new TransferTable(parse.GetValue(baseModel)!, dataset, options);
                var results = new LeaveOneWriterOut(recipes, dataset)
                {
                    Method = chosen, Seed = parse.GetValue(seed), Threads = threadCount, Progress = Console.WriteLine,
                }.Run();
                Console.WriteLine();
                var markdown = LeaveOneWriterOut.Markdown(results, chosen, dataset.Name);
                Console.Write(markdown);
                if (parse.GetValue(json) is { } path)
                {
                    File.WriteAllText(path, LeaveOneWriterOut.Json(results, chosen));
                }

                if (parse.GetValue(doc) is { } docPath && docPath != "none")
                {
                    var target = Path.IsPathRooted(docPath) ? docPath : Path.Combine(layout.Root, docPath);
                    var line = $"./digitlock experiment leave-one-writer-out --base {Path.GetFileName(parse.GetValue(baseModel))} --data {Path.GetFileName(Path.TrimEndingDirectorySeparator(parse.GetValue(data)!))} --method {parse.GetValue(method)} --seed {parse.GetValue(seed)}";
                    DocSection.Replace(target, "leave-one-writer-out", $"Command: `{line}`.\n\n{markdown}");
                    Console.WriteLine($"wrote the result into {target}");
                }

                return 0;
            }
            catch (Exception e) when (TrainingConsole.IsUserError(e) || e is InvalidDataException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
