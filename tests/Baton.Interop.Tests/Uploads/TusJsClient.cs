using System.Text.Json;
using Baton.Testing;

namespace Baton.Interop.Tests.Uploads;

/// <summary>Runs tests/peers/tus-upload.mjs (the real tus-js-client under Node) as a separate process.</summary>
public static class TusJsClient
{
    public static string PeersFolder => Path.Combine(BatonCli.RepositoryRoot, "tests", "peers");

    public static async Task<RunningProcess> RunAsync(object options)
    {
        var process = await RunToExitAsync(options);
        Assert.True(process.ExitCode == 0, process.Output);
        return process;
    }

    /// <summary>Runs the client to its end, whatever that is (an error, or a kill it inflicted on itself).</summary>
    public static Task<RunningProcess> RunToExitAsync(object options) =>
        RunningProcess.RunAsync("node", [Path.Combine(PeersFolder, "tus-upload.mjs"), JsonSerializer.Serialize(options)],
            TimeSpan.FromMinutes(3), PeersFolder);

    /// <summary>The value of the first printed line starting with <paramref name="key"/>.</summary>
    public static string Value(RunningProcess process, string key)
    {
        var line = process.Output.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(key + " ", StringComparison.Ordinal));
        Assert.True(line is not null, $"no '{key}' line in:\n{process.Output}");
        return line[(key.Length + 1)..];
    }
}
