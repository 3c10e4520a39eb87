using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DigitLock.Training.Core;
using DigitLock.Training.Data;
using DigitLock.Training.Model;

namespace DigitLock.Training.Train;

/// <summary>
/// AN12892's Table 1 on our data: accuracy on held-out writers after training on K examples per digit,
/// with transfer learning (base model, conv frozen, last three layers re-initialized) and without
/// (same architecture from random initialization), over several seeds. Each seed holds out its own
/// random set of writers; no sample of a held-out writer is ever trained on.
/// </summary>
public sealed class TransferTable(string baseModelPath, IDigitDataset data, TrainingOptions baseOptions)
{
    public double ValidationWriters { get; init; } = 0.3;

    public Action<string>? Progress { get; init; }

    public sealed record Cell(string Size, bool Transfer, IReadOnlyList<double> Accuracies, int TrainSamples)
    {
        public double Mean => Accuracies.Average();

        public double Std => Math.Sqrt(Accuracies.Sum(a => (a - Mean) * (a - Mean)) / Math.Max(1, Accuracies.Count - 1));
    }

    public IReadOnlyList<Cell> Run(IReadOnlyList<string> sizes, int seeds)
    {
        var results = new Dictionary<(string, bool), (List<double> Acc, int Samples)>();
        for (var s = 0; s < seeds; s++)
        {
            var seed = baseOptions.Seed + (ulong)s;
            var (pool, heldOut) = Subsets.Split(data, ValidationWriters, seed);
            foreach (var size in sizes)
            {
                var train = size == "all" ? pool : Subsets.PerDigit(pool, int.Parse(size, CultureInfo.InvariantCulture), seed);
                foreach (var transfer in new[] { true, false })
                {
                    var network = Prepare(transfer, seed);
                    var options = baseOptions with
                    {
                        Seed = seed,
                        // Small sets get more passes so every run takes a comparable number of steps.
                        Epochs = Math.Clamp(20000 / train.Count, 8, 40),
                        Patience = 0,
                    };
                    new Trainer(network, options).Fit(train, null);
                    var (_, accuracy) = Predictor.Score(Predictor.Logits(network, heldOut, options.Threads), heldOut, network.Classes);
                    var key = (size, transfer);
                    if (!results.TryGetValue(key, out var cell))
                    {
                        cell = (new List<double>(), train.Count);
                        results[key] = cell;
                    }

                    cell.Acc.Add(accuracy);
                    Progress?.Invoke(FormattableString.Invariant(
                        $"seed {seed}: {size,4} per digit, {(transfer ? "TL   " : "no TL")}: {accuracy * 100:0.00}% on {heldOut.Count} samples of held-out writers ({options.Epochs} epochs on {train.Count})"));
                }
            }
        }

        return sizes.SelectMany(size => new[] { true, false }.Select(t => new Cell(size, t, results[(size, t)].Acc, results[(size, t)].Samples))).ToList();
    }

    private Network Prepare(bool transfer, ulong seed)
    {
        var (network, _) = ModelFile.Load(baseModelPath);
        if (transfer)
        {
            TransferRecipe.Apply(network, "conv", 3, new Rng(seed ^ 0x7F4A7C15UL));
        }
        else
        {
            network.Initialize(new Rng(seed));
        }

        return network;
    }

    public static string Markdown(IReadOnlyList<Cell> cells, int seeds, string dataName)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Accuracy on held-out writers of {dataName}, mean ± std over {seeds} seed(s):");
        sb.AppendLine();
        sb.AppendLine("| examples per digit | train samples | with TL | without TL |");
        sb.AppendLine("|---|---|---|---|");
        foreach (var group in cells.GroupBy(c => c.Size))
        {
            var tl = group.First(c => c.Transfer);
            var scratch = group.First(c => !c.Transfer);
            sb.AppendLine(FormattableString.Invariant(
                $"| {group.Key} | {tl.TrainSamples} | {tl.Mean * 100:0.00}% ± {tl.Std * 100:0.00} | {scratch.Mean * 100:0.00}% ± {scratch.Std * 100:0.00} |"));
        }

        return sb.ToString();
    }

    public static string Json(IReadOnlyList<Cell> cells) =>
        new JsonArray(cells.Select(c => (JsonNode)new JsonObject
        {
            ["per_digit"] = c.Size,
            ["transfer"] = c.Transfer,
            ["train_samples"] = c.TrainSamples,
            ["mean_accuracy"] = c.Mean,
            ["std"] = c.Std,
            ["accuracies"] = new JsonArray(c.Accuracies.Select(a => (JsonNode)a).ToArray()),
        }).ToArray()).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
