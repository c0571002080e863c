namespace Baton.Bench.Cases;

/// <summary>Case 7: runs the BenchmarkDotNet project and returns its GitHub-markdown tables (time and allocations per operation).</summary>
public static class MicroBenchmarks
{
    public static async Task<string> RunAsync(BenchContext context)
    {
        var project = Path.Combine(context.RepositoryRoot, "bench", "Baton.Bench.Micro");
        var artifacts = Path.Combine(context.Work, "bdn");
        await BenchContext.RunAsync("dotnet", "run", "-c", "Release", "--project", project, "--", "--filter", "*",
            "--job", context.Quick ? "dry" : "short", "--exporters", "github", "--artifacts", artifacts);
        var tables = Directory.GetFiles(Path.Combine(artifacts, "results"), "*-report-github.md").Order()
            .Select(File.ReadAllText);
        return string.Join("\n", tables);
    }
}
