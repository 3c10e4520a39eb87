using System.CommandLine;

namespace DigitLock.Cli.Tests;

public class HelpTests
{
    [Fact]
    public void Every_command_has_a_description_and_answers_help()
    {
        var root = Program.BuildRoot();
        Assert.NotEmpty(root.Subcommands);
        foreach (var command in AllCommands(root))
        {
            Assert.False(string.IsNullOrWhiteSpace(command.Description), $"{command.Name} has no description");
            var path = CommandPath(root, command);
            var output = new StringWriter();
            var result = root.Parse(path.Append("--help").ToArray());
            Assert.Empty(result.Errors);
            result.InvocationConfiguration.Output = output;
            Assert.Equal(0, result.Invoke());
            Assert.Contains("Usage:", output.ToString());
        }
    }

    [Fact]
    public void Root_help_lists_the_commands()
    {
        var root = Program.BuildRoot();
        var output = new StringWriter();
        var result = root.Parse(new[] { "--help" });
        result.InvocationConfiguration.Output = output;
        result.Invoke();
        foreach (var command in root.Subcommands)
        {
            Assert.Contains(command.Name, output.ToString());
        }
    }

    private static IEnumerable<Command> AllCommands(Command parent)
    {
        foreach (var child in parent.Subcommands)
        {
            yield return child;
            foreach (var grandChild in AllCommands(child))
            {
                yield return grandChild;
            }
        }
    }

    private static IEnumerable<string> CommandPath(Command root, Command target)
    {
        var stack = new List<string>();
        return Find(root, target, stack) ? stack : throw new InvalidOperationException(target.Name);
    }

    private static bool Find(Command current, Command target, List<string> path)
    {
        foreach (var child in current.Subcommands)
        {
            path.Add(child.Name);
            if (child == target || Find(child, target, path))
            {
                return true;
            }

            path.RemoveAt(path.Count - 1);
        }

        return false;
    }
}
