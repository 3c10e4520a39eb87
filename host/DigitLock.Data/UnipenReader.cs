using System.Globalization;

namespace DigitLock.Data;

/// <summary>One pen stroke in tablet units (y axis up), points in pen order.</summary>
public sealed record PenStroke(IReadOnlyList<(int X, int Y)> Points, int GapBeforeMs);

/// <summary>
/// One digit of a UNIPEN file. <see cref="Writer"/> and <see cref="IndexInWriter"/> come from the
/// pendigits <c>.COMMENT &lt;label&gt; &lt;writer&gt; &lt;index&gt;</c> line (writers 1..30, 250 digits each).
/// </summary>
public sealed record UnipenDigit(int Label, int Writer, int IndexInWriter, int Line, IReadOnlyList<PenStroke> Strokes);

/// <summary>
/// Reads pen-stroke digits in UNIPEN text as UCI pendigits-orig ships them: <c>.SEGMENT DIGIT n ? "d"</c>,
/// <c>.COMMENT d writer index</c>, then <c>.PEN_DOWN</c> / x y lines / <c>.PEN_UP</c> blocks, with
/// <c>.DT ms</c> (pen-up time before the next stroke). Other keywords (.INCLUDE, .LEXICON, ...) are skipped.
/// </summary>
public static class UnipenReader
{
    public static IReadOnlyList<UnipenDigit> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"UNIPEN file not found: {path}");
        }

        var digits = new List<UnipenDigit>();
        var lineNumber = 0;
        int label = -1, writer = 0, index = 0, segmentLine = 0;
        var strokes = new List<PenStroke>();
        List<(int, int)>? points = null;
        var gap = 0;

        void Flush()
        {
            if (label >= 0)
            {
                if (strokes.Count == 0)
                {
                    throw Fault(path, segmentLine, "digit has no strokes");
                }

                digits.Add(new UnipenDigit(label, writer, index, segmentLine, strokes.ToArray()));
            }

            strokes.Clear();
            label = -1;
            writer = 0;
            index = 0;
        }

        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] != '.')
            {
                if (points == null)
                {
                    throw Fault(path, lineNumber, "coordinates outside a .PEN_DOWN/.PEN_UP block");
                }

                var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 2 || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var x)
                    || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var y))
                {
                    throw Fault(path, lineNumber, $"expected \"x y\", got \"{line}\"");
                }

                points.Add((x, y));
                continue;
            }

            var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            switch (words[0])
            {
                case ".SEGMENT":
                    if (points != null)
                    {
                        throw Fault(path, lineNumber, ".SEGMENT inside a .PEN_DOWN block");
                    }

                    Flush();
                    segmentLine = lineNumber;
                    label = ParseLabel(path, lineNumber, line);
                    gap = 0;
                    break;
                case ".COMMENT" when label >= 0 && words.Length >= 4:
                    if (!int.TryParse(words[1], out var commentLabel) || !int.TryParse(words[2], out writer)
                        || !int.TryParse(words[3], out index))
                    {
                        throw Fault(path, lineNumber, $"expected \".COMMENT label writer index\", got \"{line}\"");
                    }

                    if (commentLabel != label)
                    {
                        throw Fault(path, lineNumber, $".COMMENT says {commentLabel} but the segment is \"{label}\"");
                    }

                    break;
                case ".PEN_DOWN":
                    if (label < 0)
                    {
                        throw Fault(path, lineNumber, ".PEN_DOWN before any .SEGMENT");
                    }

                    points = [];
                    break;
                case ".PEN_UP":
                    if (points == null)
                    {
                        throw Fault(path, lineNumber, ".PEN_UP without .PEN_DOWN");
                    }

                    if (points.Count > 0)
                    {
                        strokes.Add(new PenStroke(points.ToArray(), gap));
                    }

                    points = null;
                    gap = 0;
                    break;
                case ".DT":
                    if (words.Length < 2 || !int.TryParse(words[1], out gap) || gap < 0)
                    {
                        throw Fault(path, lineNumber, $"expected \".DT milliseconds\", got \"{line}\"");
                    }

                    break;
            }
        }

        if (points != null)
        {
            throw Fault(path, lineNumber, "file ends inside a .PEN_DOWN block");
        }

        Flush();
        return digits;
    }

    private static int ParseLabel(string path, int lineNumber, string line)
    {
        var open = line.IndexOf('"');
        var close = open < 0 ? -1 : line.IndexOf('"', open + 1);
        if (close != open + 2 || line[open + 1] < '0' || line[open + 1] > '9')
        {
            throw Fault(path, lineNumber, $"expected a digit label like \"7\" in \"{line}\"");
        }

        return line[open + 1] - '0';
    }

    private static FormatException Fault(string path, int line, string message) => new($"{path}:{line}: {message}");
}
