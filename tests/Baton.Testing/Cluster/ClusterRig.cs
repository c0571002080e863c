namespace Baton.Testing.Cluster;

/// <summary>
/// The recipe of docs/cluster.md as the tests run it: <c>scripts/cluster-start.sh</c> (RGW + PostgreSQL + N <c>baton serve</c> +
/// nginx round-robin, all real processes on loopback) in a folder of its own, parsed from the settings it prints;
/// <c>scripts/cluster-stop.sh</c> on dispose. Baton settings (<c>BATON_…</c>) given at start go to every instance. Used by the
/// multi-instance tests (tests/Baton.Cluster.Tests) and the <c>cluster</c> benchmark.
/// </summary>
public sealed class ClusterRig : IAsyncDisposable
{
    private readonly TempDirectory _home;
    private readonly Dictionary<string, string?> _environment;

    private ClusterRig(TempDirectory home, Dictionary<string, string?> environment, IReadOnlyDictionary<string, string> settings)
    {
        _home = home;
        _environment = environment;
        Read(settings);
    }

    /// <summary>The load balancer (nginx).</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Every instance's public base URL (<c>Baton:PublicBaseUrl</c>): nginx, or what the test put in front of it.</summary>
    public Uri PublicUrl { get; private set; } = null!;

    public IReadOnlyList<ClusterInstance> Instances { get; private set; } = [];

    /// <summary>nginx's access log: one line per request naming the instance (<c>upstream=127.0.0.1:PORT</c>) that served it.</summary>
    public string AccessLog { get; private set; } = "";

    /// <summary>The cluster's own database, straight to the server (never through a relay): libpq's fields (host, port, dbname,
    /// user, password).</summary>
    public IReadOnlyDictionary<string, string> PostgresAdmin { get; private set; } = new Dictionary<string, string>();

    /// <param name="settings">Baton settings for every instance (<c>BATON_UPLOADS__EXPIRATION</c>…) and script settings.</param>
    /// <param name="postgresPort">The port instances reach PostgreSQL on (a <see cref="TcpRelay"/>), default the server's own.</param>
    /// <param name="publicUrl">What clients reach the cluster at when it is not nginx itself (a proxy in front of it).</param>
    public static async Task<ClusterRig> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, int? postgresPort = null,
        Uri? publicUrl = null)
    {
        var home = new TempDirectory("baton-cluster-");
        var environment = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["BATON_CLUSTER_HOME"] = home.Combine("cluster"),
        };
        if (postgresPort is { } port)
        {
            environment["BATON_CLUSTER_PG_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (publicUrl is not null)
        {
            environment["BATON_CLUSTER_PUBLIC_URL"] = publicUrl.AbsoluteUri;
        }
        try
        {
            return new ClusterRig(home, environment, await RunStartAsync(environment));
        }
        catch
        {
            await StopAsync(environment);
            home.Dispose();
            throw;
        }
    }

    /// <summary>Runs the start script again, as a user would after a kill: it restarts the dead instances on their ports.</summary>
    public async Task RestartDeadInstancesAsync() => Read(await RunStartAsync(_environment));

    private void Read(IReadOnlyDictionary<string, string> settings)
    {
        Url = new Uri(settings["BATON_CLUSTER_URL"]);
        PublicUrl = new Uri(settings["BATON_CLUSTER_PUBLIC_URL"]);
        AccessLog = settings["BATON_CLUSTER_NGINX_LOG"];
        var count = int.Parse(settings["BATON_CLUSTER_INSTANCES"], System.Globalization.CultureInfo.InvariantCulture);
        Instances = [.. Enumerable.Range(1, count).Select(i => new ClusterInstance(
            settings[$"BATON_CLUSTER_INSTANCE_{i}_ID"],
            new Uri(settings[$"BATON_CLUSTER_INSTANCE_{i}_URL"]),
            int.Parse(settings[$"BATON_CLUSTER_INSTANCE_{i}_PID"], System.Globalization.CultureInfo.InvariantCulture),
            settings[$"BATON_CLUSTER_INSTANCE_{i}_LOG"]))];
        // libpq's key=value form, for psql.
        PostgresAdmin = settings["BATON_CLUSTER_PG_ADMIN"].Split(' ').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
    }

    private static string Script(string name) => Path.Combine(BatonCli.RepositoryRoot, "scripts", name);

    private static async Task<IReadOnlyDictionary<string, string>> RunStartAsync(Dictionary<string, string?> environment)
    {
        await using var run = await RunningProcess.RunAsync("bash", [Script("cluster-start.sh")], TimeSpan.FromMinutes(10), environment: environment);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/cluster-start.sh failed ({run.ExitCode}):\n{run.Output}");
        }
        return run.Output.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("BATON_", StringComparison.Ordinal) && line.Contains('='))
            .Select(line => (Key: line[..line.IndexOf('=')], Value: line[(line.IndexOf('=') + 1)..].Trim('"')))
            .GroupBy(p => p.Key)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
    }

    private static async Task StopAsync(Dictionary<string, string?> environment)
    {
        await using var run = await RunningProcess.RunAsync("bash", [Script("cluster-stop.sh")], TimeSpan.FromMinutes(3), environment: environment);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(_environment);
        _home.Dispose();
    }
}
