using System.CommandLine;
using DigitLock.Cli.Doctor;

namespace DigitLock.Cli.Commands;

/// <summary>`digitlock doctor`: is every tool the project uses here, and how to get what is not.</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor",
            "Check each tool the project uses (dotnet, cmake, compilers, QEMU, Node packages, Chromium) " +
            "and print the command that installs what is missing.");
        command.SetAction(_ =>
        {
            var layout = RepoLayout.Locate();
            var checks = ToolRequirement.LoadAll(layout);
            var missing = 0;
            foreach (var check in checks)
            {
                var result = check.Probe(layout);
                if (result.Found)
                {
                    Console.WriteLine($"found    {check.Name,-26} {result.Detail}");
                }
                else if (check.Optional)
                {
                    Console.WriteLine($"optional {check.Name,-26} install: {check.InstallCommand}   ({check.Purpose})");
                }
                else
                {
                    missing++;
                    Console.WriteLine($"MISSING  {check.Name,-26} install: {check.InstallCommand}   ({check.Purpose})");
                }
            }

            var required = checks.Count(c => !c.Optional);
            Console.WriteLine(missing == 0
                ? $"all {required} required tools found"
                : $"{missing} of {required} required tools missing; `./tests/setup` installs all of them");
            return missing == 0 ? 0 : 1;
        });
        return command;
    }
}
