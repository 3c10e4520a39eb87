using System.Text;

namespace DigitLock.Data;

/// <summary>
/// <c>dataset sheet</c>: one PNG per digit with every sample's 28x28 image in a grid (white ink
/// on black, as the model sees it, grey lines between tiles), plus a text index mapping each
/// tile (row, column) to its file, for writing a cleaning list.
/// </summary>
public static class ContactSheet
{
    public const int Columns = 30;
    private const int Tile = 28;
    private const byte GridGrey = 90;

    public static IReadOnlyList<string> Write(string dir, string outDir, int zoom = 1, IReadOnlyCollection<int>? digits = null)
    {
        if (zoom is < 1 or > 8)
        {
            throw new DatasetException("--zoom must be 1..8");
        }

        var dataset = DatDataset.Load(dir, new DatLoadOptions { SkipDamaged = true });
        var written = new List<string>();
        foreach (var group in dataset.Records.GroupBy(r => r.Label).OrderBy(g => g.Key))
        {
            if (digits != null && !digits.Contains(group.Key))
            {
                continue;
            }

            var records = group.ToList();
            var rows = (records.Count + Columns - 1) / Columns;
            var cell = Tile + 1;
            var width = (Columns * cell + 1) * zoom;
            var height = (rows * cell + 1) * zoom;
            var pixels = new byte[width * height];
            var index = new StringBuilder($"# sheet-{group.Key}.png: row col path (tiles {Tile}x{Tile}, zoom {zoom})\n");
            for (var i = 0; i < records.Count; i++)
            {
                var (row, col) = (i / Columns, i % Columns);
                index.Append($"{row} {col} {records[i].Path}\n");
            }

            // Grid lines first, then tiles over them.
            for (var y = 0; y < rows * cell + 1; y++)
            {
                for (var x = 0; x < Columns * cell + 1; x++)
                {
                    var tileIndex = (y / cell) * Columns + x / cell;
                    var onGrid = y % cell == 0 || x % cell == 0;
                    byte value;
                    if (onGrid)
                    {
                        value = GridGrey;
                    }
                    else if (tileIndex < records.Count)
                    {
                        value = records[tileIndex].Image[(y % cell - 1) * Tile + x % cell - 1];
                    }
                    else
                    {
                        value = 0;
                    }

                    for (var dy = 0; dy < zoom; dy++)
                    {
                        for (var dx = 0; dx < zoom; dx++)
                        {
                            pixels[(y * zoom + dy) * width + x * zoom + dx] = value;
                        }
                    }
                }
            }

            var png = Path.Combine(outDir, $"sheet-{group.Key}.png");
            PngWriter.WriteGray(png, width, height, pixels);
            AtomicFile.WriteAllText(Path.Combine(outDir, $"sheet-{group.Key}.txt"), index.ToString());
            written.Add(png);
        }

        return written;
    }
}
