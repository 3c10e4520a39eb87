using DigitLock.Cli.Commands;

namespace DigitLock.Cli.Tests;

public class DocSectionTests
{
    private static string Temp(string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("dl-doc").FullName, "doc.md");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Replaces_only_the_named_block()
    {
        var path = Temp("# Title\n\nprose\n<!-- t:begin -->\nold\n<!-- t:end -->\nafter\n");
        DocSection.Replace(path, "t", "new table\n");
        Assert.Equal("# Title\n\nprose\n<!-- t:begin -->\nnew table\n<!-- t:end -->\nafter\n", File.ReadAllText(path));
    }

    [Fact]
    public void Appends_the_block_when_the_document_has_none()
    {
        var path = Temp("# Title\n");
        DocSection.Replace(path, "t", "x");
        Assert.Equal("# Title\n\n<!-- t:begin -->\nx\n<!-- t:end -->\n", File.ReadAllText(path));
    }

    [Fact]
    public void Unbalanced_markers_are_refused_and_the_file_is_left_alone()
    {
        const string text = "a\n<!-- t:begin -->\nb\n";
        var path = Temp(text);
        var ex = Assert.Throws<InvalidDataException>(() => DocSection.Replace(path, "t", "x"));
        Assert.Contains("unbalanced", ex.Message);
        Assert.Equal(text, File.ReadAllText(path));
    }
}
