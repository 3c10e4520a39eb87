namespace DigitLock.Cli.Commands;

/// <summary>
/// A generated block inside a hand-written Markdown document, between <c>&lt;!-- NAME:begin --&gt;</c> and
/// <c>&lt;!-- NAME:end --&gt;</c>. Commands that measure something rewrite only their block, so the prose
/// around it stays the author's. The file is replaced in one rename: never half-written.
/// </summary>
public static class DocSection
{
    public static void Replace(string path, string name, string content)
    {
        var begin = $"<!-- {name}:begin -->";
        var end = $"<!-- {name}:end -->";
        var text = File.Exists(path) ? File.ReadAllText(path) : "";
        var block = $"{begin}\n{content.TrimEnd()}\n{end}";
        var a = text.IndexOf(begin, StringComparison.Ordinal);
        var b = text.IndexOf(end, StringComparison.Ordinal);
        if (a >= 0 != b >= 0 || (a >= 0 && b < a))
        {
            throw new InvalidDataException($"{path}: the {begin} / {end} markers are unbalanced; fix them by hand");
        }

        text = a >= 0
            ? text[..a] + block + text[(b + end.Length)..]
            : text.TrimEnd() + (text.Length > 0 ? "\n\n" : "") + block + "\n";
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }
}
