using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DigitLock.Training.Data;

namespace DigitLock.Training.Train;

/// <summary>
/// The most training data a writer-independent figure can have: every writer in turn is held out and the
/// model is trained on all the others. Its pooled accuracy is a ceiling for every row of the transfer
/// table (which trains on fewer writers and fewer samples), and its per-writer list shows where the errors
/// are: on a few writers whose way of forming a digit nobody else in the set shares.
/// </summary>
public sealed class LeaveOneWriterOut(TransferTable recipes, IDigitDataset data)
{
    public TransferMethod Method { get; init; } = TransferMethod.FineTune;

    public ulong Seed { get; init; } = 1;

    public int Threads { get; init; } = 2;

    public Action<string>? Progress { get; init; }

    /// <param name="BaselineErrors">Errors of the MNIST-only base model on the same writer.</param>
    public sealed record WriterResult(string Writer, int Samples, int Errors, int BaselineErrors)
    {
        public double Accuracy => 1.0 - (double)Errors / Samples;
    }

    public IReadOnlyList<WriterResult> Run()
    {
        var writers = Enumerable.Range(0, data.Count).Select(data.Group).Distinct().Order(StringComparer.Ordinal).ToList();
        if (writers.Count < 2 || writers.Contains(""))
        {
            throw new InvalidDataException($"{data.Name}: leave-one-writer-out needs samples from at least two writers, each with a writer id");
        }

        var baseline = recipes.BaseModel();
        var results = new List<WriterResult>();
        foreach (var writer in writers)
        {
            var held = new List<int>();
            var rest = new List<int>();
            for (var i = 0; i < data.Count; i++)
            {
                (data.Group(i) == writer ? held : rest).Add(i);
            }

            var heldOut = DigitSet.Select(data, held, $"{data.Name} ({writer})");
            var network = recipes.Train(Method, DigitSet.Select(data, rest), Seed);
            var result = new WriterResult(writer, held.Count, Errors(network, heldOut), Errors(baseline, heldOut));
            results.Add(result);
            Progress?.Invoke(FormattableString.Invariant(
                $"{writer}: {result.Accuracy * 100:0.00}% ({result.Errors} of {result.Samples} wrong; MNIST model only: {result.BaselineErrors} wrong), trained on {rest.Count}"));
        }

        return results;
    }

    private int Errors(Model.Network network, IDigitDataset heldOut)
    {
        var logits = Predictor.Logits(network, heldOut, Threads);
        var errors = 0;
        for (var i = 0; i < heldOut.Count; i++)
        {
            errors += SoftmaxCrossEntropy.ArgMax(logits.AsSpan(i * network.Classes, network.Classes)) == heldOut.Label(i) ? 0 : 1;
        }

        return errors;
    }

    public static double Pooled(IReadOnlyList<WriterResult> results, bool baseline = false) =>
        1.0 - (double)results.Sum(r => baseline ? r.BaselineErrors : r.Errors) / results.Sum(r => r.Samples);

    /// <summary>Pooled figures, how the errors spread over writers, then every writer, worst first.</summary>
    public static string Markdown(IReadOnlyList<WriterResult> results, TransferMethod method, string dataName)
    {
        var errors = results.Sum(r => r.Errors);
        var worst = results.OrderByDescending(r => r.Errors).ThenBy(r => r.Writer, StringComparer.Ordinal).ToList();
        var sb = new StringBuilder();
        sb.AppendLine(FormattableString.Invariant(
            $"Each of the {results.Count} writers of {dataName} held out in turn, {TransferTable.Name(method)} trained on all the others: **{Pooled(results) * 100:0.00}%** pooled ({errors} errors in {results.Sum(r => r.Samples)} digits); MNIST model only on the same digits: {Pooled(results, baseline: true) * 100:0.00}%."));
        sb.AppendLine(FormattableString.Invariant(
            $"Writers with no error: {results.Count(r => r.Errors == 0)} of {results.Count}. The worst writer alone accounts for {worst[0].Errors} errors ({Share(worst[0].Errors, errors)}), the worst four for {worst.Take(4).Sum(r => r.Errors)} ({Share(worst.Take(4).Sum(r => r.Errors), errors)})."));
        sb.AppendLine();
        sb.AppendLine("| writer | digits | errors | accuracy | MNIST model only |");
        sb.AppendLine("|---|---|---|---|---|");
        foreach (var r in worst)
        {
            sb.AppendLine(FormattableString.Invariant(
                $"| {r.Writer} | {r.Samples} | {r.Errors} | {r.Accuracy * 100:0.00}% | {(1.0 - (double)r.BaselineErrors / r.Samples) * 100:0.00}% |"));
        }

        return sb.ToString();

        static string Share(int part, int whole) =>
            whole == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / whole:0}%");
    }

    public static string Json(IReadOnlyList<WriterResult> results, TransferMethod method) =>
        new JsonObject
        {
            ["method"] = method.ToString(),
            ["pooled_accuracy"] = Pooled(results),
            ["baseline_pooled_accuracy"] = Pooled(results, baseline: true),
            ["writers"] = new JsonArray(results.Select(r => (JsonNode)new JsonObject
            {
                ["writer"] = r.Writer,
                ["samples"] = r.Samples,
                ["errors"] = r.Errors,
                ["accuracy"] = r.Accuracy,
                ["baseline_errors"] = r.BaselineErrors,
            }).ToArray()),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
