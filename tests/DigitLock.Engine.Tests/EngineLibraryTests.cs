namespace DigitLock.Engine.Tests;

public class EngineLibraryTests
{
    [Fact]
    public void Library_is_looked_for_in_the_env_dir_then_beside_the_program_then_in_the_checkouts_build()
    {
        var root = Directory.CreateTempSubdirectory("dl-lib").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "nf-solution.sln"), "");
            var bin = Directory.CreateDirectory(Path.Combine(root, "host", "bin")).FullName;

            var candidates = EngineLibrary.CandidatePaths("/opt/native", bin).ToList();

            Assert.Equal(new[]
            {
                Path.Combine("/opt/native", EngineLibrary.FileName),
                Path.Combine(bin, EngineLibrary.FileName),
                Path.Combine(root, "build", "native", "native-interop", "engine", EngineLibrary.FileName),
            }, candidates);
            Assert.Null(EngineLibrary.Locate(null, bin));

            var built = candidates[2];
            Directory.CreateDirectory(Path.GetDirectoryName(built)!);
            File.WriteAllText(built, "");
            Assert.Equal(built, EngineLibrary.Locate(null, bin));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_checkouts_engine_library_is_found_and_loads()
    {
        // Fails rather than skips: the test run builds the engine first (./digitlock or cmake).
        var path = EngineLibrary.Locate(Environment.GetEnvironmentVariable(EngineLibrary.EnvironmentVariable),
            AppContext.BaseDirectory);
        Assert.True(path != null, EngineLibrary.NotFoundMessage);
        Assert.Equal(path, EngineLibrary.LoadedPath());
    }
}
