using Baton.Testing;

namespace Baton.Bench.Peers;

/// <summary>A .NET server process (Baton via its CLI, or the static-files peer) on a free loopback port; its PID is exposed for RSS sampling.</summary>
public sealed class DotnetServer : IAsyncDisposable
{
    private readonly RunningProcess _process;

    private DotnetServer(RunningProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public static Task<DotnetServer> StartBatonAsync(BenchContext context, string root, params string[] extraEnvironment)
    {
        var port = FreePort.Next();
        var environment = new Dictionary<string, string?>
        {
            ["DOTNET_gcServer"] = "0",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var pair in extraEnvironment)
        {
            var cut = pair.IndexOf('=', StringComparison.Ordinal);
            environment[pair[..cut]] = pair[(cut + 1)..];
        }
        return StartAsync(["dotnet", context.BatonDll, "serve", root, "--urls", $"http://127.0.0.1:{port}"], port, environment);
    }

    public static Task<DotnetServer> StartStaticFilesAsync(BenchContext context, string root)
    {
        var port = FreePort.Next();
        return StartAsync(["dotnet", context.StaticFilesPeerDll, root, $"http://127.0.0.1:{port}"], port,
            new Dictionary<string, string?> { ["DOTNET_gcServer"] = "0" });
    }

    private static async Task<DotnetServer> StartAsync(string[] command, int port, IDictionary<string, string?> environment)
    {
        var process = RunningProcess.Start(command[0], command[1..], environment: environment);
        await PortWaiter.WaitAsync(port, process, TimeSpan.FromSeconds(30));
        return new DotnetServer(process, port);
    }

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();
}
