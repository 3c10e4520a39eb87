using System.Text.Json;
using System.Text.Json.Nodes;
using DigitLock.Training.Data;

namespace DigitLock.Training.Evaluation;

public sealed record ClassFigures(int Digit, int Support, double Precision, double Recall);

public sealed record Misclassified(int Index, string Sample, int Label, int Predicted, double Confidence);

/// <summary>How a model did on a labelled dataset. Confusion rows are true labels, columns predictions.</summary>
public sealed record EvaluationReport(
    string Model, string Data, double Accuracy, int Count, IReadOnlyList<ClassFigures> PerClass, int[,] Confusion,
    IReadOnlyList<Misclassified> Misclassified)
{
    public const int Classes = 10;

    public static EvaluationReport Evaluate(IDigitModel model, IDigitDataset data)
    {
        var probabilities = model.Probabilities(data);
        var confusion = new int[Classes, Classes];
        var wrong = new List<Misclassified>();
        for (var i = 0; i < data.Count; i++)
        {
            var row = probabilities.AsSpan(i * Classes, Classes);
            var predicted = 0;
            for (var c = 1; c < Classes; c++)
            {
                if (row[c] > row[predicted])
                {
                    predicted = c;
                }
            }

            int label = data.Label(i);
            confusion[label, predicted]++;
            if (predicted != label)
            {
                wrong.Add(new Misclassified(i, data.SampleName(i), label, predicted, row[predicted]));
            }
        }

        var perClass = new List<ClassFigures>();
        for (var d = 0; d < Classes; d++)
        {
            int support = 0, predictedAs = 0;
            for (var c = 0; c < Classes; c++)
            {
                support += confusion[d, c];
                predictedAs += confusion[c, d];
            }

            perClass.Add(new ClassFigures(d, support,
                predictedAs == 0 ? 0 : (double)confusion[d, d] / predictedAs,
                support == 0 ? 0 : (double)confusion[d, d] / support));
        }

        var correct = Enumerable.Range(0, Classes).Sum(d => confusion[d, d]);
        return new EvaluationReport(model.Name, data.Name, data.Count == 0 ? 0 : (double)correct / data.Count, data.Count,
            perClass, confusion, wrong);
    }

    /// <summary>The JSON report; top-level keys are exactly accuracy, count, per_class, confusion, misclassified.</summary>
    public string ToJson()
    {
        var perClass = new JsonArray();
        foreach (var c in PerClass)
        {
            perClass.Add(new JsonObject
            {
                ["digit"] = c.Digit,
                ["support"] = c.Support,
                ["precision"] = Math.Round(c.Precision, 6),
                ["recall"] = Math.Round(c.Recall, 6),
            });
        }

        var confusion = new JsonArray();
        for (var r = 0; r < Classes; r++)
        {
            confusion.Add(new JsonArray(Enumerable.Range(0, Classes).Select(c => (JsonNode)Confusion[r, c]).ToArray()));
        }

        var misclassified = new JsonArray();
        foreach (var m in Misclassified)
        {
            misclassified.Add(new JsonObject
            {
                ["index"] = m.Index,
                ["file"] = m.Sample,
                ["label"] = m.Label,
                ["predicted"] = m.Predicted,
                ["confidence"] = Math.Round(m.Confidence, 6),
            });
        }

        var root = new JsonObject
        {
            ["accuracy"] = Accuracy,
            ["count"] = Count,
            ["per_class"] = perClass,
            ["confusion"] = confusion,
            ["misclassified"] = misclassified,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
