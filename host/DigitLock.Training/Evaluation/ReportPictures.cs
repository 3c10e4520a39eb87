using DigitLock.Training.Data;
using DigitLock.Training.Imaging;

namespace DigitLock.Training.Evaluation;

/// <summary>The report folder: confusion.png, misclassified.png and report.json.</summary>
public static class ReportPictures
{
    public static void Write(EvaluationReport report, IDigitDataset data, string directory, int maxGallery = 200)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "confusion.png"), Confusion(report));
        File.WriteAllBytes(Path.Combine(directory, "misclassified.png"), Gallery(report, data, maxGallery));
        File.WriteAllText(Path.Combine(directory, "report.json"), report.ToJson());
    }

    /// <summary>
    /// 10x10 grid, rows = true digit, columns = predicted. Cell colour is the share of the row
    /// (green on the diagonal, red off it), with the count written in the cell.
    /// </summary>
    public static byte[] Confusion(EvaluationReport report)
    {
        const int cell = 44, margin = 30;
        var canvas = new Canvas(margin + 10 * cell + 4, margin + 10 * cell + 4, (255, 255, 255));
        for (var d = 0; d < 10; d++)
        {
            canvas.Text(margin + d * cell + cell / 2 - 3, 8, d.ToString(), 3, (0, 0, 0));
            canvas.Text(8, margin + d * cell + cell / 2 - 7, d.ToString(), 3, (0, 0, 0));
        }

        for (var r = 0; r < 10; r++)
        {
            var rowTotal = Math.Max(1, Enumerable.Range(0, 10).Sum(c => report.Confusion[r, c]));
            for (var c = 0; c < 10; c++)
            {
                var count = report.Confusion[r, c];
                var share = (double)count / rowTotal;
                // Off-diagonal shares are small; the square root makes a few errors visible.
                var t = r == c ? share : Math.Sqrt(share);
                var fade = (byte)(255 - 200 * t);
                var color = r == c ? (fade, (byte)255, fade) : ((byte)255, fade, fade);
                canvas.Fill(margin + c * cell + 1, margin + r * cell + 1, cell - 2, cell - 2, count == 0 ? ((byte)245, (byte)245, (byte)245) : color);
                var text = count.ToString();
                var scale = text.Length > 4 ? 1 : 2;
                canvas.Text(margin + c * cell + (cell - text.Length * 4 * scale) / 2, margin + r * cell + cell / 2 - 5, text, scale, (0, 0, 0));
            }
        }

        return canvas.ToPng();
    }

    /// <summary>Misclassified digits, up to <paramref name="max"/>, each captioned "label>predicted".</summary>
    public static byte[] Gallery(EvaluationReport report, IDigitDataset data, int max)
    {
        const int scale = 2, tile = 28 * scale, captionHeight = 14, pad = 4, columns = 12;
        var shown = report.Misclassified.Take(max).ToList();
        var rows = Math.Max(1, (shown.Count + columns - 1) / columns);
        var canvas = new Canvas(columns * (tile + pad) + pad, rows * (tile + captionHeight + pad) + pad, (40, 40, 40));
        for (var i = 0; i < shown.Count; i++)
        {
            var x = pad + i % columns * (tile + pad);
            var y = pad + i / columns * (tile + captionHeight + pad);
            canvas.Gray(x, y, data.Image(shown[i].Index), IDigitDataset.Side, scale);
            canvas.Text(x + 2, y + tile + 2, $"{shown[i].Label}>{shown[i].Predicted}", 2, (255, 200, 60));
        }

        return canvas.ToPng();
    }
}
