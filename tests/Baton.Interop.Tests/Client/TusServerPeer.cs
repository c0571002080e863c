using Baton.Testing;

namespace Baton.Interop.Tests.Client;

/// <summary>@tus/server with @tus/file-store (tests/peers/tus-server.mjs) on 127.0.0.1 at a port the OS chooses.</summary>
public sealed class TusServerPeer : IAsyncDisposable
{
    private readonly RunningProcess _process;

    private TusServerPeer(RunningProcess process, TempDirectory store, Uri endpoint)
    {
        _process = process;
        Store = store;
        Endpoint = endpoint;
    }

    public TempDirectory Store { get; }

    /// <summary>The creation URL, e.g. http://127.0.0.1:PORT/files/.</summary>
    public Uri Endpoint { get; }

    public static async Task<TusServerPeer> StartAsync()
    {
        var peers = Path.Combine(BatonCli.RepositoryRoot, "tests", "peers");
        if (!Directory.Exists(Path.Combine(peers, "node_modules", "@tus", "server")))
        {
            throw new InvalidOperationException("@tus/server is not installed: run scripts/install-test-deps.sh");
        }
        var store = new TempDirectory("baton-tus-store-");
        var process = RunningProcess.Start("node", [Path.Combine(peers, "tus-server.mjs"), store.Path], peers);
        var line = await process.WaitForLineAsync(l => l.StartsWith("listening ", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        return new TusServerPeer(process, store, new Uri(line["listening ".Length..].Trim()));
    }

    /// <summary>The stored uploads (the file store keeps each upload's bytes in a file named by its id, metadata beside it as .json).</summary>
    public FileInfo[] Uploads() =>
        [.. new DirectoryInfo(Store.Path).GetFiles().Where(f => f.Extension != ".json")];

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Store.Dispose();
    }
}
