namespace Baton.Testing;

/// <summary>Locates the built <c>baton</c> executable (the Cli project's output) so tests can run it as a separate process.</summary>
public static class BatonCli
{
    /// <summary>Full path of baton.dll from the same build configuration as the running tests.</summary>
    public static string DllPath
    {
        get
        {
            // Test assembly: tests/X/bin/<Config>/net10.0/ → the Cli's output: src/Baton.Cli/bin/<Config>/net10.0/baton.dll
            var here = new DirectoryInfo(AppContext.BaseDirectory);
            var framework = here.Name;
            var configuration = here.Parent!.Name;
            var repo = RepositoryRoot;
            var path = Path.Combine(repo, "src", "Baton.Cli", "bin", configuration, framework, "baton.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("build the solution first: baton.dll not found", path);
        }
    }

    /// <summary>The repository root (the folder holding Baton.slnx).</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Baton.slnx")))
            {
                dir = dir.Parent;
            }
            return dir?.FullName ?? throw new DirectoryNotFoundException("Baton.slnx not found above the test assembly");
        }
    }

    /// <summary>Starts <c>baton ARGS…</c> via <c>dotnet baton.dll</c>.</summary>
    public static RunningProcess Start(IEnumerable<string> arguments, string? workingDirectory = null, IDictionary<string, string?>? environment = null) =>
        RunningProcess.Start("dotnet", [DllPath, .. arguments], workingDirectory, environment);

    public static Task<RunningProcess> RunAsync(IEnumerable<string> arguments, TimeSpan? timeout = null, string? workingDirectory = null,
        IDictionary<string, string?>? environment = null) =>
        RunningProcess.RunAsync("dotnet", [DllPath, .. arguments], timeout, workingDirectory, environment);
}
