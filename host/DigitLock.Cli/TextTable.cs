namespace DigitLock.Cli;

/// <summary>Left/right-aligned plain-text columns: readable in a terminal, a log and a test assertion alike.</summary>
public sealed class TextTable
{
    private readonly string[] headers;
    private readonly bool[] rightAligned;
    private readonly List<string[]> rows = new();

    /// <param name="headers">Column titles; a title starting with '>' is right-aligned (numbers).</param>
    public TextTable(params string[] headers)
    {
        rightAligned = headers.Select(h => h.StartsWith('>')).ToArray();
        this.headers = headers.Select(h => h.TrimStart('>')).ToArray();
    }

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"expected {headers.Length} cells, got {cells.Length}");
        }

        rows.Add(cells);
    }

    public void WriteTo(TextWriter output, string indent = "  ")
    {
        var widths = headers.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        // A table whose titles are all empty is a plain list of label/value rows: no title line.
        var lines = headers.All(h => h.Length == 0) ? rows : rows.Prepend(headers);
        foreach (var row in lines)
        {
            var cells = row.Select((cell, c) => rightAligned[c] ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
            output.WriteLine(indent + string.Join("  ", cells).TrimEnd());
        }
    }
}
