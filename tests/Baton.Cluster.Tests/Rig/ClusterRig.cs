using Baton.Testing;
using Npgsql;

namespace Baton.Cluster.Tests.Rig;

/// <summary>
/// The recipe of docs/cluster.md as the tests run it: <c>scripts/cluster-start.sh</c> (RGW + PostgreSQL + N <c>baton serve</c> +
/// nginx round-robin, all real processes on loopback) in a folder of its own, parsed from the settings it prints;
/// <c>scripts/cluster-stop.sh</c> on dispose. Baton settings (<c>BATON_…</c>) given at start go to every instance.
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

    /// <summary>An Npgsql connection string to the cluster's own database, straight to the server (never through a relay).</summary>
    public string Postgres { get; private set; } = "";

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

    /// <summary>Names (PostgreSQL <c>application_name</c> = instance id) of the instances holding an advisory lock right now.</summary>
    public async Task<IReadOnlyList<string>> LockHoldersAsync()
    {
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("""
            SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, connection);
        var holders = new List<string>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            holders.Add(reader.GetString(0));
        }
        return holders;
    }

    /// <summary>Whether an instance still has a session open on the cluster's database.</summary>
    public async Task<bool> HasSessionsAsync(ClusterInstance instance)
    {
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1", connection);
        query.Parameters.AddWithValue(instance.Id);
        return (long)(await query.ExecuteScalarAsync())! > 0;
    }

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
        // libpq's key=value form (for psql) → Npgsql's.
        var admin = settings["BATON_CLUSTER_PG_ADMIN"].Split(' ').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Postgres = new NpgsqlConnectionStringBuilder
        {
            Host = admin["host"], Port = int.Parse(admin["port"], System.Globalization.CultureInfo.InvariantCulture), Database = admin["dbname"],
            Username = admin["user"], Password = admin["password"], Pooling = false, ApplicationName = "baton-cluster-tests",
        }.ConnectionString;
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
