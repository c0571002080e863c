using System.Text.Json;
using Baton.Testing;

namespace Baton.Faults.Tests.Trials;

/// <summary>Runs a <c>baton</c> command again and again, as a user would after a failure, until it exits 0.</summary>
public static class CliRuns
{
    public const int MaxRuns = 8;

    /// <summary>Reruns <paramref name="arguments"/> until success; returns the successful run's JSON result line.</summary>
    public static async Task<JsonElement> UntilSuccessAsync(Trial trial, string[] arguments, IDictionary<string, string?> environment)
    {
        for (var run = 1; run <= MaxRuns; run++)
        {
            await using var process = BatonCli.Start(arguments, trial.Work.Path, environment);
            await process.WaitForExitAsync(TimeSpan.FromMinutes(3));
            trial.Log($"run {run}: exit {process.ExitCode}: {Summary(process.Output)}");
            if (process.ExitCode == 0)
            {
                return Result(process.Output) ?? throw new Xunit.Sdk.XunitException($"seed {trial.Seed}: no JSON result line:\n{process.Output}");
            }
            // Exit 3 (network retries exhausted) is what a storm of faults may cause; anything else is a real failure.
            Assert.True(process.ExitCode == 3, $"seed {trial.Seed}: baton {arguments[0]} exited {process.ExitCode}:\n{process.Output}");
        }
        throw new Xunit.Sdk.XunitException($"seed {trial.Seed}: baton {arguments[0]} did not succeed in {MaxRuns} runs");
    }

    public static JsonElement? Result(string output)
    {
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith('{') && line.Contains("\"result\"", StringComparison.Ordinal))
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.GetProperty("type").GetString() == "result")
                {
                    return document.RootElement.Clone();
                }
            }
        }
        return null;
    }

    private static string Summary(string output) =>
        string.Join(" | ", output.Split('\n').Where(l => !l.Contains("\"progress\"", StringComparison.Ordinal) && l.Trim().Length > 0).Take(12));
}
