using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DigitLock.Training.Core;
using DigitLock.Training.Data;
using DigitLock.Training.Model;

namespace DigitLock.Training.Train;

/// <summary>How a run starts from (or without) the MNIST base model.</summary>
public enum TransferMethod
{
    /// <summary>AN12892: base model, convolutional layers frozen, last three layers re-initialized.</summary>
    An12892,

    /// <summary>Ours: base model with its classifier kept (the classes are the same ten digits), every layer
    /// fine-tuned at a learning rate small enough not to forget MNIST.</summary>
    FineTune,

    /// <summary>No transfer: the same architecture from random initialization.</summary>
    Scratch,
}

/// <summary>
/// AN12892's Table 1 on our data: accuracy on held-out writers after training on K examples per digit,
/// with transfer learning (AN12892's recipe, and our fine-tuning recipe) and without (same architecture
/// from random initialization), over several seeds. Each seed holds out its own random set of writers;
/// no sample of a held-out writer is ever trained on. The MNIST-only base model is scored on the same
/// held-out writers: the gap to the trained rows is what collecting touch-written digits buys.
/// </summary>
public sealed class TransferTable(string baseModelPath, IDigitDataset data, TrainingOptions baseOptions)
{
    public const string BaselineSize = "0";

    /// <summary>Learning rate of <see cref="TransferMethod.FineTune"/>: a third of the others', decaying 100x.</summary>
    public const float FineTuneLearningRate = 3e-4f;

    public double ValidationWriters { get; init; } = 0.3;

    public IReadOnlyList<TransferMethod> Methods { get; init; } = [TransferMethod.An12892, TransferMethod.FineTune, TransferMethod.Scratch];

    public Action<string>? Progress { get; init; }

    public sealed record Cell(string Size, TransferMethod Method, IReadOnlyList<double> Accuracies, int TrainSamples)
    {
        public double Mean => Accuracies.Average();

        public double Std => Math.Sqrt(Accuracies.Sum(a => (a - Mean) * (a - Mean)) / Math.Max(1, Accuracies.Count - 1));
    }

    /// <summary>The rows, and the base model with no pen data (size <see cref="BaselineSize"/>, method FineTune, 0 samples).</summary>
    public IReadOnlyList<Cell> Run(IReadOnlyList<string> sizes, int seeds)
    {
        var results = new Dictionary<(string, TransferMethod), (List<double> Acc, int Samples)>();
        void Add(string size, TransferMethod method, double accuracy, int samples)
        {
            if (!results.TryGetValue((size, method), out var cell))
            {
                cell = (new List<double>(), samples);
                results[(size, method)] = cell;
            }

            cell.Acc.Add(accuracy);
        }

        for (var s = 0; s < seeds; s++)
        {
            var seed = baseOptions.Seed + (ulong)s;
            var (pool, heldOut) = Subsets.Split(data, ValidationWriters, seed);
            var (baseline, _) = ModelFile.Load(baseModelPath);
            var baselineAccuracy = Score(baseline, heldOut);
            Add(BaselineSize, TransferMethod.FineTune, baselineAccuracy, 0);
            Progress?.Invoke(FormattableString.Invariant(
                $"seed {seed}: MNIST model only: {baselineAccuracy * 100:0.00}% on {heldOut.Count} samples of held-out writers"));
            foreach (var size in sizes)
            {
                var train = size == "all" ? pool : Subsets.PerDigit(pool, int.Parse(size, CultureInfo.InvariantCulture), seed);
                foreach (var method in Methods)
                {
                    var network = Train(method, train, seed);
                    var accuracy = Score(network, heldOut);
                    Add(size, method, accuracy, train.Count);
                    Progress?.Invoke(FormattableString.Invariant(
                        $"seed {seed}: {size,4} per digit, {Name(method),-22}: {accuracy * 100:0.00}% on {heldOut.Count} samples of held-out writers ({Epochs(train.Count)} epochs on {train.Count})"));
                }
            }
        }

        return results.Select(r => new Cell(r.Key.Item1, r.Key.Item2, r.Value.Acc, r.Value.Samples)).ToList();
    }

    /// <summary>One cell's training run: the base model prepared for <paramref name="method"/>, trained on <paramref name="train"/>.</summary>
    public Network Train(TransferMethod method, IDigitDataset train, ulong seed)
    {
        var network = Prepare(method, seed);
        var options = baseOptions with { Seed = seed, Epochs = Epochs(train.Count), Patience = 0 };
        if (method == TransferMethod.FineTune)
        {
            options = options with { LearningRate = FineTuneLearningRate, FinalLearningRate = FineTuneLearningRate / 100 };
        }

        new Trainer(network, options).Fit(train, null);
        return network;
    }

