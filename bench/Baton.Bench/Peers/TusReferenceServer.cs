using Baton.Testing;

namespace Baton.Bench.Peers;

/// <summary>@tus/server with @tus/file-store (tests/peers/tus-server.mjs) on a free loopback port.</summary>
public sealed class TusReferenceServer : IAsyncDisposable
{
    private readonly RunningProcess _process;

    private TusReferenceServer(RunningProcess process, Uri endpoint, string store)
    {
        _process = process;
        Endpoint = endpoint;
        Store = store;
    }

    /// <summary>The creation URL (<c>…/files/</c>).</summary>
    public Uri Endpoint { get; }

    public string Store { get; }

    public static async Task<TusReferenceServer> StartAsync(BenchContext context, string store)
    {
        Directory.CreateDirectory(store);
        var script = Path.Combine(context.RepositoryRoot, "tests", "peers", "tus-server.mjs");
        var process = RunningProcess.Start("node", [script, store]);
        var line = await process.WaitForLineAsync(l => l.StartsWith("listening ", StringComparison.Ordinal));
        return new TusReferenceServer(process, new Uri(line["listening ".Length..].Trim()), store);
    }

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();
}
