using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DigitLock.Training.Train;

/// <summary>The training log (JSON) and the loss/accuracy curves (SVG) written next to a model.</summary>
public static class TrainingCurve
{
    public static JsonObject Log(TrainingResult result, JsonObject settings)
    {
        var epochs = new JsonArray();
        foreach (var e in result.Epochs)
        {
            epochs.Add(new JsonObject
            {
                ["epoch"] = e.Epoch,
                ["train_loss"] = Math.Round(e.TrainLoss, 6),
                ["train_accuracy"] = Math.Round(e.TrainAccuracy, 6),
                ["validation_loss"] = e.ValidationLoss is { } vl ? Math.Round(vl, 6) : null,
                ["validation_accuracy"] = e.ValidationAccuracy is { } va ? Math.Round(va, 6) : null,
                ["learning_rate"] = e.LearningRate,
                ["seconds"] = Math.Round(e.Seconds, 3),
            });
        }

        return new JsonObject
        {
            ["settings"] = settings.DeepClone(),
            ["best_epoch"] = result.BestEpoch,
            ["stopped_early"] = result.StoppedEarly,
            ["seconds"] = Math.Round(result.Seconds, 3),
            ["epochs"] = epochs,
        };
    }

    public static void WriteLog(string path, JsonObject log) =>
        File.WriteAllText(path, log.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>Two panels side by side: loss (log scale) and accuracy, train solid, validation dashed.</summary>
    public static string Svg(IReadOnlyList<EpochLog> epochs, string title)
    {
        const int panelW = 420, panelH = 300, left = 60, top = 40, gap = 90;
        var inv = CultureInfo.InvariantCulture;
        var svg = new StringBuilder();
        var width = left + 2 * panelW + gap + 30;
        var height = top + panelH + 70;
        svg.AppendLine(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine(inv, $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>");
        svg.AppendLine(inv, $"<text x=\"{left}\" y=\"20\" font-size=\"15\">{Escape(title)}</text>");

        var losses = epochs.Select(e => e.TrainLoss).Concat(epochs.Where(e => e.ValidationLoss.HasValue).Select(e => e.ValidationLoss!.Value))
            .Select(v => Math.Log10(Math.Max(v, 1e-4))).ToList();
        var accs = epochs.Select(e => e.TrainAccuracy).Concat(epochs.Where(e => e.ValidationAccuracy.HasValue).Select(e => e.ValidationAccuracy!.Value)).ToList();
        Panel(svg, left, top, panelW, panelH, epochs.Count, "loss (log10)",
            losses.DefaultIfEmpty(0).Min(), losses.DefaultIfEmpty(1).Max(),
            [(epochs.Select(e => (double?)Math.Log10(Math.Max(e.TrainLoss, 1e-4))).ToList(), "#1f77b4", "train", false),
             (epochs.Select(e => e.ValidationLoss is { } v ? Math.Log10(Math.Max(v, 1e-4)) : (double?)null).ToList(), "#d62728", "validation", true)]);
        Panel(svg, left + panelW + gap, top, panelW, panelH, epochs.Count, "accuracy",
            accs.DefaultIfEmpty(0).Min(), accs.DefaultIfEmpty(1).Max(),
            [(epochs.Select(e => (double?)e.TrainAccuracy).ToList(), "#1f77b4", "train", false),
             (epochs.Select(e => e.ValidationAccuracy).ToList(), "#d62728", "validation", true)]);
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static void Panel(
        StringBuilder svg, int x0, int y0, int w, int h, int count, string label, double min, double max,
        (List<double?> Values, string Color, string Name, bool Dashed)[] series)
    {
        var inv = CultureInfo.InvariantCulture;
        if (max - min < 1e-9)
        {
            max = min + 1;
        }

        var pad = (max - min) * 0.05;
        min -= pad;
        max += pad;
        double X(int epoch) => x0 + (count <= 1 ? w / 2.0 : (epoch - 1) * (double)w / (count - 1));
        double Y(double v) => y0 + h - (v - min) / (max - min) * h;

        svg.AppendLine(inv, $"<rect x=\"{x0}\" y=\"{y0}\" width=\"{w}\" height=\"{h}\" fill=\"none\" stroke=\"#888\"/>");
        svg.AppendLine(inv, $"<text x=\"{x0}\" y=\"{y0 - 8}\">{label}</text>");
        for (var i = 0; i <= 4; i++)
        {
            var v = min + (max - min) * i / 4;
            svg.AppendLine(inv, $"<text x=\"{x0 - 6}\" y=\"{Y(v) + 4:0.#}\" text-anchor=\"end\">{v:0.####}</text>");
        }

        for (var e = 1; e <= count; e++)
        {
            if (count <= 12 || e % Math.Max(1, count / 10) == 0)
            {
                svg.AppendLine(inv, $"<text x=\"{X(e):0.#}\" y=\"{y0 + h + 16}\" text-anchor=\"middle\">{e}</text>");
            }
        }

        svg.AppendLine(inv, $"<text x=\"{x0 + w / 2}\" y=\"{y0 + h + 34}\" text-anchor=\"middle\">epoch</text>");
        var legendY = y0 + h + 52;
        var legendX = x0;
        foreach (var (values, color, name, dashed) in series)
        {
            var points = values.Select((v, i) => (v, i)).Where(p => p.v.HasValue)
                .Select(p => string.Create(inv, $"{X(p.i + 1):0.##},{Y(p.v!.Value):0.##}")).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var dash = dashed ? " stroke-dasharray=\"6 4\"" : "";
            svg.AppendLine(inv, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{dash} points=\"{string.Join(' ', points)}\"/>");
            svg.AppendLine(inv, $"<line x1=\"{legendX}\" y1=\"{legendY - 4}\" x2=\"{legendX + 24}\" y2=\"{legendY - 4}\" stroke=\"{color}\" stroke-width=\"2\"{dash}/>");
            svg.AppendLine(inv, $"<text x=\"{legendX + 30}\" y=\"{legendY}\">{name}</text>");
            legendX += 110;
        }
    }

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
