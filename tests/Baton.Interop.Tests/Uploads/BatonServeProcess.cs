using Baton.Testing;

namespace Baton.Interop.Tests.Uploads;

/// <summary><c>baton serve ROOT</c> as a separate process on a fixed loopback port, so it can be killed and restarted in place.</summary>
public sealed class BatonServeProcess : IAsyncDisposable
{
    private BatonServeProcess(RunningProcess process, Uri url)
    {
        Process = process;
        Url = url;
    }

    public RunningProcess Process { get; }
    public Uri Url { get; }

    public static async Task<BatonServeProcess> StartAsync(string root, int port, IDictionary<string, string?>? environment = null)
    {
        var process = BatonCli.Start(["serve", root, "--urls", $"http://127.0.0.1:{port}"], root, environment);
        await process.WaitForLineAsync(l => l.Contains("Baton is serving", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        return new BatonServeProcess(process, new Uri($"http://127.0.0.1:{port}/"));
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
