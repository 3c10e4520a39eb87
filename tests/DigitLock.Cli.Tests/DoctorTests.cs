using DigitLock.Cli;
using DigitLock.Cli.Doctor;

namespace DigitLock.Cli.Tests;

public class DoctorTests
{
    [Fact]
    public void Apt_lines_become_requirements_with_an_apt_install_command()
    {
        var reqs = ToolRequirement.ParseApt(new[]
        {
            "# comment",
            "",
            "cmd:cmake   cmake   C engine build",
            "file:/nonexistent/fixedpoint.h   libgemmlowp-dev   reference",
        }).ToList();

        Assert.Equal(2, reqs.Count);
        Assert.Equal("cmake", reqs[0].Name);
        Assert.Equal("sudo apt-get install -y cmake", reqs[0].InstallCommand);
        Assert.Equal("C engine build", reqs[0].Purpose);
        Assert.Equal("libgemmlowp-dev", reqs[1].Name);
        Assert.False(reqs[1].Probe(new RepoLayout(Path.GetTempPath())).Found);
    }

    [Fact]
    public void Unknown_probe_kind_is_a_format_error_naming_it()
    {
        var ex = Assert.Throws<FormatException>(() => ToolRequirement.ParseApt(new[] { "url:x pkg why" }).ToList());
        Assert.Contains("'url'", ex.Message);
    }

    [Fact]
    public void Npm_package_is_found_only_at_the_pinned_version()
    {
        var root = Directory.CreateTempSubdirectory("dl-doctor").FullName;
        try
        {
            var layout = new RepoLayout(root);
            var req = ToolRequirement.ParseNpm(new[] { "@scope/pkg@1.2.3  --legacy-peer-deps  why" }).Single();
            Assert.Equal("npm:@scope/pkg", req.Name);
            Assert.Equal("npm install --prefix .cache/npm --legacy-peer-deps @scope/pkg@1.2.3", req.InstallCommand);
            Assert.False(req.Probe(layout).Found);

            var dir = Path.Combine(layout.NodeModulesDir, "@scope", "pkg");
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "package.json"), "{ \"name\": \"@scope/pkg\", \"version\": \"1.2.2\" }");
            Assert.False(req.Probe(layout).Found);

            File.WriteAllText(Path.Combine(dir, "package.json"), "{ \"name\": \"@scope/pkg\", \"version\": \"1.2.3\" }");
            Assert.True(req.Probe(layout).Found);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Command_probe_finds_a_program_on_path_and_misses_a_made_up_one()
    {
        Assert.True(ToolRequirement.ProbeCommand("sh").Found);
        Assert.False(ToolRequirement.ProbeCommand("no-such-tool-digitlock").Found);
    }

    [Fact]
    public void Repository_requirement_lists_parse_and_cover_the_tools_the_issue_names()
    {
        var names = ToolRequirement.LoadAll(RepoLayout.Locate()).Select(r => r.Name).ToList();
        foreach (var tool in new[] { "dotnet", "cmake", "gcc", "arm-none-eabi-gcc", "qemu-system-arm", "node", "chromium" })
        {
            Assert.Contains(tool, names);
        }

        Assert.Contains(names, n => n.StartsWith("npm:", StringComparison.Ordinal));
    }

    [Fact]
    public void Optional_lines_carry_their_own_install_command_and_bad_lines_name_the_problem()
    {
        var req = ToolRequirement.ParseOptional(new[] { "# c", "cmd:no-such-tool-digitlock | pipx install x | flashing" }).Single();
        Assert.True(req.Optional);
        Assert.Equal("no-such-tool-digitlock", req.Name);
        Assert.Equal("pipx install x", req.InstallCommand);
        Assert.Equal("flashing", req.Purpose);
        Assert.False(req.Probe(new RepoLayout(Path.GetTempPath())).Found);

        var ex = Assert.Throws<FormatException>(() => ToolRequirement.ParseOptional(new[] { "cmd:x | only two" }).ToList());
        Assert.Contains("cmd:x | only two", ex.Message);
        Assert.Throws<FormatException>(() => ToolRequirement.ParseOptional(new[] { "file:/x | a | b" }).ToList());
    }

    [Fact]
    public void The_flashing_tools_are_listed_as_optional_and_nothing_else_is()
    {
        var all = ToolRequirement.LoadAll(RepoLayout.Locate());
        Assert.Equal(new[] { "nanoff", "pyocd" }, all.Where(r => r.Optional).Select(r => r.Name).Order().ToArray());
    }
}
