using Baton.Testing;

namespace Baton.Faults.Tests.Trials;

/// <summary><c>baton serve ROOT</c> as a separate process on a fixed loopback port, so it can be killed and restarted in place.</summary>
public sealed class ServeProcess : IAsyncDisposable
{
    /// <summary>Checkpoint every 256 KiB so kills land between checkpoints with unacknowledged bytes on disk.</summary>
    private static readonly Dictionary<string, string?> Environment = new()
    {
        ["BATON_STORAGE__DISK__CHECKPOINTBYTES"] = (256 * 1024).ToString(),
    };

    private ServeProcess(RunningProcess process, int port)
    {
        Process = process;
        Url = new Uri($"http://127.0.0.1:{port}/");
    }

    public RunningProcess Process { get; }

    public Uri Url { get; }

    public static async Task<ServeProcess> StartAsync(string root, int port)
    {
        var process = BatonCli.Start(["serve", root, "--urls", $"http://127.0.0.1:{port}"], root, Environment);
        await process.WaitForLineAsync(l => l.Contains("Baton is serving", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        return new ServeProcess(process, port);
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
