using Baton.Testing;

namespace Baton.Bench.Peers;

/// <summary>@tus/server with @tus/file-store (tests/peers/tus-server.mjs), or the byte-dropping tus sink
/// (bench/peers/tus-sink.mjs), on a free loopback port.</summary>
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

    public static Task<TusReferenceServer> StartAsync(BenchContext context, string store) =>
        StartAsync(Path.Combine(context.RepositoryRoot, "tests", "peers", "tus-server.mjs"), store);

    /// <summary>A tus endpoint that keeps nothing: what a client achieves against it is the client's own ceiling.</summary>
    public static Task<TusReferenceServer> StartSinkAsync(BenchContext context, string store) =>
        StartAsync(Path.Combine(context.RepositoryRoot, "bench", "peers", "tus-sink.mjs"), store);

    private static async Task<TusReferenceServer> StartAsync(string script, string store)
    {
        Directory.CreateDirectory(store);
        var process = RunningProcess.Start("node", [script, store]);
        var line = await process.WaitForLineAsync(l => l.StartsWith("listening ", StringComparison.Ordinal));
        return new TusReferenceServer(process, new Uri(line["listening ".Length..].Trim()), store);
    }

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();
}