    /// <summary>Small sets get more passes so every run takes a comparable number of steps.</summary>
    public static int Epochs(int trainCount) => Math.Clamp(20000 / trainCount, 8, 40);

    /// <summary>The MNIST base model as stored, untouched.</summary>
    public Network BaseModel() => ModelFile.Load(baseModelPath).Network;

    private double Score(Network network, IDigitDataset heldOut) =>
        Predictor.Score(Predictor.Logits(network, heldOut, baseOptions.Threads), heldOut, network.Classes).Accuracy;

    private Network Prepare(TransferMethod method, ulong seed)
    {
        var (network, _) = ModelFile.Load(baseModelPath);
        switch (method)
        {
            case TransferMethod.An12892:
                TransferRecipe.Apply(network, "conv", 3, new Rng(seed ^ 0x7F4A7C15UL));
                break;
            case TransferMethod.FineTune:
                TransferRecipe.Apply(network, "none", 0, new Rng(seed ^ 0x7F4A7C15UL));
                break;
            default:
                network.Initialize(new Rng(seed));
                break;
        }

        return network;
    }

    public static string Name(TransferMethod method) => method switch
    {
        TransferMethod.An12892 => "TL, AN12892 recipe",
        TransferMethod.FineTune => "TL, fine-tune all (ours)",
        _ => "without TL",
    };

    /// <summary>AN12892 Table 1 (accuracy ranges in %, with and without transfer learning), keyed by examples per digit.</summary>
    public static readonly IReadOnlyDictionary<string, (string With, string Without)> An12892Table = new Dictionary<string, (string, string)>
    {
        ["10"] = ("75.4-80", "71.6-76.4"),
        ["30"] = ("89.7-90", "85.3-86.3"),
        ["100"] = ("94-94.7", "91.2-92.8"),
        ["300"] = ("96.8-97", "96-96.4"),
        ["all"] = ("96.8-97", "96.5-96.8"),
    };

    public static string Markdown(IReadOnlyList<Cell> cells, int seeds, string dataName)
    {
        var methods = cells.Where(c => c.Size != BaselineSize).Select(c => c.Method).Distinct().Order().ToList();
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Accuracy on held-out writers of {dataName}, mean ± std over {seeds} seed(s); AN12892's Table 1 beside:");
        sb.AppendLine();
        sb.AppendLine("| examples per digit | train samples | " + string.Join(" | ", methods.Select(Name)) + " | AN12892 with TL | AN12892 without TL |");
        sb.AppendLine("|---|---|" + string.Concat(methods.Select(_ => "---|")) + "---|---|");
        foreach (var group in cells.GroupBy(c => c.Size))
        {
            if (group.Key == BaselineSize)
            {
                var b = group.First();
                sb.AppendLine(FormattableString.Invariant(
                    $"| 0 (MNIST model only) | 0 | {Pct(b)} |{string.Concat(methods.Skip(1).Select(_ => " - |"))} - | - |"));
                continue;
            }

            var an = An12892Table.TryGetValue(group.Key, out var row) ? row : ("-", "-");
            sb.AppendLine(FormattableString.Invariant(
                $"| {group.Key} | {group.First().TrainSamples} | {string.Join(" | ", methods.Select(m => group.FirstOrDefault(c => c.Method == m) is { } c ? Pct(c) : "-"))} | {an.Item1} % | {an.Item2} % |"));
        }

        return sb.ToString();

        static string Pct(Cell c) => FormattableString.Invariant($"{c.Mean * 100:0.00}% ± {c.Std * 100:0.00}");
    }

    public static string Json(IReadOnlyList<Cell> cells) =>
        new JsonArray(cells.Select(c => (JsonNode)new JsonObject
        {
            ["per_digit"] = c.Size,
            ["method"] = c.Method.ToString(),
            ["transfer"] = c.Method != TransferMethod.Scratch,
            ["train_samples"] = c.TrainSamples,
            ["mean_accuracy"] = c.Mean,
            ["std"] = c.Std,
            ["accuracies"] = new JsonArray(c.Accuracies.Select(a => (JsonNode)a).ToArray()),
        }).ToArray()).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
