using DigitLock.Cli;

namespace DigitLock.Engine.Tests;

/// <summary>Runs the CLI in-process exactly as Main does, capturing what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = Program.BuildRoot().Parse(args);
        parse.InvocationConfiguration.Output = output;
        parse.InvocationConfiguration.Error = error;
        var code = parse.Invoke();
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
